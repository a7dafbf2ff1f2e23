/**
 * The director's board and the statistics of one center in a big database: `npm run bench:board -w
 * @bianmin/bench` (docs/perf.md, "Cases (issue 3)" and "(issue 12)").
 *
 * Creates the PostgreSQL database `bianmin_bench_board` from scratch with the app's migrations and
 * the demo seed (centers, windows, catalog, staff, calendar); with --centers N above 2, N − 2 more
 * centers laid out like 青石镇 and made the same way (`seedCentersLikeQingshi`). Generates the cases
 * (1,000,000 by default) spread over the N centers with a few statements (one INSERT … SELECT from
 * generate_series), VACUUM ANALYZE, then times, for 青石镇, what its director opens: `board()` (看板)
 * and the statistics of the last full month, `centerStats()` (办件统计, also the Excel report) and
 * `trend()` (the board's 12-month chart), in-process with the real pool of 10. One call's queries
 * of each are recorded and run again under EXPLAIN (ANALYZE, BUFFERS). Every figure the calls give
 * about the cases is checked against an independent SQL count (a sequential scan: no index
 * involved); the run exits 1 when one differs. Then every index given with --index (or, when a
 * call is slow and none is given, the candidates below) is created, the calls timed, checked and
 * explained again, and the index dropped.
 *
 * Options: --centers N (1: 青石镇 only; 2: and 白沙乡; more: and copies of 青石镇), --cases N
 * (1000000), --runs N (20 timed rounds after 3 warm-up rounds), --month YYYY-MM (the statistics'
 * month; the last full one), --keep (leave the database, candidate indexes dropped), --reuse (take
 * the kept database as it is, no generation), --database NAME (bianmin_bench_board; another, e.g.
 * a copy of a kept one), --migrate-to NAME (apply the migrations up to NAME only: the figures
 * before a later migration), --stale-days D (also time with the pages of the cases received or
 * closed in the last D days not all-visible, as between two vacuums), --unvacuumed (also time with
 * the visibility map of cases emptied: no page all-visible), --writes N (also time N cases
 * written as the intake writes them, inserted and updated, rolled back), --county (also time the
 * county's comparison of every center, `countyStats()`), --index "create index … on cases …"
 * (repeatable). Environment: BENCH_DATABASE_URL (loopback only), BENCH_PSQL.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { addMonths, monthOfInstant } from '@bianmin/domain';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../packages/server/src/clock.ts';
import { systemClock } from '../packages/server/src/clock.ts';
import { openDatabase, type Db } from '../packages/server/src/db/connect.ts';
import { migrateUpTo } from '../packages/server/src/db/migrate.ts';
import { seedCentersLikeQingshi, seedDemo } from '../packages/server/src/demo/seed.ts';
import type { Deps } from '../packages/server/src/http/context.ts';
import { board } from '../packages/server/src/modules/cases/board.ts';
import { centerStats, countyStats, trend } from '../packages/server/src/modules/stats/service.ts';
import { depsOf } from './direct.ts';
import { gitDescribe, machineWatch } from './machine.ts';
import { generationSql, OPEN, RUNNING, sharesOf, type Share } from './generate.ts';
import { captureQueries, paramText, type CapturedQuery } from './pg-capture.ts';
import { assertLoopback, psql, redact, serverVersion, settings, withDatabase } from './pgbench.ts';
import { REPO_ROOT } from './server.ts';
import { round1, round2 } from './stats.ts';

const { values: opts } = parseArgs({
  options: {
    centers: { type: 'string', default: '1' },
    cases: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '20' },
    month: { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    'migrate-to': { type: 'string' },
    database: { type: 'string', default: 'bianmin_bench_board' },
    'stale-days': { type: 'string', default: '0' },
    writes: { type: 'string', default: '0' },
    county: { type: 'boolean', default: false },
    unvacuumed: { type: 'boolean', default: false },
    index: { type: 'string', multiple: true, default: [] },
  },
});
const CENTERS = Number(opts.centers);
const CASES = Number(opts.cases);
const RUNS = Number(opts.runs);
if (!Number.isInteger(CENTERS) || CENTERS < 1 || CENTERS > 999)
  throw new Error('--centers must be a whole number from 1 to 999');
if (!Number.isInteger(CASES) || CASES < 1000 * CENTERS)
  throw new Error('--cases must be a whole number ≥ 1000 per center');
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be a whole number ≥ 1');
const WRITES = Number(opts.writes);
if (!Number.isInteger(WRITES) || WRITES < 0) throw new Error('--writes must be a whole number ≥ 0');
const STALE_DAYS = Number(opts['stale-days']);
if (!Number.isInteger(STALE_DAYS) || STALE_DAYS < 0)
  throw new Error('--stale-days must be a whole number ≥ 0');
if (opts.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month))
  throw new Error('--month must be YYYY-MM');
const WARMUP_ROUNDS = 3;
/** Above this median a call counts as slow and candidate indexes are tried. */
const SLOW_MS = 200;
const PG_BASE = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = opts.database;
if (!/^bianmin_bench_\w+$/.test(DB_NAME)) throw new Error('--database must be bianmin_bench_…');

/** Indexes tried when a call is slow and no --index is given (see docs/perf.md). */
const CANDIDATES: string[] = [];

const say = (text: string) => process.stderr.write(`[board] ${text}\n`);

// ── What is timed ──────────────────────────────────────────────────────────────────────────────

/** The calls a director's pages make for the center, timed and explained each. */
interface Call {
  name: string;
  run: (deps: Deps, centerId: number) => Promise<unknown>;
}

const callsFor = (statsMonth: string): Call[] => [
  { name: 'board()', run: (deps, centerId) => board(deps, centerId) },
  { name: 'centerStats()', run: (deps, centerId) => centerStats(deps, centerId, statsMonth) },
  { name: 'trend()', run: (deps, centerId) => trend(deps, centerId, statsMonth) },
];

/** One query as the app sent it, named for the report. */
interface SentQuery {
  call: string;
  label: string;
  text: string;
  values: unknown[];
}

/** Names of the queries, by what their text holds (the first that matches). */
const LABELS: [RegExp, string][] = [
  [/as "completed",.*"windows"/s, 'month rates by window'],
  [/as "completed",.*"service_items"/s, 'month rates by item'],
  [/width_bucket\(c\.closed_at|count\(\*\) filter \(where c\.closed_at >= /, 'trend (12 months)'],
  [/"clock_start_at", "c"\."closed_at", "c"\."pauses"/, 'timed cases of the month'],
  [/"on_time" from "cases" as "c" left join "windows"/, 'on-time by window'],
  [/"on_time" from "cases" as "c" left join "service_items"/, 'on-time by item'],
  [/"on_time" from "cases" as "c" left join "staff"/, 'on-time by person'],
  [/"on_time" from "cases" as "c" where/, 'on-time total'],
  [/"c"\."channel", count\(\*\)/, 'received by channel'],
  [/as "kind", count\(\*\)/, 'received by kind'],
  [/count\(\*\) filter \(where c\.status = 'paused'\).*"windows"/s, 'open counts by window'],
  [/count\(\*\) filter \(where c\.status = 'paused'\).*"service_items"/s, 'open counts by item'],
  [/count\(\*\) filter \(where c\.status = 'paused'\)/, 'open counts (totals)'],
  [/"c"\."awaiting" is not null/, 'awaiting list'],
  [/"c"\."deadline_at" >= .*"c"\."yellow_at" <= .*limit/s, 'due-soon list'],
  [/"c"\."deadline_at" < .*limit/s, 'overdue list'],
  [/from "case_urges"/, 'urges of the listed'],
  [/from "calendar_years" as "y"/, 'calendar years (board)'],
  [/from "calendar_years"/, 'calendar years'],
  [/from "calendar_days"/, 'calendar days'],
  [/from "business_hours"/, 'business hours'],
  [/from "case_settings"/, 'case settings'],
  [/from "centers"/, 'center name'],
  [/from "public_reports" as "p"/, 'complaints'],
  [/from "public_reports" where .*limit/s, 'reports overdue'],
  [/from "public_reports"/, 'report terms'],
  [/from "appeals"/, 'appeal terms'],
  [/from "announcements"/, 'announcements late'],
  [/filter \(where \(contacted_at is null/, 'follow-up terms'],
  [/"f"\."contact_due_at" as/, 'rating follow-ups overdue'],
  [/from "ratings"/, 'ratings of the month'],
  [/from "bookings"/, 'bookings'],
  [/from "home_visits"/, 'home visits'],
];

function labelOf(q: CapturedQuery): string {
  for (const [re, label] of LABELS) if (re.test(q.text)) return label;
  const table = /from "(\w+)"/.exec(q.text)?.[1];
  return table ? `from ${table}` : q.text.slice(0, 40);
}

const literal = (v: unknown) => {
  const text = paramText(v);
  return text === null ? 'null' : `'${text.replaceAll("'", "''")}'`;
};

interface Explained {
  call: string;
  label: string;
  sql: string;
  params: (string | null)[];
  planningMs: number;
  executionMs: number;
  /** Buffers of the top plan node: shared hit / read. */
  sharedHit: number;
  sharedRead: number;
  plan: string;
}

/** EXPLAIN (ANALYZE, BUFFERS) of a query with its parameters, prepared (a custom plan, as the app). */
async function explain(url: string, q: SentQuery): Promise<Explained> {
  const args = q.values.length > 0 ? `(${q.values.map(literal).join(', ')})` : '';
  const plan = await psql(
    url,
    `prepare q as ${q.text}; explain (analyze, buffers) execute q${args}; deallocate q;`,
  );
  const num = (re: RegExp) => Number(re.exec(plan)?.[1] ?? NaN);
  return {
    call: q.call,
    label: q.label,
    sql: q.text,
    params: q.values.map(paramText),
    planningMs: num(/Planning Time: ([\d.]+) ms/),
    executionMs: num(/Execution Time: ([\d.]+) ms/),
    sharedHit: num(/Buffers: shared hit=(\d+)/) || 0,
    sharedRead: num(/Buffers: shared(?: hit=\d+)? read=(\d+)/) || 0,
    plan,
  };
}

interface Timing {
  runs: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  avg: number;
  /** Load average (1 min) when the rounds began. */
  load1: number;
}

function timingOf(ms: number[], load1: number): Timing {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return {
    runs: ms.length,
    p50: round1(at(50)),
    p95: round1(at(95)),
    min: round1(sorted[0]!),
    max: round1(sorted.at(-1)!),
    avg: round1(ms.reduce((s, x) => s + x, 0) / ms.length),
    load1,
  };
}

/**
 * `RUNS` rounds of every call one after the other, after a few unmeasured rounds: interleaved, so
 * that a busy moment of the machine falls on all of them alike.
 */
async function timeCalls(db: Db, calls: Call[], centerId: number): Promise<Record<string, Timing>> {
  const deps = depsOf(db);
  for (let i = 0; i < WARMUP_ROUNDS; i++) for (const c of calls) await c.run(deps, centerId);
  const load1 = round1(loadavg()[0]!);
  const ms = new Map<string, number[]>(calls.map((c) => [c.name, []]));
  for (let i = 0; i < RUNS; i++)
    for (const c of calls) {
      const t0 = performance.now();
      await c.run(deps, centerId);
      ms.get(c.name)!.push(performance.now() - t0);
    }
  return Object.fromEntries(calls.map((c) => [c.name, timingOf(ms.get(c.name)!, load1)]));
}

/** The queries of one call of each, explained; within a call the slowest first. */
async function explainCalls(
  db: Db,
  url: string,
  calls: Call[],
  centerId: number,
): Promise<Explained[]> {
  const out: Explained[] = [];
  for (const c of calls) {
    const { queries } = await captureQueries(() => c.run(depsOf(db), centerId));
    const seen = new Set<string>();
    const mine: Explained[] = [];
    for (const q of queries.filter((x) => !/^set time zone/i.test(x.text))) {
      const key = `${q.text}\n${JSON.stringify(q.values.map(paramText))}`;
      if (seen.has(key)) continue;
      seen.add(key);
      mine.push(await explain(url, { call: c.name, label: labelOf(q), ...q }));
    }
    out.push(...mine.sort((a, b) => b.executionMs - a.executionMs));
  }
  return out;
}

// ── The checks ─────────────────────────────────────────────────────────────────────────────────

/** The center's cases as counted by SQL of its own (no index used), at one instant. */
interface Counted {
  open: number;
  paused: number;
  red: number;
  yellow: number;
  awaiting: number;
  openByWindow: Record<string, number>;
  boardMonth: { completed: number; onTime: number };
  statsMonth: { completed: number; onTime: number; received: number };
  receivedByChannel: Record<string, number>;
  /** 'YYYY-MM' → [completed, on time], the months of the trend that have any. */
  trend: Record<string, [number, number]>;
}

/** Midnight at the start of a month in Asia/Shanghai, in SQL (independent of the domain's). */
const monthStartSql = (month: string, plus = 0) =>
  `((date '${month}-01' + interval '${plus} months')::timestamp at time zone 'Asia/Shanghai')`;

async function countIndependently(
  url: string,
  centerId: number,
  at: Date,
  boardMonth: string,
  statsMonth: string,
): Promise<Counted> {
  const now = `'${at.toISOString()}'::timestamptz`;
  const inMonth = (col: string, month: string) =>
    `${col} >= ${monthStartSql(month)} and ${col} < ${monthStartSql(month, 1)}`;
  const text = await psql(
    url,
    `set enable_indexscan = off; set enable_indexonlyscan = off; set enable_bitmapscan = off;
     with c as materialized (
       select status, window_id, channel, deadline_at, yellow_at, awaiting, closed_at, on_time, received_at
       from cases where center_id = ${centerId})
     select json_build_object(
       'open', (select count(*) from c where status in ${OPEN}),
       'paused', (select count(*) from c where status = 'paused'),
       'red', (select count(*) from c where status in ${RUNNING} and deadline_at < ${now}),
       'yellow', (select count(*) from c where status in ${RUNNING} and deadline_at >= ${now}
                    and yellow_at <= ${now}),
       'awaiting', (select count(*) from c where awaiting is not null),
       'openByWindow', (select coalesce(json_object_agg(coalesce(window_id::text, '-'), n), '{}')
                        from (select window_id, count(*) as n from c where status in ${OPEN} group by 1) w),
       'boardMonth', (select json_build_object('completed', count(*), 'onTime', count(*) filter (where on_time))
                      from c where status = 'completed' and ${inMonth('closed_at', boardMonth)}),
       'statsMonth', (select json_build_object('completed', count(*) filter (where status = 'completed'
                        and ${inMonth('closed_at', statsMonth)}),
                      'onTime', count(*) filter (where status = 'completed' and on_time
                        and ${inMonth('closed_at', statsMonth)}),
                      'received', count(*) filter (where ${inMonth('received_at', statsMonth)})) from c),
       'receivedByChannel', (select coalesce(json_object_agg(channel, n), '{}') from (
                        select channel, count(*) as n from c where ${inMonth('received_at', statsMonth)}
                        group by 1) r),
       'trend', (select coalesce(json_object_agg(m, json_build_array(n, o)), '{}') from (
                   select to_char(closed_at at time zone 'Asia/Shanghai', 'YYYY-MM') as m, count(*) as n,
                     count(*) filter (where on_time) as o
                   from c where status = 'completed' and closed_at >= ${monthStartSql(statsMonth, -11)}
                     and closed_at < ${monthStartSql(statsMonth, 1)} group by 1) t))`,
  );
  return JSON.parse(text.split('\n').at(-1)!) as Counted;
}

interface Check {
  what: string;
  expected: unknown;
  actual: unknown;
  ok: boolean;
}

const sumOf = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);

/** The figures of the calls at `at`, each against the independent count. */
async function checkCalls(
  db: Db,
  centerId: number,
  at: Date,
  statsMonth: string,
  counted: Counted,
): Promise<Check[]> {
  const fixed: Clock = { now: () => new Date(at) };
  const deps = { ...depsOf(db), clock: fixed };
  const [b, s, t] = await Promise.all([
    board(deps, centerId),
    centerStats(deps, centerId, statsMonth),
    trend(deps, centerId, statsMonth),
  ]);
  const checks: Check[] = [];
  const expect = (what: string, expected: unknown, actual: unknown) =>
    checks.push({
      what,
      expected,
      actual,
      ok: JSON.stringify(expected) === JSON.stringify(actual),
    });
  /** A total counted once, which each of the app's groupings must add up to. */
  const expectEach = (what: string, expected: number, actual: Record<string, number>) =>
    checks.push({
      what,
      expected,
      actual,
      ok: Object.values(actual).every((v) => v === expected),
    });
  const sorted = (r: Record<string, number>) =>
    Object.fromEntries(Object.entries(r).sort(([x], [y]) => x.localeCompare(y)));
  expect('board: open', counted.open, b.totals.open);
  expect('board: paused', counted.paused, b.totals.paused);
  expect('board: red', counted.red, b.totals.red);
  expect('board: yellow', counted.yellow, b.totals.yellow);
  const byWindow: Record<string, number> = {};
  for (const w of b.byWindow) {
    const key = w.windowId === null ? '-' : String(w.windowId);
    byWindow[key] = (byWindow[key] ?? 0) + w.open;
  }
  expect('board: open by window', sorted(counted.openByWindow), sorted(byWindow));
  expect(
    'board: open by item, summed',
    counted.open,
    sumOf(b.byItem, (i) => i.open),
  );
  expect('board: overdue listed', Math.min(100, counted.red), b.overdue.length);
  expect('board: due soon listed', Math.min(100, counted.yellow), b.dueSoon.length);
  expect('board: awaiting listed', Math.min(100, counted.awaiting), b.awaiting.length);
  expectEach('board: month completed', counted.boardMonth.completed, {
    byWindow: sumOf(b.monthByWindow, (w) => w.completed),
    byItem: sumOf(b.monthByItem, (i) => i.completed),
  });
  expectEach('board: month on time', counted.boardMonth.onTime, {
    byWindow: sumOf(b.monthByWindow, (w) => w.onTime),
    byItem: sumOf(b.monthByItem, (i) => i.onTime),
  });
  const m = counted.statsMonth;
  expect('stats: completed', m.completed, s.total.closed);
  expect('stats: on time', m.onTime, s.total.onTime);
  expectEach('stats: completed by window, item, person', m.completed, {
    byWindow: sumOf(s.byWindow, (w) => w.closed),
    byItem: sumOf(s.byItem, (i) => i.closed),
    byPerson: sumOf(s.byPerson, (p) => p.closed),
  });
  expect('stats: received', m.received, s.volume.received);
  expect(
    'stats: received by channel',
    sorted(counted.receivedByChannel),
    sorted(
      Object.fromEntries(
        s.volume.byChannel.filter((c) => c.count > 0).map((c) => [c.channel, c.count]),
      ),
    ),
  );
  expect(
    'stats: received by kind, summed',
    m.received,
    sumOf(s.volume.byKind, (k) => k.count),
  );
  expect(
    'stats: trend',
    s.trend.map((x) => [x.month, ...(counted.trend[x.month] ?? [0, 0])]),
    s.trend.map((x) => [x.month, x.closed, x.onTime]),
  );
  expect('trend() = the statistics’ trend', s.trend, t);
  return checks;
}

// ── The write cost ─────────────────────────────────────────────────────────────────────────────

/** Rounds of the write measurement; the median is reported. */
const WRITE_ROUNDS = 3;

/** Rolls a measured transaction back. */
class Rollback extends Error {}

/**
 * What the indexes of cases cost the intake, which writes a case twice: `n` cases inserted as
 * received (copies of the center's latest, with receipt numbers of their own) and then updated as
 * accepted (in progress, with a deadline), in one transaction rolled back; the median of a few
 * rounds, per 1,000 cases. VACUUM afterwards (the rolled-back rows are dead).
 */
async function writeCost(db: Db, url: string, centerId: number, n: number) {
  const columns = (
    await psql(
      url,
      `select string_agg(quote_ident(column_name), ', ' order by ordinal_position)
       from information_schema.columns where table_name = 'cases' and column_name <> 'id'`,
    )
  ).split(', ');
  const received: Record<string, string> = {
    receipt_no: `receipt_no || 'w'`,
    status: `'received'`,
    accepted_kind: 'null',
    accepted_at: 'null',
    clock_start_at: 'null',
    term_days: 'null',
    standard_term_days: 'null',
    petition_decision: 'null',
    awaiting: 'null',
    awaiting_due_at: 'null',
    awaiting_yellow_at: 'null',
    pauses: `'[]'`,
    submission: 'null',
    deadline_at: 'null',
    yellow_at: 'null',
    warned: 'null',
    closed_at: 'null',
    on_time: 'null',
    version: '1',
  };
  const insert = `insert into cases (${columns.join(', ')})
    select ${columns.map((c) => received[c] ?? c).join(', ')}
    from cases where center_id = ${centerId} order by id desc limit ${n}`;
  const accept = (after: number) => `update cases set status = 'in_progress',
      accepted_kind = 'promised', accepted_at = received_at + interval '5 minutes',
      clock_start_at = received_at + interval '5 minutes', term_days = 5, standard_term_days = 5,
      deadline_at = now() + interval '5 days', yellow_at = now() + interval '4 days',
      version = version + 1
    where id > ${after}`;
  const rounds: { insertMs: number; updateMs: number }[] = [];
  for (let i = 0; i < WRITE_ROUNDS; i++) {
    await db.kysely
      .transaction()
      .execute(async (tx) => {
        const { max } = await tx
          .selectFrom('cases')
          .select((eb) => eb.fn.max('id').as('max'))
          .executeTakeFirstOrThrow();
        const t0 = performance.now();
        const inserted = await sql.raw(insert).execute(tx);
        const t1 = performance.now();
        const updated = await sql.raw(accept(Number(max))).execute(tx);
        const t2 = performance.now();
        if (inserted.numAffectedRows !== BigInt(n) || updated.numAffectedRows !== BigInt(n))
          throw new Error(`wrote ${inserted.numAffectedRows}/${updated.numAffectedRows} of ${n}`);
        rounds.push({ insertMs: t1 - t0, updateMs: t2 - t1 });
        throw new Rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e;
      });
  }
  await psql(url, 'vacuum cases');
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const per1000 = (ms: number) => round1((ms / n) * 1000);
  return {
    cases: n,
    rounds: WRITE_ROUNDS,
    insertMsPer1000: per1000(median(rounds.map((r) => r.insertMs))),
    updateMsPer1000: per1000(median(rounds.map((r) => r.updateMs))),
    load1: round1(loadavg()[0]!),
  };
}

// ── The run ────────────────────────────────────────────────────────────────────────────────────

async function main() {
  assertLoopback(PG_BASE);
  const started = new Date();
  const watch = machineWatch();
  const url = withDatabase(PG_BASE, DB_NAME);
  const exists =
    (await psql(PG_BASE, `select 1 from pg_database where datname = '${DB_NAME}'`)) === '1';
  const reuse = opts.reuse && exists;
  if (opts.reuse && !exists) say(`--reuse: ${DB_NAME} does not exist, creating it`);
  if (exists && !reuse) {
    say(`dropping the ${DB_NAME} left from an earlier run`);
    await psql(PG_BASE, `drop database "${DB_NAME}" with (force)`);
  }
  if (!reuse) await psql(PG_BASE, `create database "${DB_NAME}"`);
  say(`${reuse ? 'reusing' : 'created'} ${DB_NAME} at ${redact(PG_BASE)}`);

  let db: Db | null = null;
  let failed = false;
  try {
    const migrated = async () =>
      (
        await psql(
          url,
          `select coalesce(string_agg(name, ' ' order by name), '') from kysely_migration`,
        ).catch(() => '')
      )
        .split(' ')
        .filter(Boolean);
    const before = reuse ? await migrated() : [];
    const t0 = performance.now();
    db = await openMigrated(url, opts['migrate-to']);
    const migration = {
      applied: (await migrated()).filter((m) => !before.includes(m)),
      ms: Math.round(performance.now() - t0),
    };
    if (reuse && migration.applied.length > 0)
      say(`applied ${migration.applied.join(', ')} in ${round1(migration.ms / 1000)} s`);
    const migrations = (await migrated()).at(-1) ?? 'none';
    let generation: {
      centers: number;
      cases: number;
      seedMs: number;
      insertMs: number;
      vacuumAnalyzeMs: number;
    } | null = null;
    if (!reuse) {
      let t0 = performance.now();
      await seedDemo(db.kysely, systemClock);
      if (CENTERS > 2) {
        say(`making ${CENTERS - 2} more centers like 青石镇`);
        await seedCentersLikeQingshi(db.kysely, systemClock, CENTERS - 2, 3);
      }
      const seedMs = performance.now() - t0;
      const centers = await centersOf(db.kysely, sharesOf(CENTERS));
      say(
        `generating ${CASES.toLocaleString('en')} cases over ${CENTERS} center(s) (one INSERT … SELECT)`,
      );
      t0 = performance.now();
      await psql(url, generationSql(centers, CASES));
      const insertMs = performance.now() - t0;
      say(`generated in ${round1(insertMs / 1000)} s; VACUUM ANALYZE`);
      t0 = performance.now();
      await psql(url, 'vacuum analyze');
      const vacuumAnalyzeMs = performance.now() - t0;
      generation = {
        centers: CENTERS,
        cases: CASES,
        seedMs: Math.round(seedMs),
        insertMs: Math.round(insertMs),
        vacuumAnalyzeMs: Math.round(vacuumAnalyzeMs),
      };
    } else {
      // What a migration since added (an index) is planned with fresh statistics.
      await psql(url, 'vacuum analyze cases');
    }
    const centerId = (await centersOf(db.kysely, sharesOf(1)))[0]!.id;
    const data = await describeData(url, centerId);
    say(
      `${data.cases.toLocaleString('en')} cases in ${data.centersWithCases} center(s); ` +
        `${data.center.cases.toLocaleString('en')} of the measured one, ${data.center.open} open`,
    );
    const checkedAt = new Date();
    const boardMonth = monthOfInstant(checkedAt.getTime());
    const statsMonth = opts.month ?? addMonths(boardMonth, -1);
    const calls = callsFor(statsMonth);
    say(`counting the center's figures independently (a sequential scan)`);
    const counted = await countIndependently(url, centerId, checkedAt, boardMonth, statsMonth);
    const check = async (when: string) => {
      const checks = await checkCalls(db!, centerId, checkedAt, statsMonth, counted);
      const wrong = checks.filter((c) => !c.ok);
      for (const c of wrong)
        say(
          `CHECK FAILED (${when}) ${c.what}: expected ${JSON.stringify(c.expected)}, ` +
            `got ${JSON.stringify(c.actual)}`,
        );
      if (wrong.length > 0) failed = true;
      else say(`${checks.length} checks passed (${when})`);
      return { when, passed: checks.length - wrong.length, failed: wrong };
    };
    const checks = [await check(migrations)];

    say(`timing ${calls.map((c) => c.name).join(', ')} (${RUNS} rounds)`);
    const asMigrated = await timeCalls(db, calls, centerId);
    for (const [name, t] of Object.entries(asMigrated))
      say(`  ${name}: p50 ${t.p50} ms, p95 ${t.p95} ms`);
    say('explaining their queries');
    const explained = await explainCalls(db, url, calls, centerId);

    /**
     * The table as it stands between two vacuums: pages written since the last one are not marked
     * all-visible, and an index-only scan visits the table for their rows.
     */
    const states: { title: string; prepare: string }[] = [];
    if (STALE_DAYS > 0)
      states.push({
        title: `the cases received or closed in the last ${STALE_DAYS} days written since the last VACUUM`,
        // Rolled back: the rows stay where they are, their pages lose the all-visible mark.
        prepare: `begin; update cases set version = version
          where received_at > now() - interval '${STALE_DAYS} days'
             or closed_at > now() - interval '${STALE_DAYS} days'; rollback;`,
      });
    if (opts.unvacuumed)
      states.push({
        title: 'the visibility map of cases emptied (no page all-visible)',
        prepare: `create extension if not exists pg_visibility; select pg_truncate_visibility_map('cases');`,
      });
    const unvacuumed: { title: string; timing: Record<string, Timing>; explained: Explained[] }[] =
      [];
    for (const state of states) {
      say(`${state.title}: timing again`);
      await psql(url, state.prepare);
      try {
        const timing = await timeCalls(db, calls, centerId);
        for (const [name, t] of Object.entries(timing))
          say(`  ${name}: p50 ${t.p50} ms, p95 ${t.p95} ms`);
        checks.push(await check(state.title));
        unvacuumed.push({
          title: state.title,
          timing,
          explained: await explainCalls(db, url, calls, centerId),
        });
      } finally {
        say('VACUUM cases (all-visible again)');
        await psql(url, 'vacuum cases');
      }
    }

    let writes: Awaited<ReturnType<typeof writeCost>> | null = null;
    if (WRITES > 0) {
      say(`writing ${WRITES} cases twice (received, accepted), ${WRITE_ROUNDS} times, rolled back`);
      writes = await writeCost(db, url, centerId, WRITES);
      say(
        `  per 1,000 cases: insert ${writes.insertMsPer1000} ms, update ${writes.updateMsPer1000} ms`,
      );
    }

    let county: Timing | null = null;
    if (opts.county) {
      say('timing countyStats() (every center side by side: 1 warm-up call, 3 timed)');
      const deps = depsOf(db);
      await countyStats(deps, statsMonth);
      const load1 = round1(loadavg()[0]!);
      const ms: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await countyStats(deps, statsMonth);
        ms.push(performance.now() - t0);
      }
      county = timingOf(ms, load1);
    }

    const slow = Object.values(asMigrated).some((t) => t.p50 > SLOW_MS);
    const tried = opts.index.length > 0 ? opts.index : slow ? CANDIDATES : [];
    const candidates: {
      index: string;
      createMs: number;
      sizeMiB: number;
      timing: Record<string, Timing>;
      explained: Explained[];
    }[] = [];
    for (const [i, statement] of tried.entries()) {
      const name = `bench_candidate_${i + 1}`;
      const create = statement.replace(
        /create\s+index\s+(?:\w+\s+)?on/i,
        `create index ${name} on`,
      );
      say(`candidate: ${create}`);
      const t0 = performance.now();
      await psql(url, create);
      const createMs = performance.now() - t0;
      await psql(url, 'analyze cases');
      const sizeMiB = round1(
        Number(await psql(url, `select pg_relation_size('${name}')`)) / 2 ** 20,
      );
      try {
        const timing = await timeCalls(db, calls, centerId);
        for (const [call, t] of Object.entries(timing))
          say(`  ${call}: p50 ${t.p50} ms, p95 ${t.p95} ms`);
        checks.push(await check(`with ${name}`));
        candidates.push({
          index: create,
          createMs: Math.round(createMs),
          sizeMiB,
          timing,
          explained: await explainCalls(db, url, calls, centerId),
        });
      } finally {
        await psql(url, `drop index ${name}`);
      }
    }

    const finished = new Date();
    const machine = watch();
    const brief = (e: Explained[]) => e.map(({ plan: _, sql: __, params: ___, ...x }) => x);
    const result = {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationSeconds: Math.round((finished.getTime() - started.getTime()) / 1000),
      command: ['npm run bench:board -w @bianmin/bench', ...process.argv.slice(2)]
        .join(' ')
        .replace('@bianmin/bench -', '@bianmin/bench -- -'),
      commit: gitDescribe(),
      lastMigration: migrations,
      migration: reuse ? migration : null,
      machine,
      postgres: {
        version: await serverVersion(url),
        settings: await settings(url, [
          'shared_buffers',
          'work_mem',
          'effective_cache_size',
          'jit',
          'max_parallel_workers_per_gather',
        ]),
      },
      generation,
      data,
      months: { board: boardMonth, stats: statsMonth },
      counted,
      checks,
      timing: asMigrated,
      queries: brief(explained),
      unvacuumed: unvacuumed.map((u) => ({ ...u, explained: brief(u.explained) })),
      writes,
      county,
      candidates: candidates.map((c) => ({ ...c, explained: brief(c.explained) })),
    };
    const resultsDir = join(REPO_ROOT, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const stamp = started.toISOString().replace(/[:.]/g, '-');
    const jsonFile = join(resultsDir, `board-${stamp}.json`);
    writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
    const plansFile = join(resultsDir, `board-${stamp}-explain.txt`);
    writeFileSync(
      plansFile,
      plansText(data, migrations, [
        ['as migrated', explained],
        ...unvacuumed.map((u) => [u.title, u.explained] as const),
        ...candidates.map((c) => [`with ${c.index}`, c.explained] as const),
      ]),
    );

    console.log(
      `Bianmin board benchmark — ${started.toISOString()}, ${machine.cpus} × ${machine.cpuModel}, ` +
        `${machine.memoryGiB} GiB, PostgreSQL ${result.postgres.version}, commit ${result.commit}, ` +
        `migrated to ${migrations}`,
    );
    console.log(
      `load average ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} ` +
        `at end, CPU pressure ${machine.cpuPressurePercent ?? 'n/a'} %`,
    );
    if (generation) {
      console.log(
        `\ngenerated ${generation.cases.toLocaleString('en')} cases over ${generation.centers} center(s) ` +
          `in ${round1(generation.insertMs / 1000)} s (VACUUM ANALYZE ${round1(generation.vacuumAnalyzeMs / 1000)} s; ` +
          `centers seeded in ${round1(generation.seedMs / 1000)} s)`,
      );
    }
    console.log(
      `cases table ${data.tableMiB} MiB + ${data.indexes.length} indexes ${data.indexesMiB} MiB; ` +
        `${data.cases.toLocaleString('en')} cases in ${data.centersWithCases} center(s)`,
    );
    console.log(
      `measured center ${centerId}: ${data.center.cases.toLocaleString('en')} cases: ` +
        Object.entries(data.center.byStatus)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
    );
    console.log(
      `board ${boardMonth}: ${counted.open} open (${counted.red} red, ${counted.yellow} yellow, ` +
        `${counted.paused} paused), ${counted.boardMonth.completed} completed this month; ` +
        `statistics ${statsMonth}: ${counted.statsMonth.completed} completed, ` +
        `${counted.statsMonth.received} received`,
    );
    const line = (label: string, t: Timing) =>
      `  ${label.padEnd(40)} p50 ${String(t.p50).padStart(7)} ms  p95 ${String(t.p95).padStart(7)} ms  ` +
      `(min ${t.min}, max ${t.max}, ${t.runs} calls, load ${t.load1})`;
    const block = (title: string, timing: Record<string, Timing>) => {
      console.log(`\n${title}`);
      for (const [name, t] of Object.entries(timing)) console.log(line(name, t));
    };
    block(`in-process, pool of 10, as migrated (${migrations})`, asMigrated);
    for (const u of unvacuumed) block(`with ${u.title}`, u.timing);
    for (const c of candidates) block(`with ${c.index}`, c.timing);
    if (county) block('the county comparison (not one center)', { 'countyStats()': county });
    if (writes)
      console.log(
        `\nwrites (median of ${writes.rounds}, ${writes.cases} cases each, load ${writes.load1}): ` +
          `insert as received ${writes.insertMsPer1000} ms, update as accepted ` +
          `${writes.updateMsPer1000} ms per 1,000 cases`,
      );
    console.log('\ntheir queries (EXPLAIN ANALYZE, one at a time), slowest first');
    for (const e of explained) {
      console.log(
        `  ${e.call.padEnd(14)} ${e.label.padEnd(26)} ${String(round2(e.executionMs)).padStart(8)} ms  ` +
          `(planning ${round2(e.planningMs)} ms, buffers hit ${e.sharedHit} read ${e.sharedRead})`,
      );
    }
    const passed = checks.reduce((n, c) => n + c.passed, 0);
    const wrong = checks.reduce((n, c) => n + c.failed.length, 0);
    console.log(
      `\nchecks against the independent count: ${passed} passed, ${wrong} failed` +
        `\nresults: ${jsonFile}\nplans:   ${plansFile}`,
    );
  } finally {
    await db?.close();
    if (opts.keep) say(`kept ${DB_NAME} (drop it with: psql -c 'drop database ${DB_NAME}')`);
    else {
      await psql(PG_BASE, `drop database if exists "${DB_NAME}" with (force)`);
      say(`dropped ${DB_NAME}`);
    }
  }
  if (failed) {
    say('some figures differ from the independent count');
    process.exitCode = 1;
  }
}

/** The database migrated to the latest migration, or only up to `upTo`. */
async function openMigrated(url: string, upTo: string | undefined): Promise<Db> {
  if (upTo === undefined) return openDatabase({ kind: 'postgres', url });
  const db = await openDatabase({ kind: 'postgres', url }, { migrate: false });
  await migrateUpTo(db.kysely as unknown as Kysely<unknown>, upTo);
  return db;
}

/** The centers of the shares, by code, in their order. */
async function centersOf(
  k: Db['kysely'],
  shares: Share[],
): Promise<{ id: number; share: Share }[]> {
  const rows = await k
    .selectFrom('centers')
    .select(['id', 'code'])
    .where(
      'code',
      'in',
      shares.map((s) => s.code),
    )
    .execute();
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  return shares.map((share) => {
    const id = ids.get(share.code);
    if (id === undefined) throw new Error(`no center ${share.code} in ${DB_NAME}`);
    return { id, share };
  });
}

/** How many cases of which status, the table's size and indexes. */
async function describeData(url: string, centerId: number) {
  const rows = await psql(
    url,
    `select status, count(*) from cases where center_id = ${centerId} group by status order by 2 desc`,
  );
  const byStatus: Record<string, number> = {};
  for (const line of rows.split('\n')) {
    const [status, n] = line.split('|');
    if (status) byStatus[status] = Number(n);
  }
  const [cases, centersWithCases] = (
    await psql(
      url,
      `select sum(n), count(*) from (select center_id, count(*) as n from cases group by 1) c`,
    )
  )
    .split('|')
    .map(Number);
  const sizes = (
    await psql(
      url,
      `select pg_relation_size('cases'), pg_indexes_size('cases'), pg_total_relation_size('cases')`,
    )
  ).split('|');
  const indexes = (
    await psql(
      url,
      `select i.indexrelid::regclass, pg_relation_size(i.indexrelid), pg_get_indexdef(i.indexrelid)
       from pg_index i where i.indrelid = 'cases'::regclass order by 1::text`,
    )
  )
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name, size, definition] = line.split('|');
      return {
        name: name!,
        sizeMiB: round1(Number(size) / 2 ** 20),
        definition: definition!.replace(
          /^CREATE (UNIQUE )?INDEX \S+ ON public\.cases USING btree /,
          '',
        ),
      };
    });
  const openStatuses = [
    'received',
    'awaiting_materials',
    'in_progress',
    'paused',
    'with_authority',
  ];
  return {
    cases: cases ?? 0,
    centersWithCases: centersWithCases ?? 0,
    center: {
      id: centerId,
      cases: Object.values(byStatus).reduce((s, x) => s + x, 0),
      open: openStatuses.reduce((s, k) => s + (byStatus[k] ?? 0), 0),
      byStatus,
    },
    tableMiB: round1(Number(sizes[0]) / 2 ** 20),
    indexesMiB: round1(Number(sizes[1]) / 2 ** 20),
    totalMiB: round1(Number(sizes[2]) / 2 ** 20),
    indexes,
  };
}

function plansText(
  data: Awaited<ReturnType<typeof describeData>>,
  migrations: string,
  sets: (readonly [string, Explained[]])[],
): string {
  const block = (e: Explained) =>
    `-- ${e.call} ${e.label}: ${e.executionMs} ms\n-- ${e.sql}\n-- parameters: ${JSON.stringify(e.params)}\n${e.plan}\n`;
  return [
    `The queries of board(), centerStats() and trend() for center ${data.center.id} ` +
      `(${data.center.cases.toLocaleString('en')} of ${data.cases.toLocaleString('en')} cases in ` +
      `${data.centersWithCases} centers), migrated to ${migrations}; the indexes of cases:\n`,
    ...data.indexes.map((i) => `  ${i.name} (${i.sizeMiB} MiB): ${i.definition}`),
    '',
    ...sets.flatMap(([title, explained]) => [`\n==== ${title}\n`, ...explained.map(block)]),
  ].join('\n');
}

await main();
