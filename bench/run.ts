/**
 * The write benchmark: `npm run bench` (docs/perf.md explains the figures).
 *
 * One representative audited write, POST /api/staff, is driven over loopback HTTP (autocannon)
 * against the real server process on PGlite and on PostgreSQL. Next to it, in the same run:
 * pgbench sends the same SQL statements per transaction to the same PostgreSQL database, and the
 * same service is called in-process through Kysely (no HTTP) on both databases. On PGlite the run
 * also measures start-up time, resident memory, and whether acknowledged writes survive a SIGKILL.
 *
 * Environment: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (10),
 * BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres; only loopback is accepted),
 * BENCH_POSTGRES=0 to leave PostgreSQL out, BENCH_CRASH_MS (2000), BENCH_LOG_LEVEL (info),
 * BENCH_KEEP=1 to keep the temporary folder (server logs, pgbench logs).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '../packages/server/src/audit/write.ts';
import { openDatabase } from '../packages/server/src/db/connect.ts';
import { checkDatabase, directLoop, type DatabaseCheck, type DirectResult } from './direct.ts';
import {
  createStaffLoad,
  listStaffNumbers,
  login,
  staffBody,
  staffNumbers,
  writeUntilCrash,
  type LoadResult,
} from './load.ts';
import {
  assertLoopback,
  createTempDatabase,
  redact,
  runPgbench,
  serverVersion,
  settings,
  type PgbenchResult,
} from './pgbench.ts';
import {
  memoryOf,
  REPO_ROOT,
  round1,
  startServer,
  type Memory,
  type StopResult,
} from './server.ts';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number, got "${raw}"`);
  return n;
}

const SECONDS = intEnv('BENCH_SECONDS', 10);
const WARMUP = intEnv('BENCH_WARMUP_SECONDS', 2);
const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 10);
const CRASH_MS = intEnv('BENCH_CRASH_MS', 2000);
const PG_BASE = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const WITH_POSTGRES = !['0', 'false', 'no', 'off'].includes(
  (process.env.BENCH_POSTGRES ?? '').toLowerCase(),
);

const say = (text: string) => process.stderr.write(`[bench] ${text}\n`);
const tag = () => Date.now().toString(36).toUpperCase();
const problems: string[] = [];

function expect(ok: boolean, problem: string) {
  if (!ok) {
    problems.push(problem);
    say(`PROBLEM: ${problem}`);
  }
}

function expectCleanLoad(where: string, r: LoadResult) {
  expect(
    r.non2xx === 0 && r.errors === 0 && r.timeouts === 0,
    `${where}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts` +
      (r.firstFailure ? ` (first: ${r.firstFailure.status} ${r.firstFailure.body})` : ''),
  );
}

function expectStopped(where: string, s: StopResult) {
  expect(s.code === 0, `${where}: SIGTERM ended the server with code ${s.code} signal ${s.signal}`);
}

/**
 * Every acknowledged create is stored; requests still in flight when autocannon's time was up may
 * be stored too (sent, never counted), but nothing beyond what was sent.
 */
function expectStored(where: string, stored: DatabaseCheck, loads: (LoadResult | null)[]) {
  const created = loads.reduce((n, l) => n + (l?.created ?? 0), 0);
  const sent = loads.reduce((n, l) => n + (l?.sent ?? 0), 0);
  expect(
    stored.staffRows >= created && stored.staffRows <= sent,
    `${where}: ${created} creates acknowledged and ${sent} sent over HTTP, but ${stored.staffRows} rows stored`,
  );
}

interface StartFigure {
  ms: number;
  memory: Memory | null;
}

interface PgliteFigures {
  firstStart: StartFigure & { stop: StopResult };
  secondStart: StartFigure;
  warmup: LoadResult | null;
  api: LoadResult;
  memoryAfterLoad: Memory | null;
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
    stop: StopResult;
  };
  stored: DatabaseCheck;
  direct: DirectResult;
}

interface PostgresFigures {
  database: string;
  version: string;
  settings: Record<string, string>;
  start: StartFigure;
  warmup: LoadResult | null;
  api: LoadResult;
  memoryAfterLoad: Memory | null;
  stop: StopResult;
  stored: DatabaseCheck;
  pgbench: PgbenchResult;
  direct: DirectResult;
}

async function warmupLoad(baseUrl: string, cookie: string, next: () => string) {
  if (WARMUP === 0) return null;
  return createStaffLoad({
    baseUrl,
    cookie,
    seconds: WARMUP,
    connections: CONNECTIONS,
    nextStaffNo: next,
  });
}

/**
 * PGlite, one data folder throughout: first start (migrations, demo seeding), SIGTERM; second
 * start, load, then writes cut off by SIGKILL; restart, look for every acknowledged write,
 * SIGTERM; then, in this process, count and verify what is stored and run the in-process loop.
 */
async function benchPglite(tmp: string): Promise<PgliteFigures> {
  const dataDir = join(tmp, 'pglite-data');
  const logPath = join(tmp, 'server-pglite.log');

  say('PGlite: first start on an empty folder (migrations and demo seeding)');
  const s1 = await startServer({ dataDir, logPath });
  const firstMemory = memoryOf(s1.pid);
  const firstStop = await s1.stop();
  expectStopped('PGlite first start', firstStop);

  say('PGlite: second start on the existing folder');
  const s2 = await startServer({ dataDir, logPath });
  const secondStart = { ms: s2.startupMs, memory: memoryOf(s2.pid) };
  const auth = await login(s2.baseUrl);
  const prefix = `PL${tag()}`;
  const next = staffNumbers(prefix);
  say(`PGlite: POST /api/staff, ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${SECONDS} s`);
  const warmup = await warmupLoad(s2.baseUrl, auth.cookie, next);
  const api = await createStaffLoad({
    baseUrl: s2.baseUrl,
    cookie: auth.cookie,
    seconds: SECONDS,
    connections: CONNECTIONS,
    nextStaffNo: next,
    serverPid: s2.pid,
  });
  if (warmup) expectCleanLoad('PGlite warm-up', warmup);
  expectCleanLoad('PGlite API', api);
  const memoryAfterLoad = memoryOf(s2.pid);

  say(`PGlite: durability — write for ${CRASH_MS} ms, SIGKILL with requests in flight, restart`);
  const crashPrefix = `KL${tag()}`;
  const crashStarted = performance.now();
  const crash = await writeUntilCrash({
    baseUrl: s2.baseUrl,
    cookie: auth.cookie,
    concurrency: CONNECTIONS,
    crashAfterMs: CRASH_MS,
    nextStaffNo: staffNumbers(crashPrefix),
    crash: () => s2.kill(),
  });
  const writingMs = Math.round(performance.now() - crashStarted);
  const s3 = await startServer({ dataDir, logPath });
  const auth3 = await login(s3.baseUrl);
  const found = new Set(await listStaffNumbers(s3.baseUrl, auth3.cookie, crashPrefix));
  const sent = new Set(crash.sent);
  const lost = crash.acknowledged.filter((n) => !found.has(n));
  const unexpected = [...found].filter((n) => !sent.has(n));
  const crashStop = await s3.stop();
  expectStopped('PGlite restart after the crash', crashStop);
  expect(
    lost.length === 0,
    `PGlite crash: ${lost.length} acknowledged writes lost (${lost.slice(0, 5).join(', ')})`,
  );
  expect(unexpected.length === 0, `PGlite crash: ${unexpected.length} rows nobody sent`);
  expect(crash.acknowledged.length > 0, 'PGlite crash: no write was acknowledged before the crash');

  const db = await openDatabase({ kind: 'pglite', dataDir });
  let stored: DatabaseCheck;
  let direct: DirectResult;
  try {
    say('PGlite: counting rows and walking the audit chain');
    stored = await checkDatabase(db, prefix, auth.centerId);
    expectStored('PGlite', stored, [warmup, api]);
    expect(stored.chainOk, `PGlite: audit chain ${stored.chain} does not verify`);

    say(`PGlite: in-process loop through Kysely (no HTTP), ${WARMUP} s warm-up + ${SECONDS} s`);
    const nextDirect = staffNumbers(`PD${tag()}`);
    if (WARMUP)
      await directLoop({
        db,
        sessionToken: auth.sessionToken,
        seconds: WARMUP,
        concurrency: 1,
        nextStaffNo: nextDirect,
      });
    direct = await directLoop({
      db,
      sessionToken: auth.sessionToken,
      seconds: SECONDS,
      concurrency: 1,
      nextStaffNo: nextDirect,
    });
    expect(
      direct.failures === 0,
      `PGlite in-process: ${direct.failures} failures (${direct.firstFailure})`,
    );
  } finally {
    await db.close();
  }

  return {
    firstStart: { ms: s1.startupMs, memory: firstMemory, stop: firstStop },
    secondStart,
    warmup,
    api,
    memoryAfterLoad,
    crash: {
      writingMs,
      acknowledged: crash.acknowledged.length,
      sent: crash.sent.length,
      refused: crash.refused,
      foundAfterRestart: found.size,
      lostAcknowledged: lost.length,
      committedUnacknowledged: found.size - (crash.acknowledged.length - lost.length),
      unexpected: unexpected.length,
      restartMs: s3.startupMs,
      stop: crashStop,
    },
    stored,
    direct,
  };
}

async function benchPostgres(tmp: string): Promise<PostgresFigures> {
  assertLoopback(PG_BASE);
  const temp = await createTempDatabase(PG_BASE);
  say(`PostgreSQL: temporary database ${temp.name} at ${redact(PG_BASE)}`);
  try {
    const version = await serverVersion(temp.url);
    const pgSettings = await settings(temp.url, [
      'fsync',
      'synchronous_commit',
      'shared_buffers',
      'max_connections',
    ]);

    const s = await startServer({
      dataDir: join(tmp, 'unused-data'),
      databaseUrl: temp.url,
      logPath: join(tmp, 'server-postgres.log'),
    });
    const start = { ms: s.startupMs, memory: memoryOf(s.pid) };
    const auth = await login(s.baseUrl);
    const prefix = `PG${tag()}`;
    const next = staffNumbers(prefix);
    say(
      `PostgreSQL: POST /api/staff, ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${SECONDS} s`,
    );
    const warmup = await warmupLoad(s.baseUrl, auth.cookie, next);
    const api = await createStaffLoad({
      baseUrl: s.baseUrl,
      cookie: auth.cookie,
      seconds: SECONDS,
      connections: CONNECTIONS,
      nextStaffNo: next,
      serverPid: s.pid,
    });
    if (warmup) expectCleanLoad('PostgreSQL warm-up', warmup);
    expectCleanLoad('PostgreSQL API', api);
    const memoryAfterLoad = memoryOf(s.pid);
    const stop = await s.stop();
    expectStopped('PostgreSQL server', stop);

    const db = await openDatabase({ kind: 'postgres', url: temp.url, poolSize: CONNECTIONS });
    try {
      say('PostgreSQL: counting rows and walking the audit chain');
      const stored = await checkDatabase(db, prefix, auth.centerId);
      expectStored('PostgreSQL', stored, [warmup, api]);
      expect(stored.chainOk, `PostgreSQL: audit chain ${stored.chain} does not verify`);

      say(`PostgreSQL: pgbench with the same statements, ${CONNECTIONS} clients, ${SECONDS} s`);
      const pgbenchDir = join(tmp, 'pgbench');
      mkdirSync(pgbenchDir);
      const after = staffBody('1234567890123456789');
      const pgbench = await runPgbench({
        url: temp.url,
        dir: pgbenchDir,
        seconds: SECONDS,
        clients: CONNECTIONS,
        threads: 2,
        vars: {
          session_id: sha256(auth.sessionToken),
          name: after.name,
          position: after.position,
          in_post_from: after.inPostFrom,
          center_id: auth.centerId,
          space: ' ',
          chain: `center:${auth.centerId}`,
          zero: 0,
          genesis: '0'.repeat(64),
          at: new Date().toISOString(),
          user_id: auth.userId,
          actor_name: `${auth.displayName}（admin）`,
          action: 'staff.create',
          entity_type: 'staff',
          after: JSON.stringify({
            centerId: auth.centerId,
            id: 100000,
            inPostFrom: after.inPostFrom,
            inPostTo: null,
            name: after.name,
            position: after.position,
            staffNo: after.staffNo,
            supervisorId: null,
            supervisorName: null,
            version: 0,
            windowId: null,
            windowName: null,
          }),
          ip: '127.0.0.1',
          request_id: randomUUID(),
          hash: sha256('pgbench'),
        },
      });
      expect(
        pgbench.exitCode === 0 && pgbench.failed === 0 && Number.isFinite(pgbench.tps),
        `pgbench: exit code ${pgbench.exitCode}, ${pgbench.failed} failed transactions\n${pgbench.output}`,
      );

      say(
        `PostgreSQL: in-process loop through Kysely (no HTTP), ${CONNECTIONS} loops, ${WARMUP} s warm-up + ${SECONDS} s`,
      );
      const nextDirect = staffNumbers(`PK${tag()}`);
      if (WARMUP)
        await directLoop({
          db,
          sessionToken: auth.sessionToken,
          seconds: WARMUP,
          concurrency: CONNECTIONS,
          nextStaffNo: nextDirect,
        });
      const direct = await directLoop({
        db,
        sessionToken: auth.sessionToken,
        seconds: SECONDS,
        concurrency: CONNECTIONS,
        nextStaffNo: nextDirect,
      });
      expect(
        direct.failures === 0,
        `PostgreSQL in-process: ${direct.failures} failures (${direct.firstFailure})`,
      );

      return {
        database: temp.name,
        version,
        settings: pgSettings,
        start,
        warmup,
        api,
        memoryAfterLoad,
        stop,
        stored,
        pgbench,
        direct,
      };
    } finally {
      await db.close();
    }
  } finally {
    await temp.drop();
    say(`PostgreSQL: dropped ${temp.name}`);
  }
}

function gitDescribe(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);
const mib = (m: Memory | null) => (m ? `${m.rssMiB} MiB (peak ${m.peakMiB})` : 'n/a');

function printTables(r: {
  pglite: PgliteFigures;
  postgres: PostgresFigures | null;
  ratios: Record<string, number | null>;
}) {
  const { pglite, postgres } = r;
  const rows: string[][] = [
    ['Write path (create staff)', 'writes/s', 'p50 ms', 'p99 ms', 'CPU ms/write'],
  ];
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
  api('PGlite', pglite.api);
  direct('PGlite', pglite.direct);
  if (postgres) {
    api('PostgreSQL', postgres.api);
    direct('PostgreSQL', postgres.direct);
    const b = postgres.pgbench;
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

  console.log('\nRatios (writes/s ÷ writes/s, same run)');
  for (const [k, v] of Object.entries(r.ratios)) console.log(`  ${k}: ${v ?? 'n/a'}`);

  console.log('\nPGlite server process (node --import tsx packages/server/src/main.ts)');
  console.log(
    `  first start (migrations + demo seed): ${pglite.firstStart.ms} ms, RSS ${mib(pglite.firstStart.memory)}`,
  );
  console.log(
    `  second start (existing folder):       ${pglite.secondStart.ms} ms, RSS ${mib(pglite.secondStart.memory)}`,
  );
  console.log(
    `  after ${WARMUP + SECONDS} s of writes:                 RSS ${mib(pglite.memoryAfterLoad)}`,
  );
  console.log(`  restart after SIGKILL:                ${pglite.crash.restartMs} ms`);
  console.log(
    `  SIGTERM exit codes: ${[pglite.firstStart.stop, pglite.crash.stop].map((s) => s.code).join(', ')}`,
  );
  const c = pglite.crash;
  console.log(
    `  durability: ${c.acknowledged} writes acknowledged before SIGKILL (${c.sent} sent), ${c.foundAfterRestart} found after restart: ` +
      `${c.lostAcknowledged} acknowledged lost, ${c.committedUnacknowledged} committed but unanswered`,
  );
  const storedLine = (d: DatabaseCheck, l: LoadResult, w: LoadResult | null) =>
    `  stored: ${d.staffRows} rows for ${l.created + (w?.created ?? 0)} acknowledged / ${l.sent + (w?.sent ?? 0)} sent; ` +
    `audit chain ${d.chain} ${d.chainOk ? 'verifies' : 'BROKEN'} (${d.chainEntries} entries)`;
  console.log(storedLine(pglite.stored, pglite.api, pglite.warmup));
  if (postgres) {
    const st = postgres.settings;
    console.log(
      `\nPostgreSQL ${postgres.version} (fsync=${st.fsync}, synchronous_commit=${st.synchronous_commit})`,
    );
    console.log(
      `  server start: ${postgres.start.ms} ms, RSS ${mib(postgres.start.memory)}; after load RSS ${mib(postgres.memoryAfterLoad)}`,
    );
    console.log(storedLine(postgres.stored, postgres.api, postgres.warmup));
    const b = postgres.pgbench;
    console.log(
      `  pgbench: ${b.transactions} transactions, ${b.failed} failed, latency avg ${b.latencyMs.avg} ms`,
    );
  }
}

async function main() {
  const started = new Date();
  const tmp = mkdtempSync(join(tmpdir(), 'bianmin-bench-'));
  say(`temporary folder ${tmp}`);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round1(totalmem() / 2 ** 30),
    node: process.version,
    kernel: release(),
    loadAverageAtStart: loadavg().map(round1),
    loadAverageAtEnd: [] as number[],
  };
  let pglite: PgliteFigures;
  let postgres: PostgresFigures | null = null;
  try {
    pglite = await benchPglite(tmp);
    if (WITH_POSTGRES) postgres = await benchPostgres(tmp);
  } finally {
    if (process.env.BENCH_KEEP === '1') say(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }

  const ratios: Record<string, number | null> = {
    'PGlite API / PGlite in-process': ratio(pglite.api.writesPerSec, pglite.direct.writesPerSec),
  };
  if (postgres) {
    ratios['PostgreSQL API / pgbench same SQL'] = ratio(
      postgres.api.writesPerSec,
      postgres.pgbench.tps,
    );
    ratios['PostgreSQL in-process / pgbench same SQL'] = ratio(
      postgres.direct.writesPerSec,
      postgres.pgbench.tps,
    );
    ratios['PostgreSQL API / PostgreSQL in-process'] = ratio(
      postgres.api.writesPerSec,
      postgres.direct.writesPerSec,
    );
    ratios['PGlite API / PostgreSQL API'] = ratio(
      pglite.api.writesPerSec,
      postgres.api.writesPerSec,
    );
  }

  machine.loadAverageAtEnd = loadavg().map(round1);
  const finished = new Date();
  const result = {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationSeconds: Math.round((finished.getTime() - started.getTime()) / 1000),
    command: 'npm run bench',
    commit: gitDescribe(),
    machine,
    settings: {
      seconds: SECONDS,
      warmupSeconds: WARMUP,
      connections: CONNECTIONS,
      crashAfterMs: CRASH_MS,
      postgres: WITH_POSTGRES ? redact(PG_BASE) : null,
      serverLogLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
    },
    pglite,
    postgres,
    ratios,
    problems,
  };
  const resultsDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

  console.log(
    `Bianmin write benchmark — ${started.toISOString()}, ${machine.cpus} × ${machine.cpuModel}, ` +
      `${machine.memoryGiB} GiB, Node ${machine.node}, ${SECONDS} s per figure, commit ${result.commit}`,
  );
  console.log(
    `load average (1/5/15 min): ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} at end`,
  );
  printTables({ pglite, postgres, ratios });
  console.log(`\nresults: ${file} (${result.durationSeconds} s in all)`);
  if (problems.length > 0) {
    console.log(`\n${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
  }
}

await main();
