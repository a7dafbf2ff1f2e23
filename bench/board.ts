/**
 * The director's board on a big center: `npm run bench:board -w @bianmin/bench` (docs/perf.md,
 * "Cases (issue 3)").
 *
 * Creates the PostgreSQL database `bianmin_bench_board` from scratch with the app's migrations and
 * the demo seed (centers, windows, catalog, staff, calendar), generates N cases (1,000,000 by
 * default) for the demo center 青石镇 with one INSERT … SELECT from generate_series, VACUUM
 * ANALYZE, then calls `board()` in-process (the real pool of 10) and times it. One call's queries
 * are recorded and each is run again under EXPLAIN (ANALYZE, BUFFERS). Then every index given with
 * --index (or, when the board is slow and none is given, the candidates below) is created, the
 * board timed again, and the index dropped.
 *
 * Options: --cases N (1000000), --runs N (20 timed calls after 3 warm-up calls), --keep (leave the
 * database, candidate indexes dropped), --reuse (take the kept database as it is, no generation),
 * --index "create index … on cases …" (repeatable). Environment: BENCH_DATABASE_URL (loopback only),
 * BENCH_PSQL.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../packages/server/src/clock.ts';
import { openDatabase, type Db } from '../packages/server/src/db/connect.ts';
import { seedDemo } from '../packages/server/src/demo/seed.ts';
import { board } from '../packages/server/src/modules/cases/board.ts';
import { depsOf } from './direct.ts';
import { cpuStallMicros, gitDescribe } from './machine.ts';
import { captureQueries, paramText, type CapturedQuery } from './pg-capture.ts';
import { assertLoopback, psql, redact, serverVersion, settings, withDatabase } from './pgbench.ts';
import { REPO_ROOT } from './server.ts';
import { round1, round2 } from './stats.ts';

const { values: opts } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    index: { type: 'string', multiple: true, default: [] },
  },
});
const CASES = Number(opts.cases);
const RUNS = Number(opts.runs);
if (!Number.isInteger(CASES) || CASES < 1000)
  throw new Error('--cases must be a whole number ≥ 1000');
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be a whole number ≥ 1');
const WARMUP_CALLS = 3;
/** Above this median the board counts as slow and candidate indexes are tried. */
const SLOW_MS = 200;
const PG_BASE = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'bianmin_bench_board';

/** Indexes tried when the board is slow and no --index is given (see docs/perf.md). */
const CANDIDATES: string[] = [];

const say = (text: string) => process.stderr.write(`[board] ${text}\n`);

/**
 * N cases of one center in one statement, reproducible (setseed). Received evenly over the last
 * 730 days, 08:30–17:30 Shanghai time, in insertion order (as a real table grows); items drawn
 * evenly from the center's catalog, each case at the first window of the item's unit, held by the
 * staff member of that window. Cases received in the last 40 days are open with probability 0.55
 * (about 3 % of all): 70 % in progress, 8 % with the authority, 7 % paused, 10 % awaiting
 * materials, 5 % just received; the deadline of a running one falls between 3 days ago and 25 days
 * ahead, so some are red and some yellow. The others are closed: 78 % completed (about 5 % of
 * them late), 17 % answered inquiries (half outside the catalog), 5 % returned.
 */
function generationSql(centerId: number, n: number): string {
  return `
select setseed(0.2026);
create temporary table bench_items as
  select (row_number() over (order by i.id))::int as k, i.id as item_id, w.id as window_id,
         s.id as staff_id, i.default_kind as kind, i.promised_days as days
  from service_items i
  join lateral (select id from windows where window_unit_id = i.window_unit_id order by number limit 1) w on true
  join lateral (select id from staff where window_id = w.id order by id limit 1) s on true
  where i.center_id = ${centerId} and i.active;
insert into cases (center_id, receipt_no, query_code, item_id, subject, channel, applicant_type,
  applicant_name, applicant_id_number, applicant_phone, status, accepted_kind,
  first_responder_staff_id, holder_staff_id, window_id, received_at, supplement_due_at,
  supplement_at, accepted_at, clock_start_at, term_days, pauses, submission, deadline_at, yellow_at,
  closed_at, on_time, answer, materials, reasons, result, version, created_at)
select ${centerId},
  lpad('${centerId}', 3, '0') || to_char(received_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(g::text, 7, '0'),
  lpad(floor(r_code * 1000000)::int::text, 6, '0'),
  case when status = 'answered' and r_app < 0.5 then null else item_id end,
  case when status = 'answered' and r_app < 0.5 then '城乡居民医保缴费时间' else '' end,
  case when r_ch < 0.9 then 'window' when r_ch < 0.95 then 'phone' when r_ch < 0.98 then 'online' else 'letter' end,
  case when r_app < 0.95 then 'person' else 'enterprise' end,
  case when r_app < 0.95 then (array['张桂兰', '李长福', '王秀珍', '陈建平', '刘玉梅'])[1 + g % 5] else '青石镇绿源农业专业合作社' end,
  case when r_app < 0.95 then '11010519491231002X' else '93330106MA2CDRQ75X' end,
  '13812345678',
  status, kind, staff_id, staff_id, window_id, received_at, received_at + interval '7 days',
  case when status = 'awaiting_materials' then received_at + interval '10 minutes' end,
  clock_start_at, clock_start_at,
  case when kind is not null and kind <> 'immediate' then term_days end,
  case when status = 'paused' then jsonb_build_array(jsonb_build_object(
    'from', to_char((clock_start_at + interval '1 day') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'to', null, 'reason', 'awaiting_applicant', 'note', '等待申请人补充说明')) else '[]'::jsonb end,
  case when status = 'with_authority' then jsonb_build_object('authority', '县自然资源和规划局',
    'dueDate', to_char(deadline_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'),
    'at', to_char((clock_start_at + interval '1 day') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) end,
  deadline_at,
  clock_start_at + (deadline_at - clock_start_at) * 0.8,
  closed_at,
  case when status = 'completed' then closed_at <= deadline_at end,
  case when status = 'answered' then '城乡居民医保每年 9 月至 12 月集中缴费，可在银行缴纳，也可到 02 号窗口办理。' else '' end,
  case when status = 'awaiting_materials' then '["困难情况证明材料"]'::jsonb else '[]'::jsonb end,
  case when status = 'returned' then '申请人户籍不在本镇，依规定应向户籍所在地乡镇申请。' else '' end,
  case when status = 'completed' then '已按承诺时限办结' else '' end,
  case when open then 1 else 2 end,
  received_at
from (
  select *,
    case
      when status in ('answered', 'returned', 'completed') then least(
        case status
          when 'answered' then received_at + (2 + r_dur * 20) * interval '1 minute'
          when 'returned' then received_at + r_dur * interval '1 day'
          else clock_start_at + (deadline_at - clock_start_at) * (0.1 + 0.95 * r_dur)
        end, now())
    end as closed_at
  from (
    select *,
      case when status in ('in_progress', 'paused', 'with_authority', 'completed')
        then received_at + interval '5 minutes' end as clock_start_at,
      case
        when status in ('in_progress', 'paused', 'with_authority') then greatest(
          now() + (r_dl * 28 - 3) * interval '1 day', received_at + interval '1 hour')
        when status = 'completed' then received_at + interval '5 minutes' + case kind
          when 'immediate' then interval '30 minutes'
          when 'petition' then term_days * interval '1 day'
          else term_days * interval '1.4 days'
        end
      end as deadline_at
    from (
      select *,
        case
          when status = 'with_authority' then 'reported'
          when status in ('in_progress', 'paused') and b_kind = 'immediate' then 'promised'
          when status in ('in_progress', 'paused', 'completed') then b_kind
        end as kind,
        coalesce(days, case b_kind when 'petition' then 60 when 'reported' then 20 else 5 end) as term_days
      from (
        select x.*, b.item_id, b.window_id, b.staff_id, b.kind as b_kind, b.days,
          case when x.open then
            case when r_status < 0.70 then 'in_progress' when r_status < 0.78 then 'with_authority'
                 when r_status < 0.85 then 'paused' when r_status < 0.95 then 'awaiting_materials'
                 else 'received' end
          else
            case when r_status < 0.78 then 'completed' when r_status < 0.95 then 'answered'
                 else 'returned' end
          end as status
        from (
          select *, received_at > now() - interval '40 days' and r_open < 0.55 as open
          from (
            select g, random() as r_item, random() as r_status, random() as r_open, random() as r_ch,
              random() as r_dur, random() as r_dl, random() as r_app, random() as r_code,
              least(
                date_trunc('day', now()) - interval '730 days'
                  + floor((g - 1) * 730.0 / ${n}) * interval '1 day'
                  + interval '30 minutes' + random() * interval '9 hours',
                now() - interval '1 minute') as received_at
            from generate_series(1, ${n}) as g
            offset 0
          ) r
        ) x
        join bench_items b on b.k = 1 + floor(x.r_item * (select count(*) from bench_items))
      ) s
    ) k
  ) d
) c;
`;
}

/** One board query as the app sent it, named for the report. */
interface BoardQuery {
  label: string;
  text: string;
  values: unknown[];
}

function labelOf(q: CapturedQuery): string {
  const t = q.text;
  if (t.includes('"closed_at" >=')) {
    return t.includes('"windows"') ? 'month rates by window' : 'month rates by item';
  }
  if (t.includes('"deadline_at" <') && t.includes('limit')) return 'overdue list';
  if (t.includes('count(*) filter')) {
    if (t.includes('"windows"')) return 'open counts by window';
    if (t.includes('"service_items"')) return 'open counts by item';
    return 'open counts (totals)';
  }
  if (t.includes('"calendar_years"')) return 'calendar years';
  if (t.includes('"business_hours"')) return 'business hours';
  return t.slice(0, 40);
}

const literal = (v: unknown) => {
  const text = paramText(v);
  return text === null ? 'null' : `'${text.replaceAll("'", "''")}'`;
};

interface Explained {
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
async function explain(url: string, q: BoardQuery): Promise<Explained> {
  const args = q.values.length > 0 ? `(${q.values.map(literal).join(', ')})` : '';
  const plan = await psql(
    url,
    `prepare q as ${q.text}; explain (analyze, buffers) execute q${args}; deallocate q;`,
  );
  const num = (re: RegExp) => Number(re.exec(plan)?.[1] ?? NaN);
  return {
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
}

function timingOf(ms: number[]): Timing {
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
  };
}

/** `RUNS` calls of board() one after the other, after a few unmeasured ones. */
async function timeBoard(db: Db, centerId: number): Promise<Timing> {
  const deps = depsOf(db);
  for (let i = 0; i < WARMUP_CALLS; i++) await board(deps, centerId);
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await board(deps, centerId);
    ms.push(performance.now() - t0);
  }
  return timingOf(ms);
}

/** The queries of one board() call, explained, the slowest first. */
async function explainBoard(db: Db, url: string, centerId: number): Promise<Explained[]> {
  const { queries } = await captureQueries(() => board(depsOf(db), centerId));
  const out: Explained[] = [];
  for (const q of queries.filter((x) => !/^set time zone/i.test(x.text))) {
    out.push(await explain(url, { label: labelOf(q), text: q.text, values: q.values }));
  }
  return out.sort((a, b) => b.executionMs - a.executionMs);
}

async function main() {
  assertLoopback(PG_BASE);
  const started = new Date();
  const stallAtStart = cpuStallMicros();
  const loadAtStart = loadavg().map(round1);
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
  try {
    db = await openDatabase({ kind: 'postgres', url });
    let generation: {
      cases: number;
      insertMs: number;
      vacuumAnalyzeMs: number;
      seedMs: number;
    } | null = null;
    if (!reuse) {
      let t0 = performance.now();
      await seedDemo(db.kysely, systemClock);
      const seedMs = performance.now() - t0;
      const centerId = await centerOf(db);
      say(
        `generating ${CASES.toLocaleString('en')} cases for center ${centerId} (one INSERT … SELECT)`,
      );
      t0 = performance.now();
      await psql(url, generationSql(centerId, CASES));
      const insertMs = performance.now() - t0;
      say(`generated in ${round1(insertMs / 1000)} s; VACUUM ANALYZE`);
      t0 = performance.now();
      await psql(url, 'vacuum analyze');
      const vacuumAnalyzeMs = performance.now() - t0;
      generation = {
        cases: CASES,
        seedMs: Math.round(seedMs),
        insertMs: Math.round(insertMs),
        vacuumAnalyzeMs: Math.round(vacuumAnalyzeMs),
      };
    }
    const centerId = await centerOf(db);
    const data = await describeData(url, centerId);
    say(
      `${data.cases.toLocaleString('en')} cases of the center, ${data.open} open; timing board()`,
    );

    const asMigrated = await timeBoard(db, centerId);
    say(`board(): p50 ${asMigrated.p50} ms, p95 ${asMigrated.p95} ms; explaining its queries`);
    const explained = await explainBoard(db, url, centerId);
    const boardNow = await board(depsOf(db), centerId);

    const tried = opts.index.length > 0 ? opts.index : asMigrated.p50 > SLOW_MS ? CANDIDATES : [];
    const candidates: {
      index: string;
      createMs: number;
      sizeMiB: number;
      timing: Timing;
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
      const timing = await timeBoard(db, centerId);
      say(`  board(): p50 ${timing.p50} ms, p95 ${timing.p95} ms`);
      candidates.push({
        index: create,
        createMs: Math.round(createMs),
        sizeMiB,
        timing,
        explained: await explainBoard(db, url, centerId),
      });
      await psql(url, `drop index ${name}`);
    }

    const finished = new Date();
    const stallAtEnd = cpuStallMicros();
    const machine = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: round1(totalmem() / 2 ** 30),
      node: process.version,
      kernel: release(),
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg().map(round1),
      cpuPressurePercent:
        stallAtStart !== null && stallAtEnd !== null
          ? round1(
              ((stallAtEnd - stallAtStart) / ((finished.getTime() - started.getTime()) * 1000)) *
                100,
            )
          : null,
    };
    const result = {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationSeconds: Math.round((finished.getTime() - started.getTime()) / 1000),
      command: ['npm run bench:board -w @bianmin/bench', ...process.argv.slice(2)]
        .join(' ')
        .replace('@bianmin/bench -', '@bianmin/bench -- -'),
      commit: gitDescribe(),
      machine,
      postgres: {
        version: await serverVersion(url),
        settings: await settings(url, [
          'shared_buffers',
          'work_mem',
          'effective_cache_size',
          'jit',
        ]),
      },
      generation,
      data,
      board: {
        asMigrated,
        month: boardNow.month,
        totals: boardNow.totals,
        overdueListed: boardNow.overdue.length,
        monthCompleted: boardNow.monthByWindow.reduce((n, w) => n + w.completed, 0),
      },
      queries: explained.map(({ plan: _, sql: __, params: ___, ...e }) => e),
      candidates: candidates.map((c) => ({
        ...c,
        explained: c.explained.map(({ plan: _, sql: __, params: ___, ...e }) => e),
      })),
    };
    const resultsDir = join(REPO_ROOT, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const stamp = started.toISOString().replace(/[:.]/g, '-');
    const jsonFile = join(resultsDir, `board-${stamp}.json`);
    writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
    const plansFile = join(resultsDir, `board-${stamp}-explain.txt`);
    writeFileSync(plansFile, plansText(explained, candidates));

    console.log(
      `Bianmin board benchmark — ${started.toISOString()}, ${machine.cpus} × ${machine.cpuModel}, ` +
        `${machine.memoryGiB} GiB, PostgreSQL ${result.postgres.version}, commit ${result.commit}`,
    );
    console.log(
      `load average ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} ` +
        `at end, CPU pressure ${machine.cpuPressurePercent ?? 'n/a'} %`,
    );
    if (generation) {
      console.log(
        `\ngenerated ${generation.cases.toLocaleString('en')} cases in ${round1(generation.insertMs / 1000)} s ` +
          `(VACUUM ANALYZE ${round1(generation.vacuumAnalyzeMs / 1000)} s; demo seed ${round1(generation.seedMs / 1000)} s)`,
      );
    }
    console.log(
      `cases table ${data.tableMiB} MiB + indexes ${data.indexesMiB} MiB; ` +
        `${data.cases.toLocaleString('en')} cases: ${Object.entries(data.byStatus)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
    );
    console.log(
      `board ${result.board.month}: ${boardNow.totals.open} open (${boardNow.totals.red} red, ` +
        `${boardNow.totals.yellow} yellow, ${boardNow.totals.paused} paused), ` +
        `${result.board.monthCompleted} completed this month, ${boardNow.overdue.length} overdue listed`,
    );
    const line = (label: string, t: Timing) =>
      `  ${label.padEnd(40)} p50 ${String(t.p50).padStart(7)} ms  p95 ${String(t.p95).padStart(7)} ms  ` +
      `(min ${t.min}, max ${t.max}, ${t.runs} calls)`;
    console.log('\nboard() in-process, pool of 10');
    console.log(line('as migrated', asMigrated));
    for (const c of candidates) console.log(line(`with ${c.index.slice(0, 34)}…`, c.timing));
    console.log('\nits queries (EXPLAIN ANALYZE, one at a time), slowest first');
    for (const e of explained) {
      console.log(
        `  ${e.label.padEnd(24)} ${String(round2(e.executionMs)).padStart(8)} ms  ` +
          `(planning ${round2(e.planningMs)} ms, buffers hit ${e.sharedHit} read ${e.sharedRead})`,
      );
    }
    console.log(`\nresults: ${jsonFile}\nplans:   ${plansFile}`);
  } finally {
    await db?.close();
    if (opts.keep) say(`kept ${DB_NAME} (drop it with: psql -c 'drop database ${DB_NAME}')`);
    else {
      await psql(PG_BASE, `drop database if exists "${DB_NAME}" with (force)`);
      say(`dropped ${DB_NAME}`);
    }
  }
}

async function centerOf(db: Db): Promise<number> {
  const c = await db.kysely
    .selectFrom('centers')
    .select('id')
    .where('code', '=', 'qingshi')
    .executeTakeFirstOrThrow();
  return c.id;
}

/** How many cases of which status, the table's size. */
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
  const sizes = (
    await psql(
      url,
      `select pg_relation_size('cases'), pg_indexes_size('cases'), pg_total_relation_size('cases')`,
    )
  ).split('|');
  const openStatuses = [
    'received',
    'awaiting_materials',
    'in_progress',
    'paused',
    'with_authority',
  ];
  return {
    cases: Object.values(byStatus).reduce((s, x) => s + x, 0),
    open: openStatuses.reduce((s, k) => s + (byStatus[k] ?? 0), 0),
    byStatus,
    tableMiB: round1(Number(sizes[0]) / 2 ** 20),
    indexesMiB: round1(Number(sizes[1]) / 2 ** 20),
    totalMiB: round1(Number(sizes[2]) / 2 ** 20),
  };
}

function plansText(
  explained: Explained[],
  candidates: { index: string; explained: Explained[] }[],
): string {
  const block = (e: Explained) =>
    `-- ${e.label}: ${e.executionMs} ms\n-- ${e.sql}\n-- parameters: ${JSON.stringify(e.params)}\n${e.plan}\n`;
  return [
    `board() queries at ${CASES.toLocaleString('en')} cases, as migrated (slowest first)\n`,
    ...explained.map(block),
    ...candidates.flatMap((c) => [`\n==== with ${c.index}\n`, ...c.explained.map(block)]),
  ].join('\n');
}

await main();
