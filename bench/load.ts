/** HTTP load: sign in, then create staff members as fast as the server takes them. */
import autocannon, { type RawRequest } from 'autocannon';
import { cpuMsOf } from './server.ts';
import { latencyOf, round1, round2, sum, type Latency } from './stats.ts';

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

export async function login(
  baseUrl: string,
  account: { username: string; password: string } = ADMIN,
): Promise<SignedIn> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${text}`);
  const me = JSON.parse(text) as { id: number; displayName: string; centerId: number | null };
  if (me.centerId === null)
    throw new Error(`the demo ${account.username} should belong to a center`);
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

/** One autocannon run. */
export interface LoadSlice {
  seconds: number;
  /** Requests sent; those still in flight when the time is up are sent but never answered. */
  sent: number;
  /** Requests answered as expected (201 for a POST; for a GET, what its judge accepts). */
  created: number;
  /** Requests answered otherwise. */
  wrong: number;
  non2xx: number;
  /** Connection errors (timeouts included). */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Latency of every answered request, ms. */
  latencies: number[];
  /** CPU time the server process used during the run, ms. */
  serverCpuMs: number | null;
  /** The first refused request, for diagnosis. */
  firstFailure: { status: number; body: string } | null;
}

/** POST /api/staff for `seconds` on `connections` keep-alive connections (autocannon). */
export function createStaffLoad(opts: {
  baseUrl: string;
  cookie: string;
  seconds: number;
  connections: number;
  nextStaffNo: () => string;
  /** The server process, to read its CPU time. */
  serverPid: number;
}): Promise<LoadSlice> {
  return postLoad({ ...opts, path: '/api/staff', body: () => staffBody(opts.nextStaffNo()) });
}

/** A POST for `seconds` on `connections` keep-alive connections (autocannon); 201 is success. */
export function postLoad(opts: {
  baseUrl: string;
  path: string;
  cookie: string;
  seconds: number;
  connections: number;
  /** The JSON body of the next request. */
  body: () => unknown;
  /** The server process, to read its CPU time. */
  serverPid: number;
}): Promise<LoadSlice> {
  return autocannonLoad({
    ...opts,
    method: 'POST',
    headers: { cookie: opts.cookie, 'content-type': 'application/json' },
    next: () => ({
      request: { body: JSON.stringify(opts.body()) },
      judge: (status) => (status === 201 ? null : 'not 201'),
    }),
  });
}

/**
 * GETs of changing paths for `seconds` on `connections` keep-alive connections (autocannon); an
 * answer counts when `judge` finds nothing wrong with it (null), else what it says is the failure.
 */
export function getLoad(opts: {
  baseUrl: string;
  seconds: number;
  connections: number;
  /** The path of the next request, and how to judge its answer. */
  next: () => { path: string; judge: (status: number, body: string) => string | null };
  serverPid: number;
}): Promise<LoadSlice> {
  return autocannonLoad({
    ...opts,
    path: opts.next().path,
    method: 'GET',
    headers: {},
    next: () => {
      const n = opts.next();
      return { request: { path: n.path }, judge: n.judge };
    },
  });
}

type Judge = (status: number, body: string) => string | null;

async function autocannonLoad(opts: {
  baseUrl: string;
  /** The path of the first request (autocannon's url). */
  path: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  seconds: number;
  connections: number;
  next: () => { request: RawRequest; judge: Judge };
  serverPid: number;
}): Promise<LoadSlice> {
  const cpuBefore = cpuMsOf(opts.serverPid);
  let firstFailure: LoadSlice['firstFailure'] = null;
  let right = 0;
  let wrong = 0;
  const latencies: number[] = [];
  const instance = autocannon({
    url: `${opts.baseUrl}${opts.path}`,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 30,
    method: opts.method,
    headers: opts.headers,
    requests: [
      {
        // One request at a time per connection: the context is that of the request answered.
        setupRequest: (request: RawRequest, context: Record<string, unknown>) => {
          const n = opts.next();
          context.judge = n.judge;
          return { ...request, ...n.request };
        },
        onResponse: (status, body, context) => {
          const problem = (context.judge as Judge)(status, body);
          if (problem === null) right += 1;
          else {
            wrong += 1;
            firstFailure ??= { status, body: `${problem}: ${body.slice(0, 500)}` };
          }
        },
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  const cpuAfter = cpuMsOf(opts.serverPid);
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, s]) => [code, Number(s.count)]),
  );
  return {
    seconds: result.duration,
    sent: result.requests.sent,
    created: right,
    wrong,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    latencies,
    serverCpuMs: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
    firstFailure,
  };
}

/** The measured runs of one path, taken together. */
export interface LoadResult {
  runs: number;
  seconds: number;
  connections: number;
  sent: number;
  created: number;
  writesPerSec: number;
  latencyMs: Latency;
  wrong: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** CPU time (user + system) of the server process per created row, ms. */
  serverCpuMsPerWrite: number | null;
  firstFailure: LoadSlice['firstFailure'];
}

export function combineLoad(slices: LoadSlice[], connections: number): LoadResult {
  const seconds = sum(slices.map((s) => s.seconds));
  const created = sum(slices.map((s) => s.created));
  const statusCodes: Record<string, number> = {};
  for (const s of slices) {
    for (const [code, n] of Object.entries(s.statusCodes))
      statusCodes[code] = (statusCodes[code] ?? 0) + n;
  }
  const cpu = slices.every((s) => s.serverCpuMs !== null)
    ? sum(slices.map((s) => s.serverCpuMs ?? 0))
    : null;
  return {
    runs: slices.length,
    seconds: round2(seconds),
    connections,
    sent: sum(slices.map((s) => s.sent)),
    created,
    writesPerSec: round1(created / seconds),
    latencyMs: latencyOf(slices.flatMap((s) => s.latencies)),
    wrong: sum(slices.map((s) => s.wrong)),
    non2xx: sum(slices.map((s) => s.non2xx)),
    errors: sum(slices.map((s) => s.errors)),
    timeouts: sum(slices.map((s) => s.timeouts)),
    statusCodes,
    serverCpuMsPerWrite: cpu !== null && created > 0 ? round2(cpu / created) : null,
    firstFailure: slices.find((s) => s.firstFailure)?.firstFailure ?? null,
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
