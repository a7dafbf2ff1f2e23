import { sql, type Kysely } from 'kysely';
import type { Database, StoredPause } from '../../db/schema.ts';
import { caseKindSql } from './filters.ts';

type Db = Kysely<Database>;

/** A month as instants: [from, to). */
export interface Span {
  readonly from: Date;
  readonly to: Date;
}

const n = (v: number | string | null | undefined) => Number(v ?? 0);

/**
 * The counts of the on-time rate: completed cases (domain stats `countsForOnTime`) and those on
 * time (`countsAsOnTime`).
 */
const onTimeCounts = [
  sql<number>`count(*)`.as('closed'),
  sql<number>`count(*) filter (where c.on_time is true)`.as('on_time'),
] as const;

/**
 * The centers a figure is of: one, or every center for the county (`center_id in (…)`, so each
 * center's part is a range of its (center_id, …) index).
 */
type Centers = readonly number[];

/** Completed cases of the centers closed in [from, to): ranges of cases_closed_idx. */
function completed(db: Db, centerIds: Centers, span: Span) {
  return db
    .selectFrom('cases as c')
    .where('c.center_id', 'in', centerIds)
    .where('c.status', '=', 'completed')
    .where('c.closed_at', '>=', span.from)
    .where('c.closed_at', '<', span.to);
}

/**
 * Completed and on time in each of the months, which follow one another, in one pass over the
 * range: a case counts in the month whose bounds hold its completion (`width_bucket` over the
 * months' first instants and the last one's end: one lookup per case instead of two comparisons
 * per month).
 */
export async function trend(db: Db, centerId: number, months: readonly Span[]) {
  const bounds = [...months.map((m) => m.from), months[months.length - 1]!.to];
  if (months.some((m, i) => m.to.getTime() !== bounds[i + 1]!.getTime()))
    throw new RangeError('the months of a trend must follow one another');
  const rows = await completed(db, [centerId], { from: bounds[0]!, to: bounds[months.length]! })
    .select([
      sql<number>`width_bucket(c.closed_at, array[${sql.join(bounds)}]::timestamptz[])`.as('month'),
      ...onTimeCounts,
    ])
    .groupBy(sql`1`)
    .execute();
  const byMonth = new Map(rows.map((r) => [n(r.month), r]));
  return months.map((_, i) => {
    const r = byMonth.get(i + 1);
    return { closed: n(r?.closed), onTime: n(r?.on_time) };
  });
}

/** The on-time counts of the month: all, by window, by item, by person (the holder who completed). */
export async function onTimeGroups(db: Db, centerId: number, span: Span) {
  const done = completed(db, [centerId], span);
  const [total, byWindow, byItem, byPerson] = await Promise.all([
    done.select(onTimeCounts).executeTakeFirstOrThrow(),
    done
      .leftJoin('windows as w', 'w.id', 'c.window_id')
      .select(['c.window_id as key', 'w.number', 'w.name', ...onTimeCounts])
      .groupBy(['c.window_id', 'w.number', 'w.name'])
      .orderBy('w.number')
      .execute(),
    done
      .leftJoin('service_items as i', 'i.id', 'c.item_id')
      .select(['c.item_id as key', 'i.code', 'i.name', ...onTimeCounts])
      .groupBy(['c.item_id', 'i.code', 'i.name'])
      .orderBy('i.code')
      .execute(),
    done
      .leftJoin('staff as s', 's.id', 'c.holder_staff_id')
      .select(['c.holder_staff_id as key', 's.staff_no', 's.name', ...onTimeCounts])
      .groupBy(['c.holder_staff_id', 's.staff_no', 's.name'])
      .orderBy('s.staff_no')
      .execute(),
  ]);
  const counts = (r: { closed: number; on_time: number }) => ({
    closed: n(r.closed),
    onTime: n(r.on_time),
  });
  return {
    total: counts(total),
    byWindow: byWindow.map((r) => ({ key: r.key, name: r.name, ...counts(r) })),
    byItem: byItem.map((r) => ({ key: r.key, name: r.name, ...counts(r) })),
    byPerson: byPerson.map((r) => ({ key: r.key, name: r.name, ...counts(r) })),
  };
}

export interface TimedRow {
  centerId: number;
  windowId: number | null;
  itemId: number | null;
  staffId: number | null;
  clockStartAt: Date | null;
  closedAt: Date;
  pauses: StoredPause[];
}

/**
 * What the working time of the month's completed cases needs (it takes the calendar, so it is
 * counted per case in the service): the groups, the clock's start, completion and the pauses.
 */
export async function timedCases(db: Db, centerIds: Centers, span: Span): Promise<TimedRow[]> {
  const rows = await completed(db, centerIds, span)
    .select([
      'c.center_id',
      'c.window_id',
      'c.item_id',
      'c.holder_staff_id',
      'c.clock_start_at',
      'c.closed_at',
      'c.pauses',
    ])
    .execute();
  return rows.map((r) => ({
    centerId: r.center_id,
    windowId: r.window_id,
    itemId: r.item_id,
    staffId: r.holder_staff_id,
    clockStartAt: r.clock_start_at,
    closedAt: r.closed_at!,
    pauses: r.pauses,
  }));
}

/** Cases received in the month by channel and by kind (as they stand now): cases_received_idx. */
export async function volume(db: Db, centerId: number, span: Span) {
  const received = db
    .selectFrom('cases as c')
    .where('c.center_id', '=', centerId)
    .where('c.received_at', '>=', span.from)
    .where('c.received_at', '<', span.to);
  const [byChannel, byKind] = await Promise.all([
    received
      .select(['c.channel', sql<number>`count(*)`.as('count')])
      .groupBy('c.channel')
      .execute(),
    received
      .select([caseKindSql.as('kind'), sql<number>`count(*)`.as('count')])
      .groupBy(sql`1`)
      .execute(),
  ]);
  return {
    byChannel: byChannel.map((r) => ({ channel: r.channel, count: n(r.count) })),
    byKind: byKind.map((r) => ({ kind: r.kind, count: n(r.count) })),
  };
}

/** Ratings given in the month: counted ones by level, and how many an upheld contest excluded. */
export async function ratings(db: Db, centerIds: Centers, span: Span) {
  const rows = await db
    .selectFrom('ratings as r')
    .where('r.center_id', 'in', centerIds)
    .where('r.rated_at', '>=', span.from)
    .where('r.rated_at', '<', span.to)
    .select(['r.center_id', 'r.level', 'r.excluded', sql<number>`count(*)`.as('count')])
    .groupBy(['r.center_id', 'r.level', 'r.excluded'])
    .execute();
  return rows.map((r) => ({
    centerId: r.center_id,
    level: r.level,
    excluded: r.excluded,
    count: n(r.count),
  }));
}

/** Public reports received in the month, as they stand at `now` (domain `isReportOverdue`). */
export async function complaints(db: Db, centerIds: Centers, span: Span, now: Date) {
  const rows = await db
    .selectFrom('public_reports as p')
    .leftJoin('public_report_replies as a', 'a.report_id', 'p.id')
    .where('p.center_id', 'in', centerIds)
    .where('p.received_at', '>=', span.from)
    .where('p.received_at', '<', span.to)
    .select([
      'p.center_id',
      sql<number>`count(*)`.as('received'),
      sql<number>`count(*) filter (where p.status = 'received')`.as('undecided'),
      sql<number>`count(*) filter (where a.report_id is not null)`.as('replied'),
      sql<number>`count(*) filter (where p.decide_due_at is not null and coalesce(p.decided_at, ${now}) > p.decide_due_at)`.as(
        'overdue',
      ),
    ])
    .groupBy('p.center_id')
    .execute();
  return rows.map((r) => ({
    centerId: r.center_id,
    received: n(r.received),
    undecided: n(r.undecided),
    replied: n(r.replied),
    overdue: n(r.overdue),
  }));
}

/** Bookings whose slot is in the month (dates first … last), by status. */
export async function bookings(db: Db, centerIds: Centers, days: { first: string; last: string }) {
  const rows = await db
    .selectFrom('bookings as b')
    .where('b.center_id', 'in', centerIds)
    .where('b.slot_date', '>=', days.first)
    .where('b.slot_date', '<=', days.last)
    .select(['b.center_id', 'b.status', sql<number>`count(*)`.as('count')])
    .groupBy(['b.center_id', 'b.status'])
    .execute();
  return rows.map((r) => ({ centerId: r.center_id, status: r.status, count: n(r.count) }));
}

/** Home visits asked for in the month, by status. */
export async function visits(db: Db, centerIds: Centers, span: Span) {
  const rows = await db
    .selectFrom('home_visits as v')
    .where('v.center_id', 'in', centerIds)
    .where('v.requested_at', '>=', span.from)
    .where('v.requested_at', '<', span.to)
    .select(['v.center_id', 'v.status', sql<number>`count(*)`.as('count')])
    .groupBy(['v.center_id', 'v.status'])
    .execute();
  return rows.map((r) => ({ centerId: r.center_id, status: r.status, count: n(r.count) }));
}

/** Every center's on-time counts and received cases of the month, for the county's comparison. */
export async function countyCases(db: Db, centerIds: Centers, span: Span) {
  const [done, received] = await Promise.all([
    completed(db, centerIds, span)
      .select(['c.center_id', ...onTimeCounts])
      .groupBy('c.center_id')
      .execute(),
    db
      .selectFrom('cases as c')
      .where('c.center_id', 'in', centerIds)
      .where('c.received_at', '>=', span.from)
      .where('c.received_at', '<', span.to)
      .select(['c.center_id', sql<number>`count(*)`.as('count')])
      .groupBy('c.center_id')
      .execute(),
  ]);
  return {
    done: new Map(
      done.map((r) => [r.center_id, { closed: n(r.closed), onTime: n(r.on_time) }] as const),
    ),
    received: new Map(received.map((r) => [r.center_id, n(r.count)] as const)),
  };
}

export const centers = (db: Db) =>
  db.selectFrom('centers').select(['id', 'name']).orderBy('id').execute();
