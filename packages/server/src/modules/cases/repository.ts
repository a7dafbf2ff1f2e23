import type { CaseQuery, CaseSummary, NoticeRef } from '@bianmin/contracts';
import {
  dueLight,
  OPEN_STATUSES,
  receiptPrefix,
  RECEIPT_SEQ_DIGITS,
  type CaseStatus,
  type NoticeType,
} from '@bianmin/domain';
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { CasesTable, Database } from '../../db/schema.ts';
import type { CaseRow } from './state.ts';
import { pageOf } from '../../db/page.ts';
import { termFactsColumn } from './term-context.ts';
import { statsFilterSql } from '../stats/filters.ts';

type Db = Kysely<Database>;

const RUNNING: CaseStatus[] = ['in_progress', 'with_authority'];

export async function getRow(db: Db, id: number, lock = false): Promise<CaseRow | undefined> {
  const q = db.selectFrom('cases').selectAll().where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function getRowByReceipt(db: Db, receiptNo: string) {
  return db.selectFrom('cases').selectAll().where('receipt_no', '=', receiptNo).executeTakeFirst();
}

/** Writes a case if nobody changed it since it was read (the row is locked by then anyway). */
export async function updateCase(
  db: Db,
  id: number,
  version: number,
  set: Updateable<CasesTable>,
): Promise<CaseRow | undefined> {
  return db
    .updateTable('cases')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/**
 * A new case under the next receipt number of its center's day (`formatReceiptNo`), the counter
 * taken and the case stored in one statement: every intake of the center waits for the counter row
 * from here to commit, so the fewer round trips after it, the more intakes a second.
 */
export async function insertNumberedCase(
  db: Db,
  values: Omit<Insertable<CasesTable>, 'receipt_no'>,
  centerId: number,
  day: string,
): Promise<CaseRow> {
  const seq = sql.ref('counter.last');
  return db
    .with('counter', (q) =>
      q
        .insertInto('receipt_counters')
        .values({ center_id: centerId, day, last: 1 })
        .onConflict((oc) =>
          oc.columns(['center_id', 'day']).doUpdateSet((eb) => ({
            last: eb('receipt_counters.last', '+', 1),
          })),
        )
        .returning('last'),
    )
    .insertInto('cases')
    .values({
      ...values,
      receipt_no: (eb) =>
        eb
          .selectFrom('counter')
          .select(
            sql<string>`${receiptPrefix(centerId, day)} || lpad(${seq}::text, greatest(${sql.lit(RECEIPT_SEQ_DIGITS)}, length(${seq}::text)), '0')`.as(
              'receipt_no',
            ),
          ),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function nextNoticeSeq(
  db: Db,
  centerId: number,
  year: number,
  type: NoticeType,
): Promise<number> {
  const row = await db
    .insertInto('notice_counters')
    .values({ center_id: centerId, year, type, last: 1 })
    .onConflict((oc) =>
      oc.columns(['center_id', 'year', 'type']).doUpdateSet((eb) => ({
        last: eb('notice_counters.last', '+', 1),
      })),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

const centerOnNoticeQuery = (db: Db, centerId: number) =>
  db
    .selectFrom('centers')
    .select((eb) => [
      'name',
      'phone',
      jsonArrayFrom(
        eb
          .selectFrom('business_hours')
          .select(['season_from', 'open_at', 'close_at'])
          .whereRef('business_hours.center_id', '=', 'centers.id'),
      ).as('seasons'),
    ])
    .where('id', '=', centerId);

/** Season by season ('MM-DD', which sorts as it reads). */
function inSeasonOrder<T extends { seasons: { season_from: string }[] }>(center: T): T {
  center.seasons.sort((a, b) => (a.season_from < b.season_from ? -1 : 1));
  return center;
}

/** What a notice prints about its center: name, phone, and the working hours of each season. */
export async function centerOnNotice(db: Db, centerId: number) {
  return inSeasonOrder(await centerOnNoticeQuery(db, centerId).executeTakeFirstOrThrow());
}

export async function centerName(db: Db, centerId: number): Promise<string> {
  const row = await db
    .selectFrom('centers')
    .select('name')
    .where('id', '=', centerId)
    .executeTakeFirstOrThrow();
  return row.name;
}

const itemFactsQuery = (db: Db, id: number) =>
  db
    .selectFrom('service_items')
    .select([
      'id',
      'center_id',
      'name',
      'window_unit_id',
      'active',
      'default_kind',
      'promised_days',
      'legal_days',
      'materials',
      'fees',
      'joint_window_ids',
    ])
    .where('id', '=', id);

export const getItemFacts = (db: Db, id: number) => itemFactsQuery(db, id).executeTakeFirst();

export type CenterOnNotice = Awaited<ReturnType<typeof centerOnNotice>>;
export type ItemFacts = NonNullable<Awaited<ReturnType<typeof getItemFacts>>>;
export type StaffAt = NonNullable<Awaited<ReturnType<typeof getStaffAt>>>;

const staffAtQuery = (db: Db, staffId: number) =>
  db
    .selectFrom('staff as s')
    .leftJoin('windows as w', 'w.id', 's.window_id')
    .select([
      's.id',
      's.center_id',
      's.name',
      's.window_id',
      'w.name as window_name',
      's.in_post_to',
    ])
    .where('s.id', '=', staffId);

/** A staff member with the window he or she sits at. */
export const getStaffAt = (db: Db, staffId: number) => staffAtQuery(db, staffId).executeTakeFirst();

/**
 * What an intake reads before it takes a receipt number, in one statement: the clerk's staff row
 * and window, the item (none: null), the center's term context (term-context.ts) and, when a notice
 * follows, what the notice prints of the center.
 */
export async function intakeFacts(
  db: Db,
  centerId: number,
  staffId: number,
  itemId: number | null,
  withCenter: boolean,
) {
  const none = sql<null>`null`;
  const facts = await db
    .selectNoFrom([
      jsonObjectFrom(staffAtQuery(db, staffId)).as('staff'),
      (itemId === null ? none : jsonObjectFrom(itemFactsQuery(db, itemId))).as('item'),
      termFactsColumn(db, centerId),
      (withCenter ? jsonObjectFrom(centerOnNoticeQuery(db, centerId)) : none).as('center'),
    ])
    .executeTakeFirstOrThrow();
  return { ...facts, center: facts.center && inSeasonOrder(facts.center) };
}

/** The staff of a center with their windows, to choose whom a case goes to. */
export function staffWithWindows(db: Db, centerId: number) {
  return db
    .selectFrom('staff as s')
    .leftJoin('windows as w', 'w.id', 's.window_id')
    .select([
      's.id',
      's.name',
      's.position',
      's.in_post_from',
      's.in_post_to',
      's.window_id',
      'w.name as window_name',
      'w.number as window_number',
      'w.window_unit_id',
    ])
    .where('s.center_id', '=', centerId)
    .execute();
}

export async function staffNames(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---- lists ----

function summaries(db: Db) {
  return db
    .selectFrom('cases as c')
    .leftJoin('service_items as i', 'i.id', 'c.item_id')
    .leftJoin('staff as h', 'h.id', 'c.holder_staff_id')
    .leftJoin('windows as w', 'w.id', 'c.window_id')
    .select([
      'c.id',
      'c.receipt_no',
      'c.status',
      'c.accepted_kind',
      'c.item_id',
      'i.name as item_name',
      'c.subject',
      'c.channel',
      'c.applicant_type',
      'c.applicant_name',
      'c.holder_staff_id',
      'h.name as holder_name',
      'c.window_id',
      'w.name as window_name',
      'c.at_business_section',
      'c.joint',
      'c.received_at',
      'c.deadline_at',
      'c.yellow_at',
      'c.deadline_provisional',
      'c.urgent',
      'c.awaiting',
      'c.awaiting_due_at',
      'c.awaiting_yellow_at',
      'c.bounce_count',
      'c.closed_at',
      'c.on_time',
      'c.version',
    ]);
}

export type SummaryRow = Awaited<
  ReturnType<ReturnType<typeof summaries>['executeTakeFirstOrThrow']>
>;

/** The early-warning light of a listed case at `now`. */
function lightOf(r: SummaryRow, now: Date): CaseSummary['light'] {
  if (r.status === 'paused') return 'paused';
  if (!RUNNING.includes(r.status as CaseStatus) || !r.deadline_at || !r.yellow_at) return null;
  if (now > r.deadline_at) return 'red';
  return now >= r.yellow_at ? 'yellow' : 'green';
}

export function summaryOf(r: SummaryRow, now: Date): CaseSummary {
  return {
    id: r.id,
    receiptNo: r.receipt_no,
    status: r.status as CaseStatus,
    acceptedKind: r.accepted_kind as CaseSummary['acceptedKind'],
    itemId: r.item_id,
    itemName: r.item_name,
    subject: r.subject,
    channel: r.channel as CaseSummary['channel'],
    applicantType: r.applicant_type,
    applicantName: r.applicant_name,
    holderStaffId: r.holder_staff_id,
    holderName: r.holder_name,
    windowId: r.window_id,
    windowName: r.window_name,
    atBusinessSection: r.at_business_section,
    joint: r.joint,
    receivedAt: r.received_at.toISOString(),
    deadlineAt: r.deadline_at?.toISOString() ?? null,
    yellowAt: r.yellow_at?.toISOString() ?? null,
    provisional: r.deadline_provisional,
    light: lightOf(r, now),
    urgent: r.urgent,
    awaiting:
      r.awaiting && r.awaiting_due_at && r.awaiting_yellow_at
        ? {
            what: r.awaiting,
            dueAt: r.awaiting_due_at.toISOString(),
            yellowAt: r.awaiting_yellow_at.toISOString(),
            light: dueLight(
              { at: r.awaiting_due_at.getTime(), yellowAt: r.awaiting_yellow_at.getTime() },
              now.getTime(),
            ),
          }
        : null,
    bounceCount: r.bounce_count,
    closedAt: r.closed_at?.toISOString() ?? null,
    onTime: r.on_time,
    version: r.version,
  };
}

export async function getSummary(db: Db, id: number, now: Date) {
  const row = await summaries(db).where('c.id', '=', id).executeTakeFirst();
  return row && summaryOf(row, now);
}

export async function listCases(
  db: Db,
  centerId: number,
  q: CaseQuery & { holderStaffId?: number },
  now: Date,
) {
  let base = summaries(db).where('c.center_id', '=', centerId);
  if (q.status === 'open') base = base.where('c.status', 'in', OPEN_STATUSES);
  else if (q.status === 'closed') base = base.where('c.status', 'not in', OPEN_STATUSES);
  else if (q.status) base = base.where('c.status', '=', q.status);
  if (q.holderStaffId !== undefined) base = base.where('c.holder_staff_id', '=', q.holderStaffId);
  if (q.windowId) base = base.where('c.window_id', '=', q.windowId);
  if (q.itemId) base = base.where('c.item_id', '=', q.itemId);
  const figures = statsFilterSql(q);
  if (figures) base = base.where(figures);
  const light = q.light;
  if (light)
    // The lights as SQL on the stored deadline and yellow instants.
    base = base.where((eb) => {
      if (light === 'paused') return eb('c.status', '=', 'paused');
      const running = eb('c.status', 'in', RUNNING);
      if (light === 'red') return eb.and([running, eb('c.deadline_at', '<', now)]);
      if (light === 'yellow')
        return eb.and([running, eb('c.deadline_at', '>=', now), eb('c.yellow_at', '<=', now)]);
      return eb.and([running, eb('c.yellow_at', '>', now)]);
    });
  if (q.q) {
    const digits = q.q.replace(/[^0-9]/g, '');
    const term = q.q;
    base = base.where((eb) =>
      eb.or([
        ...(digits.length >= 4 ? [eb('c.receipt_no', 'like', `%${digits}%`)] : []),
        eb('c.applicant_name', 'like', `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`),
      ]),
    );
  }
  const { rows, total } = await pageOf(
    base,
    base.orderBy('c.received_at', 'desc').orderBy('c.id', 'desc'),
    q,
  );
  return { items: rows.map((r) => summaryOf(r, now)), total };
}

/** A staff member's open cases, the nearest deadline (or what the case awaits) first. */
export async function openHeldBy(db: Db, staffId: number, now: Date) {
  const rows = await summaries(db)
    .where('c.holder_staff_id', '=', staffId)
    .where('c.status', 'in', OPEN_STATUSES)
    .orderBy(sql`least(c.deadline_at, c.awaiting_due_at) asc nulls last`)
    .orderBy('c.received_at')
    .limit(500)
    .execute();
  return rows.map((r) => summaryOf(r, now));
}

/** Visitors a staff member received or holds since `from` (the start of today). */
export async function receivedSince(db: Db, staffId: number, from: Date, now: Date) {
  const rows = await summaries(db)
    .where('c.received_at', '>=', from)
    .where((eb) =>
      eb.or([
        eb('c.first_responder_staff_id', '=', staffId),
        eb('c.holder_staff_id', '=', staffId),
      ]),
    )
    .orderBy('c.received_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => summaryOf(r, now));
}

// ---- the director's board ----

const counts = (now: Date) =>
  [
    sql<number>`count(*)`.as('open'),
    sql<number>`count(*) filter (where c.status = 'paused')`.as('paused'),
    sql<number>`count(*) filter (where c.status in ('in_progress', 'with_authority') and c.deadline_at < ${now})`.as(
      'red',
    ),
    sql<number>`count(*) filter (where c.status in ('in_progress', 'with_authority') and c.deadline_at >= ${now} and c.yellow_at <= ${now})`.as(
      'yellow',
    ),
  ] as const;

const num = (r: { open: number; paused: number; red: number; yellow: number }) => ({
  open: Number(r.open),
  paused: Number(r.paused),
  red: Number(r.red),
  yellow: Number(r.yellow),
});

export async function boardOpen(db: Db, centerId: number, now: Date) {
  const open = db
    .selectFrom('cases as c')
    .where('c.center_id', '=', centerId)
    .where('c.status', 'in', OPEN_STATUSES);
  const [totals, byWindow, byItem] = await Promise.all([
    open.select(counts(now)).executeTakeFirstOrThrow(),
    open
      .leftJoin('windows as w', 'w.id', 'c.window_id')
      .select(['c.window_id', 'w.name', 'c.at_business_section', ...counts(now)])
      .groupBy(['c.window_id', 'w.name', 'c.at_business_section'])
      .orderBy('w.name')
      .execute(),
    open
      .leftJoin('service_items as i', 'i.id', 'c.item_id')
      .select(['c.item_id', 'i.name', ...counts(now)])
      .groupBy(['c.item_id', 'i.name'])
      .orderBy('i.name')
      .execute(),
  ]);
  return {
    totals: num(totals),
    byWindow: byWindow.map((r) => ({
      windowId: r.window_id,
      windowName: r.name ?? (r.at_business_section ? '中心业务科' : '未分配窗口'),
      ...num(r),
    })),
    byItem: byItem.map((r) => ({
      itemId: r.item_id,
      itemName: r.name ?? '（目录外咨询）',
      ...num(r),
    })),
  };
}

/**
 * Petitions awaiting the decision whether to accept them and reported cases awaiting the higher
 * authority's answer, the nearest due first.
 */
export async function awaiting(db: Db, centerId: number, now: Date, limit = 100) {
  const rows = await summaries(db)
    .where('c.center_id', '=', centerId)
    .where('c.awaiting', 'is not', null)
    .orderBy('c.awaiting_due_at')
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map((r) => summaryOf(r, now));
}

export async function overdue(db: Db, centerId: number, now: Date, limit = 100) {
  const rows = await summaries(db)
    .where('c.center_id', '=', centerId)
    .where('c.status', 'in', RUNNING)
    .where('c.deadline_at', '<', now)
    .orderBy('c.deadline_at')
    .limit(limit)
    .execute();
  return rows.map((r) => summaryOf(r, now));
}

/** Running cases turned yellow (即将到期) and not yet overdue, the nearest deadline first. */
export async function dueSoon(db: Db, centerId: number, now: Date, limit = 100) {
  const rows = await summaries(db)
    .where('c.center_id', '=', centerId)
    .where('c.status', 'in', RUNNING)
    .where('c.deadline_at', '>=', now)
    .where('c.yellow_at', '<=', now)
    .orderBy('c.deadline_at')
    .limit(limit)
    .execute();
  return rows.map((r) => summaryOf(r, now));
}

/** Cases completed in [from, to) by window and by item, with how many were on time. */
export async function monthRates(db: Db, centerId: number, from: Date, to: Date) {
  const done = db
    .selectFrom('cases as c')
    .where('c.center_id', '=', centerId)
    .where('c.closed_at', '>=', from)
    .where('c.closed_at', '<', to)
    .where('c.status', '=', 'completed');
  const rate = [
    sql<number>`count(*)`.as('completed'),
    sql<number>`count(*) filter (where c.on_time)`.as('on_time'),
  ] as const;
  const [byWindow, byItem] = await Promise.all([
    done
      .leftJoin('windows as w', 'w.id', 'c.window_id')
      .select(['c.window_id', 'w.name', ...rate])
      .groupBy(['c.window_id', 'w.name'])
      .orderBy('w.name')
      .execute(),
    done
      .leftJoin('service_items as i', 'i.id', 'c.item_id')
      .select(['c.item_id', 'i.name', ...rate])
      .groupBy(['c.item_id', 'i.name'])
      .orderBy('i.name')
      .execute(),
  ]);
  const r = (x: { completed: number; on_time: number }) => {
    const completed = Number(x.completed);
    const onTime = Number(x.on_time);
    return { completed, onTime, rate: completed === 0 ? null : onTime / completed };
  };
  return {
    byWindow: byWindow.map((x) => ({
      windowId: x.window_id,
      windowName: x.name ?? '未分配窗口',
      ...r(x),
    })),
    byItem: byItem.map((x) => ({
      itemId: x.item_id,
      itemName: x.name ?? '（目录外咨询）',
      ...r(x),
    })),
  };
}

// ---- notices ----

export async function insertNotice(
  db: Db,
  n: {
    centerId: number;
    caseId: number;
    type: NoticeType;
    number: string;
    issuedAt: Date;
    issuedBy: number | null;
    content: unknown;
    supersedesId: number | null;
  },
) {
  return db
    .insertInto('notices')
    .values({
      center_id: n.centerId,
      case_id: n.caseId,
      type: n.type,
      number: n.number,
      issued_at: n.issuedAt,
      issued_by_user_id: n.issuedBy,
      content: JSON.stringify(n.content),
      supersedes_id: n.supersedesId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

function notices(db: Db) {
  return db
    .selectFrom('notices as n')
    .leftJoin('notices as s', 's.supersedes_id', 'n.id')
    .select([
      'n.id',
      'n.center_id',
      'n.case_id',
      'n.type',
      'n.number',
      'n.issued_at',
      'n.supersedes_id',
      'n.content',
      's.id as superseded_by_id',
    ]);
}

type NoticeRow = Awaited<ReturnType<ReturnType<typeof notices>['executeTakeFirstOrThrow']>>;
export const noticeRefOf = (n: NoticeRow): NoticeRef => ({
  id: n.id,
  type: n.type as NoticeType,
  number: n.number,
  issuedAt: n.issued_at.toISOString(),
  supersedesId: n.supersedes_id,
  supersededById: n.superseded_by_id,
});

export const getNotice = (db: Db, id: number) =>
  notices(db).where('n.id', '=', id).executeTakeFirst();

export const noticesOfCase = (db: Db, caseId: number) =>
  notices(db).where('n.case_id', '=', caseId).orderBy('n.id').execute();

// ---- timeline ----

export type TimelineRow = Awaited<ReturnType<typeof timeline>>[number];

export async function timeline(db: Db, caseId: number) {
  return db
    .selectFrom('audit_log')
    .select([
      'at',
      'actor_name',
      'action',
      // The holder the actor acted for (service.ts `actingFor`), when not the actor.
      sql<string | null>`after -> 'actingFor' ->> 'name'`.as('for_name'),
      // A line on what was done, for the entries that carry one (modules/extensions).
      sql<string | null>`after ->> 'trail'`.as('note'),
    ])
    .where('entity_type', '=', 'case')
    .where('entity_id', '=', String(caseId))
    .orderBy('id')
    .execute();
}
