/**
 * The year-end evaluation sheet (年度考评) of a center: `npm run bench:evaluation -w @bianmin/bench`
 * (docs/perf.md, "Year-end evaluation (issue 4)"). Modelled on settlement.ts, whose helpers it uses.
 *
 * One center with N window staff (300 by default), all in post over the whole of 2026, each with a
 * sign-in and a sign-out on every working day of 2026 up to --until (2026-11-27), except for a
 * deterministic share of the days: ~5 % late (1 s … 60 min after opening), ~3 % left early, ~1 %
 * absent, ~2 % on a whole-day approved leave, ~0.5 % with a whole-day leave that was rejected (so
 * absent), ~0.3 % without a sign-out; and about N/2 findings of 2026, levels mixed. The working
 * days come from the center's calendar through the domain (isWorkingDay); the rest is plain SQL,
 * every draw an md5 of a salt and the row, into a fresh database created with the app's migrations,
 * on PostgreSQL (the database `bianmin_bench_evaluation`) and on PGlite (a temporary folder), each
 * in a process of its own.
 *
 * Per database: `sheet(deps, centerId, 2026)` with a clock at 2026-11-28T04:00:00Z is called once
 * unmeasured and then --runs times; its parts (yearAttendance's loads, the classification of the
 * working days, the other loads) are timed separately; one SQL aggregate (a naive per-person count of
 * late sign-ins and of working days without a sign-in) is timed as the raw-database reference. Then
 * the attendance of every person on the sheet is checked against an independent computation in SQL
 * (working days from calendar_days and the weekday, opening and closing from business_hours,
 * 0-minute grace, approved leave covering the business day → on leave, not absent), and, every field
 * of the summary, against the reference path yearAttendanceByDay (classifyDay on every date, as
 * before issue 12; timed once).
 *
 * Options: --staff N (300), --until YYYY-MM-DD (2026-11-27), --runs N (5), --db both|postgres|pglite,
 * --keep, --profile (CPU profile of the timed sheet() calls, written next to the results). Exits 1
 * when a check fails; `--staff 30 --runs 2` takes well under a minute (the CI's smoke run).
 * Environment: BENCH_DATABASE_URL (loopback only).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluationSheet, type EvaluationSheet } from '@bianmin/contracts';
import {
  businessDaysOf,
  isWorkingDay,
  summarizeStoredAttendance,
  type AttendanceSummary,
  type StoredSigns,
} from '@bianmin/domain';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { systemActor, write } from '../packages/server/src/audit/write.ts';
import { systemClock, type Clock } from '../packages/server/src/clock.ts';
import { openDatabase, type Db } from '../packages/server/src/db/connect.ts';
import type { Database } from '../packages/server/src/db/schema.ts';
import {
  addDays,
  attendanceStart,
  countedDates,
  loadStoredSigns,
} from '../packages/server/src/modules/attendance/days.ts';
import {
  yearAttendance,
  yearAttendanceByDay,
} from '../packages/server/src/modules/attendance/summary.ts';
import { seedCenterCalendar } from '../packages/server/src/modules/calendar/service.ts';
import { loadTermContext } from '../packages/server/src/modules/cases/term-context.ts';
import { insertCenter } from '../packages/server/src/modules/centers/repository.ts';
import * as repo from '../packages/server/src/modules/evaluations/repository.ts';
import { sheet } from '../packages/server/src/modules/evaluations/service.ts';
import { policiesOf } from '../packages/server/src/modules/regulations/service.ts';
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
} from './children.ts';
import { depsOf } from './direct.ts';
import { assertLoopback, psql, redact, serverVersion, settings, withDatabase } from './pgbench.ts';
import { memoryOf, REPO_ROOT, type Memory } from './server.ts';
import { round1, round2 } from './stats.ts';

const { values: opts } = parseArgs({
  options: {
    staff: { type: 'string', default: '300' },
    until: { type: 'string', default: '2026-11-27' },
    runs: { type: 'string', default: '5' },
    ...CHILD_OPTIONS,
  },
});
const STAFF = Number(opts.staff);
const UNTIL = opts.until;
const RUNS = Number(opts.runs);
if (!Number.isInteger(STAFF) || STAFF < 2 || STAFF > 99999)
  throw new Error('--staff must be a whole number between 2 and 99999');
if (!/^2026-(0[1-9]|1[0-2])-[0-3][0-9]$/.test(UNTIL) || UNTIL > '2026-11-27')
  throw new Error('--until must be a date of 2026 up to 2026-11-27');
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be a whole number ≥ 1');
const KINDS = kindsOf(opts.db);

const PG_BASE = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'bianmin_bench_evaluation';
const YEAR = 2026;
/** "Today" of the sheet: 2026-11-28 12:00 in Shanghai (a Saturday, after the last signed day). */
const NOW = new Date('2026-11-28T04:00:00Z');
const clock: Clock = { now: () => new Date(NOW) };
const TODAY = '2026-11-28';
const WINDOWS = 30;

const say = (text: string) =>
  process.stderr.write(`[evaluation${opts.child ? `:${opts.child}` : ''}] ${text}\n`);

// ---------------------------------------------------------------------------------------------
// The data
// ---------------------------------------------------------------------------------------------

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明']; // prettier-ignore
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
 * The SQL of everything but the center and its calendar. `days`: the working days of 2026 up to
 * --until, from the domain calendar. The day's opening and closing come from business_hours (the
 * season with the latest start not after the date, wrapping round to the last one).
 *
 * A day of a person (salt 'day', row g·1000 + day number) is drawn once: r < 0.01 absent (no sign),
 * < 0.03 whole-day approved leave (no sign), < 0.035 whole-day rejected leave (no sign: absent),
 * < 0.085 late (signs in 1 s … 60 min after opening), < 0.115 left early (signs out 1 s … 60 min
 * before closing), < 0.118 no sign-out, else on time; a tenth of the on-time sign-ins are exactly
 * at opening (on time with the 0-minute grace), the rest up to 30 minutes before.
 */
function generationSql(c: { centerId: number; leaderId: number; days: string[] }): string[] {
  const C = c.centerId;
  // When the generated records were entered (the app writes creation times from its clock).
  const AT = `timestamptz '2020-01-01 08:00:00+08'`;
  const rand = (salt: string, g: string) => `bench_rand('${salt}', ${g})`;
  const dayList = `array[${c.days.map((d) => `'${d}'`).join(',')}]::date[]`;
  return [
    `create function bench_rand(salt text, g bigint) returns double precision language sql immutable
       as $$ select ('x' || substr(md5(salt || ':' || g), 1, 13))::bit(52)::bigint / 4503599627370496.0::float8 $$`,
    `insert into window_units (center_id, code, name, created_at) values (${C}, 'zh', '综合窗口', ${AT})`,
    `insert into windows (center_id, window_unit_id, number, name, created_at)
       select ${C}, wu.id, lpad(w::text, 3, '0'), '综合第' || w || '号窗口', ${AT}
       from generate_series(1, ${WINDOWS}) w cross join window_units wu where wu.center_id = ${C}`,
    // The supervising leader (no window: not on the sheet), approver of every leave.
    `insert into staff (center_id, staff_no, name, position, window_id, in_post_from, created_at)
       values (${C}, 'L00001', '赵组长', '分管领导', null, '2020-01-01', ${AT})`,
    `insert into staff (center_id, staff_no, name, position, window_id, in_post_from, in_post_to, created_at)
       select ${C}, 'S' || lpad(g::text, 5, '0'),
         (${arr(SURNAMES)})[1 + floor(${rand('surname', 'g')} * ${SURNAMES.length})::int]
           || (${arr(GIVEN)})[1 + floor(${rand('given', 'g')} * ${GIVEN.length})::int],
         '窗口工作人员', win.id, date '2020-01-01' + floor(${rand('from', 'g')} * 2000)::int, null, ${AT}
       from generate_series(1, ${STAFF}) g
       join (select id, row_number() over (order by id) as k from windows where center_id = ${C}) win
         on win.k = 1 + (g - 1) % ${WINDOWS}`,
    // Every working day of every person, drawn, with the day's opening and closing instants.
    `create temporary table bench_days on commit drop as
       select s.id as staff_id, s.window_id, w.d, w.n, x.r, x.m,
         ((w.d::text || ' ' || h.open_at || ':00+08')::timestamptz) as open_t,
         ((w.d::text || ' ' || h.close_at || ':00+08')::timestamptz) as close_t
       from (select id, window_id, substr(staff_no, 2)::int as g from staff
             where center_id = ${C} and window_id is not null) s
       cross join unnest(${dayList}) with ordinality as w(d, n)
       cross join lateral (select ${rand('day', 's.g * 1000 + w.n')} as r,
         ${rand('minute', 's.g * 1000 + w.n')} as m) x
       cross join lateral (select bh.open_at, bh.close_at from business_hours bh
         where bh.center_id = ${C}
         order by (bh.season_from <= to_char(w.d, 'MM-DD')) desc, bh.season_from desc limit 1) h`,
    `insert into sign_events (center_id, staff_id, day, kind, at, window_id, recorded_by_name, created_at)
       select ${C}, staff_id, d, 'in',
         case
           when r < 0.085 then open_t + make_interval(secs => 1 + floor(m * 3600))
           when m < 0.1 then open_t
           else open_t - make_interval(secs => floor(m * 1800))
         end, window_id, '本人', open_t
       from bench_days where r >= 0.035`,
    `insert into sign_events (center_id, staff_id, day, kind, at, window_id, recorded_by_name, created_at)
       select ${C}, staff_id, d, 'out',
         case
           when r >= 0.085 and r < 0.115 then close_t - make_interval(secs => 1 + floor(m * 3600))
           else close_t + make_interval(secs => floor(m * 1800))
         end, window_id, '本人', close_t
       from bench_days where r >= 0.035 and not (r >= 0.115 and r < 0.118)`,
    `insert into leave_requests (center_id, staff_id, approver_staff_id, kind, from_at, to_at, reason,
       status, requested_at, decided_by_name, decided_at)
       select ${C}, b.staff_id, l.id,
         case when m < 0.5 then 'personal_leave' else 'official_leave' end,
         (d::text || ' 00:00:00+08')::timestamptz, ((d + 1)::text || ' 00:00:00+08')::timestamptz,
         case when m < 0.5 then '家中有事' else '参加县里业务培训' end,
         case when r < 0.03 then 'approved' else 'rejected' end,
         open_t - interval '3 days', '赵组长', open_t - interval '2 days'
       from bench_days b cross join (select id from staff where center_id = ${C} and staff_no = 'L00001') l
       where b.r >= 0.01 and b.r < 0.035`,
    `insert into inspections (center_id, level, inspected_on, inspectors, recorded_by_user_id, created_at)
       select ${C}, l.level, d, l.who, ${c.leaderId}, (d::text || ' 18:00:00+08')::timestamptz
       from unnest(${dayList}) d
       cross join (values ('town', '镇考核小组'), ('joint_check', '镇纪委、党政办'),
         ('county', '县政务服务中心巡查组'), ('city', '市政务服务管理局巡查组'),
         ('province', '省政务服务巡查组')) l(level, who)`,
    // N/2 findings of 2026 on working days, a person drawn evenly; levels: 78 % town (5 % of them
    // overdue cases), 8 % joint check, 11.3 % public report, 2 % county, 0.5 % city, 0.2 %
    // province (circulated 70/70/80 %); 3 % serious, 2 % revoked.
    `insert into findings (center_id, staff_id, source, inspection_id, date, level, circulated, item,
       description, serious, recorded_by_user_id, revoked, created_at)
       select ${C}, s.id,
         case when x.level = 'public_report' then 'public_report' when x.overdue then 'overdue_case' else 'inspection' end,
         case when x.level <> 'public_report' and not x.overdue then i.id end,
         x.date, x.level, x.circulated, x.item, (${arr(DESCRIPTIONS)})[x.item], x.serious, ${c.leaderId}, x.revoked,
         (x.date::text || ' 18:00:00+08')::timestamptz
       from (
         select y.*,
           y.level = 'town' and ${rand('overdue', 'y.g')} < 0.05 as overdue,
           case when y.level = 'town' and ${rand('overdue', 'y.g')} < 0.05 then 6
             else 1 + floor(${rand('item', 'y.g')} * 8)::int end as item,
           case y.level
             when 'county' then ${rand('circulated', 'y.g')} < 0.7
             when 'city' then ${rand('circulated', 'y.g')} < 0.7
             when 'province' then ${rand('circulated', 'y.g')} < 0.8
             else false
           end as circulated,
           ${rand('serious', 'y.g')} < 0.03 as serious,
           ${rand('revoked', 'y.g')} < 0.02 as revoked
         from (
           select g, (${dayList})[1 + floor(${rand('fday', 'g')} * ${c.days.length})::int] as date,
             'S' || lpad((1 + floor(${rand('person', 'g')} * ${STAFF}))::int::text, 5, '0') as staff_no,
             case
               when r < 0.78 then 'town' when r < 0.86 then 'joint_check'
               when r < 0.973 then 'public_report' when r < 0.993 then 'county'
               when r < 0.998 then 'city' else 'province'
             end as level
           from (select g, ${rand('level', 'g')} as r from generate_series(1, ${Math.max(1, Math.floor(STAFF / 2))}) g) a
         ) y
       ) x
       join staff s on s.center_id = ${C} and s.staff_no = x.staff_no
       left join inspections i on i.center_id = ${C} and i.level = x.level and i.inspected_on = x.date`,
    `drop function bench_rand(text, bigint)`,
  ];
}

async function generate(db: Db) {
  let t0 = performance.now();
  const centerId = await write(db.kysely, systemClock, systemActor, async (tx, audit, at) => {
    const center = await insertCenter(tx, {
      created_at: at,
      code: 'bench-evaluation',
      name: '考评压测镇便民服务中心',
      region: '示范县考评压测镇',
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

  // The working days of 2026 up to --until, from the stored calendar through the domain.
  const ctx = await loadTermContext(db.kysely, centerId);
  const days: string[] = [];
  for (let d = `${YEAR}-01-01`; d <= UNTIL; d = addDays(d, 1)) {
    const w = isWorkingDay(ctx.cal, d);
    if (!w.ok) throw new Error(`the calendar lacks ${d}: ${w.code}`);
    if (w.value) days.push(d);
  }

  t0 = performance.now();
  await db.kysely.transaction().execute(async (tx) => {
    const { id: leaderId } = await tx
      .insertInto('users')
      .values({
        center_id: centerId,
        staff_id: null,
        username: 'bench-leader',
        display_name: '赵组长',
        password_hash: 'not-a-hash (the benchmark never signs in)',
        roles: ['assessment_leader'],
        must_change_password: false,
        created_at: new Date('2020-01-01T00:00:00Z'),
        password_changed_at: new Date('2020-01-01T00:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const statement of generationSql({ centerId, leaderId, days }))
      await sql.raw(statement).execute(tx);
  });
  const insertMs = performance.now() - t0;
  say(`generated in ${round1(insertMs / 1000)} s; VACUUM ANALYZE`);
  t0 = performance.now();
  await sql`vacuum analyze`.execute(db.kysely);
  return {
    centerId,
    workingDays: days.length,
    centerAndCalendarMs: Math.round(centerAndCalendarMs),
    insertMs: Math.round(insertMs),
    vacuumAnalyzeMs: Math.round(performance.now() - t0),
  };
}

type K = Kysely<Database>;
const rowsOf = async <T>(db: K, q: RawBuilder<T>) => (await q.execute(db)).rows;

async function describeData(db: K, centerId: number) {
  const [row] = await rowsOf<Record<string, string>>(
    db,
    sql`select
      (select count(*) from staff where center_id = ${centerId} and window_id is not null) as staff,
      (select count(*) from sign_events where center_id = ${centerId}) as sign_events,
      (select count(*) from leave_requests where center_id = ${centerId} and status = 'approved') as leaves_approved,
      (select count(*) from leave_requests where center_id = ${centerId} and status = 'rejected') as leaves_rejected,
      (select count(*) from findings where center_id = ${centerId}) as findings,
      (select count(*) from findings where center_id = ${centerId} and level = 'province' and circulated and not revoked) as province_circulated,
      (select count(*) from violation_candidates where center_id = ${centerId}) as violation_candidates`,
  );
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
}

// ---------------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------------

/**
 * The raw-database reference: per person, sign-ins after a fixed 08:30 (Shanghai) and working days
 * (a constant: those of the generation) without a sign-in — a naive late/absent, through the app's
 * driver.
 */
const naiveAggregate = (db: K, centerId: number, workingDays: number) =>
  rowsOf<{ staff_id: number; late: string; absent: string }>(
    db,
    sql`select staff_id,
        count(*) filter (where kind = 'in' and (at at time zone 'UTC' + interval '8 hours')::time > time '08:30') as late,
        ${workingDays} - count(*) filter (where kind = 'in') as absent
      from sign_events
      where center_id = ${centerId} and day between ${`${YEAR}-01-01`} and ${TODAY}
      group by staff_id`,
  );

/**
 * compute()'s work in parts, as evaluations/service.ts and attendance/summary.ts do it: the staff,
 * the attendance loads (term context, attendance start, signs and leaves read lean), the
 * classification of every person's counted working days (businessDaysOf once, then
 * summarizeStoredAttendance per person), and the other loads (findings, overdue counts, revisions,
 * pending appeals, policies).
 */
async function splitCompute(db: K, centerId: number) {
  const t = async <T>(fn: () => Promise<T>) => timed(fn);
  const from = `${YEAR}-01-01`;
  const people = await t(() => repo.staffOfYear(db, centerId, YEAR));
  const ids = people.value.map((p) => p.id);
  const ctx = await t(() => loadTermContext(db, centerId));
  const start = await t(() => attendanceStart(db, centerId));
  const data = await t(() => loadStoredSigns(db, centerId, { ids, from, to: TODAY }));
  const c0 = performance.now();
  let days = 0;
  let workingDays = 0;
  const plan = businessDaysOf(ctx.value.cal, ctx.value.tt, from, TODAY);
  if (!plan.ok) throw new Error(plan.code);
  for (const p of people.value) {
    const counted = countedDates(p, from, TODAY, start.value);
    if (!counted) continue;
    const r = summarizeStoredAttendance(plan.value, {
      ...counted,
      signs: data.value.signs.get(p.id) ?? new Map<number, StoredSigns>(),
      absences: data.value.absences.get(p.id) ?? [],
    });
    if (!r.ok) throw new Error(r.code);
    days += r.value.days;
    workingDays += r.value.workingDays;
  }
  const classifyMs = performance.now() - c0;
  const others = await t(() =>
    Promise.all([
      repo.findingsOf(db, ids),
      repo.overdueCounts(db, centerId, ids, YEAR),
      repo.revisionsOf(db, ids, YEAR),
      repo.pendingRatingAppeals(db, ids, YEAR),
      policiesOf({ db }, centerId),
    ]),
  );
  const ya = await t(() => yearAttendance(db, centerId, ids, YEAR, TODAY));
  return {
    staffMs: people.ms,
    termContextMs: ctx.ms,
    attendanceStartMs: start.ms,
    loadSignsAndLeavesMs: data.ms,
    classifyMs,
    otherLoadsMs: others.ms,
    yearAttendanceMs: ya.ms,
    countedDays: days,
    classifiedDays: workingDays,
    signDays: [...data.value.signs.values()].reduce((n, m) => n + m.size, 0),
  };
}

/** Per person, the independent attendance counts of 2026 up to today, in SQL. */
const independentAttendance = (db: K, centerId: number) =>
  rowsOf<Record<string, string | number>>(
    db,
    sql`with
      start as (select min(day) as d from sign_events where center_id = ${centerId}),
      cal as (
        select d::date as d from generate_series(${`${YEAR}-01-01`}::date, ${TODAY}::date, interval '1 day') d
        where (extract(isodow from d) < 6
            and not exists (select 1 from calendar_days c where c.center_id = ${centerId} and c.day = d::date and c.kind = 'holiday'))
          or exists (select 1 from calendar_days c where c.center_id = ${centerId} and c.day = d::date and c.kind = 'workday')),
      hours as (
        select cal.d,
          ((cal.d::text || ' ' || h.open_at || ':00+08')::timestamptz) as open_t,
          ((cal.d::text || ' ' || h.close_at || ':00+08')::timestamptz) as close_t
        from cal cross join lateral (
          select open_at, close_at from business_hours b where b.center_id = ${centerId}
          order by (b.season_from <= to_char(cal.d, 'MM-DD')) desc, b.season_from desc limit 1) h),
      pd as (
        select s.id as staff_id, hr.d, hr.open_t, hr.close_t,
          si.at as sign_in, so.at as sign_out,
          exists (select 1 from leave_requests l where l.staff_id = s.id and l.status = 'approved'
            and l.from_at <= hr.open_t and l.to_at >= hr.close_t) as covered
        from staff s
        cross join hours hr
        cross join start
        left join sign_events si on si.staff_id = s.id and si.day = hr.d and si.kind = 'in'
        left join sign_events so on so.staff_id = s.id and so.day = hr.d and so.kind = 'out'
        where s.center_id = ${centerId} and s.window_id is not null
          and hr.d >= start.d and hr.d >= s.in_post_from and (s.in_post_to is null or hr.d <= s.in_post_to))
      select staff_id,
        count(*) as working_days,
        count(*) filter (where sign_in is not null and sign_in > open_t and not covered) as late,
        count(*) filter (where sign_out is not null and sign_out < close_t and not covered) as left_early,
        count(*) filter (where sign_in is null and sign_out is null and not covered) as absent,
        count(*) filter (where sign_in is null and sign_out is null and covered) as on_leave,
        count(*) filter (where sign_in is not null and sign_out is null) as missing_sign_out,
        count(*) filter (where sign_in is null and sign_out is not null) as missing_sign_in,
        count(*) filter (where sign_in is not null and sign_out is not null
          and sign_in <= open_t and sign_out >= close_t) as present
      from pd group by staff_id`,
  );

const FIELDS = [
  ['workingDays', 'working_days'],
  ['present', 'present'],
  ['late', 'late'],
  ['leftEarly', 'left_early'],
  ['absent', 'absent'],
  ['onLeave', 'on_leave'],
  ['missingSignIn', 'missing_sign_in'],
  ['missingSignOut', 'missing_sign_out'],
] as const;

/**
 * The sheet's attendance against the reference path (yearAttendanceByDay: classifyDay on every
 * date of every person, as before issue 12), every field of every person: the summaries of
 * yearAttendance() (minutes included, which the sheet does not show) and the sheet's own figures.
 * The reference is timed (once).
 */
async function checkAgainstReference(db: K, centerId: number, s: EvaluationSheet) {
  const ids = s.people.map((p) => p.staffId);
  const reference = await timed(() => yearAttendanceByDay(db, centerId, ids, YEAR, TODAY));
  const fast = await yearAttendance(db, centerId, ids, YEAR, TODAY);
  const problems: string[] = [];
  for (const p of s.people) {
    const want = reference.value.get(p.staffId);
    const got = fast.get(p.staffId);
    if (!want || !got) {
      problems.push(`${p.staffNo}: ${want ? 'no summary' : 'no reference summary'}`);
      continue;
    }
    for (const f of Object.keys(want) as (keyof AttendanceSummary)[])
      if (got[f] !== want[f]) problems.push(`${p.staffNo}: ${f} ${got[f]}, reference ${want[f]}`);
    for (const [f] of FIELDS)
      if (p.summary.attendance?.[f] !== want[f])
        problems.push(
          `${p.staffNo}: ${f} ${p.summary.attendance?.[f]} on the sheet, reference ${want[f]}`,
        );
  }
  return { referenceMs: round1(reference.ms), problems };
}

async function checkSheet(db: K, centerId: number, s: EvaluationSheet, staff: number) {
  const problems: string[] = [];
  if (s.people.length !== staff)
    problems.push(`${s.people.length} people on the sheet, not ${staff}`);
  if (s.decidable) problems.push('the sheet is decidable before 1 December');
  const reference = await checkAgainstReference(db, centerId, s);
  problems.push(...reference.problems);
  const ideal = await independentAttendance(db, centerId);
  const byId = new Map(ideal.map((r) => [Number(r.staff_id), r]));
  const totals: Record<string, number> = {};
  let checked = 0;
  for (const p of s.people) {
    const a = p.summary.attendance;
    const r = byId.get(p.staffId);
    if (!a || !r) {
      problems.push(`${p.staffNo}: ${a ? 'no independent row' : 'no attendance on the sheet'}`);
      continue;
    }
    checked += 1;
    for (const [f, col] of FIELDS) {
      totals[f] = (totals[f] ?? 0) + a[f];
      if (a[f] !== Number(r[col]))
        problems.push(`${p.staffNo}: ${f} ${a[f]} on the sheet, ${r[col]} in SQL`);
    }
  }
  return {
    people: s.people.length,
    checked,
    totals,
    problems,
    referenceMs: reference.referenceMs,
  };
}

function describeSheet(s: EvaluationSheet) {
  const ratings: Record<string, number> = {};
  for (const p of s.people) ratings[p.proposal.rating] = (ratings[p.proposal.rating] ?? 0) + 1;
  return {
    people: s.people.length,
    findings: s.people.reduce((n, p) => n + p.summary.findings.total, 0),
    capped: s.people.filter((p) => p.cap).length,
    proposedRatings: ratings,
    jsonMiB: round2(Buffer.byteLength(JSON.stringify(s)) / 2 ** 20),
  };
}

// ---------------------------------------------------------------------------------------------
// One database (child process)
// ---------------------------------------------------------------------------------------------

async function runOne(kind: Kind, stamp: string) {
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
    dataDir = mkdtempSync(join(tmpdir(), 'bianmin-bench-evaluation-'));
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
    say(`generating ${STAFF.toLocaleString('en')} window staff, signs up to ${UNTIL}`);
    const gen = await generate(db);
    const { centerId } = gen;
    const data = await describeData(db.kysely, centerId);
    memory.generated = settled();
    const deps = { ...depsOf(db), clock };

    const first = await timed(() => sheet(deps, centerId, YEAR));
    const session = opts.profile ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const sheetMs: number[] = [];
    let last: EvaluationSheet = first.value;
    for (let i = 0; i < RUNS; i++) {
      const t = await timed(() => sheet(deps, centerId, YEAR));
      sheetMs.push(t.ms);
      last = t.value;
    }
    let profile: { file: string; summary: ReturnType<typeof profileSummary> } | null = null;
    if (session) {
      const { profile: p } = await session.post('Profiler.stop');
      session.disconnect();
      const file = join(REPO_ROOT, 'bench', 'results', `evaluation-${stamp}-${kind}.cpuprofile`);
      writeFileSync(file, JSON.stringify(p));
      profile = { file, summary: profileSummary(p) };
    }
    memory.sheet = settled();
    const heapUsedMiB = round1(process.memoryUsage().heapUsed / 2 ** 20);
    const sheetTiming = timingOf(sheetMs);
    say(`sheet(): p50 ${sheetTiming.p50} ms; the split, the SQL aggregate, the checks`);

    const splits: Awaited<ReturnType<typeof splitCompute>>[] = [];
    const aggMs: number[] = [];
    let agg: Awaited<ReturnType<typeof naiveAggregate>> = [];
    await naiveAggregate(db.kysely, centerId, gen.workingDays);
    for (let i = 0; i < RUNS; i++) {
      splits.push(await splitCompute(db.kysely, centerId));
      const a = await timed(() => naiveAggregate(db!.kysely, centerId, gen.workingDays));
      aggMs.push(a.ms);
      agg = a.value;
    }
    const aggTiming = timingOf(aggMs);
    const split = Object.fromEntries(
      (
        [
          'staffMs',
          'termContextMs',
          'attendanceStartMs',
          'loadSignsAndLeavesMs',
          'classifyMs',
          'otherLoadsMs',
          'yearAttendanceMs',
        ] as const
      ).map((k) => [k, timingOf(splits.map((s) => s[k]))]),
    );
    const parsed = await timed(async () => evaluationSheet.parse(last));
    const stringified = await timed(async () => JSON.stringify(parsed.value));
    const checks = await checkSheet(db.kysely, centerId, last, STAFF);
    say(`checks: ${checks.checked} people against SQL, ${checks.problems.length} problems`);
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
      generation: gen,
      data,
      sheet: { ...sheetTiming, firstCallMs: round1(first.ms) },
      split,
      countedDays: splits[0]!.countedDays,
      classifiedDays: splits[0]!.classifiedDays,
      signDays: splits[0]!.signDays,
      sqlAggregate: {
        ...aggTiming,
        rows: agg.length,
        late: agg.reduce((n, r) => n + Number(r.late), 0),
        absent: agg.reduce((n, r) => n + Number(r.absent), 0),
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
      say(kind === 'postgres' ? `kept ${DB_NAME}` : `kept ${dataDir}`);
    } else if (kind === 'postgres') {
      await psql(PG_BASE, `drop database if exists "${DB_NAME}" with (force)`);
      say(`dropped ${DB_NAME}`);
    } else if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
      say(`removed ${dataDir}`);
    }
  }
}
type ChildResult = Awaited<ReturnType<typeof runOne>>;

// ---------------------------------------------------------------------------------------------
// The run: one child process per database, then the report
// ---------------------------------------------------------------------------------------------

async function main() {
  const run = await perDatabase({
    script: fileURLToPath(import.meta.url),
    name: 'evaluation',
    kinds: KINDS,
    args: [
      ...['--staff', String(STAFF), '--until', UNTIL, '--runs', String(RUNS)],
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
    command: ['npm run bench:evaluation -w @bianmin/bench --', ...process.argv.slice(2)].join(' '),
    commit: run.commit,
    machine,
    options: { staff: STAFF, until: UNTIL, runs: RUNS, today: TODAY },
    results,
  };
  const jsonFile = join(resultsDir, `evaluation-${stamp}.json`);
  writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);

  printHeading('evaluation', run);
  const d = results[0];
  if (d)
    console.log(
      `\ndata: ${d.data.staff} window staff, ${d.generation.workingDays} working days up to ${UNTIL}, ` +
        `${d.data.sign_events} sign events, ${d.data.leaves_approved} approved and ${d.data.leaves_rejected} ` +
        `rejected whole-day leaves, ${d.data.findings} findings (${d.data.province_circulated} circulated ` +
        `province), ${d.data.violation_candidates} violation candidates; today ${TODAY}`,
    );
  const col = (f: (r: ChildResult) => string | number) =>
    results.map((r) => String(f(r)).padStart(16)).join('');
  const row = (label: string, f: (r: ChildResult) => string | number) =>
    console.log(`  ${label.padEnd(50)}${col(f)}`);
  console.log(`\n  ${''.padEnd(50)}${results.map((r) => r.kind.padStart(16)).join('')}`);
  row('open + migrate, ms', (r) => r.openMs);
  row('generate: center + calendar (app code), ms', (r) => r.generation.centerAndCalendarMs);
  row('generate: staff, signs … (one tx of SQL), ms', (r) => r.generation.insertMs);
  row('generate: VACUUM ANALYZE, ms', (r) => r.generation.vacuumAnalyzeMs);
  row('sheet(): first call, ms', (r) => r.sheet.firstCallMs);
  row(`sheet(): p50 / p95 of ${RUNS}, ms`, (r) => `${r.sheet.p50}/${r.sheet.p95}`);
  row('sheet(): min–max, ms', (r) => `${r.sheet.min}–${r.sheet.max}`);
  row('  yearAttendance() alone, p50 ms', (r) => r.split.yearAttendanceMs!.p50);
  row('    loadTermContext, p50 ms', (r) => r.split.termContextMs!.p50);
  row('    attendanceStart, p50 ms', (r) => r.split.attendanceStartMs!.p50);
  row('    load signs + leaves, p50 ms', (r) => r.split.loadSignsAndLeavesMs!.p50);
  row('    classify the working days (fast path), p50 ms', (r) => r.split.classifyMs!.p50);
  row('  staff, p50 ms', (r) => r.split.staffMs!.p50);
  row('  findings, overdue, revisions, appeals, policies', (r) => r.split.otherLoadsMs!.p50);
  row('reference path (yearAttendanceByDay, before), ms', (r) => r.checks.referenceMs);
  row('SQL aggregate (naive late/absent), p50 ms', (r) => r.sqlAggregate.p50);
  row('ratio sheet() ÷ SQL aggregate', (r) => r.ratioSheetToSql);
  row(
    'response: zod parse / JSON.stringify, ms',
    (r) => `${r.serialise.zodParseMs}/${r.serialise.stringifyMs}`,
  );
  row('response JSON, MiB', (r) => r.drafted.jsonMiB);
  row('RSS after open, MiB', (r) => r.memory.opened?.rssMiB ?? 'n/a');
  row('RSS after generation, MiB', (r) => r.memory.generated?.rssMiB ?? 'n/a');
  row(
    'RSS after sheet() runs / peak, MiB',
    (r) => `${r.memory.sheet?.rssMiB ?? 'n/a'}/${r.memory.sheet?.peakMiB ?? 'n/a'}`,
  );
  for (const r of results) {
    const c = r.checks;
    console.log(
      `\n${r.kind}: ${r.drafted.people} people, ${r.countedDays} days counted, ${r.classifiedDays} ` +
        `working days classified, ${r.drafted.findings} ` +
        `findings of the year, ${r.drafted.capped} capped; proposed ${JSON.stringify(r.drafted.proposedRatings)}; ` +
        `totals ${JSON.stringify(c.totals)}; SQL aggregate ${r.sqlAggregate.rows} rows, naive late ` +
        `${r.sqlAggregate.late}, naive absent ${r.sqlAggregate.absent}`,
    );
    console.log(
      `  checks: ${c.checked} of ${c.people} people against the independent SQL and the reference ` +
        `path (classifyDay on every date): ` +
        (c.problems.length === 0 ? 'no problem' : c.problems.join('; ')),
    );
    if (r.profile) {
      console.log(`  CPU profile of the timed sheet() calls: ${r.profile.file}`);
      for (const t of r.profile.summary.top.slice(0, 15))
        console.log(
          `    ${String(t.ms).padStart(8)} ms ${String(t.percent).padStart(5)} %  ${t.fn}`,
        );
    }
  }
  const same =
    results.length === 2 &&
    JSON.stringify(results[0]!.checks.totals) === JSON.stringify(results[1]!.checks.totals);
  if (results.length === 2)
    console.log(`\nboth databases give the same attendance totals: ${same ? 'yes' : 'NO'}`);
  console.log(`\nresults: ${jsonFile}`);
  if (results.some((r) => r.checks.problems.length > 0) || (results.length === 2 && !same))
    process.exitCode = 1;
}

await main();
