/**
 * Half-year settlements of a big center: `npm run bench:settlement -w @bianmin/bench` (docs/perf.md,
 * "Settlements (issue 4)").
 *
 * One center with N window staff (5,000 by default) and M findings (50,000) over 2025-07-01 …
 * 2026-06-30, generated with plain SQL into a fresh database created with the app's migrations, on
 * PostgreSQL (the database `bianmin_bench_settlement`) and on PGlite (a temporary folder), each in a
 * process of its own so that the resident memory of one database does not count for the other.
 * The data is the same on both: it is drawn from md5 hashes, not from random().
 *
 * Per database: the group leader approves 2025年下半年 once through `approve()` (every open
 * settlement frozen with its audit entry, in one transaction) — every person's ledger starts at
 * 2025 H2 because the published policy takes effect on 2025-07-01, so that is the one half-year to
 * freeze before 2026 H1 can be settled; then `sheet()` of 2026年上半年 (every person's draft: load +
 * settle) is timed, and so is, on the same data, one SQL aggregate (a naive per-person sum of the
 * half-year's deductions) as the raw-database reference. Then the sheet is checked: the totals of
 * every row, Σ payable, and, for everyone in post over the whole year, the payable of both
 * half-years against an independent computation in SQL.
 *
 * Options: --staff N (5000), --findings N (50000), --runs N (5 timed sheet() calls after one
 * warm-up), --db both|postgres|pglite (both), --keep (leave the PostgreSQL database and the PGlite
 * folder), --profile (CPU profile of the timed sheet() calls, written next to the results).
 * Environment: BENCH_DATABASE_URL (loopback only).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { settlementSheet, type PolicyFields, type SettlementSheet } from '@bianmin/contracts';
import {
  compareHalfYears,
  halfYearRange,
  permissionsOf,
  settle,
  type HalfYear,
} from '@bianmin/domain';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { verifyChain } from '../packages/server/src/audit/verify.ts';
import { chainOf, systemActor, write } from '../packages/server/src/audit/write.ts';
import { systemClock } from '../packages/server/src/clock.ts';
import { openDatabase, type Db } from '../packages/server/src/db/connect.ts';
import type { Database } from '../packages/server/src/db/schema.ts';
import { actorOf, type SessionUser } from '../packages/server/src/http/context.ts';
import { seedCenterCalendar } from '../packages/server/src/modules/calendar/service.ts';
import { loadTermContext } from '../packages/server/src/modules/cases/term-context.ts';
import { insertCenter } from '../packages/server/src/modules/centers/repository.ts';
import { policiesOf } from '../packages/server/src/modules/regulations/service.ts';
import * as repo from '../packages/server/src/modules/settlements/repository.ts';
import { approve, sheet } from '../packages/server/src/modules/settlements/service.ts';
import {
  CHILD_OPTIONS,
  kindsOf,
  perDatabase,
  printHeading,
  profileSummary,
  settled,
  timed,
  timingOf,
  type Kind,
  type Timing,
} from './children.ts';
import { depsOf } from './direct.ts';
import { assertLoopback, psql, redact, serverVersion, settings, withDatabase } from './pgbench.ts';
import { memoryOf, REPO_ROOT, type Memory } from './server.ts';
import { round1, round2 } from './stats.ts';

const { values: opts } = parseArgs({
  options: {
    staff: { type: 'string', default: '5000' },
    findings: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '5' },
    ...CHILD_OPTIONS,
  },
});
const STAFF = Number(opts.staff);
const FINDINGS = Number(opts.findings);
const RUNS = Number(opts.runs);
if (!Number.isInteger(STAFF) || STAFF < 10 || STAFF > 99999)
  throw new Error('--staff must be a whole number between 10 and 99999');
if (!Number.isInteger(FINDINGS) || FINDINGS < 10)
  throw new Error('--findings must be a whole number ≥ 10');
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be a whole number ≥ 1');
const KINDS = kindsOf(opts.db);

const PG_BASE = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'bianmin_bench_settlement';
const WINDOW_UNITS = 6;
const WINDOWS = 300;
/** The half-year frozen first, and the one whose draft is timed. */
const FROZEN_H: HalfYear = { year: 2025, half: 2 };
const DRAFT_H: HalfYear = { year: 2026, half: 1 };
const FULL_POOL_FEN = 180000;

/**
 * The policy of the source regulation exactly as `packages/server/src/demo/regulations.ts` stores
 * it (`SOURCE.policy`); only the version's effective date differs (2025-07-01 here, so that every
 * ledger starts at 2025 H2).
 */
const SOURCE_POLICY = {
  monthlyAmount: '300.00',
  countyMonths: 3,
  cityMonths: 9,
  provinceMonths: 12,
  provinceCapsRating: true,
  appealTermWorkingDays: 10,
  reportDecisionWorkingDays: 15,
  appealDecisionWorkingDays: 15,
  ratingContactWorkingDays: 1,
  ratingFixWorkingDays: 15,
} satisfies PolicyFields;

const say = (text: string) =>
  process.stderr.write(`[settlement${opts.child ? `:${opts.child}` : ''}] ${text}\n`);

// ---------------------------------------------------------------------------------------------
// The data
// ---------------------------------------------------------------------------------------------

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛',
  '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '玉兰', '志强', '海燕', '晓东', '红梅', '文博', '雪',
]; // prettier-ignore
const UNITS: [string, string][] = [
  ['mz', '民政办'],
  ['sb', '社会保障服务所'],
  ['nyb', '农业农村办'],
  ['zrzy', '自然资源所'],
  ['scjg', '市场监管所'],
  ['wj', '卫生健康办'],
];
/** One description per assessment item (考核内容 1–8). */
const DESCRIPTIONS = [
  '未按规定着装、佩证上岗',
  '窗口办公用品摆放杂乱',
  '上班时间用电脑看视频',
  '未经批准中途外出',
  '对群众咨询推诿敷衍',
  '办件超过承诺时限未办结',
  '接受服务对象赠送的礼品',
  '未落实上级业务部门工作要求',
];

const arr = (xs: readonly string[]) => `array[${xs.map((x) => `'${x}'`).join(', ')}]`;

/**
 * Everything but the center and its calendar, in one transaction: the leader's account, 6 window
 * units with 300 windows, N window staff, the published regulation, one inspection per level and
 * day, M findings. Reproducible without setseed: every draw is an md5 of a salt and the row number.
 *
 * Staff: 70 % in post since 2023–2025 H1 (their ledger starts at 2025 H2, with the policy), 22 %
 * joined in 2025 H2, 8 % in 2026 H1 (partial first months); 6 % leave in 2026 H1 (write-off), 4 %
 * in 2026 H2; every one of them is in post at some time in 2026 H1. Findings: a day drawn evenly
 * over 2025-07-01 … 2026-06-30 and a person drawn evenly, kept when the person was in post that
 * day (so findings follow time in post), the first M kept. Levels: 78 % town, 8 % joint check,
 * 11.3 % public report, 2 % county (70 % circulated), 0.5 % city (70 %), 0.2 % province (80 %);
 * 2 % revoked; 5 % of the town ones are overdue cases (item 6) rather than inspections.
 */
function generationSql(c: { centerId: number; leaderId: number }): string[] {
  const C = c.centerId;
  // When the generated records were entered (the app writes creation times from its clock).
  const AT = `timestamptz '2023-01-01 08:00:00+08'`;
  const rand = (salt: string, g: string) => `bench_rand('${salt}', ${g})`;
  const candidates = Math.ceil(FINDINGS * 1.6);
  return [
    `create function bench_rand(salt text, g bigint) returns double precision language sql immutable
       as $$ select ('x' || substr(md5(salt || ':' || g), 1, 13))::bit(52)::bigint / 4503599627370496.0::float8 $$`,
    `insert into window_units (center_id, code, name, created_at)
       select ${C}, u.code, u.name, ${AT} from (values ${UNITS.map(([code, name]) => `('${code}', '${name}')`).join(', ')}) u(code, name)`,
    `insert into windows (center_id, window_unit_id, number, name, created_at)
       select ${C}, wu.id, lpad(w::text, 3, '0'), wu.name || '第' || w || '号窗口', ${AT}
       from generate_series(1, ${WINDOWS}) w
       join (select id, name, row_number() over (order by id) as k from window_units where center_id = ${C}) wu
         on wu.k = 1 + (w - 1) % ${WINDOW_UNITS}`,
    `insert into staff (center_id, staff_no, name, position, window_id, in_post_from, in_post_to, created_at)
       select ${C}, 'S' || lpad(g::text, 5, '0'), name, '窗口工作人员', win.id, f, t, ${AT}
       from (
         select g, f,
           case
             when r_to < 0.06 then greatest(f, date '2026-01-01')
               + floor(${rand('to-day', 'g')} * (date '2026-06-30' - greatest(f, date '2026-01-01') + 1))::int
             when r_to < 0.10 then date '2026-07-01' + floor(${rand('to-day', 'g')} * 150)::int
           end as t,
           (${arr([...SURNAMES])})[1 + floor(${rand('surname', 'g')} * ${[...SURNAMES].length})::int]
             || (${arr(GIVEN)})[1 + floor(${rand('given', 'g')} * ${GIVEN.length})::int] as name
         from (
           select g, ${rand('to', 'g')} as r_to,
             case
               when r < 0.70 then date '2023-01-01' + floor(${rand('from-day', 'g')} * 912)::int
               when r < 0.92 then date '2025-07-01' + floor(${rand('from-day', 'g')} * 184)::int
               else date '2026-01-01' + floor(${rand('from-day', 'g')} * 181)::int
             end as f
           from (select g, ${rand('from', 'g')} as r from generate_series(1, ${STAFF}) g) a
         ) b
       ) s
       join (select id, row_number() over (order by id) as k from windows where center_id = ${C}) win
         on win.k = 1 + (s.g - 1) % ${WINDOWS}`,
    `insert into regulations (center_id, code, name, created_at) values (${C}, 'JXKH', '便民服务中心工作员绩效考核制度', ${AT})`,
    `insert into regulation_versions (center_id, regulation_id, seq, name, introduction, body,
       supplementary, status, consultation_until, effective_from, policy, signed_by_name, signed_at,
       published_at, created_at)
       select ${C}, id, 1, name, '本办法对在便民服务中心各窗口坐班的工作人员实施考核。',
         '三、奖惩办法（一）奖励：考核标准为300元/人/月，每半年考核一次。（二）惩处：镇巡查、协查、群众举报扣除当月考核金额；县、市、省巡查通报分别扣除3、9、12个月考核金额。',
         '四、执行时间 本《考核办法》从2025年7月1日起实施。', 'published', '2025-06-20', '2025-07-01',
         '${JSON.stringify(SOURCE_POLICY)}'::jsonb, '赵组长', '2025-06-26T02:00:00Z', '2025-06-28T02:00:00Z',
         ${AT}
       from regulations where center_id = ${C} and code = 'JXKH'`,
    `insert into inspections (center_id, level, inspected_on, inspectors, recorded_by_user_id, created_at)
       select ${C}, l.level, date '2025-07-01' + d, l.who, ${c.leaderId},
         ((date '2025-07-01' + d)::text || ' 18:00:00+08')::timestamptz
       from generate_series(0, 364) d
       cross join (values ('town', '镇考核小组'), ('joint_check', '镇纪委、党政办'),
         ('county', '县政务服务中心巡查组'), ('city', '市政务服务管理局巡查组'),
         ('province', '省政务服务巡查组')) l(level, who)`,
    `insert into findings (center_id, staff_id, source, inspection_id, date, level, circulated, item,
       description, recorded_by_user_id, revoked, created_at)
       select ${C}, c.staff_id,
         case when c.level = 'public_report' then 'public_report' when c.overdue then 'overdue_case' else 'inspection' end,
         case when c.level <> 'public_report' and not c.overdue then i.id end,
         c.date, c.level, c.circulated, c.item, (${arr(DESCRIPTIONS)})[c.item], ${c.leaderId}, c.revoked,
         (c.date::text || ' 18:00:00+08')::timestamptz
       from (
         select y.*,
           case when y.overdue then 6 else 1 + floor(${rand('item', 'y.g')} * 8)::int end as item
         from (
           select x.*, s.id as staff_id,
             x.level = 'town' and ${rand('overdue', 'x.g')} < 0.05 as overdue,
             case x.level
               when 'county' then ${rand('circulated', 'x.g')} < 0.7
               when 'city' then ${rand('circulated', 'x.g')} < 0.7
               when 'province' then ${rand('circulated', 'x.g')} < 0.8
               else false
             end as circulated,
             ${rand('revoked', 'x.g')} < 0.02 as revoked
           from (
             select g, date '2025-07-01' + floor(${rand('day', 'g')} * 365)::int as date,
               'S' || lpad((1 + floor(${rand('person', 'g')} * ${STAFF}))::int::text, 5, '0') as staff_no,
               case
                 when r < 0.78 then 'town' when r < 0.86 then 'joint_check'
                 when r < 0.973 then 'public_report' when r < 0.993 then 'county'
                 when r < 0.998 then 'city' else 'province'
               end as level
             from (select g, ${rand('level', 'g')} as r from generate_series(1, ${candidates}) g) a
           ) x
           join staff s on s.center_id = ${C} and s.staff_no = x.staff_no
           where x.date >= s.in_post_from and (s.in_post_to is null or x.date <= s.in_post_to)
           order by x.g
           limit ${FINDINGS}
         ) y
       ) c
       left join inspections i on i.center_id = ${C} and i.level = c.level and i.inspected_on = c.date`,
    `drop function bench_rand(text, bigint)`,
  ];
}

interface Generation {
  centerAndCalendarMs: number;
  insertMs: number;
  vacuumAnalyzeMs: number;
}

async function generate(db: Db): Promise<{ centerId: number; leader: SessionUser } & Generation> {
  let t0 = performance.now();
  // The center and its working-day calendar as the app creates them (official years 2023–2026).
  const centerId = await write(db.kysely, systemClock, systemActor, async (tx, audit, at) => {
    const center = await insertCenter(tx, {
      created_at: at,
      code: 'bench-settlement',
      name: '结算压测镇便民服务中心',
      region: '示范县结算压测镇',
    });
    await audit({
      centerId: center.id,
      action: 'center.create',
      entityType: 'center',
      entityId: center.id,
      before: null,
      after: center,
    });
    await seedCenterCalendar(tx, audit, systemClock.now(), center.id);
    return center.id;
  });
  const centerAndCalendarMs = performance.now() - t0;

  t0 = performance.now();
  const leaderId = await db.kysely.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('users')
      .values({
        center_id: centerId,
        staff_id: null,
        username: 'bench-leader',
        display_name: '赵组长',
        password_hash: 'not-a-hash (the benchmark never signs in)',
        roles: ['assessment_leader'],
        must_change_password: false,
        created_at: new Date('2023-01-01T00:00:00Z'),
        password_changed_at: new Date('2023-01-01T00:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const statement of generationSql({ centerId, leaderId: id }))
      await sql.raw(statement).execute(tx);
    return id;
  });
  const insertMs = performance.now() - t0;
  say(`generated in ${round1(insertMs / 1000)} s; VACUUM ANALYZE`);
  t0 = performance.now();
  await sql`vacuum analyze`.execute(db.kysely);
  const vacuumAnalyzeMs = performance.now() - t0;
  const leader: SessionUser = {
    id: leaderId,
    username: 'bench-leader',
    displayName: '赵组长',
    centerId,
    staffId: null,
    roles: ['assessment_leader'],
    permissions: permissionsOf(['assessment_leader']),
    mustChangePassword: false,
    sessionId: 'bench',
  };
  return {
    centerId,
    leader,
    centerAndCalendarMs: Math.round(centerAndCalendarMs),
    insertMs: Math.round(insertMs),
    vacuumAnalyzeMs: Math.round(vacuumAnalyzeMs),
  };
}

type K = Kysely<Database>;
const rowsOf = async <T>(db: K, q: RawBuilder<T>) => (await q.execute(db)).rows;

/** What was generated. */
async function describeData(db: K, centerId: number) {
  const [staff] = await rowsOf<Record<string, string>>(
    db,
    sql`select count(*) as staff,
      count(*) filter (where in_post_from < '2025-07-01') as before_ledger,
      count(*) filter (where in_post_from between '2025-07-01' and '2025-12-31') as joined_2025h2,
      count(*) filter (where in_post_from between '2026-01-01' and '2026-06-30') as joined_2026h1,
      count(*) filter (where in_post_to between '2026-01-01' and '2026-06-30') as left_2026h1,
      count(*) filter (where in_post_to > '2026-06-30') as left_later,
      count(distinct window_id) as windows
      from staff where center_id = ${centerId}`,
  );
  const levels = await rowsOf<{ level: string; n: string; circulated: string; revoked: string }>(
    db,
    sql`select level, count(*) as n, count(*) filter (where circulated) as circulated,
      count(*) filter (where revoked) as revoked
      from findings where center_id = ${centerId} group by level order by count(*) desc`,
  );
  const [range] = await rowsOf<{ first: string; last: string; h1: string }>(
    db,
    sql`select min(date)::text as first, max(date)::text as last,
      count(*) filter (where date >= '2026-01-01') as h1
      from findings where center_id = ${centerId}`,
  );
  const num = (x: Record<string, string>) =>
    Object.fromEntries(Object.entries(x).map(([k, v]) => [k, Number(v)]));
  return {
    staff: num(staff!),
    findings: levels.reduce((n, l) => n + Number(l.n), 0),
    findings2026H1: Number(range!.h1),
    findingDates: `${range!.first} … ${range!.last}`,
    byLevel: Object.fromEntries(
      levels.map((l) => [
        l.level,
        { n: Number(l.n), circulated: Number(l.circulated), revoked: Number(l.revoked) },
      ]),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------------

/**
 * The raw-database reference: one aggregate over the half-year's findings, a naive per-person sum
 * of deductions (a month's amount per forfeiting finding, N months per circulated county, city or
 * province finding), through the same driver as the app.
 */
const naiveAggregate = (db: K, centerId: number, h: HalfYear) => {
  const { first, last } = halfYearRange(h);
  return rowsOf<{ staff_id: number; fen: string }>(
    db,
    sql`select staff_id, sum(case
        when circulated and level = 'county' then 90000
        when circulated and level = 'city' then 270000
        when circulated and level = 'province' then 360000
        else 30000 end) as fen
      from findings
      where center_id = ${centerId} and date between ${first} and ${last} and not revoked
      group by staff_id`,
  );
};

/**
 * sheet()'s draft computation in two parts, as `compute()` in settlements/service.ts does it: the
 * loads (staff, then findings, frozen settlements, policies and calendar in parallel), then
 * `settle()` for every person.
 */
async function splitCompute(db: K, centerId: number, h: HalfYear) {
  const t0 = performance.now();
  const { first, last } = halfYearRange(h);
  const people = await repo.staffOf(db, centerId, first, last);
  const ids = people.map((p) => p.id);
  const [findings, frozen, policies, ctx] = await Promise.all([
    repo.findingsOf(db, ids),
    repo.frozenOf(db, ids),
    policiesOf({ db }, centerId),
    loadTermContext(db, centerId),
  ]);
  const t1 = performance.now();
  let refused = 0;
  for (const p of people) {
    const mine = frozen.get(p.id) ?? [];
    const r = settle({
      person: { id: p.id, inPost: { inPostFrom: p.in_post_from, inPostTo: p.in_post_to } },
      policies,
      calendar: ctx.cal,
      findings: findings.get(p.id) ?? [],
      halfYear: h,
      frozen: mine
        .filter((r) => compareHalfYears({ year: r.year, half: r.half }, h) < 0)
        .map(repo.domainOf),
    });
    if (!r.ok) refused += 1;
  }
  const t2 = performance.now();
  return { loadMs: t1 - t0, settleMs: t2 - t1, people: people.length, refused };
}

/** Each of compute()'s loads alone, one after the other: where the load time goes. */
async function loadsAlone(db: K, centerId: number, h: HalfYear) {
  const { first, last } = halfYearRange(h);
  const ms: Record<string, number> = {};
  const t = async (name: string, fn: () => Promise<unknown>) => {
    const r = await timed(fn);
    ms[name] = r.ms;
    return r.value;
  };
  const people = (await t('staffOf', () => repo.staffOf(db, centerId, first, last))) as Awaited<
    ReturnType<typeof repo.staffOf>
  >;
  const ids = people.map((p) => p.id);
  await t('findingsOf', () => repo.findingsOf(db, ids));
  await t('frozenOf', () => repo.frozenOf(db, ids));
  await t('policiesOf', () => policiesOf({ db }, centerId));
  await t('loadTermContext', () => loadTermContext(db, centerId));
  return ms;
}

/** Checks of a draft sheet; each problem is a sentence. */
async function checkSheet(db: K, centerId: number, s: SettlementSheet) {
  const problems: string[] = [];
  const fields = [
    'poolFen',
    'owedFen',
    'carriedInFen',
    'appliedFen',
    'carriedOutFen',
    'writtenOffFen',
    'payableFen',
  ] as const;
  let rowsChecked = 0;
  for (const p of s.people) {
    rowsChecked += 1;
    const where = `${p.staffNo} (${p.staffId})`;
    if (p.status !== 'draft') problems.push(`${where}: status ${p.status}`);
    for (const f of fields) if (p[f] < 0) problems.push(`${where}: ${f} ${p[f]} < 0`);
    if (p.poolFen - p.appliedFen + Math.max(0, p.adjustmentFen) !== p.payableFen)
      problems.push(`${where}: pool − applied + max(0, adjustment) ≠ payable`);
    if (p.appliedFen !== Math.min(p.poolFen, p.carriedInFen + p.owedFen))
      problems.push(`${where}: applied ≠ min(pool, carried in + owed)`);
    if (p.carriedOutFen + p.writtenOffFen !== p.carriedInFen + p.owedFen - p.appliedFen)
      problems.push(`${where}: carried out + written off ≠ carried in + owed − applied`);
    const lineSum = (kind: string) =>
      p.lines.filter((l) => l.kind === kind).reduce((n, l) => n + l.amountFen, 0);
    if (lineSum('pool_month') !== p.poolFen) problems.push(`${where}: Σ pool lines ≠ pool`);
    if (lineSum('carry_in') !== p.carriedInFen) problems.push(`${where}: Σ carry-in ≠ carried in`);
    if (p.poolFen > FULL_POOL_FEN) problems.push(`${where}: pool above six months`);
  }
  for (const f of [...fields, 'adjustmentFen'] as const) {
    const total = s.people.reduce((n, p) => n + p[f], 0);
    if (total !== s.totals[f]) problems.push(`Σ ${f} ${total} ≠ totals.${f} ${s.totals[f]}`);
  }
  if (!s.approvable) problems.push(`the sheet is not approvable: ${s.blockedReason ?? ''}`);

  // Everyone in post over the whole year: both half-years computed independently, in SQL + here.
  const ideal = await rowsOf<{ id: number; owed1: string; owed2: string; frozen_payable: string }>(
    db,
    sql`with p as (
        select id from staff where center_id = ${centerId} and window_id is not null
          and in_post_from <= '2025-07-01' and (in_post_to is null or in_post_to >= '2026-06-30')),
      o as (
        select f.staff_id, case when f.date < '2026-01-01' then 1 else 2 end as h,
          30000 * count(distinct date_trunc('month', f.date))
            filter (where not (f.circulated and f.level in ('county', 'city', 'province')))
          + coalesce(sum(case when not f.circulated then 0 when f.level = 'county' then 90000
              when f.level = 'city' then 270000 when f.level = 'province' then 360000 end), 0) as owed
        from findings f join p on p.id = f.staff_id
        where not f.revoked and f.date between '2025-07-01' and '2026-06-30'
        group by 1, 2)
      select p.id, coalesce(o1.owed, 0) as owed1, coalesce(o2.owed, 0) as owed2,
        st.payable_fen as frozen_payable
      from p
      left join o o1 on o1.staff_id = p.id and o1.h = 1
      left join o o2 on o2.staff_id = p.id and o2.h = 2
      left join settlements st on st.staff_id = p.id and st.year = 2025 and st.half = 2`,
  );
  const byId = new Map(s.people.map((p) => [p.staffId, p]));
  let independent = 0;
  let withCarry = 0;
  for (const r of ideal) {
    const owed1 = Number(r.owed1);
    const owed2 = Number(r.owed2);
    const pay1 = FULL_POOL_FEN - Math.min(FULL_POOL_FEN, owed1);
    const carry1 = Math.max(0, owed1 - FULL_POOL_FEN);
    const applied2 = Math.min(FULL_POOL_FEN, carry1 + owed2);
    const pay2 = FULL_POOL_FEN - applied2;
    const p = byId.get(Number(r.id));
    if (!p) {
      problems.push(`staff ${r.id}: in post all year but not on the sheet`);
      continue;
    }
    independent += 1;
    if (carry1 > 0) withCarry += 1;
    if (Number(r.frozen_payable) !== pay1)
      problems.push(`${p.staffNo}: frozen 2025 H2 payable ${r.frozen_payable}, expected ${pay1}`);
    if (p.payableFen !== pay2)
      problems.push(`${p.staffNo}: 2026 H1 payable ${p.payableFen}, expected ${pay2}`);
    if (p.carriedInFen !== carry1)
      problems.push(`${p.staffNo}: carried in ${p.carriedInFen}, expected ${carry1}`);
    if (p.poolFen !== FULL_POOL_FEN) problems.push(`${p.staffNo}: pool ${p.poolFen} ≠ 1800 yuan`);
  }
  return {
    rowsChecked,
    independentlyChecked: independent,
    withCarryFrom2025H2: withCarry,
    problems,
  };
}

/** What the 2026 H1 sheet holds. */
function describeSheet(s: SettlementSheet) {
  const count = (f: (p: SettlementSheet['people'][number]) => boolean) => s.people.filter(f).length;
  const json = JSON.stringify(s);
  return {
    people: s.people.length,
    lines: s.people.reduce((n, p) => n + p.lines.length, 0),
    partialPool: count((p) => p.poolFen < FULL_POOL_FEN),
    carriedIn: count((p) => p.carriedInFen > 0),
    carriedOut: count((p) => p.carriedOutFen > 0),
    writtenOff: count((p) => p.writtenOffFen > 0),
    payableZero: count((p) => p.payableFen === 0),
    totals: s.totals,
    approvable: s.approvable,
    jsonMiB: round2(Buffer.byteLength(json) / 2 ** 20),
  };
}

// ---------------------------------------------------------------------------------------------
// One database (child process)
// ---------------------------------------------------------------------------------------------

interface ChildResult {
  kind: Kind;
  target: string;
  postgres: { version: string; settings: Record<string, string> } | null;
  openMs: number;
  generation: Generation;
  data: Awaited<ReturnType<typeof describeData>>;
  approve: {
    halfYear: string;
    ms: number;
    /** sheet() of the same half-year once before (all drafts) and once after (all frozen). */
    draftSheetBeforeMs: number;
    frozenSheetAfterMs: number;
    rows: number;
    auditEntries: number;
    payableFen: number;
    chainOk: boolean;
    chainEntries: number;
    verifyMs: number;
  };
  sheet: Timing & { firstCallMs: number };
  split: { load: Timing; settle: Timing; people: number; refused: number };
  loadsAlone: Record<string, Timing>;
  sqlAggregate: Timing & { rows: number; fen: number };
  ratioSheetToSql: number;
  serialise: { stringifyMs: number; zodParseMs: number };
  drafted: ReturnType<typeof describeSheet>;
  checks: Awaited<ReturnType<typeof checkSheet>>;
  memory: Record<string, Memory | null>;
  heapUsedMiB: number;
  profile: { file: string; summary: ReturnType<typeof profileSummary> } | null;
}

async function runOne(kind: Kind, stamp: string): Promise<ChildResult> {
  const memory: Record<string, Memory | null> = { start: memoryOf(process.pid) };
  let target: string;
  let dataDir: string | null = null;
  let pgUrl: string | null = null;
  if (kind === 'postgres') {
    assertLoopback(PG_BASE);
    pgUrl = withDatabase(PG_BASE, DB_NAME);
    if ((await psql(PG_BASE, `select 1 from pg_database where datname = '${DB_NAME}'`)) === '1') {
      say(`dropping the ${DB_NAME} left from an earlier run`);
      await psql(PG_BASE, `drop database "${DB_NAME}" with (force)`);
    }
    await psql(PG_BASE, `create database "${DB_NAME}"`);
    target = redact(pgUrl);
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'bianmin-bench-settlement-'));
    target = dataDir;
  }
  say(`opening ${target}`);
  let db: Db | null = null;
  try {
    const opened = await timed(() =>
      openDatabase(
        kind === 'postgres' ? { kind, url: pgUrl! } : { kind, dataDir: join(dataDir!, 'data') },
      ),
    );
    db = opened.value;
    memory.opened = settled();
    say(
      `generating ${STAFF.toLocaleString('en')} window staff and ${FINDINGS.toLocaleString('en')} findings`,
    );
    const gen = await generate(db);
    const { centerId, leader } = gen;
    const data = await describeData(db.kysely, centerId);
    if (data.findings !== FINDINGS)
      throw new Error(`generated ${data.findings} findings, not ${FINDINGS}`);
    memory.generated = settled();
    const deps = depsOf(db);

    // 2025 H2 approved once: the write path, and what 2026 H1 needs.
    say('approve() 2025 H2');
    const auditBefore = await db.kysely
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('chain', '=', chainOf(centerId))
      .executeTakeFirstOrThrow();
    const draftBefore = await timed(() => sheet(deps, centerId, FROZEN_H));
    const approved = await timed(() =>
      approve(
        deps,
        leader,
        actorOf(leader, { ip: '127.0.0.1', id: randomUUID() }),
        centerId,
        FROZEN_H,
      ),
    );
    memory.approved = settled();
    const auditAfter = await db.kysely
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('chain', '=', chainOf(centerId))
      .executeTakeFirstOrThrow();
    const stored = await db.kysely
      .selectFrom('settlements')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('center_id', '=', centerId)
      .executeTakeFirstOrThrow();
    const verified = await timed(() => verifyChain(db!.kysely, chainOf(centerId)));
    const frozenAfter = await timed(() => sheet(deps, centerId, FROZEN_H));
    say(
      `approve(): ${round1(approved.ms / 1000)} s for ${stored.n} settlements; timing sheet() 2026 H1`,
    );
    await sql`analyze settlements`.execute(db.kysely);

    // sheet() 2026 H1: one unmeasured call, then RUNS.
    const first = await timed(() => sheet(deps, centerId, DRAFT_H));
    const session = opts.profile ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const sheetMs: number[] = [];
    let last: SettlementSheet = first.value;
    for (let i = 0; i < RUNS; i++) {
      const t = await timed(() => sheet(deps, centerId, DRAFT_H));
      sheetMs.push(t.ms);
      last = t.value;
    }
    let profile: ChildResult['profile'] = null;
    if (session) {
      const { profile: p } = await session.post('Profiler.stop');
      session.disconnect();
      const file = join(REPO_ROOT, 'bench', 'results', `settlement-${stamp}-${kind}.cpuprofile`);
      writeFileSync(file, JSON.stringify(p));
      profile = { file, summary: profileSummary(p) };
    }
    memory.sheet = settled();
    const heapUsedMiB = round1(process.memoryUsage().heapUsed / 2 ** 20);
    const sheetTiming = timingOf(sheetMs);
    say(`sheet(): p50 ${sheetTiming.p50} ms; the split, the SQL aggregate, the checks`);

    // The same computation in two parts, and the SQL reference, alternated on the same data.
    const loadMs: number[] = [];
    const settleMs: number[] = [];
    const aggMs: number[] = [];
    let split = { people: 0, refused: 0 };
    let agg: { staff_id: number; fen: string }[] = [];
    await naiveAggregate(db.kysely, centerId, DRAFT_H);
    for (let i = 0; i < RUNS; i++) {
      const s = await splitCompute(db.kysely, centerId, DRAFT_H);
      loadMs.push(s.loadMs);
      settleMs.push(s.settleMs);
      split = { people: s.people, refused: s.refused };
      const a = await timed(() => naiveAggregate(db!.kysely, centerId, DRAFT_H));
      aggMs.push(a.ms);
      agg = a.value;
    }
    const aggTiming = timingOf(aggMs);
    const alone: Record<string, number[]> = {};
    for (let i = 0; i < RUNS; i++)
      for (const [name, ms] of Object.entries(await loadsAlone(db.kysely, centerId, DRAFT_H)))
        (alone[name] ??= []).push(ms);

    // What the HTTP route adds: the response validated against its schema and serialised.
    const parsed = await timed(async () => settlementSheet.parse(last));
    const stringified = await timed(async () => JSON.stringify(parsed.value));

    const checks = await checkSheet(db.kysely, centerId, last);
    say(
      `checks: ${checks.rowsChecked} rows, ${checks.independentlyChecked} against the independent ` +
        `ledger, ${checks.problems.length} problems`,
    );
    return {
      kind,
      target,
      postgres: pgUrl
        ? {
            version: await serverVersion(pgUrl),
            settings: await settings(pgUrl, [
              'shared_buffers',
              'work_mem',
              'fsync',
              'synchronous_commit',
              'jit',
            ]),
          }
        : null,
      openMs: Math.round(opened.ms),
      generation: {
        centerAndCalendarMs: gen.centerAndCalendarMs,
        insertMs: gen.insertMs,
        vacuumAnalyzeMs: gen.vacuumAnalyzeMs,
      },
      data,
      approve: {
        halfYear: approved.value.label,
        ms: Math.round(approved.ms),
        draftSheetBeforeMs: Math.round(draftBefore.ms),
        frozenSheetAfterMs: Math.round(frozenAfter.ms),
        rows: Number(stored.n),
        auditEntries: Number(auditAfter.n) - Number(auditBefore.n),
        payableFen: approved.value.totals.payableFen,
        chainOk: verified.value.ok,
        chainEntries: verified.value.checked,
        verifyMs: Math.round(verified.ms),
      },
      sheet: { ...sheetTiming, firstCallMs: round1(first.ms) },
      split: { load: timingOf(loadMs), settle: timingOf(settleMs), ...split },
      loadsAlone: Object.fromEntries(Object.entries(alone).map(([k, v]) => [k, timingOf(v)])),
      sqlAggregate: {
        ...aggTiming,
        rows: agg.length,
        fen: agg.reduce((n, r) => n + Number(r.fen), 0),
      },
      ratioSheetToSql: round1(sheetTiming.p50 / aggTiming.p50),
      serialise: { zodParseMs: round1(parsed.ms), stringifyMs: round1(stringified.ms) },
      drafted: describeSheet(last),
      checks: { ...checks, problems: checks.problems.slice(0, 50) },
      memory,
      heapUsedMiB,
      profile,
    };
  } finally {
    await db?.close();
    if (opts.keep) {
      say(
        kind === 'postgres'
          ? `kept ${DB_NAME} (drop it with: psql -c 'drop database ${DB_NAME}')`
          : `kept ${dataDir}`,
      );
    } else if (kind === 'postgres') {
      await psql(PG_BASE, `drop database if exists "${DB_NAME}" with (force)`);
      say(`dropped ${DB_NAME}`);
    } else if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
      say(`removed ${dataDir}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The run: one child process per database, then the report
// ---------------------------------------------------------------------------------------------

async function main() {
  const run = await perDatabase({
    script: fileURLToPath(import.meta.url),
    name: 'settlement',
    kinds: KINDS,
    args: [
      ...['--staff', String(STAFF), '--findings', String(FINDINGS), '--runs', String(RUNS)],
      ...(opts.keep ? ['--keep'] : []),
      ...(opts.profile ? ['--profile'] : []),
    ],
    opts,
    runOne,
  });
  if (!run) return;
  const { machine, results, stamp } = run;
  const resultsDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const result = {
    startedAt: run.started.toISOString(),
    finishedAt: run.finished.toISOString(),
    durationSeconds: run.durationSeconds,
    command: ['npm run bench:settlement -w @bianmin/bench', ...process.argv.slice(2)]
      .join(' ')
      .replace('@bianmin/bench -', '@bianmin/bench -- -'),
    commit: run.commit,
    machine,
    options: { staff: STAFF, findings: FINDINGS, runs: RUNS },
    results,
  };
  const jsonFile = join(resultsDir, `settlement-${stamp}.json`);
  writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);

  printHeading('settlement', run);
  const d = results[0]?.data;
  if (d) {
    console.log(
      `\ndata: ${d.staff.staff} window staff at ${d.staff.windows} windows (${d.staff.before_ledger} in post ` +
        `before 2025-07-01, ${d.staff.joined_2025h2} joined in 2025 H2, ${d.staff.joined_2026h1} in 2026 H1; ` +
        `${d.staff.left_2026h1} left in 2026 H1, ${d.staff.left_later} later); ${d.findings} findings ` +
        `${d.findingDates} (${d.findings2026H1} in 2026 H1): ` +
        Object.entries(d.byLevel)
          .map(([l, x]) => `${l} ${x.n} (${x.circulated} circulated, ${x.revoked} revoked)`)
          .join(', '),
    );
  }
  const col = (f: (r: ChildResult) => string | number) =>
    results.map((r) => String(f(r)).padStart(14)).join('');
  const row = (label: string, f: (r: ChildResult) => string | number) =>
    console.log(`  ${label.padEnd(52)}${col(f)}`);
  console.log(`\n  ${''.padEnd(52)}${results.map((r) => r.kind.padStart(14)).join('')}`);
  row('open + migrate, ms', (r) => r.openMs);
  row('generate: center + calendar (app code), ms', (r) => r.generation.centerAndCalendarMs);
  row('generate: staff, findings … (one tx of SQL), ms', (r) => r.generation.insertMs);
  row('generate: VACUUM ANALYZE, ms', (r) => r.generation.vacuumAnalyzeMs);
  row('sheet() 2025 H2 before approval (drafts), ms', (r) => r.approve.draftSheetBeforeMs);
  row('approve() 2025 H2, once, ms', (r) => r.approve.ms);
  row('sheet() 2025 H2 after approval (frozen), ms', (r) => r.approve.frozenSheetAfterMs);
  row('  settlements frozen / audit entries', (r) => `${r.approve.rows}/${r.approve.auditEntries}`);
  row(
    '  audit chain verifies (entries), verify ms',
    (r) => `${r.approve.chainOk ? 'ok' : 'BROKEN'} ${r.approve.chainEntries} ${r.approve.verifyMs}`,
  );
  row('sheet() 2026 H1: first call, ms', (r) => r.sheet.firstCallMs);
  row(`sheet() 2026 H1: p50 of ${RUNS}, ms`, (r) => r.sheet.p50);
  row('sheet() 2026 H1: min–max, ms', (r) => `${r.sheet.min}–${r.sheet.max}`);
  row('  of which loads (5 queries), p50 ms', (r) => r.split.load.p50);
  row('  of which settle() × people, p50 ms', (r) => r.split.settle.p50);
  for (const q of ['staffOf', 'findingsOf', 'frozenOf', 'policiesOf', 'loadTermContext'])
    row(`    ${q} alone, p50 ms`, (r) => r.loadsAlone[q]?.p50 ?? 'n/a');
  row('SQL aggregate (naive per-person sum), p50 ms', (r) => r.sqlAggregate.p50);
  row('ratio sheet() ÷ SQL aggregate', (r) => r.ratioSheetToSql);
  row(
    'response: zod parse / JSON.stringify, ms',
    (r) => `${r.serialise.zodParseMs}/${r.serialise.stringifyMs}`,
  );
  row('response JSON, MiB', (r) => r.drafted.jsonMiB);
  row('RSS after open, MiB', (r) => r.memory.opened?.rssMiB ?? 'n/a');
  row(
    'RSS after sheet() runs / peak, MiB',
    (r) => `${r.memory.sheet?.rssMiB ?? 'n/a'}/${r.memory.sheet?.peakMiB ?? 'n/a'}`,
  );
  for (const r of results) {
    const s = r.drafted;
    console.log(
      `\n${r.kind}: sheet of ${s.people} people, ${s.lines} lines; ${s.partialPool} partial pools, ` +
        `${s.carriedIn} carry in, ${s.carriedOut} carry out, ${s.writtenOff} write-offs, ` +
        `${s.payableZero} paid nothing; payable ${(s.totals.payableFen / 100).toFixed(2)} yuan ` +
        `(2025 H2 approved: ${(r.approve.payableFen / 100).toFixed(2)}); SQL aggregate ` +
        `${r.sqlAggregate.rows} rows, ${(r.sqlAggregate.fen / 100).toFixed(2)} yuan of naive deductions`,
    );
    console.log(
      `  checks: ${r.checks.rowsChecked} rows (totals, signs, Σ = totals), ` +
        `${r.checks.independentlyChecked} in post all year against the independent ledger ` +
        `(${r.checks.withCarryFrom2025H2} with a carry from 2025 H2): ` +
        (r.checks.problems.length === 0 ? 'no problem' : r.checks.problems.join('; ')),
    );
    if (r.profile) {
      console.log(`  CPU profile of the timed sheet() calls: ${r.profile.file}`);
      for (const t of r.profile.summary.top.slice(0, 12))
        console.log(
          `    ${String(t.ms).padStart(8)} ms ${String(t.percent).padStart(5)} %  ${t.fn}`,
        );
    }
  }
  const same =
    results.length === 2 &&
    results[0]!.drafted.totals.payableFen === results[1]!.drafted.totals.payableFen &&
    results[0]!.approve.payableFen === results[1]!.approve.payableFen;
  if (results.length === 2)
    console.log(`\nboth databases give the same totals: ${same ? 'yes' : 'NO'}`);
  console.log(`\nresults: ${jsonFile}`);
  const failed =
    results.some((r) => r.checks.problems.length > 0 || !r.approve.chainOk) ||
    (results.length === 2 && !same);
  if (failed) process.exitCode = 1;
}

await main();
