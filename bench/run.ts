/**
 * The write benchmark: `npm run bench` (docs/perf.md explains the figures).
 *
 * Two audited writes are driven over loopback HTTP (autocannon) against the real server process
 * on PGlite and on PostgreSQL: a simple one, POST /api/staff, and the clerk's intake at the window,
 * POST /api/cases with `then: accept` (receive + accept + numbered notice, three audit entries, one
 * transaction; see intake.ts). Next to each, in the same run: pgbench sends the same SQL
 * statements per transaction to the same PostgreSQL database, and the same session lookup and
 * service are called in-process through Kysely (no HTTP) on both databases. The ten paths are
 * measured in interleaved rounds (round-robin, a few seconds each), so that a change in the
 * machine's background load touches all of them alike.
 *
 * On PGlite the run also measures start-up time, resident memory, and whether acknowledged
 * writes survive a SIGKILL of the server.
 *
 * Environment: BENCH_SECONDS (10 s per path), BENCH_ROUNDS (3), BENCH_WARMUP_SECONDS (2),
 * BENCH_CONNECTIONS (10), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres; only
 * loopback is accepted), BENCH_POSTGRES=0 to leave PostgreSQL out, BENCH_PGLITE=0 to leave PGlite
 * out (its start-up, durability and paths; a quick check of the PostgreSQL figures, e.g. with
 * BENCH_SECONDS=2 BENCH_ROUNDS=1 BENCH_WARMUP_SECONDS=0), BENCH_CRASH_MS (2000),
 * BENCH_LOG_LEVEL (the server's LOG_LEVEL, info), BENCH_PSQL / BENCH_PGBENCH (psql, pgbench),
 * BENCH_KEEP=1 to keep the temporary folder.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { CURRENT_AUDIT_HASH_VERSION } from '../packages/domain/src/index.ts';
import { auditKey } from '../packages/server/src/audit/key.ts';
import { sha256 } from '../packages/server/src/audit/write.ts';
import { openDatabase, type Db } from '../packages/server/src/db/connect.ts';
import {
  checkDatabase,
  combineDirect,
  countStaff,
  directLoop,
  type DatabaseCheck,
  type DirectResult,
  type DirectSlice,
} from './direct.ts';
import {
  applicantName,
  captureIntake,
  CLERK,
  countIntakes,
  INTAKE_ITEM,
  INTAKE_SCRIPT,
  intakeLoop,
  intakeRequest,
  itemIdOf,
  pgbenchFromCapture,
  type IntakeRows,
  type ScriptCheck,
} from './intake.ts';
import {
  combineLoad,
  createStaffLoad,
  listStaffNumbers,
  login,
  postLoad,
  staffBody,
  staffNumbers,
  writeUntilCrash,
  type LoadResult,
  type LoadSlice,
  type SignedIn,
} from './load.ts';
import {
  assertLoopback,
  combinePgbench,
  createTempDatabase,
  redact,
  runPgbench,
  serverVersion,
  settings,
  type PgbenchResult,
  type PgbenchSlice,
  type TempDatabase,
} from './pgbench.ts';
import {
  folderSize,
  memoryOf,
  REPO_ROOT,
  startServer,
  type Memory,
  type RunningServer,
  type StopResult,
} from './server.ts';
import { cpuPressure, gitDescribe } from './machine.ts';
import { intEnv, keptPath, measure, problemList, roundSettings, type Path } from './rounds.ts';
import { round1 } from './stats.ts';

const {
  seconds: SECONDS,
  rounds: ROUNDS,
  slices: SLICES,
  warmup: WARMUP,
  connections: CONNECTIONS,
  pgBase: PG_BASE,
} = roundSettings();
const CRASH_MS = intEnv('BENCH_CRASH_MS', 2000, 100);
const on = (name: string) =>
  !['0', 'false', 'no', 'off'].includes((process.env[name] ?? '').toLowerCase());
const WITH_POSTGRES = on('BENCH_POSTGRES');
const WITH_PGLITE = on('BENCH_PGLITE');
if (!WITH_POSTGRES && !WITH_PGLITE)
  throw new Error('BENCH_POSTGRES=0 and BENCH_PGLITE=0: nothing to measure');
/** pgbench writes its own audit chain (see pgbench.ts). */
const PGBENCH_CHAIN = 'pgbench';

const say = (text: string) => process.stderr.write(`[bench] ${text}\n`);
const tag = () => Date.now().toString(36).toUpperCase();
const { problems, expect } = problemList(say);

function expectCleanLoad(where: string, r: LoadResult | LoadSlice) {
  expect(
    r.wrong === 0 && r.non2xx === 0 && r.errors === 0 && r.timeouts === 0,
    `${where}: ${r.wrong} not 201, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts` +
      (r.firstFailure ? ` (first: ${r.firstFailure.status} ${r.firstFailure.body})` : ''),
  );
}

function expectStopped(where: string, s: StopResult) {
  expect(s.code === 0, `${where}: SIGTERM ended the server with code ${s.code} signal ${s.signal}`);
}

/**
 * Every acknowledged create is stored; requests still in flight when autocannon's time was up may
 * be stored too (sent, never answered), but nothing beyond what was sent.
 */
function expectStored(where: string, stored: number, loads: LoadSlice[]) {
  const created = loads.reduce((n, l) => n + l.created, 0);
  const sent = loads.reduce((n, l) => n + l.sent, 0);
  expect(
    stored >= created && stored <= sent,
    `${where}: ${created} creates acknowledged and ${sent} sent over HTTP, but ${stored} rows stored`,
  );
}

interface StartFigure {
  /** From spawn() until /api/health answered. */
  ms: number;
  /** The server's own figure: main.ts's first line until listening (modules already loaded). */
  serverReportedMs: number | null;
  memory: Memory | null;
}

const startFigure = (s: RunningServer): StartFigure => ({
  ms: s.startupMs,
  serverReportedMs: s.serverReportedMs,
  memory: memoryOf(s.pid),
});

interface Stored extends DatabaseCheck {
  /** Creates acknowledged over HTTP (warm-up included) and requests sent. */
  acknowledged: number;
  sent: number;
}

interface PgliteFigures {
  firstStart: StartFigure & { stop: StopResult };
  secondStart: StartFigure;
  api: LoadResult;
  direct: DirectResult;
  memoryAfterLoad: Memory | null;
  /** PostgreSQL's fsyncs in the in-process PGlite database, after the measured writes (0012). */
  fsyncs: { calls: number; wal: number } | null;
  /** The server's data folder at the end. */
  dataFolder: { files: number; mib: number };
  crash: {
    writingMs: number;
    acknowledged: number;
    sent: number;
    refused: number;
    foundAfterRestart: number;
    lostAcknowledged: number;
    /** Committed, but the crash came before the answer (allowed). */
    committedUnacknowledged: number;
    unexpected: number;
    restartMs: number;
    restartServerReportedMs: number | null;
    stop: StopResult;
  };
  stored: Stored;
}

interface PostgresFigures {
  database: string;
  version: string;
  settings: Record<string, string>;
  start: StartFigure;
  api: LoadResult;
  direct: DirectResult;
  pgbench: PgbenchResult;
  memoryAfterLoad: Memory | null;
  stop: StopResult;
  stored: Stored;
}

/** The demo clerk signed in, and the item the intake benchmark receives visitors for. */
interface Clerk {
  auth: SignedIn;
  itemId: number;
}

async function clerkOf(server: RunningServer): Promise<Clerk> {
  const auth = await login(server.baseUrl, CLERK);
  return { auth, itemId: await itemIdOf(server.baseUrl, auth.cookie, INTAKE_ITEM) };
}

interface IntakeStored extends IntakeRows {
  /** Intakes acknowledged (201) over HTTP, warm-up included, and requests sent. */
  acknowledged: number;
  sent: number;
}

interface IntakeFigures {
  pglite: {
    api: LoadResult;
    direct: DirectResult;
    stored: IntakeStored;
    directStored: IntakeRows;
  } | null;
  postgres: {
    api: LoadResult;
    direct: DirectResult;
    pgbench: PgbenchResult;
    /** The pgbench script compared with one captured intake (statements, differences). */
    script: Omit<ScriptCheck, 'vars'>;
    stored: IntakeStored;
    directStored: IntakeRows;
    pgbenchStored: IntakeRows & { transactions: number };
  } | null;
}

function httpPath(name: string, server: RunningServer, auth: SignedIn, prefix: string) {
  const next = staffNumbers(prefix);
  const load = (seconds: number) =>
    createStaffLoad({
      baseUrl: server.baseUrl,
      cookie: auth.cookie,
      seconds,
      connections: CONNECTIONS,
      nextStaffNo: next,
      serverPid: server.pid,
    });
  return { prefix, ...keptPath(name, load) };
}

function directPath(name: string, db: Db, auth: SignedIn, prefix: string, concurrency: number) {
  const next = staffNumbers(prefix);
  const loop = (seconds: number) =>
    directLoop({ db, sessionToken: auth.sessionToken, seconds, concurrency, nextStaffNo: next });
  return { prefix, concurrency, ...keptPath(name, loop) };
}

/** POST /api/cases (intake + accept as promised) as the clerk; every case under one name. */
function intakeHttpPath(name: string, server: RunningServer, clerk: Clerk, prefix: string) {
  const body = intakeRequest(clerk.itemId, applicantName(prefix));
  const load = (seconds: number) =>
    postLoad({
      baseUrl: server.baseUrl,
      path: '/api/cases',
      cookie: clerk.auth.cookie,
      seconds,
      connections: CONNECTIONS,
      body: () => body,
      serverPid: server.pid,
    });
  return { prefix, ...keptPath(name, load) };
}

function intakeDirectPath(name: string, db: Db, clerk: Clerk, prefix: string, concurrency: number) {
  const loop = (seconds: number) =>
    intakeLoop({ db, auth: clerk.auth, itemId: clerk.itemId, prefix, seconds, concurrency });
  return { prefix, concurrency, ...keptPath(name, loop) };
}

/** pgbench with the intake script, its variables taken from one captured intake. */
function intakePgbenchPath(url: string, dir: string, check: ScriptCheck, prefix: string) {
  const run = (seconds: number) =>
    runPgbench({
      url,
      dir,
      seconds,
      clients: CONNECTIONS,
      threads: 2,
      vars: check.vars,
      script: { file: 'intake.sql', text: INTAKE_SCRIPT },
    });
  return { prefix, check, ...keptPath('PostgreSQL intake pgbench', run) };
}

function pgbenchPath(url: string, dir: string, auth: SignedIn) {
  const slices: PgbenchSlice[] = [];
  const row = staffBody('1234567890123456789');
  const vars = {
    session_id: sha256(auth.sessionToken),
    name: row.name,
    position: row.position,
    in_post_from: row.inPostFrom,
    center_id: auth.centerId,
    space: ' ',
    chain: PGBENCH_CHAIN,
    zero: 0,
    genesis: '0'.repeat(64),
    at: new Date().toISOString(),
    user_id: auth.userId,
    actor_name: `${auth.displayName}（admin）`,
    action: 'staff.create',
    entity_type: 'staff',
    // The JSON of a new staff row as the service records it (keys sorted), of the same size.
    after: JSON.stringify({
      centerId: auth.centerId,
      id: 100000,
      inPostFrom: row.inPostFrom,
      inPostTo: null,
      name: row.name,
      position: row.position,
      staffNo: row.staffNo,
      supervisorId: null,
      supervisorName: null,
      version: 0,
      windowId: null,
      windowName: null,
    }),
    ip: '127.0.0.1',
    request_id: randomUUID(),
    hash: sha256('pgbench'),
    hash_version: CURRENT_AUDIT_HASH_VERSION,
    // The key the servers sign with (bench/server.ts), as an entry records it.
    key_id: auditKey()?.id ?? 'none',
  };
  const run = (seconds: number) =>
    runPgbench({ url, dir, seconds, clients: CONNECTIONS, threads: 2, vars });
  const path: Path = {
    name: 'PostgreSQL pgbench',
    warmup: async (seconds) => run(seconds),
    slice: async (seconds) => slices.push(await run(seconds)),
  };
  return { path, slices };
}

async function crashTest(
  dataDir: string,
  logPath: string,
  server: RunningServer,
  auth: SignedIn,
): Promise<PgliteFigures['crash']> {
  say(`PGlite durability: write for ${CRASH_MS} ms, SIGKILL with requests in flight, restart`);
  const crashPrefix = `KL${tag()}`;
  const started = performance.now();
  const crash = await writeUntilCrash({
    baseUrl: server.baseUrl,
    cookie: auth.cookie,
    concurrency: CONNECTIONS,
    crashAfterMs: CRASH_MS,
    nextStaffNo: staffNumbers(crashPrefix),
    crash: () => server.kill(),
  });
  const writingMs = Math.round(performance.now() - started);
  const restarted = await startServer({ dataDir, logPath });
  const cookie = (await login(restarted.baseUrl)).cookie;
  const found = new Set(await listStaffNumbers(restarted.baseUrl, cookie, crashPrefix));
  const stop = await restarted.stop();
  expectStopped('PGlite restart after the crash', stop);
  const sent = new Set(crash.sent);
  const lost = crash.acknowledged.filter((n) => !found.has(n));
  const unexpected = [...found].filter((n) => !sent.has(n));
  expect(
    lost.length === 0,
    `PGlite crash: ${lost.length} acknowledged writes lost (${lost.slice(0, 5).join(', ')})`,
  );
  expect(unexpected.length === 0, `PGlite crash: ${unexpected.length} rows nobody sent`);
  expect(crash.acknowledged.length > 0, 'PGlite crash: no write was acknowledged before the crash');
  return {
    writingMs,
    acknowledged: crash.acknowledged.length,
    sent: crash.sent.length,
    refused: crash.refused,
    foundAfterRestart: found.size,
    lostAcknowledged: lost.length,
    committedUnacknowledged: found.size - (crash.acknowledged.length - lost.length),
    unexpected: unexpected.length,
    restartMs: restarted.startupMs,
    restartServerReportedMs: restarted.serverReportedMs,
    stop,
  };
}

/** What the HTTP load stored, and the center's audit chain. */
async function storedByHttp(
  where: string,
  db: Db,
  http: ReturnType<typeof httpPath>,
  auth: SignedIn,
): Promise<Stored> {
  const loads = [...http.warmups, ...http.slices];
  const check = await checkDatabase(db, http.prefix, auth.centerId);
  expectStored(where, check.staffRows, loads);
  expect(check.chainOk, `${where}: audit chain ${check.chain} does not verify`);
  return {
    ...check,
    acknowledged: loads.reduce((n, l) => n + l.created, 0),
    sent: loads.reduce((n, l) => n + l.sent, 0),
  };
}

/** The in-process loop stored exactly what it counted. */
async function expectStoredDirect(where: string, db: Db, direct: ReturnType<typeof directPath>) {
  const writes = [...direct.warmups, ...direct.slices].reduce((n, s) => n + s.latencies.length, 0);
  const rows = await countStaff(db, direct.prefix);
  expect(rows === writes, `${where}: ${writes} writes completed but ${rows} rows stored`);
}

function expectCleanDirect(where: string, d: DirectResult) {
  expect(d.failures === 0, `${where}: ${d.failures} failures (${d.firstFailure})`);
}

/** Every stored intake was accepted as promised and has its notice. */
function expectWholeIntakes(where: string, rows: IntakeRows) {
  expect(
    rows.accepted === rows.cases && rows.notices === rows.cases,
    `${where}: ${rows.cases} cases stored, ${rows.accepted} accepted as promised, ${rows.notices} notices`,
  );
}

/** Every acknowledged intake is stored (cases and notices), and at most what was sent. */
async function intakeStoredByHttp(
  where: string,
  db: Db,
  http: { prefix: string; warmups: LoadSlice[]; slices: LoadSlice[] },
): Promise<IntakeStored> {
  const loads = [...http.warmups, ...http.slices];
  const rows = await countIntakes(db, http.prefix);
  const acknowledged = loads.reduce((n, l) => n + l.created, 0);
  const sent = loads.reduce((n, l) => n + l.sent, 0);
  expect(
    rows.cases >= acknowledged && rows.cases <= sent,
    `${where}: ${acknowledged} intakes acknowledged and ${sent} sent over HTTP, but ${rows.cases} cases stored`,
  );
  expectWholeIntakes(where, rows);
  return { ...rows, acknowledged, sent };
}

/** The in-process intake loop stored exactly what it counted. */
async function intakeStoredDirect(
  where: string,
  db: Db,
  direct: { prefix: string; warmups: DirectSlice[]; slices: DirectSlice[] },
): Promise<IntakeRows> {
  const writes = [...direct.warmups, ...direct.slices].reduce((n, s) => n + s.latencies.length, 0);
  const rows = await countIntakes(db, direct.prefix);
  expect(
    rows.cases === writes,
    `${where}: ${writes} intakes completed but ${rows.cases} cases stored`,
  );
  expectWholeIntakes(where, rows);
  return rows;
}

async function bench(tmp: string): Promise<{
  pglite: PgliteFigures | null;
  postgres: PostgresFigures | null;
  intake: IntakeFigures;
}> {
  const dataDir = join(tmp, 'pglite-data');
  const directDir = join(tmp, 'pglite-direct');
  const logPath = join(tmp, 'server-pglite.log');

  let first: { start: StartFigure; stop: StopResult; auth: SignedIn; clerk: Clerk } | null = null;
  if (WITH_PGLITE) {
    say('PGlite: first start on an empty folder (migrations and demo seeding)');
    const s1 = await startServer({ dataDir, logPath });
    const start = startFigure(s1);
    // Signed in now, the session is in the folder and in its copy for the in-process loop.
    const auth = await login(s1.baseUrl);
    const clerk = await clerkOf(s1);
    const stop = await s1.stop();
    expectStopped('PGlite first start', stop);
    cpSync(dataDir, directDir, { recursive: true });
    first = { start, stop, auth, clerk };
  }

  let temp: TempDatabase | null = null;
  const servers: RunningServer[] = [];
  const dbs: Db[] = [];
  try {
    let pg: {
      server: RunningServer;
      start: StartFigure;
      auth: SignedIn;
      clerk: Clerk;
      db: Db;
    } | null = null;
    if (WITH_POSTGRES) {
      assertLoopback(PG_BASE);
      temp = await createTempDatabase(PG_BASE);
      say(`PostgreSQL: temporary database ${temp.name} at ${redact(PG_BASE)}; server start`);
      const server = await startServer({
        dataDir: join(tmp, 'unused-data'),
        databaseUrl: temp.url,
        logPath: join(tmp, 'server-postgres.log'),
      });
      servers.push(server);
      const start = startFigure(server);
      const auth = await login(server.baseUrl);
      const clerk = await clerkOf(server);
      const db = await openDatabase({ kind: 'postgres', url: temp.url, poolSize: CONNECTIONS });
      dbs.push(db);
      pg = { server, start, auth, clerk, db };
    }

    let pl: {
      s2: RunningServer;
      secondStart: StartFigure;
      directDb: Db;
      api: ReturnType<typeof httpPath>;
      direct: ReturnType<typeof directPath>;
      intakeApi: ReturnType<typeof intakeHttpPath>;
      intakeDirect: ReturnType<typeof intakeDirectPath>;
    } | null = null;
    if (first) {
      say('PGlite: second start on the existing folder');
      const s2 = await startServer({ dataDir, logPath });
      servers.push(s2);
      const secondStart = startFigure(s2);
      const directDb = await openDatabase({ kind: 'pglite', dataDir: directDir });
      dbs.push(directDb);
      pl = {
        s2,
        secondStart,
        directDb,
        api: httpPath('PGlite HTTP API', s2, first.auth, `PL${tag()}`),
        direct: directPath('PGlite in-process', directDb, first.auth, `PD${tag()}`, 1),
        intakeApi: intakeHttpPath('PGlite intake HTTP API', s2, first.clerk, `IL${tag()}`),
        intakeDirect: intakeDirectPath(
          'PGlite intake in-process',
          directDb,
          first.clerk,
          `ID${tag()}`,
          1,
        ),
      };
    }
    const paths: Path[] = pl ? [pl.api.path, pl.direct.path] : [];
    const pgPaths = pg && {
      api: httpPath('PostgreSQL HTTP API', pg.server, pg.auth, `PG${tag()}`),
      direct: directPath('PostgreSQL in-process', pg.db, pg.auth, `PK${tag()}`, CONNECTIONS),
      pgbench: pgbenchPath(temp!.url, join(tmp, 'pgbench'), pg.auth),
    };
    let pgIntake: {
      api: ReturnType<typeof intakeHttpPath>;
      direct: ReturnType<typeof intakeDirectPath>;
      pgbench: ReturnType<typeof intakePgbenchPath>;
    } | null = null;
    if (pg && pgPaths) {
      mkdirSync(join(tmp, 'pgbench'));
      // One intake with every statement recorded: the pgbench script must send the same.
      say('PostgreSQL: one intake in-process with its SQL recorded, for the pgbench script');
      const captured = await captureIntake(pg.db, pg.clerk.auth, pg.clerk.itemId, `IC${tag()}`);
      const pgbenchPrefix = `IB${tag()}`;
      const check = pgbenchFromCapture(INTAKE_SCRIPT, captured, {
        chain: PGBENCH_CHAIN,
        counter_day: '1999-01-01',
        counter_year: '1999',
        // Receipt numbers of a range no center has (a center's start with its 3-digit id and a date).
        receipt_prefix: '99000000000',
        applicant_name: applicantName(pgbenchPrefix),
      });
      expect(
        check.mismatches.length === 0,
        `the intake pgbench script differs from what one intake sends (${check.captured} statements sent, ` +
          `${check.scripted} scripted):\n${check.mismatches.slice(0, 5).join('\n')}`,
      );
      pgIntake = {
        api: intakeHttpPath('PostgreSQL intake HTTP API', pg.server, pg.clerk, `IG${tag()}`),
        direct: intakeDirectPath(
          'PostgreSQL intake in-process',
          pg.db,
          pg.clerk,
          `IK${tag()}`,
          CONNECTIONS,
        ),
        pgbench: intakePgbenchPath(temp!.url, join(tmp, 'pgbench'), check, pgbenchPrefix),
      };
      paths.push(pgPaths.api.path, pgPaths.direct.path, pgPaths.pgbench.path);
    }
    if (pl) paths.push(pl.intakeApi.path, pl.intakeDirect.path);
    if (pgIntake) paths.push(pgIntake.api.path, pgIntake.direct.path, pgIntake.pgbench.path);
    await measure(paths, { warmupSeconds: WARMUP, slices: SLICES, say });

    const pgliteMemory = pl ? memoryOf(pl.s2.pid) : null;
    const fsyncs = pl?.directDb.fsyncs ? { ...pl.directDb.fsyncs } : null;
    const pgMemory = pg ? memoryOf(pg.server.pid) : null;
    const pgStop = pg ? await pg.server.stop() : null;
    if (pgStop) expectStopped('PostgreSQL server', pgStop);

    let pglite: PgliteFigures | null = null;
    const intake: IntakeFigures = { pglite: null, postgres: null };
    if (first && pl) {
      const { directDb } = pl;
      const crash = await crashTest(dataDir, logPath, pl.s2, first.auth);

      say('checking what PGlite stored and walking its audit chains');
      const pgliteDb = await openDatabase({ kind: 'pglite', dataDir });
      dbs.push(pgliteDb);
      const pgliteStored = await storedByHttp('PGlite', pgliteDb, pl.api, first.auth);
      await expectStoredDirect('PGlite in-process', directDb, pl.direct);
      const directChain = await checkDatabase(directDb, pl.direct.prefix, first.auth.centerId);
      expect(
        directChain.chainOk,
        `PGlite in-process: audit chain ${directChain.chain} does not verify`,
      );
      const intakeApi = combineLoad(pl.intakeApi.slices, CONNECTIONS);
      for (const w of pl.intakeApi.warmups) expectCleanLoad('PGlite intake warm-up', w);
      expectCleanLoad('PGlite intake HTTP API', intakeApi);
      const intakeDirect = combineDirect(pl.intakeDirect.slices, pl.intakeDirect.concurrency);
      expectCleanDirect('PGlite intake in-process', intakeDirect);
      intake.pglite = {
        api: intakeApi,
        direct: intakeDirect,
        stored: await intakeStoredByHttp('PGlite intake HTTP', pgliteDb, pl.intakeApi),
        directStored: await intakeStoredDirect(
          'PGlite intake in-process',
          directDb,
          pl.intakeDirect,
        ),
      };

      const api = combineLoad(pl.api.slices, CONNECTIONS);
      for (const w of pl.api.warmups) expectCleanLoad('PGlite warm-up', w);
      expectCleanLoad('PGlite HTTP API', api);
      const direct = combineDirect(pl.direct.slices, pl.direct.concurrency);
      expectCleanDirect('PGlite in-process', direct);
      pglite = {
        firstStart: { ...first.start, stop: first.stop },
        secondStart: pl.secondStart,
        api,
        direct,
        memoryAfterLoad: pgliteMemory,
        fsyncs,
        dataFolder: folderSize(dataDir),
        crash,
        stored: pgliteStored,
      };
    }

    say('checking what PostgreSQL stored and walking its audit chains');
    let postgres: PostgresFigures | null = null;
    if (pg && pgPaths && temp && pgStop) {
      const pgStored = await storedByHttp('PostgreSQL', pg.db, pgPaths.api, pg.auth);
      await expectStoredDirect('PostgreSQL in-process', pg.db, pgPaths.direct);
      const pgApiResult = combineLoad(pgPaths.api.slices, CONNECTIONS);
      for (const w of pgPaths.api.warmups) expectCleanLoad('PostgreSQL warm-up', w);
      expectCleanLoad('PostgreSQL HTTP API', pgApiResult);
      const pgDirectResult = combineDirect(pgPaths.direct.slices, pgPaths.direct.concurrency);
      expectCleanDirect('PostgreSQL in-process', pgDirectResult);
      const pgbench = combinePgbench(pgPaths.pgbench.slices, CONNECTIONS, 2);
      expect(
        pgbench.exitCodes.every((c) => c === 0) &&
          pgbench.failed === 0 &&
          Number.isFinite(pgbench.tps),
        `pgbench: exit codes ${pgbench.exitCodes.join(',')}, ${pgbench.failed} failed transactions\n${pgbench.output}`,
      );
      postgres = {
        database: temp.name,
        version: await serverVersion(temp.url),
        settings: await settings(temp.url, [
          'fsync',
          'synchronous_commit',
          'shared_buffers',
          'max_connections',
        ]),
        start: pg.start,
        api: pgApiResult,
        direct: pgDirectResult,
        pgbench,
        memoryAfterLoad: pgMemory,
        stop: pgStop,
        stored: pgStored,
      };
    }
    if (pg && pgIntake) {
      const api = combineLoad(pgIntake.api.slices, CONNECTIONS);
      for (const w of pgIntake.api.warmups) expectCleanLoad('PostgreSQL intake warm-up', w);
      expectCleanLoad('PostgreSQL intake HTTP API', api);
      const direct = combineDirect(pgIntake.direct.slices, pgIntake.direct.concurrency);
      expectCleanDirect('PostgreSQL intake in-process', direct);
      const pgbench = combinePgbench(pgIntake.pgbench.slices, CONNECTIONS, 2);
      const bench = [...pgIntake.pgbench.warmups, ...pgIntake.pgbench.slices];
      expect(
        bench.every((b) => b.exitCode === 0 && b.failed === 0) && Number.isFinite(pgbench.tps),
        `intake pgbench: exit codes ${bench.map((b) => b.exitCode).join(',')}, ` +
          `${bench.reduce((n, b) => n + b.failed, 0)} failed transactions\n${bench.find((b) => b.exitCode !== 0)?.output ?? pgbench.output}`,
      );
      const transactions = bench.reduce((n, b) => n + (b.transactions || 0), 0);
      const pgbenchRows = await countIntakes(pg.db, pgIntake.pgbench.prefix);
      expect(
        pgbenchRows.cases === transactions,
        `intake pgbench: ${transactions} transactions but ${pgbenchRows.cases} cases stored`,
      );
      expectWholeIntakes('intake pgbench', pgbenchRows);
      const { vars: _, ...script } = pgIntake.pgbench.check;
      intake.postgres = {
        api,
        direct,
        pgbench,
        script,
        stored: await intakeStoredByHttp('PostgreSQL intake HTTP', pg.db, pgIntake.api),
        directStored: await intakeStoredDirect(
          'PostgreSQL intake in-process',
          pg.db,
          pgIntake.direct,
        ),
        pgbenchStored: { ...pgbenchRows, transactions },
      };
    }
    return { pglite, postgres, intake };
  } finally {
    for (const db of dbs.reverse()) await db.close().catch(() => undefined);
    for (const s of servers) await s.kill().catch(() => undefined);
    if (temp) {
      await temp.drop();
      say(`PostgreSQL: dropped ${temp.name}`);
    }
  }
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);
const mib = (m: Memory | null) => (m ? `${m.rssMiB} MiB (peak ${m.peakMiB})` : 'n/a');

function printTables(r: {
  pglite: PgliteFigures | null;
  postgres: PostgresFigures | null;
  intake: IntakeFigures;
  ratios: Record<string, number | null>;
}) {
  const { pglite, postgres, intake } = r;
  printPaths('Write path (create staff)', {
    pgliteApi: pglite?.api,
    pgliteDirect: pglite?.direct,
    pgApi: postgres?.api,
    pgDirect: postgres?.direct,
    pgbench: postgres?.pgbench,
  });
  printPaths('Write path (intake + accept + notice)', {
    pgliteApi: intake.pglite?.api,
    pgliteDirect: intake.pglite?.direct,
    pgApi: intake.postgres?.api,
    pgDirect: intake.postgres?.direct,
    pgbench: intake.postgres?.pgbench,
  });

  console.log('\nRatios (writes/s ÷ writes/s, same run)');
  for (const [k, v] of Object.entries(r.ratios)) console.log(`  ${k}: ${v ?? 'n/a'}`);

  if (pglite) printPglite(pglite);
  if (postgres) printPostgres(postgres);
  const intakeLine = (where: string, d: IntakeStored) =>
    `  ${where}: ${d.cases} cases (${d.accepted} accepted, ${d.notices} notices) for ` +
    `${d.acknowledged} acknowledged / ${d.sent} sent`;
  console.log('\nIntake');
  if (intake.pglite) {
    console.log(intakeLine('PGlite HTTP', intake.pglite.stored));
    console.log(`  PGlite in-process: ${intake.pglite.directStored.cases} cases stored`);
  }
  if (intake.postgres) {
    const p = intake.postgres;
    console.log(intakeLine('PostgreSQL HTTP', p.stored));
    console.log(`  PostgreSQL in-process: ${p.directStored.cases} cases stored`);
    console.log(
      `  pgbench: ${p.pgbenchStored.transactions} transactions (warm-up included), ` +
        `${p.pgbenchStored.cases} cases stored; script ${p.script.scripted} statements, ` +
        `one intake sent ${p.script.captured}, ${p.script.mismatches.length} differences`,
    );
  }
}

function printPaths(
  title: string,
  p: {
    pgliteApi: LoadResult | undefined;
    pgliteDirect: DirectResult | undefined;
    pgApi: LoadResult | undefined;
    pgDirect: DirectResult | undefined;
    pgbench: PgbenchResult | undefined;
  },
) {
  const rows: string[][] = [[title, 'writes/s', 'p50 ms', 'p99 ms', 'CPU ms/write']];
  const cpu = (ms: number | null, who: string) =>
    ms === null ? 'n/a' : `${ms.toFixed(2)} (${who})`;
  const add = (label: string, perSec: number, p50: number, p99: number, cpuText: string) =>
    rows.push([label, perSec.toFixed(1), p50.toFixed(2), p99.toFixed(2), cpuText]);
  const api = (label: string, l: LoadResult) =>
    add(
      `${label}, HTTP API (${l.connections} conn.)`,
      l.writesPerSec,
      l.latencyMs.p50,
      l.latencyMs.p99,
      cpu(l.serverCpuMsPerWrite, 'server'),
    );
  const direct = (label: string, d: DirectResult) =>
    add(
      `${label}, in-process Kysely (${d.concurrency} loop${d.concurrency > 1 ? 's' : ''})`,
      d.writesPerSec,
      d.latencyMs.p50,
      d.latencyMs.p99,
      cpu(d.cpuMsPerWrite, 'node'),
    );
  if (p.pgliteApi && p.pgliteDirect) {
    api('PGlite', p.pgliteApi);
    direct('PGlite', p.pgliteDirect);
  }
  if (p.pgApi && p.pgDirect && p.pgbench) {
    api('PostgreSQL', p.pgApi);
    direct('PostgreSQL', p.pgDirect);
    const b = p.pgbench;
    add(
      `PostgreSQL, pgbench same SQL (${b.clients} clients)`,
      b.tps,
      b.latencyMs.p50,
      b.latencyMs.p99,
      'n/a',
    );
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`\n${line(rows[0]!)}`);
  console.log(
    `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  );
  for (const row of rows.slice(1)) console.log(line(row));
}

const inside = (ms: number | null) => (ms === null ? '' : ` (${ms} ms after the modules loaded)`);
const storedLine = (d: Stored) =>
  `  stored by HTTP: ${d.staffRows} rows for ${d.acknowledged} acknowledged / ${d.sent} sent; ` +
  `audit chain ${d.chain} ${d.chainOk ? 'verifies' : 'BROKEN'} (${d.chainEntries} entries)`;

function printPglite(pglite: PgliteFigures) {
  const f = pglite.firstStart;
  const c = pglite.crash;
  console.log('\nPGlite server process (node --import tsx packages/server/src/main.ts)');
  console.log(
    `  first start (migrations + demo seed): ${f.ms} ms${inside(f.serverReportedMs)}, RSS ${mib(f.memory)}`,
  );
  const s2 = pglite.secondStart;
  console.log(
    `  second start (existing folder):       ${s2.ms} ms${inside(s2.serverReportedMs)}, RSS ${mib(s2.memory)}`,
  );
  console.log(`  after the measured writes:            RSS ${mib(pglite.memoryAfterLoad)}`);
  console.log(
    `  restart after SIGKILL:                ${c.restartMs} ms${inside(c.restartServerReportedMs)}`,
  );
  console.log(`  data folder: ${pglite.dataFolder.files} files, ${pglite.dataFolder.mib} MiB`);
  const fs = pglite.fsyncs;
  if (fs)
    console.log(
      `  PostgreSQL's fsyncs (in-process loop): ${fs.calls}, of which ${fs.wal} on the write-ahead log`,
    );
  console.log(`  SIGTERM exit codes: ${[f.stop, c.stop].map((s) => s.code).join(', ')}`);
  console.log(
    `  durability: ${c.acknowledged} writes acknowledged before SIGKILL (${c.sent} sent), ` +
      `${c.foundAfterRestart} found after restart: ${c.lostAcknowledged} acknowledged lost, ` +
      `${c.committedUnacknowledged} committed but unanswered`,
  );
  console.log(storedLine(pglite.stored));
}

function printPostgres(postgres: PostgresFigures) {
  const st = postgres.settings;
  console.log(
    `\nPostgreSQL ${postgres.version} (fsync=${st.fsync}, synchronous_commit=${st.synchronous_commit})`,
  );
  console.log(
    `  server start: ${postgres.start.ms} ms${inside(postgres.start.serverReportedMs)}, RSS ${mib(postgres.start.memory)}; ` +
      `after the load RSS ${mib(postgres.memoryAfterLoad)}`,
  );
  console.log(storedLine(postgres.stored));
  const b = postgres.pgbench;
  console.log(
    `  pgbench: ${b.transactions} transactions in ${b.runs} runs, ${b.failed} failed, latency avg ${b.latencyMs.avg} ms`,
  );
}

async function main() {
  const started = new Date();
  const tmp = mkdtempSync(join(tmpdir(), 'bianmin-bench-'));
  say(`temporary folder ${tmp}; ${SECONDS} s per path in ${ROUNDS} rounds (${SLICES.join('+')} s)`);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round1(totalmem() / 2 ** 30),
    node: process.version,
    kernel: release(),
    loadAverageAtStart: loadavg().map(round1),
    loadAverageAtEnd: [] as number[],
    /** Share of the run's wall time in which some task waited for a CPU (PSI "some"), %. */
    cpuPressurePercent: null as number | null,
  };
  const pressure = cpuPressure();
  let figures: Awaited<ReturnType<typeof bench>>;
  try {
    figures = await bench(tmp);
  } finally {
    if (process.env.BENCH_KEEP === '1') say(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
  const { pglite, postgres, intake } = figures;

  const [pl, pi] = [intake.pglite, intake.postgres];
  // Each ratio of two paths' writes/s, where both were measured.
  const pairs: [string, number | undefined, number | undefined][] = [
    ['PGlite API / PGlite in-process', pglite?.api.writesPerSec, pglite?.direct.writesPerSec],
    ['PostgreSQL API / pgbench same SQL', postgres?.api.writesPerSec, postgres?.pgbench.tps],
    [
      'PostgreSQL in-process / pgbench same SQL',
      postgres?.direct.writesPerSec,
      postgres?.pgbench.tps,
    ],
    [
      'PostgreSQL API / PostgreSQL in-process',
      postgres?.api.writesPerSec,
      postgres?.direct.writesPerSec,
    ],
    ['PGlite API / PostgreSQL API', pglite?.api.writesPerSec, postgres?.api.writesPerSec],
    ['Intake: PGlite API / PGlite in-process', pl?.api.writesPerSec, pl?.direct.writesPerSec],
    ['Intake: PostgreSQL API / pgbench same SQL', pi?.api.writesPerSec, pi?.pgbench.tps],
    ['Intake: PostgreSQL in-process / pgbench same SQL', pi?.direct.writesPerSec, pi?.pgbench.tps],
    [
      'Intake: PostgreSQL API / PostgreSQL in-process',
      pi?.api.writesPerSec,
      pi?.direct.writesPerSec,
    ],
    ['Intake: PGlite API / PostgreSQL API', pl?.api.writesPerSec, pi?.api.writesPerSec],
    ['Intake / create staff, PostgreSQL API', pi?.api.writesPerSec, postgres?.api.writesPerSec],
    ['Intake / create staff, pgbench', pi?.pgbench.tps, postgres?.pgbench.tps],
    ['Intake / create staff, PGlite API', pl?.api.writesPerSec, pglite?.api.writesPerSec],
  ];
  const ratios: Record<string, number | null> = Object.fromEntries(
    pairs.flatMap(([name, a, b]) =>
      a === undefined || b === undefined ? [] : [[name, ratio(a, b)]],
    ),
  );

  machine.loadAverageAtEnd = loadavg().map(round1);
  const finished = new Date();
  machine.cpuPressurePercent = pressure();
  const result = {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationSeconds: Math.round((finished.getTime() - started.getTime()) / 1000),
    command: 'npm run bench',
    commit: gitDescribe(),
    machine,
    settings: {
      secondsPerPath: SECONDS,
      rounds: ROUNDS,
      slices: SLICES,
      warmupSeconds: WARMUP,
      connections: CONNECTIONS,
      crashAfterMs: CRASH_MS,
      postgres: WITH_POSTGRES ? redact(PG_BASE) : null,
      pglite: WITH_PGLITE,
      serverLogLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
    },
    ratios,
    pglite,
    postgres,
    intake,
    problems,
  };
  const resultsDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

  console.log(
    `Bianmin write benchmark — ${started.toISOString()}, ${machine.cpus} × ${machine.cpuModel}, ` +
      `${machine.memoryGiB} GiB, Node ${machine.node}, commit ${result.commit}`,
  );
  console.log(
    `${SECONDS} s per path in ${ROUNDS} interleaved rounds, ${CONNECTIONS} connections; ` +
      `load average ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} at end, ` +
      `CPU pressure ${machine.cpuPressurePercent ?? 'n/a'} % (PSI some: time something waited for a CPU)`,
  );
  printTables({ pglite, postgres, intake, ratios });
  console.log(`\nresults: ${file} (${result.durationSeconds} s in all)`);
  if (problems.length > 0) {
    console.log(`\n${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
  }
}

await main();
