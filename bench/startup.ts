/**
 * The embedded server (PGlite in a data folder) with many cases: start-up time and resident memory,
 * `npm run bench:startup` (docs/perf.md, "The embedded server with 1,000,000 cases: memory and
 * start-up (issue 12)").
 *
 * 1. **The folder** (made once, then cached under `--cache`, keyed by the number of cases and the
 *    last migration), in this process with the server's own code: `openDatabase` on the empty
 *    folder (PGlite's initdb, every migration), the audit key (`openAuditTrail`), the demo seed
 *    (`seedDemo`: centers, units, windows, catalog, staff and accounts, calendar), N cases of 青石镇
 *    by SQL (`generationSql` of bench/generate.ts, as bench:board makes them on PostgreSQL), then
 *    what a running server would have done day by day (`sweepOverdue`: a violation candidate for
 *    every overdue case, audited; `sweepWarnings`), `VACUUM ANALYZE`.
 * 2. **The independent count**: the folder opened as it is (no migration), the center's cases
 *    counted by SQL of its own with index scans off (all, open, paused, and the deadlines of the
 *    running ones, to tell red and yellow at any instant).
 * 3. **`--runs` start-ups** of the real server as `npm start` runs it (`NODE_ENV=production node
 *    --import tsx src/main.ts` in packages/server; the web build before it is not timed), with
 *    `BIANMIN_DEMO=0` on the folder, `BIANMIN_BACKUP_AT=off` (no nightly copy of the folder in the
 *    middle of a measurement) and a `BIANMIN_METRICS_TOKEN` (its /metrics says when the start-up
 *    sweeps have run, and V8's heap): time from spawn() to listening (the server's "Server
 *    listening" log line) and to the first 200 of /api/health; VmRSS, VmHWM and RssAnon of the
 *    server process and VmRSS of any children (/proc) right after, once the start-up sweeps have
 *    run, after a warm-up (the director signs in and opens the board, the statistics and the case
 *    list; a clerk her workbench; the portal's pages and a few case lookups), during (sampled) and
 *    after `--load-seconds` of steady reads from `--connections` clients (board, statistics, case
 *    lists and search, case details, the bell, the portal); SIGTERM to exit. The checks: health ok
 *    (at the start and the end), the start-up sweeps ran, the board's open / paused / red / yellow
 *    and the case list's totals equal to the independent count, each looked-up case found, every
 *    request answered 200, a clean exit (0) on SIGTERM; any failure exits 1.
 * 4. **What a start is made of**, after each run: the folder opened step by step in a fresh process
 *    as main.ts does it (folder lock; PGlite's WebAssembly compiled; PostgreSQL started in it, with
 *    recovery if the log needs replaying; the applied migrations read and checked; app.ts imported;
 *    buildApp; the audit key and anchors; the folder's one syncfs), each step timed, with the
 *    resident memory and PGlite's WebAssembly memory after it, and PostgreSQL's settings and log.

 * Options: --cases N (1000000), --runs N (3), --load-seconds S (60), --connections C (4), --openings
 * N (the step-by-step opening after the first N runs; all by default, 0: none), --cache DIR
 * (<tmp>/bianmin-bench-startup), --regenerate (make the folder again), --drop (remove the cached
 * folder at the end). A CI-sized run: --cases 20000 --runs 1 --load-seconds 5 --openings 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { openAuditTrail } from '../packages/server/src/audit/anchor.ts';
import { setAuditKey } from '../packages/server/src/audit/key.ts';
import { systemClock } from '../packages/server/src/clock.ts';
import { openDatabase, type Db } from '../packages/server/src/db/connect.ts';
import { DiskSpace } from '../packages/server/src/db/disk.ts';
import { syncFolderOnce } from '../packages/server/src/db/flusher.ts';
import { inspectDataFolder } from '../packages/server/src/db/folder.ts';
import { lockDataFolder } from '../packages/server/src/db/lock.ts';
import { migrateToLatest } from '../packages/server/src/db/migrate.ts';
import { PGliteDialect } from '../packages/server/src/db/pglite-dialect.ts';
import { DbEvents } from '../packages/server/src/db/trouble.ts';
import { durableStartParams, DurableNodeFS } from '../packages/server/src/db/pglite-fs.ts';
import type { Database } from '../packages/server/src/db/schema.ts';
import {
  OID,
  parseDate,
  parseInt8,
  parseNumeric,
  parseTimestamptz,
} from '../packages/server/src/db/types-parsers.ts';
import { DEMO_PASSWORD, seedDemo } from '../packages/server/src/demo/seed.ts';
import { sweepWarnings } from '../packages/server/src/modules/inbox/sweep.ts';
import { sweepOverdue } from '../packages/server/src/modules/violations/service.ts';
import { depsOf } from './direct.ts';
import { generationSql, MEASURED, OPEN, RUNNING, sharesOf } from './generate.ts';
import { gitDescribe, machineWatch } from './machine.ts';
import { cpuMsOf, freePort, HOST, REPO_ROOT } from './server.ts';
import { latencyOf, round1 } from './stats.ts';

const { values: opts } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    'load-seconds': { type: 'string', default: '60' },
    connections: { type: 'string', default: '4' },
    cache: { type: 'string', default: join(tmpdir(), 'bianmin-bench-startup') },
    regenerate: { type: 'boolean', default: false },
    drop: { type: 'boolean', default: false },
    /** How many start-ups are followed by the step-by-step opening (all; 0: none). */
    openings: { type: 'string' },
    /** Internal: the step-by-step opening of this folder, in a fresh process (JSON on stdout). */
    'opening-of': { type: 'string' },
  },
});
const CASES = Number(opts.cases);
const RUNS = Number(opts.runs);
const LOAD_SECONDS = Number(opts['load-seconds']);
const CONNECTIONS = Number(opts.connections);
if (!Number.isInteger(CASES) || CASES < 1000)
  throw new Error('--cases must be a whole number ≥ 1000');
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be a whole number ≥ 1');
if (!Number.isFinite(LOAD_SECONDS) || LOAD_SECONDS < 0)
  throw new Error('--load-seconds must be a number ≥ 0');
if (!Number.isInteger(CONNECTIONS) || CONNECTIONS < 1)
  throw new Error('--connections must be a whole number ≥ 1');
const OPENINGS = opts.openings === undefined ? RUNS : Number(opts.openings);
if (!Number.isInteger(OPENINGS) || OPENINGS < 0)
  throw new Error('--openings must be a whole number ≥ 0');

const SERVER_DIR = join(REPO_ROOT, 'packages', 'server');
const MIGRATIONS_DIR = join(SERVER_DIR, 'src', 'db', 'migrations');
/** Bump when the folder is made differently: older cached folders are then not reused. */
const FOLDER_VERSION = 1;
const DIRECTOR = { username: 'director', password: DEMO_PASSWORD };
const CLERK = { username: 'clerk', password: DEMO_PASSWORD };
/** A secret for /metrics (the scraper's token, docs/operations.md): the server's own heap figures. */
const METRICS_TOKEN = 'bench-startup-metrics-token-0123456789';

const say = (text: string) => process.stderr.write(`[startup] ${text}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (bytes: number) => round1(bytes / 2 ** 20);
const load1 = () => round1(loadavg()[0]!);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? NaN
    : s.length % 2
      ? s[(s.length - 1) / 2]!
      : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// ── Processes and memory ───────────────────────────────────────────────────────────────────────

/** VmRSS, VmHWM and RssAnon of one process, KiB (null when it is gone). */
function statusOf(pid: number): { rss: number; hwm: number; anon: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS'), hwm: kb('VmHWM'), anon: kb('RssAnon') };
  } catch {
    return null;
  }
}

/** The processes below `pid` (children, grandchildren…), from the parent pids in /proc. */
function descendantsOf(pid: number): number[] {
  const parentOf = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = parentOf.get(ppid) ?? [];
      list.push(Number(name));
      parentOf.set(ppid, list);
    } catch {
      // ended meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of parentOf.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** Memory of the server process and of its children, MiB. */
interface Memory {
  /** VmRSS of the server process. */
  rssMiB: number;
  /** VmHWM (peak VmRSS so far) of the server process. */
  hwmMiB: number;
  /** Its anonymous part (heaps: V8's, PGlite's WebAssembly memory). */
  anonMiB: number;
  /** VmRSS of its children together (0 without any), and their names. */
  childrenRssMiB: number;
  children: string[];
}

function memoryOf(pid: number): Memory | null {
  const own = statusOf(pid);
  if (!own) return null;
  const pids = descendantsOf(pid);
  const kids = pids.map(statusOf).filter((s) => s !== null);
  const nameOf = (p: number) => {
    try {
      return readFileSync(`/proc/${p}/comm`, 'utf8').trim();
    } catch {
      return '?';
    }
  };
  return {
    rssMiB: round1(own.rss / 1024),
    hwmMiB: round1(own.hwm / 1024),
    anonMiB: round1(own.anon / 1024),
    childrenRssMiB: round1(kids.reduce((s, k) => s + k.rss, 0) / 1024),
    children: pids.map(nameOf),
  };
}

/** Size of a folder: apparent (the files' lengths) and on disk (allocated blocks, as `du`), MiB. */
function folderSize(dir: string): { files: number; apparentMiB: number; onDiskMiB: number } {
  let files = 0;
  let bytes = 0;
  let blocks = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const st = statSync(join(entry.parentPath, entry.name));
    files += 1;
    bytes += st.size;
    blocks += st.blocks;
  }
  return { files, apparentMiB: mib(bytes), onDiskMiB: mib(blocks * 512) };
}

// ── The server as `npm start` runs it ──────────────────────────────────────────────────────────

/** The server's variables (and every BIANMIN_*): the caller's environment must not leak in. */
const OWN_VARIABLES = [
  'DATABASE_URL',
  'DATABASE_READ_URL',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'NODE_ENV',
];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

interface Server {
  pid: number;
  baseUrl: string;
  logPath: string;
  /** Date.now() and performance.now() at spawn(). */
  spawnedAt: number;
  spawnedPerf: number;
  /** spawn() → /api/health answers 200, ms. */
  healthMs: number;
  /** The first answer of /api/health. */
  health: { status: string; database: string };
  stop(): Promise<Exit & { ms: number }>;
}

/** The JSON lines of the server's log. */
function logLines(path: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // not JSON
    }
  }
  return out;
}

/**
 * `npm start`'s server: `NODE_ENV=production node --import tsx src/main.ts` in packages/server (the
 * `serve` script, after the web build), one process, on the folder.
 */
async function startServer(dataDir: string, logPath: string, demo: boolean): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env))
    if (name.startsWith('BIANMIN_') || OWN_VARIABLES.includes(name)) delete env[name];
  Object.assign(env, {
    NODE_ENV: 'production',
    HOST,
    PORT: String(port),
    BIANMIN_DATA_DIR: dataDir,
    BIANMIN_DEMO: demo ? '1' : '0',
    // No nightly backup in the middle of a measurement (a copy of the whole folder).
    BIANMIN_BACKUP_AT: 'off',
    BIANMIN_METRICS_TOKEN: METRICS_TOKEN,
    LOG_LEVEL: 'info',
  });
  const out = openSync(logPath, 'a');
  const spawnedAt = Date.now();
  const spawnedPerf = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  running.add(child);
  const exit = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  let ended: Exit | null = null;
  void exit.then((e) => (ended = e));
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the server');
  const baseUrl = `http://${HOST}:${port}`;
  const deadline = spawnedPerf + 15 * 60_000;
  let healthMs: number | null = null;
  let health: Server['health'] | null = null;
  while (healthMs === null) {
    if (ended)
      throw new Error(
        `the server ended during start-up (${JSON.stringify(ended)}); the end of its log:\n` +
          readFileSync(logPath, 'utf8').slice(-2000),
      );
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /api/health in time; see ${logPath}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(120_000) });
      const body = (await res.json()) as Server['health'];
      if (res.ok) {
        healthMs = performance.now() - spawnedPerf;
        health = body;
      }
    } catch {
      // not listening yet
    }
    if (healthMs === null) await sleep(5);
  }
  return {
    pid,
    baseUrl,
    logPath,
    spawnedAt,
    spawnedPerf,
    healthMs: Math.round(healthMs),
    health: health!,
    async stop() {
      const t0 = performance.now();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const e = await exit;
      clearTimeout(timer);
      return { ...e, ms: Math.round(performance.now() - t0) };
    },
  };
}

/** What the server's log says of its start: listening (ms after spawn), its own startupMs. */
function startOfLog(server: Server) {
  const lines = logLines(server.logPath).filter((l) => l.pid === server.pid);
  const listening = lines.find(
    (l) => typeof l.msg === 'string' && l.msg.startsWith('Server listening'),
  );
  const started = lines.find((l) => typeof l.startupMs === 'number');
  const first = lines[0];
  return {
    /** spawn() → the first log line (the app built: Fastify's logger exists). */
    firstLogMs: typeof first?.time === 'number' ? first.time - server.spawnedAt : null,
    listenMs: typeof listening?.time === 'number' ? listening.time - server.spawnedAt : null,
    /** main.ts's own figure: from its first line (modules loaded) until listening. */
    serverReportedMs: typeof started?.startupMs === 'number' ? started.startupMs : null,
  };
}

/** Runs of each background job so far, from /metrics (`bianmin_job_runs_total`, both outcomes). */
async function jobRuns(baseUrl: string): Promise<Record<string, number>> {
  const res = await fetch(`${baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const runs: Record<string, number> = {};
  for (const line of (await res.text()).split('\n')) {
    const m = /^bianmin_job_runs_total\{([^}]*)\} (\d+)/.exec(line);
    const job = m ? /job="(\w+)"/.exec(m[1]!)?.[1] : undefined;
    if (m && job) runs[job] = (runs[job] ?? 0) + Number(m[2]);
  }
  return runs;
}

/**
 * Wait for the sweeps of the start (main.ts: the inbox's before listening, then overdue, inbox,
 * terms and bookings once listening) to have run, as /metrics counts them.
 */
async function untilSwept(baseUrl: string, maxMs: number): Promise<{ ms: number; done: boolean }> {
  const t0 = performance.now();
  const wanted: Record<string, number> = { overdue: 1, inbox: 2, terms: 1, bookings: 1 };
  while (performance.now() - t0 < maxMs) {
    const runs = await jobRuns(baseUrl);
    if (Object.entries(wanted).every(([job, n]) => (runs[job] ?? 0) >= n))
      return { ms: Math.round(performance.now() - t0), done: true };
    await sleep(100);
  }
  return { ms: Math.round(performance.now() - t0), done: false };
}

/** The server's heap figures from /metrics (prom-client's default metrics), MiB. */
async function heapOf(baseUrl: string) {
  try {
    const res = await fetch(`${baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    const text = await res.text();
    const value = (name: string) => {
      const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([\\d.e+]+)$`, 'm').exec(text);
      return m ? mib(Number(m[1])) : null;
    };
    return {
      v8HeapUsedMiB: value('bianmin_nodejs_heap_size_used_bytes'),
      v8HeapTotalMiB: value('bianmin_nodejs_heap_size_total_bytes'),
      externalMiB: value('bianmin_nodejs_external_memory_bytes'),
    };
  } catch {
    return null;
  }
}

// ── The API, as the console and the portal call it ──────────────────────────────────────────────

interface Session {
  cookie: string;
}

async function signIn(
  baseUrl: string,
  account: { username: string; password: string },
): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`sign-in of ${account.username}: ${res.status} ${text}`);
  return {
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .join('; '),
  };
}

interface Answer {
  status: number;
  ms: number;
  body: unknown;
}

async function get(baseUrl: string, path: string, session?: Session): Promise<Answer> {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}${path}`, {
    headers: session ? { cookie: session.cookie } : {},
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, ms: round1(ms), body };
}

// ── The folder ─────────────────────────────────────────────────────────────────────────────────

const lastMigration = () =>
  readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_\w+\.ts$/.test(f))
    .sort()
    .at(-1)!
    .replace(/\.ts$/, '');

interface FolderMeta {
  version: number;
  cases: number;
  lastMigration: string;
  createdAt: string;
  commit: string;
  /** Each step of making it, ms. */
  steps: {
    /** openDatabase on the empty folder: PGlite's initdb, then every migration. */
    initdbAndMigrations: number;
    /** The audit key (openAuditTrail, as main.ts does before the demo). */
    auditKey: number;
    /** The demo's centers, units, windows, catalog, staff and accounts, calendar (seedDemo). */
    seed: number;
    insert: number;
    /** The overdue cases' violation candidates and the holders' warnings (the app's sweeps). */
    sweeps: number;
    vacuumAnalyze: number;
    close: number;
  };
  candidatesRaised: number;
  warningsTold: number;
  load1: number;
  size: ReturnType<typeof folderSize>;
  totalMs: number;
}

/**
 * The folder, made in this process with the server's own code, as a first start makes it and a
 * center fills it: `openDatabase` (initdb, migrations), the audit key (`openAuditTrail`), the demo
 * seed (`seedDemo`: centers, units, windows, catalog, staff, accounts, calendar), the cases by SQL,
 * then the sweeps a running server would have made day by day (`sweepOverdue`: a violation
 * candidate for every overdue case, audited; `sweepWarnings`), and `VACUUM ANALYZE`.
 */
async function makeFolder(root: string, dataDir: string): Promise<FolderMeta> {
  const t0 = performance.now();
  rmSync(root, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  let t = performance.now();
  const lap = () => {
    const ms = Math.round(performance.now() - t);
    t = performance.now();
    return ms;
  };
  say('initdb and migrations (openDatabase on the empty folder)');
  const db = await openDatabase({ kind: 'pglite', dataDir });
  const initdbAndMigrations = lap();
  try {
    const trail = await openAuditTrail(db.kysely, systemClock, join(dataDir, 'audit'), (e) => {
      throw e;
    });
    const auditKey = lap();
    await seedDemo(db.kysely, systemClock);
    const seed = lap();
    const center = await db.kysely
      .selectFrom('centers')
      .select('id')
      .where('code', '=', MEASURED)
      .executeTakeFirstOrThrow();
    const [share] = sharesOf(1);
    say(`generating ${CASES.toLocaleString('en')} cases of ${MEASURED} (one INSERT … SELECT)`);
    await sql.raw(generationSql([{ id: center.id, share: share! }], CASES)).execute(db.kysely);
    const insert = lap();
    say(`  in ${round1(insert / 1000)} s; the sweeps: violation candidates, warnings`);
    const deps = depsOf(db);
    let candidatesRaised = 0;
    for (let n = -1; n !== 0; candidatesRaised += n) n = await sweepOverdue(deps, 500);
    let warningsTold = 0;
    for (let n = -1; n !== 0; warningsTold += n) n = await sweepWarnings(deps, 500);
    const sweeps = lap();
    say(
      `  ${candidatesRaised} candidates, ${warningsTold} warnings in ${round1(sweeps / 1000)} s; ` +
        'VACUUM ANALYZE',
    );
    await sql.raw('vacuum analyze').execute(db.kysely);
    const vacuumAnalyze = lap();
    await trail.stop();
    await db.close();
    const close = lap();
    const meta: FolderMeta = {
      version: FOLDER_VERSION,
      cases: CASES,
      lastMigration: lastMigration(),
      createdAt: new Date().toISOString(),
      commit: gitDescribe(),
      steps: { initdbAndMigrations, auditKey, seed, insert, sweeps, vacuumAnalyze, close },
      candidatesRaised: Math.max(0, candidatesRaised),
      warningsTold: Math.max(0, warningsTold),
      load1: load1(),
      size: folderSize(dataDir),
      totalMs: Math.round(performance.now() - t0),
    };
    writeFileSync(join(root, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
    return meta;
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  } finally {
    setAuditKey(null);
  }
}

/** The center's cases as SQL of its own counts them (index scans off), before a start. */
interface Counted {
  centerId: number;
  /** Every case of the database, and of the center. */
  all: number;
  center: number;
  open: number;
  paused: number;
  /** The running cases' deadlines and yellow instants (epoch ms), to count red and yellow at any instant. */
  running: { deadline: number; yellow: number }[];
  /** Generated cases: id range and a few to look up on the portal. */
  generatedIds: { min: number; max: number };
  lookups: { receiptNo: string; queryCode: string }[];
}

async function countIndependently(dataDir: string): Promise<Counted> {
  const db = await openDatabase({ kind: 'pglite', dataDir }, { migrate: false });
  try {
    const k = db.kysely;
    const center = await k
      .selectFrom('centers')
      .select('id')
      .where('code', '=', MEASURED)
      .executeTakeFirstOrThrow();
    const id = center.id;
    const { rows } = await sql
      .raw<{ counts: string }>(
        `set enable_indexscan = off; set enable_indexonlyscan = off; set enable_bitmapscan = off;
         select json_build_object(
           'all', (select count(*) from cases),
           'center', count(*),
           'open', count(*) filter (where status in ${OPEN}),
           'paused', count(*) filter (where status = 'paused'),
           'min', min(id) filter (where length(receipt_no) = 19),
           'max', max(id) filter (where length(receipt_no) = 19))::text as counts
         from cases where center_id = ${id};`,
      )
      .execute(k);
    const c = JSON.parse(rows[0]!.counts) as Record<string, number>;
    const running = await sql
      .raw<{ deadline_at: Date; yellow_at: Date }>(
        `select deadline_at, yellow_at from cases where center_id = ${id} and status in ${RUNNING}
         and deadline_at is not null and yellow_at is not null`,
      )
      .execute(k);
    const lookups = await sql
      .raw<{ receipt_no: string; query_code: string }>(
        `select receipt_no, query_code from cases where center_id = ${id} and length(receipt_no) = 19
         and id in (${c.min}, ${c.max}, ${Math.floor((c.min! + c.max!) / 2)})`,
      )
      .execute(k);
    await sql.raw('reset all').execute(k);
    return {
      centerId: id,
      all: c.all!,
      center: c.center!,
      open: c.open!,
      paused: c.paused!,
      running: running.rows.map((r) => ({
        deadline: r.deadline_at.getTime(),
        yellow: r.yellow_at.getTime(),
      })),
      generatedIds: { min: c.min!, max: c.max! },
      lookups: lookups.rows.map((r) => ({ receiptNo: r.receipt_no, queryCode: r.query_code })),
    };
  } finally {
    await db.close();
  }
}

/** Red and yellow at an instant, as the board counts them (running, past the deadline / yellow). */
function lightsAt(counted: Counted, at: number) {
  let red = 0;
  let yellow = 0;
  for (const r of counted.running) {
    if (r.deadline < at) red += 1;
    else if (r.yellow <= at) yellow += 1;
  }
  return { red, yellow };
}

// ── One start-up ───────────────────────────────────────────────────────────────────────────────

interface Check {
  what: string;
  expected: unknown;
  actual: unknown;
  ok: boolean;
}

interface RunResult {
  run: number;
  load1AtStart: number;
  load1AtEnd: number;
  listenMs: number | null;
  healthMs: number;
  serverReportedMs: number | null;
  firstLogMs: number | null;
  memory: {
    started: Memory | null;
    idle: Memory | null;
    warm: Memory | null;
    /** The highest VmRSS sampled during the steady load (server + children). */
    loadPeakRssMiB: number;
    afterLoad: Memory | null;
  };
  heap: { started: unknown; afterLoad: unknown };
  /** The first 200 of /api/health → the start-up sweeps done. */
  sweptAfterMs: number;
  warmup: { what: string; status: number; ms: number }[];
  load: {
    seconds: number;
    connections: number;
    requests: number;
    failed: number;
    firstFailure: string | null;
    perSecond: number;
    latency: ReturnType<typeof latencyOf>;
    byKind: Record<string, { n: number; p50: number; p95: number }>;
    serverCpuMs: number | null;
    trend: { atS: number; rssMiB: number | null; heapUsedMiB: number | null }[];
  };
  stop: Exit & { ms: number };
  checks: Check[];
  logPath: string;
}

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;

async function oneRun(
  run: number,
  dataDir: string,
  counted: Counted,
  logPath: string,
): Promise<RunResult> {
  const checks: Check[] = [];
  const expect = (what: string, expected: unknown, actual: unknown) =>
    checks.push({
      what,
      expected,
      actual,
      ok: JSON.stringify(expected) === JSON.stringify(actual),
    });
  const load1AtStart = load1();
  const server = await startServer(dataDir, logPath, false);
  const started = memoryOf(server.pid);
  const heapStarted = await heapOf(server.baseUrl);
  expect(
    'health at start',
    { status: 'ok', database: 'pglite' },
    {
      status: server.health.status,
      database: server.health.database,
    },
  );
  const log = startOfLog(server);
  say(
    `run ${run}: listening after ${log.listenMs ?? '?'} ms, health 200 after ${server.healthMs} ms, ` +
      `RSS ${started?.rssMiB ?? '?'} MiB`,
  );
  const swept = await untilSwept(server.baseUrl, 10 * 60_000);
  expect('the start-up sweeps ran', true, swept.done);
  const idleMemory = memoryOf(server.pid);
  say(`  start-up sweeps done ${swept.ms} ms later: RSS ${idleMemory?.rssMiB ?? '?'} MiB`);

  // The warm-up: what a director, a clerk and a citizen open first.
  const base = server.baseUrl;
  const warmup: RunResult['warmup'] = [];
  const step = async (what: string, path: string, session?: Session) => {
    const a = await get(base, path, session);
    warmup.push({ what, status: a.status, ms: a.ms });
    if (a.status !== 200) expect(`warm-up ${what}: status`, 200, a.status);
    return a;
  };
  const director = await signIn(base, DIRECTOR);
  const board = await step('board (看板)', '/api/board', director);
  const b = board.body as {
    now: string;
    totals: { open: number; paused: number; red: number; yellow: number };
  };
  const lights = lightsAt(counted, Date.parse(b.now));
  expect(
    'board: open, paused, red, yellow',
    { open: counted.open, paused: counted.paused, ...lights },
    { open: b.totals.open, paused: b.totals.paused, red: b.totals.red, yellow: b.totals.yellow },
  );
  await step('statistics (办件统计)', '/api/stats', director);
  await step('trend (12 months)', '/api/stats/trend', director);
  const list = await step('case list, page 1', '/api/cases?page=1&pageSize=50', director);
  expect('case list: total of the center', counted.center, (list.body as { total: number }).total);
  const open = await step('case list, open', '/api/cases?status=open&page=1&pageSize=50', director);
  expect('case list (open): total', counted.open, (open.body as { total: number }).total);
  await step('case list, page 200', '/api/cases?page=200&pageSize=50', director);
  await step('inbox count', '/api/inbox/count', director);
  const clerk = await signIn(base, CLERK);
  await step('workbench (clerk)', '/api/workbench', clerk);
  await step('case list, mine (clerk)', '/api/cases?mine=true&page=1&pageSize=50', clerk);
  await step('portal: centers', '/api/public/centers');
  await step('portal: center (hours)', `/api/public/centers/${MEASURED}`);
  await step('portal: service guide', `/api/public/centers/${MEASURED}/guide`);
  await step('portal: announcements', `/api/public/centers/${MEASURED}/announcements`);
  for (const [i, c] of counted.lookups.entries()) {
    const a = await step(
      `portal: case lookup ${i + 1}`,
      `/api/public/case-status?receiptNo=${c.receiptNo}&queryCode=${c.queryCode}`,
    );
    expect(
      `case lookup ${i + 1}: found`,
      c.receiptNo,
      (a.body as { receiptNo?: string }).receiptNo?.replaceAll('-', ''),
    );
  }
  const warm = memoryOf(server.pid);
  say(`  warm-up: ${warmup.map((w) => `${w.what} ${w.ms} ms`).join(', ')}`);
  say(`  after the warm-up: RSS ${warm?.rssMiB ?? '?'} MiB`);

  // Steady load: what the staff of a busy center keep opening, from several clients at once.
  const ids = counted.generatedIds;
  const kinds: { kind: string; weight: number; path: () => string; session: Session | null }[] = [
    { kind: 'board', weight: 1, path: () => '/api/board', session: director },
    { kind: 'statistics', weight: 0.5, path: () => '/api/stats', session: director },
    { kind: 'trend', weight: 0.5, path: () => '/api/stats/trend', session: director },
    {
      kind: 'case list',
      weight: 2,
      path: () => `/api/cases?page=${1 + Math.floor(Math.random() * 20)}&pageSize=50`,
      session: director,
    },
    {
      kind: 'open cases',
      weight: 1,
      path: () => `/api/cases?status=open&page=${1 + Math.floor(Math.random() * 5)}&pageSize=50`,
      session: clerk,
    },
    {
      kind: 'search',
      weight: 1,
      path: () => `/api/cases?q=${pick(counted.lookups).receiptNo}&page=1&pageSize=50`,
      session: clerk,
    },
    {
      kind: 'case detail',
      weight: 2,
      path: () => `/api/cases/${ids.min + Math.floor(Math.random() * (ids.max - ids.min + 1))}`,
      session: director,
    },
    { kind: 'workbench', weight: 1, path: () => '/api/workbench', session: clerk },
    { kind: 'bell', weight: 2, path: () => '/api/inbox/count', session: clerk },
    { kind: 'portal', weight: 1, path: () => `/api/public/centers/${MEASURED}`, session: null },
  ];
  const totalWeight = kinds.reduce((s, k) => s + k.weight, 0);
  /**
   * The portal's pages come from many phones, here from one address: at most 2 a second, under
   * the server's limit per address (300 a minute); otherwise another kind is drawn.
   */
  let nextPortalAt = 0;
  const choose = (): (typeof kinds)[number] => {
    let r = Math.random() * totalWeight;
    const k = kinds.find((x) => (r -= x.weight) < 0) ?? kinds.at(-1)!;
    if (k.session !== null) return k;
    if (performance.now() < nextPortalAt) return choose();
    nextPortalAt = performance.now() + 500;
    return k;
  };
  const latencies = new Map<string, number[]>(kinds.map((k) => [k.kind, []]));
  let failed = 0;
  let firstFailure: string | null = null;
  let peak = 0;
  const sampler = setInterval(() => {
    const m = memoryOf(server.pid);
    if (m) peak = Math.max(peak, m.rssMiB + m.childrenRssMiB);
  }, 250);
  const cpu0 = cpuMsOf(server.pid);
  const loadStart = performance.now();
  /** Every 10 s of the load: VmRSS and V8's heap in use, to tell growth from garbage not yet collected. */
  const trend: { atS: number; rssMiB: number | null; heapUsedMiB: number | null }[] = [];
  const trendSampler = setInterval(() => {
    const atS = Math.round((performance.now() - loadStart) / 1000);
    const rssMiB = memoryOf(server.pid)?.rssMiB ?? null;
    void heapOf(server.baseUrl).then((h) =>
      trend.push({ atS, rssMiB, heapUsedMiB: h?.v8HeapUsedMiB ?? null }),
    );
  }, 10_000);
  const until = loadStart + LOAD_SECONDS * 1000;
  const loop = async () => {
    while (performance.now() < until) {
      const k = choose();
      const path = k.path();
      try {
        const a = await get(base, path, k.session ?? undefined);
        if (a.status === 200) latencies.get(k.kind)!.push(a.ms);
        else {
          failed += 1;
          firstFailure ??= `${path}: ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`;
        }
      } catch (e) {
        failed += 1;
        firstFailure ??= `${path}: ${String(e)}`;
      }
    }
  };
  if (LOAD_SECONDS > 0) await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const cpu1 = cpuMsOf(server.pid);
  clearInterval(sampler);
  clearInterval(trendSampler);
  const afterLoad = memoryOf(server.pid);
  const heapAfterLoad = await heapOf(server.baseUrl);
  const all = [...latencies.values()].flat();
  expect('steady load: failed requests', 0, failed);
  say(
    `  ${LOAD_SECONDS} s of load: ${all.length} requests (${failed} failed), ` +
      `RSS ${afterLoad?.rssMiB ?? '?'} MiB (peak ${afterLoad?.hwmMiB ?? '?'})`,
  );

  const health = await get(base, '/api/health');
  expect('health at the end', 'ok', (health.body as { status?: string }).status);
  const load1AtEnd = load1();
  const stop = await server.stop();
  expect(
    'clean exit on SIGTERM',
    { code: 0, signal: null },
    { code: stop.code, signal: stop.signal },
  );
  const byKind: RunResult['load']['byKind'] = {};
  for (const [kind, ms] of latencies) {
    const l = latencyOf(ms);
    const sorted = [...ms].sort((x, y) => x - y);
    byKind[kind] = {
      n: ms.length,
      p50: l.p50,
      p95: round1(sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? NaN),
    };
  }
  return {
    run,
    load1AtStart,
    load1AtEnd,
    listenMs: log.listenMs,
    healthMs: server.healthMs,
    serverReportedMs: log.serverReportedMs,
    firstLogMs: log.firstLogMs,
    memory: { started, idle: idleMemory, warm, loadPeakRssMiB: round1(peak), afterLoad },
    heap: { started: heapStarted, afterLoad: heapAfterLoad },
    sweptAfterMs: swept.ms,
    warmup,
    load: {
      seconds: round1(loadSeconds),
      connections: CONNECTIONS,
      requests: all.length,
      failed,
      firstFailure,
      perSecond: round1(all.length / Math.max(loadSeconds, 0.001)),
      latency: latencyOf(all),
      byKind,
      serverCpuMs: cpu0 !== null && cpu1 !== null ? Math.round(cpu1 - cpu0) : null,
      trend,
    },
    stop,
    checks,
    logPath,
  };
}

// ── What the opening is made of (in a fresh process) ───────────────────────────────────────────

interface Phase {
  step: string;
  ms: number;
  rssMiB: number;
  /** PGlite's WebAssembly memory after the step, MiB. */
  wasmMiB: number | null;
}

/**
 * The folder opened as `openDatabase` + main.ts open it, one step at a time, each timed: run as
 * `startup.ts --opening-of DIR` in a process of its own (a cold WebAssembly compile, as at a start).
 */
async function phases(dataDir: string): Promise<void> {
  const out: Phase[] = [];
  let pglite: PGlite | null = null;
  const wasm = () => {
    const mod = (pglite as unknown as { mod?: { HEAPU8?: Uint8Array } } | null)?.mod;
    return mod?.HEAPU8 ? mib(mod.HEAPU8.length) : null;
  };
  let t = performance.now();
  const mark = (step: string) => {
    const now = performance.now();
    out.push({
      step,
      ms: Math.round(now - t),
      rssMiB: mib(process.memoryUsage().rss),
      wasmMiB: wasm(),
    });
    t = performance.now();
  };
  out.push({
    step: 'process up, modules loaded (node, tsx, this script’s imports)',
    ms: Math.round(t),
    rssMiB: mib(process.memoryUsage().rss),
    wasmMiB: null,
  });
  t = performance.now();
  const lock = lockDataFolder(dataDir);
  inspectDataFolder(dataDir);
  const disk = new DiskSpace(dataDir, 64 * 2 ** 20);
  disk.check();
  mark('folder lock, folder inspected, free space');
  const require = createRequire(import.meta.url);
  const wasmPath = join(dirname(require.resolve('@electric-sql/pglite')), 'pglite.wasm');
  // (bench's lib has no WebAssembly types)
  const { WebAssembly: wasmApi } = globalThis as unknown as {
    WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> };
  };
  const module = await wasmApi.compile(await readFile(wasmPath));
  mark(`PGlite's WebAssembly compiled (${mib(statSync(wasmPath).size)} MiB)`);
  const stderr: string[] = [];
  pglite = new PGlite({
    fs: new DurableNodeFS(dataDir),
    startParams: durableStartParams(),
    pgliteWasmModule: module as never,
    parsers: {
      [OID.INT8]: parseInt8,
      [OID.NUMERIC]: parseNumeric,
      [OID.DATE]: parseDate,
      [OID.TIMESTAMPTZ]: parseTimestamptz,
    },
    onStderr: (text) => {
      stderr.push(text);
      return true;
    },
  });
  await pglite.waitReady;
  mark('PostgreSQL started in it (instantiate, file system, recovery if any)');
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect(pglite, disk) });
  await sql`select 1`.execute(kysely);
  mark('first statement (select 1)');
  const names = await sql<{
    name: string;
  }>`select name from kysely_migration order by name`.execute(kysely);
  mark(`the applied migrations read (${names.rows.length}; one select)`);
  const applied = await migrateToLatest(kysely as unknown as Kysely<unknown>);
  mark(`migrations checked: migrateToLatest (${applied.length} applied)`);
  const { buildApp } = await import('../packages/server/src/app.ts');
  const { loadConfig } = await import('../packages/server/src/config.ts');
  // The SMS SDKs, pdfkit and exceljs are loaded where they are used, not here (they took 0.9 s
  // and 30 MiB of every start before; docs/perf.md).
  mark('app.ts and its routes imported');
  const config = loadConfig({
    BIANMIN_DATA_DIR: dataDir,
    BIANMIN_DEMO: '0',
    NODE_ENV: 'production',
  });
  const db: Db = {
    kysely,
    kind: 'pglite',
    dataDir,
    events: new DbEvents(),
    disk,
    close: async () => undefined,
  };
  const app = await buildApp({ db, config, clock: systemClock, logger: false });
  await app.ready();
  mark('buildApp() and ready() (Fastify, plugins, routes and their schemas)');
  const trail = await openAuditTrail(kysely, systemClock, join(dataDir, 'audit'), () => undefined);
  await trail.stop();
  mark('audit key and anchors (openAuditTrail)');
  await app.close();
  t = performance.now();
  const sync = await syncFolderOnce(dataDir).done;
  mark(`the folder synced once (${sync}; the server does it beside the rest)`);
  await sql`select count(*) from cases`.execute(kysely);
  mark('first read of every case (count(*), cold buffers)');
  const settings = await sql<{ name: string; setting: string; unit: string | null }>`
    select name, setting, unit from pg_settings where name in ('shared_buffers', 'work_mem',
      'maintenance_work_mem', 'wal_buffers', 'temp_buffers', 'effective_cache_size', 'max_wal_size')
    order by name`.execute(kysely);
  await kysely.destroy();
  await pglite.close();
  lock.release();
  mark('closed (shutdown checkpoint)');
  process.stdout.write(
    `${JSON.stringify({
      phases: out,
      settings: settings.rows.map((r) => `${r.name}=${r.setting}${r.unit ?? ''}`),
      postgresLog: stderr
        .flatMap((x) => x.split('\n'))
        .filter((x) => x.trim() !== '')
        .slice(0, 40),
    })}\n`,
  );
}

function runPhases(
  dataDir: string,
): Promise<{ phases: Phase[]; settings: string[]; postgresLog: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--opening-of', dataDir],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.once('exit', (code) => {
      const line = text.trim().split('\n').at(-1) ?? '';
      if (code !== 0) reject(new Error(`the phases process ended with ${code}: ${text}`));
      else
        resolve(JSON.parse(line) as { phases: Phase[]; settings: string[]; postgresLog: string[] });
    });
  });
}

// ── The run ────────────────────────────────────────────────────────────────────────────────────

const spread = (xs: (number | null | undefined)[]) => {
  const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (v.length === 0) return { min: NaN, median: NaN, max: NaN };
  return { min: Math.min(...v), median: round1(median(v)), max: Math.max(...v) };
};

async function main() {
  const started = new Date();
  const watch = machineWatch();
  const migration = lastMigration();
  const root = join(opts.cache, `cases-${CASES}-${migration}-v${FOLDER_VERSION}`);
  const dataDir = join(root, 'data');
  const resultsDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const logPath = join(resultsDir, `startup-${stamp}-server.log`);

  let meta: FolderMeta | null = null;
  const metaFile = join(root, 'meta.json');
  if (!opts.regenerate && existsSync(metaFile) && existsSync(join(dataDir, 'PG_VERSION'))) {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as FolderMeta;
    say(`reusing ${dataDir} (made ${meta.createdAt}; --regenerate to make it again)`);
  }
  const made = meta === null;
  if (!meta) {
    say(`making ${dataDir}`);
    meta = await makeFolder(root, dataDir);
  }
  const others = existsSync(opts.cache)
    ? readdirSync(opts.cache).filter((d) => join(opts.cache, d) !== root)
    : [];
  if (others.length > 0)
    say(`other cached folders in ${opts.cache}: ${others.join(', ')} (rm -rf them when done)`);

  say('counting the center’s cases in the folder (SQL of its own, no index)');
  const counted = await countIndependently(dataDir);
  say(
    `  ${counted.center.toLocaleString('en')} cases of ${MEASURED} (${counted.all.toLocaleString('en')} ` +
      `in all), ${counted.open} open, ${counted.paused} paused, ${counted.running.length} running`,
  );
  const sizeBefore = folderSize(dataDir);

  const runs: RunResult[] = [];
  const openings: Awaited<ReturnType<typeof runPhases>>[] = [];
  for (let i = 1; i <= RUNS; i++) {
    runs.push(await oneRun(i, dataDir, counted, logPath));
    if (i > OPENINGS) continue;
    say(`  the opening step by step, in a fresh process (load ${load1()})`);
    openings.push(await runPhases(dataDir));
  }
  const sizeAfter = folderSize(dataDir);

  const finished = new Date();
  const machine = watch();
  const checks = runs.flatMap((r) => r.checks.map((c) => ({ run: r.run, ...c })));
  const wrong = checks.filter((c) => !c.ok);
  const result = {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationSeconds: Math.round((finished.getTime() - started.getTime()) / 1000),
    command: ['npm run bench:startup --', ...process.argv.slice(2)].join(' '),
    commit: gitDescribe(),
    machine,
    folder: { path: dataDir, made, meta, sizeBefore, sizeAfter },
    counted: { ...counted, running: counted.running.length },
    runs,
    openings,
    checks: { passed: checks.length - wrong.length, failed: wrong },
  };
  const jsonFile = join(resultsDir, `startup-${stamp}.json`);
  writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);

  // ── The table ──
  const p = console.log;
  p(
    `Bianmin embedded server start-up and memory — ${started.toISOString()}, ${machine.cpus} × ` +
      `${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, Linux ${machine.kernel}, ` +
      `commit ${result.commit}`,
  );
  p(
    `load average ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} ` +
      `at end, CPU pressure ${machine.cpuPressurePercent ?? 'n/a'} %`,
  );
  p(
    `\nfolder ${dataDir}: ${counted.center.toLocaleString('en')} cases of ${MEASURED} ` +
      `(${counted.all.toLocaleString('en')} in all; ${counted.open.toLocaleString('en')} open), migrated ` +
      `to ${migration}; ${sizeBefore.onDiskMiB} MiB on disk (${sizeBefore.apparentMiB} MiB apparent, ` +
      `${sizeBefore.files} files)${made ? '' : `, made ${meta.createdAt}`}`,
  );
  const st = meta.steps;
  const sec = (ms: number) => round1(ms / 1000);
  p(
    `${made ? 'made now' : 'made then'} in ${sec(meta.totalMs)} s (load ${meta.load1}): initdb and ` +
      `migrations ${sec(st.initdbAndMigrations)} s, seed ${sec(st.seed)} s, ` +
      `${meta.cases.toLocaleString('en')} cases ${sec(st.insert)} s, sweeps ${sec(st.sweeps)} s ` +
      `(${meta.candidatesRaised} violation candidates, ${meta.warningsTold} warnings), ` +
      `VACUUM ANALYZE ${sec(st.vacuumAnalyze)} s, close ${sec(st.close)} s`,
  );
  const row = (label: string, xs: (number | null | undefined)[], unit: string) => {
    const s = spread(xs);
    p(
      `  ${label.padEnd(52)} ${String(s.min).padStart(8)} ${String(s.median).padStart(8)} ` +
        `${String(s.max).padStart(8)}  ${unit}`,
    );
  };
  p(`\n${RUNS} start-up(s), demo off              ${''.padEnd(15)}      min   median      max`);
  row(
    'spawn → "Server listening" (log)',
    runs.map((r) => r.listenMs),
    'ms',
  );
  row(
    'spawn → first 200 of /api/health',
    runs.map((r) => r.healthMs),
    'ms',
  );
  row(
    '  of which main.ts → listening (its startupMs)',
    runs.map((r) => r.serverReportedMs),
    'ms',
  );
  row(
    '  of which Node, tsx, modules (listening − startupMs)',
    runs.map((r) =>
      r.listenMs !== null && r.serverReportedMs !== null ? r.listenMs - r.serverReportedMs : null,
    ),
    'ms',
  );
  row(
    'first 200 → the start-up sweeps done (/metrics)',
    runs.map((r) => r.sweptAfterMs),
    'ms',
  );
  const mem = (label: string, m: (r: RunResult) => Memory | null) => {
    row(
      `VmRSS ${label}`,
      runs.map((r) => m(r)?.rssMiB),
      'MiB',
    );
    row(
      `VmHWM ${label}`,
      runs.map((r) => m(r)?.hwmMiB),
      'MiB',
    );
  };
  mem('at the first 200', (r) => r.memory.started);
  mem('once the start-up sweeps are done', (r) => r.memory.idle);
  mem('after the warm-up', (r) => r.memory.warm);
  row(
    `VmRSS peak during ${LOAD_SECONDS} s of load (sampled)`,
    runs.map((r) => r.memory.loadPeakRssMiB),
    'MiB',
  );
  mem('after the load', (r) => r.memory.afterLoad);
  row(
    '  of which anonymous (RssAnon), after the load',
    runs.map((r) => r.memory.afterLoad?.anonMiB),
    'MiB',
  );
  row(
    'children: VmRSS together, after the load',
    runs.map((r) => r.memory.afterLoad?.childrenRssMiB),
    'MiB',
  );
  row(
    `load: requests/s (${CONNECTIONS} clients)`,
    runs.map((r) => r.load.perSecond),
    '/s',
  );
  row(
    'load: p50',
    runs.map((r) => r.load.latency.p50),
    'ms',
  );
  row(
    'load: p99',
    runs.map((r) => r.load.latency.p99),
    'ms',
  );
  row(
    'SIGTERM → exit',
    runs.map((r) => r.stop.ms),
    'ms',
  );
  row(
    'load average (1 min) at start',
    runs.map((r) => r.load1AtStart),
    '',
  );
  const childNames = [
    ...new Set(
      runs.flatMap((r) =>
        [r.memory.started, r.memory.idle, r.memory.warm, r.memory.afterLoad].flatMap(
          (m) => m?.children ?? [],
        ),
      ),
    ),
  ];
  p(`children of the server seen: ${childNames.length > 0 ? childNames.join(', ') : 'none'}`);
  p(
    `\nwarm-up, first calls (run 1): ${runs[0]!.warmup.map((w) => `${w.what} ${w.ms} ms`).join('; ')}`,
  );
  p(
    `load by kind (run 1): ${Object.entries(runs[0]!.load.byKind)
      .map(([k, v]) => `${k} ${v.n}× p50 ${v.p50} p95 ${v.p95}`)
      .join('; ')}`,
  );
  for (const r of runs)
    p(
      `during the load (run ${r.run}), every 10 s: VmRSS / V8 heap in use, MiB: ` +
        (r.load.trend.map((x) => `${x.rssMiB ?? '?'}/${x.heapUsedMiB ?? '?'}`).join(' ') || '—'),
    );
  if (openings.length > 0)
    p(
      `\nthe opening step by step, in a fresh process after ${openings.length} run(s) ` +
        `(${openings[0]!.settings.join(', ')})` +
        `\n  ${''.padEnd(80)}      min   median      max   RSS after (median)`,
    );
  for (const [i, ph] of (openings[0]?.phases ?? []).entries()) {
    const s = spread(openings.map((o) => o.phases[i]?.ms));
    const rss = median(openings.map((o) => o.phases[i]?.rssMiB ?? NaN));
    p(
      `  ${ph.step.padEnd(80)} ${String(s.min).padStart(8)} ${String(s.median).padStart(8)} ` +
        `${String(s.max).padStart(8)} ms ${String(round1(rss)).padStart(6)} MiB` +
        (ph.wasmMiB !== null ? ` (WebAssembly ${ph.wasmMiB})` : ''),
    );
  }
  const recovered = openings.filter((o) => o.postgresLog.some((l) => /redo starts/.test(l))).length;
  if (openings.length > 0)
    p(
      `PostgreSQL's log at these openings: ${recovered === 0 ? 'no recovery (no WAL replayed: the server had shut down cleanly)' : `recovery (WAL replayed) at ${recovered} of ${openings.length}`}`,
    );
  p(
    `\nchecks: ${checks.length - wrong.length} passed, ${wrong.length} failed` +
      `\nresults: ${jsonFile}\nserver log: ${logPath}`,
  );
  for (const c of wrong)
    say(
      `CHECK FAILED (run ${c.run}) ${c.what}: expected ${JSON.stringify(c.expected)}, got ${JSON.stringify(c.actual)}`,
    );
  if (opts.drop) {
    rmSync(root, { recursive: true, force: true });
    say(`removed ${root}`);
  }
  if (wrong.length > 0) process.exitCode = 1;
}

if (opts['opening-of']) await phases(opts['opening-of']);
else await main();
