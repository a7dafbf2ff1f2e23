/** HTTP load: sign in, then create staff members as fast as the server takes them. */
import autocannon, { type RawRequest } from 'autocannon';
import { cpuMsOf } from './server.ts';

export const ADMIN = { username: 'admin', password: 'Bianmin2026!' };

export interface SignedIn {
  /** The Cookie request header (bm_session, bm_device). */
  cookie: string;
  /** The bm_session token, as the browser holds it. */
  sessionToken: string;
  userId: number;
  displayName: string;
  centerId: number;
}

export async function login(baseUrl: string): Promise<SignedIn> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${text}`);
  const me = JSON.parse(text) as { id: number; displayName: string; centerId: number | null };
  if (me.centerId === null) throw new Error('the demo admin should belong to a center');
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const session = cookies.find((c) => c.startsWith('bm_session='));
  if (!session) throw new Error('login set no bm_session cookie');
  return {
    cookie: cookies.join('; '),
    sessionToken: session.slice('bm_session='.length),
    userId: me.id,
    displayName: me.displayName,
    centerId: me.centerId,
  };
}

/** The body of POST /api/staff: a staff member without window or supervisor. */
export const staffBody = (staffNo: string) => ({
  staffNo,
  name: '基准测试员',
  position: '窗口工作人员',
  windowId: null,
  supervisorId: null,
  inPostFrom: '2026-01-01',
  inPostTo: null,
});

/** Unique staff numbers: `<prefix>-<n>` (the API takes [A-Za-z0-9_-], at most 32). */
export function staffNumbers(prefix: string) {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

export interface LoadResult {
  seconds: number;
  connections: number;
  /** Requests sent (those still in flight when the time is up are sent but not counted). */
  sent: number;
  /** Requests answered 201. */
  created: number;
  writesPerSec: number;
  latencyMs: { avg: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** CPU time (user + system) of the server process per created row, ms. */
  serverCpuMsPerWrite: number | null;
  /** The first refused request, for diagnosis. */
  firstFailure: { status: number; body: string } | null;
}

/** POST /api/staff for `seconds` on `connections` keep-alive connections (autocannon). */
export async function createStaffLoad(opts: {
  baseUrl: string;
  cookie: string;
  seconds: number;
  connections: number;
  nextStaffNo: () => string;
  /** The server process, to read its CPU time. */
  serverPid?: number;
}): Promise<LoadResult> {
  const cpuBefore = opts.serverPid === undefined ? null : cpuMsOf(opts.serverPid);
  let firstFailure: LoadResult['firstFailure'] = null;
  const result = await autocannon({
    url: `${opts.baseUrl}/api/staff`,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 30,
    method: 'POST',
    headers: { cookie: opts.cookie, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request: RawRequest) => ({
          ...request,
          body: JSON.stringify(staffBody(opts.nextStaffNo())),
        }),
        onResponse: (status, body) => {
          if (status !== 201 && firstFailure === null)
            firstFailure = { status, body: body.slice(0, 500) };
        },
      },
    ],
  });
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, s]) => [code, Number(s.count)]),
  );
  const created = statusCodes['201'] ?? 0;
  const cpuAfter = opts.serverPid === undefined ? null : cpuMsOf(opts.serverPid);
  return {
    seconds: result.duration,
    connections: opts.connections,
    sent: result.requests.sent,
    created,
    writesPerSec: Math.round((created / result.duration) * 10) / 10,
    latencyMs: {
      avg: result.latency.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    serverCpuMsPerWrite:
      cpuBefore !== null && cpuAfter !== null && created > 0
        ? Math.round(((cpuAfter - cpuBefore) / created) * 100) / 100
        : null,
    firstFailure,
  };
}

export interface CrashWrites {
  /** Staff numbers whose creation was answered 201 before the crash. */
  acknowledged: string[];
  /** Requests sent in all (acknowledged, refused, or cut off by the crash). */
  sent: string[];
  /** Requests answered with something other than 201 before the crash. */
  refused: number;
}

/**
 * Write from `concurrency` clients until `crashAfterMs`, then call `crash` while requests are still
 * in flight, and keep what was acknowledged.
 */
export async function writeUntilCrash(opts: {
  baseUrl: string;
  cookie: string;
  concurrency: number;
  crashAfterMs: number;
  nextStaffNo: () => string;
  crash: () => Promise<unknown>;
}): Promise<CrashWrites> {
  const acknowledged: string[] = [];
  const sent: string[] = [];
  let refused = 0;
  let crashed = false;
  const worker = async () => {
    while (!crashed) {
      const staffNo = opts.nextStaffNo();
      sent.push(staffNo);
      try {
        const res = await fetch(`${opts.baseUrl}/api/staff`, {
          method: 'POST',
          headers: { cookie: opts.cookie, 'content-type': 'application/json' },
          body: JSON.stringify(staffBody(staffNo)),
        });
        await res.arrayBuffer();
        if (res.status === 201) acknowledged.push(staffNo);
        else refused += 1;
      } catch {
        return; // the server is gone
      }
    }
  };
  const workers = Array.from({ length: opts.concurrency }, worker);
  await new Promise((r) => setTimeout(r, opts.crashAfterMs));
  await opts.crash();
  crashed = true;
  await Promise.all(workers);
  return { acknowledged, sent, refused };
}

/** Staff numbers of the signed-in user's center that contain `text`. */
export async function listStaffNumbers(
  baseUrl: string,
  cookie: string,
  text: string,
): Promise<string[]> {
  const res = await fetch(`${baseUrl}/api/staff?includeLeft=true&q=${encodeURIComponent(text)}`, {
    headers: { cookie },
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET /api/staff: ${res.status} ${body}`);
  return (JSON.parse(body) as { staffNo: string }[]).map((s) => s.staffNo);
}
