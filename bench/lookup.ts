/**
 * The citizens' case lookup against pgbench: `npm run bench:lookup` (docs/perf.md, "Intake and
 * public lookup against pgbench (issue 12)").
 *
 * GET /api/public/case-status?receiptNo=…&queryCode=… — no account — against the real server
 * process on PostgreSQL (autocannon, keep-alive connections, a random one of many existing cases
 * per request), the same service called in-process (`caseStatus`, no HTTP), and pgbench sending
 * the statements one lookup sends (captured and compared in every run, as for the intake) with a
 * random one of the same receipt numbers per transaction: single-row selects, `pgbench -S` style
 * (a right code writes nothing). Same concurrency, same duration, interleaved rounds.
 *
 * The server runs with BIANMIN_BENCHMARK_NO_RATE_LIMIT=1: every request comes from 127.0.0.1 and
 * the per-address limit of the query (20 a minute) would refuse nearly all of them. The guessing
 * defence in the database (QUERY_CODE_POLICY, per address) stays: every lookup reads its address's
 * failures, and the run checks that no right code wrote any.
 *
 * Environment: BENCH_SECONDS (10 s per path), BENCH_ROUNDS (3), BENCH_WARMUP_SECONDS (2),
 * BENCH_CONNECTIONS (10), BENCH_CASES (500 cases to look up), BENCH_DATABASE_URL
 * (postgres://postgres@127.0.0.1:5432/postgres; only loopback), BENCH_LOG_LEVEL (the server's
 * LOG_LEVEL, info), BENCH_PSQL / BENCH_PGBENCH. Quick check: BENCH_SECONDS=2 BENCH_ROUNDS=1
 * BENCH_WARMUP_SECONDS=0 BENCH_CASES=50. Exits with 1 when a check fails.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCaseBody,
  type CaseDetail,
  type PublicCaseStatus,
} from '../packages/contracts/src/cases.ts';
import { displayReceiptNo } from '../packages/domain/src/index.ts';
import { openDatabase, type Db } from '../packages/server/src/db/connect.ts';
import { actorOf } from '../packages/server/src/http/context.ts';
import { sessionUser } from '../packages/server/src/modules/auth/service.ts';
import { intake } from '../packages/server/src/modules/cases/service.ts';
import { caseStatus } from '../packages/server/src/modules/public/service.ts';
import {
  combineDirect,
  depsOf,
  timedLoops,
  type DirectResult,
  type DirectSlice,
} from './direct.ts';
import {
  applicantName,
  CLERK,
  INTAKE_ITEM,
  intakeRequest,
  itemIdOf,
  pgbenchFromCapture,
  type ScriptCheck,
} from './intake.ts';
import { combineLoad, getLoad, login, type LoadResult } from './load.ts';
import { cpuPressure, gitDescribe } from './machine.ts';
import { captureQueries } from './pg-capture.ts';
import {
  assertLoopback,
  combinePgbench,
  createTempDatabase,
  psql,
  redact,
  runPgbench,
  serverVersion,
  settings,
  type PgbenchResult,
  type PgbenchSlice,
} from './pgbench.ts';
import { intEnv, keptPath, measure, problemList, roundSettings, type Path } from './rounds.ts';
import { REPO_ROOT, startServer, type RunningServer } from './server.ts';
import { round1 } from './stats.ts';

const RUN = roundSettings();
const CASES = intEnv('BENCH_CASES', 500, 2);
/** Where autocannon's requests come from, as the server sees them. */
const ADDRESS = '127.0.0.1';
/** pgbench counts its attempts under a throttle key of its own (one row, like the server's). */
const PGBENCH_KEY = 'q:pgbench';

const say = (text: string) => process.stderr.write(`[bench:lookup] ${text}\n`);
const { problems, expect } = problemList(say);

/**
 * One lookup as PostgreSQL sees it (checked against a capture of one lookup in every run): one
 * statement a line, `:name` a pgbench variable, `:receipt` the receipt number looked up (replaced
 * by a random one per transaction, see `withRandomReceipt`). The attempt is judged on the failures
 * recorded under the address's key and the receipt's code, read together; the code is compared in
 * the server; then the case and what the answer names. A right code writes nothing, so this is a
 * `pgbench -S`-style script: single-row selects.
 */
export const LOOKUP_SCRIPT = `select "t"."failures", "t"."last_failure_at", "c"."id", "c"."query_code" from (select 1 as one) as "attempt" left join "login_throttle" as "t" on "t"."key" = :key left join "cases" as "c" on "c"."receipt_no" = :receipt \\gset case_
select "c"."receipt_no", "c"."status", "c"."subject", "c"."accepted_kind", "c"."received_at", "c"."accepted_at", "c"."deadline_at", "c"."closed_at", "c"."pauses", "c"."materials", "c"."material_remarks", "c"."result", "c"."reasons", "c"."answer", "i"."name" as "item_name", "w"."name" as "window_name", "ce"."code" as "center_code", "ce"."name" as "center_name", "ce"."phone" as "center_phone" from "cases" as "c" inner join "centers" as "ce" on "ce"."id" = "c"."center_id" left join "service_items" as "i" on "i"."id" = "c"."item_id" left join "staff" as "s" on "s"."id" = "c"."holder_staff_id" left join "windows" as "w" on "w"."id" = "s"."window_id" where "c"."id" = :case_id;
`;

/**
 * The script with `:receipt` replaced by one of `count` receipt numbers (`:r0` … given with -D),
 * chosen at random per transaction: pgbench has no arrays and no strings to compute with (and the
 * numbers start with zeros), so a binary tree of `\if` picks the statement with the right variable.
 */
export function withRandomReceipt(script: string, count: number): string {
  const tree = (line: string, lo: number, hi: number): string => {
    if (hi - lo === 1) return line.replaceAll(':receipt', `:r${lo}`);
    const mid = (lo + hi) >> 1;
    return `\\if :k < ${mid}\n${tree(line, lo, mid)}\n\\else\n${tree(line, mid, hi)}\n\\endif`;
  };
  const lines = script
    .split('\n')
    .map((line) => (line.includes(':receipt') ? tree(line, 0, count) : line));
  return `\\set k random(0, ${count - 1})\n${lines.join('\n')}`;
}

interface CaseKeys {
  receiptNo: string;
  queryCode: string;
}

/** `count` cases received and accepted by the demo clerk in-process, from `concurrency` loops. */
async function receiveCases(
  db: Db,
  token: string,
  itemId: number,
  count: number,
  concurrency: number,
): Promise<CaseKeys[]> {
  const deps = depsOf(db);
  const found = await sessionUser(deps, token);
  if (!found || !('user' in found)) throw new Error('the clerk session is not valid');
  const user = found.user;
  if (user.centerId === null) throw new Error('the demo clerk should belong to a center');
  const centerId = user.centerId;
  const body = createCaseBody.parse(intakeRequest(itemId, applicantName(`LK${Date.now()}`)));
  const cases: CaseKeys[] = [];
  let next = 0;
  const loop = async () => {
    while (next < count) {
      next += 1;
      const actor = actorOf(user, { ip: ADDRESS, id: randomUUID() });
      const c: CaseDetail = await intake(deps, user, actor, centerId, body);
      cases.push({ receiptNo: c.receiptNo, queryCode: c.queryCode });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return cases;
}

/** What is wrong with an answer to a lookup of `asked`, or null. */
function judgeAnswer(asked: CaseKeys, answer: PublicCaseStatus): string | null {
  if (answer.receiptNo !== displayReceiptNo(asked.receiptNo))
    return `asked ${asked.receiptNo}, answered ${answer.receiptNo}`;
  if (answer.status !== 'in_progress' || answer.acceptedKind !== 'promised')
    return `case ${asked.receiptNo} is ${answer.status}, ${answer.acceptedKind}`;
  return null;
}

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;

function httpPath(server: RunningServer, cases: CaseKeys[]) {
  const load = (seconds: number) =>
    getLoad({
      baseUrl: server.baseUrl,
      seconds,
      connections: RUN.connections,
      serverPid: server.pid,
      next: () => {
        const asked = pick(cases);
        return {
          path: `/api/public/case-status?receiptNo=${asked.receiptNo}&queryCode=${asked.queryCode}`,
          judge: (status, body) =>
            status === 200
              ? judgeAnswer(asked, JSON.parse(body) as PublicCaseStatus)
              : `status ${status}`,
        };
      },
    });
  return keptPath('lookup HTTP API', load);
}

function directPath(db: Db, cases: CaseKeys[]) {
  const deps = depsOf(db);
  const loop = (seconds: number) =>
    timedLoops({
      seconds,
      concurrency: RUN.connections,
      run: async () => {
        const asked = pick(cases);
        const problem = judgeAnswer(
          asked,
          await caseStatus(deps, ADDRESS, asked.receiptNo, asked.queryCode),
        );
        if (problem) throw new Error(problem);
      },
    });
  return keptPath('lookup in-process', loop);
}

function pgbenchPath(
  name: string,
  url: string,
  dir: string,
  vars: Record<string, string>,
  text: string,
) {
  const file = `${name.replace(/\W+/g, '-')}.sql`;
  const run = (seconds: number) =>
    runPgbench({
      url,
      dir,
      seconds,
      clients: RUN.connections,
      threads: 2,
      vars,
      script: { file, text },
    });
  return keptPath(name, run);
}

function expectCleanLoad(where: string, r: LoadResult) {
  expect(
    r.wrong === 0 && r.non2xx === 0 && r.errors === 0 && r.timeouts === 0 && r.created > 0,
    `${where}: ${r.created} right answers, ${r.wrong} wrong, ${r.non2xx} non-2xx, ${r.errors} errors, ` +
      `${r.timeouts} timeouts${r.firstFailure ? ` (first: ${r.firstFailure.status} ${r.firstFailure.body})` : ''}`,
  );
}

function expectCleanPgbench(where: string, all: PgbenchSlice[], combined: PgbenchResult) {
  expect(
    all.every((b) => b.exitCode === 0 && b.failed === 0) && Number.isFinite(combined.tps),
    `${where}: exit codes ${all.map((b) => b.exitCode).join(',')}, ` +
      `${all.reduce((n, b) => n + b.failed, 0)} failed transactions\n${all.find((b) => b.exitCode !== 0)?.output ?? combined.output}`,
  );
}

/** Records in the guessing defence's table: right codes write none. */
const throttleRecords = async (url: string) =>
  Number(await psql(url, 'select count(*) from login_throttle'));

async function bench(tmp: string) {
  assertLoopback(RUN.pgBase);
  const temp = await createTempDatabase(RUN.pgBase);
  let server: RunningServer | null = null;
  let db: Db | null = null;
  try {
    say(`PostgreSQL: temporary database ${temp.name} at ${redact(RUN.pgBase)}; server start`);
    server = await startServer({
      dataDir: join(tmp, 'unused-data'),
      databaseUrl: temp.url,
      logPath: join(tmp, 'server.log'),
      env: { BIANMIN_BENCHMARK_NO_RATE_LIMIT: '1' },
    });
    const clerk = await login(server.baseUrl, CLERK);
    const itemId = await itemIdOf(server.baseUrl, clerk.cookie, INTAKE_ITEM);
    db = await openDatabase({ kind: 'postgres', url: temp.url, poolSize: RUN.connections });
    say(`receiving ${CASES} cases (in-process intake, accepted as promised)`);
    const cases = await receiveCases(db, clerk.sessionToken, itemId, CASES, RUN.connections);
    await psql(temp.url, 'vacuum analyze');

    say('one lookup in-process with its SQL recorded, for the pgbench script');
    const sample = cases[0]!;
    const { queries } = await captureQueries(() =>
      caseStatus(depsOf(db!), ADDRESS, sample.receiptNo, sample.queryCode),
    );
    const check: ScriptCheck = pgbenchFromCapture(LOOKUP_SCRIPT, queries, { key: PGBENCH_KEY });
    expect(
      check.mismatches.length === 0,
      `the lookup pgbench script differs from what one lookup sends (${check.captured} statements sent, ` +
        `${check.scripted} scripted):\n${check.mismatches.slice(0, 5).join('\n')}`,
    );
    const vars = {
      ...check.vars,
      ...Object.fromEntries(cases.map((c, i) => [`r${i}`, c.receiptNo])),
    };
    const dir = join(tmp, 'pgbench');
    mkdirSync(dir);
    const http = httpPath(server, cases);
    const direct = directPath(db, cases);
    const pgbenchOf = (name: string, script: string) =>
      pgbenchPath(name, temp.url, dir, vars, withRandomReceipt(script, cases.length));
    const same = pgbenchOf('lookup pgbench same SQL', LOOKUP_SCRIPT);
    const paths: Path[] = [http.path, direct.path, same.path];
    await measure(paths, { warmupSeconds: RUN.warmup, slices: RUN.slices, say });

    const api = combineLoad(http.slices, RUN.connections);
    for (const w of http.warmups)
      expectCleanLoad('lookup HTTP warm-up', combineLoad([w], RUN.connections));
    expectCleanLoad('lookup HTTP API', api);
    const inProcess: DirectResult = combineDirect(direct.slices, RUN.connections);
    const directAll: DirectSlice[] = [...direct.warmups, ...direct.slices];
    const directFailures = directAll.reduce((n, s) => n + s.failures, 0);
    expect(
      directFailures === 0 && inProcess.writes > 0,
      `lookup in-process: ${inProcess.writes} lookups, ${directFailures} failures (${directAll.find((s) => s.firstFailure)?.firstFailure})`,
    );
    const pgbench = combinePgbench(same.slices, RUN.connections, 2);
    expectCleanPgbench('lookup pgbench', [...same.warmups, ...same.slices], pgbench);
    // Every lookup was right: nothing was written under any address.
    const records = await throttleRecords(temp.url);
    expect(records === 0, `login_throttle: ${records} records after right codes only`);
    const stop = await server.stop();
    server = null;
    expect(
      stop.code === 0,
      `server: SIGTERM ended it with code ${stop.code} signal ${stop.signal}`,
    );
    const { vars: _, ...script } = check;
    return {
      database: {
        version: await serverVersion(temp.url),
        settings: await settings(temp.url, ['fsync', 'synchronous_commit', 'shared_buffers']),
      },
      cases: cases.length,
      script,
      api,
      inProcess,
      pgbench,
    };
  } finally {
    await db?.close().catch(() => undefined);
    await server?.kill().catch(() => undefined);
    await temp.drop();
    say(`PostgreSQL: dropped ${temp.name}`);
  }
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

async function main() {
  const started = new Date();
  const tmp = mkdtempSync(join(tmpdir(), 'bianmin-bench-lookup-'));
  const loadAtStart = loadavg().map(round1);
  const pressure = cpuPressure();
  say(
    `${RUN.seconds} s per path in ${RUN.rounds} rounds (${RUN.slices.join('+')} s), ${RUN.connections} connections, ${CASES} cases`,
  );
  let figures: Awaited<ReturnType<typeof bench>>;
  try {
    figures = await bench(tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const finished = new Date();
  const { api, inProcess, pgbench } = figures;
  const ratios = {
    'Lookup: API / pgbench same SQL': ratio(api.writesPerSec, pgbench.tps),
    'Lookup: in-process / pgbench same SQL': ratio(inProcess.writesPerSec, pgbench.tps),
    'Lookup: API / in-process': ratio(api.writesPerSec, inProcess.writesPerSec),
  };
  const result = {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    command: 'npm run bench:lookup',
    commit: gitDescribe(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg().map(round1),
      cpuPressurePercent: pressure(),
    },
    settings: {
      secondsPerPath: RUN.seconds,
      rounds: RUN.rounds,
      slices: RUN.slices,
      warmupSeconds: RUN.warmup,
      connections: RUN.connections,
      cases: CASES,
      postgres: redact(RUN.pgBase),
      serverLogLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
    },
    ratios,
    ...figures,
    problems,
  };
  const resultsDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `lookup-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

  const m = result.machine;
  console.log(
    `Bianmin public case lookup — ${result.startedAt}, ${m.cpus} × ${m.cpuModel}, Node ${m.node}, commit ${result.commit}`,
  );
  console.log(
    `${RUN.seconds} s per path in ${RUN.rounds} interleaved rounds, ${RUN.connections} connections, ${figures.cases} cases; ` +
      `load average ${m.loadAverageAtStart.join(' ')} at start, ${m.loadAverageAtEnd.join(' ')} at end, ` +
      `CPU pressure ${m.cpuPressurePercent ?? 'n/a'} %`,
  );
  const rows = [
    ['Path', 'lookups/s', 'p50 ms', 'p99 ms', 'CPU ms/lookup'],
    [
      `HTTP API (${RUN.connections} conn.)`,
      api.writesPerSec.toFixed(1),
      api.latencyMs.p50.toFixed(2),
      api.latencyMs.p99.toFixed(2),
      api.serverCpuMsPerWrite === null ? 'n/a' : `${api.serverCpuMsPerWrite.toFixed(2)} (server)`,
    ],
    [
      `in-process (${RUN.connections} loops)`,
      inProcess.writesPerSec.toFixed(1),
      inProcess.latencyMs.p50.toFixed(2),
      inProcess.latencyMs.p99.toFixed(2),
      inProcess.cpuMsPerWrite === null ? 'n/a' : `${inProcess.cpuMsPerWrite.toFixed(2)} (node)`,
    ],
    [
      `pgbench same SQL (${RUN.connections} clients)`,
      pgbench.tps.toFixed(1),
      pgbench.latencyMs.p50.toFixed(2),
      pgbench.latencyMs.p99.toFixed(2),
      'n/a',
    ],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    console.log(
      `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`,
    );
  console.log(
    `\nScript: ${figures.script.scripted} statements, one lookup sent ${figures.script.captured}, ` +
      `${figures.script.mismatches.length} differences`,
  );
  console.log('\nRatios (lookups/s ÷ lookups/s, same run)');
  for (const [k, v] of Object.entries(ratios)) console.log(`  ${k}: ${v ?? 'n/a'}`);
  console.log(`\nresults: ${file}`);
  if (problems.length > 0) {
    console.log(`\n${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
  }
}

await main();
