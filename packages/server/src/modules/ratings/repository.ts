import {
  isBadRating,
  SATISFACTION_LEVELS,
  shanghaiMonthBounds,
  type SatisfactionLevel,
} from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** A center's settings, created with the defaults on first read. */
export async function settingsRow(db: Db, centerId: number) {
  await db
    .insertInto('rating_settings')
    .values({ center_id: centerId })
    .onConflict((oc) => oc.column('center_id').doNothing())
    .execute();
  return db
    .selectFrom('rating_settings')
    .select(['window_days', 'version'])
    .where('center_id', '=', centerId)
    .executeTakeFirstOrThrow();
}

/** Ratings with their case, whom they rate, their follow-up and contest (one row each). */
export function rows(db: Db) {
  return db
    .selectFrom('ratings as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .leftJoin('service_items as i', 'i.id', 'c.item_id')
    .leftJoin('staff as s', 's.id', 'r.staff_id')
    .leftJoin('rating_follow_ups as f', 'f.rating_id', 'r.id')
    .leftJoin('staff as fs', 'fs.id', 'f.assigned_to_staff_id')
    .leftJoin('rating_contests as k', 'k.rating_id', 'r.id')
    .leftJoin('staff as ks', 'ks.id', 'k.staff_id')
    .select([
      'r.id',
      'r.center_id',
      'r.case_id',
      'r.level',
      'r.reasons',
      'r.text',
      'r.channel',
      'r.entered_by_name',
      'r.rated_at',
      'r.staff_id',
      'r.case_closed_at',
      'r.excluded',
      'c.receipt_no',
      'c.subject',
      'c.applicant_type',
      'c.applicant_name',
      'c.applicant_phone',
      'i.name as item_name',
      's.name as staff_name',
      'f.id as f_id',
      'f.contact_due_at as f_contact_due_at',
      'f.fix_due_at as f_fix_due_at',
      'f.due_provisional as f_due_provisional',
      'f.assigned_to_staff_id as f_assigned_to',
      'fs.name as f_assigned_to_name',
      'f.assigned_by_name as f_assigned_by_name',
      'f.assigned_at as f_assigned_at',
      'f.contacted_at as f_contacted_at',
      'f.contact_note as f_contact_note',
      'f.contacted_by_name as f_contacted_by_name',
      'f.rectification as f_rectification',
      'f.reply as f_reply',
      'f.replied_at as f_replied_at',
      'f.replied_by_name as f_replied_by_name',
      'f.closed_at as f_closed_at',
      'f.closed_by_name as f_closed_by_name',
      'f.version as f_version',
      'k.id as k_id',
      'k.staff_id as k_staff_id',
      'ks.name as k_staff_name',
      'k.reason as k_reason',
      'k.filed_at as k_filed_at',
      'k.decision as k_decision',
      'k.decision_reason as k_decision_reason',
      'k.decided_by_name as k_decided_by_name',
      'k.decided_at as k_decided_at',
      'k.version as k_version',
    ]);
}
export type RatingRow = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;

export const byId = (db: Db, id: number) => rows(db).where('r.id', '=', id).executeTakeFirst();
export const byCase = (db: Db, caseId: number) =>
  rows(db).where('r.case_id', '=', caseId).executeTakeFirst();

/** The counted ratings (level, excluded) of the cases each person closed in the year. */
export async function ratingsOfYear(
  db: Db,
  centerId: number,
  staffIds: number[],
  year: number,
): Promise<Map<number, { level: SatisfactionLevel; excluded: boolean }[]>> {
  if (staffIds.length === 0) return new Map();
  const from = new Date(`${String(year)}-01-01T00:00:00+08:00`);
  const to = new Date(`${String(year + 1)}-01-01T00:00:00+08:00`);
  const found = await db
    .selectFrom('ratings')
    .select(['staff_id', 'level', 'excluded'])
    .where('center_id', '=', centerId)
    .where('staff_id', 'in', staffIds)
    .where('case_closed_at', '>=', from)
    .where('case_closed_at', '<', to)
    .execute();
  const out = new Map<number, { level: SatisfactionLevel; excluded: boolean }[]>();
  for (const r of found) {
    const list = out.get(r.staff_id!) ?? [];
    list.push({ level: r.level, excluded: r.excluded });
    out.set(r.staff_id!, list);
  }
  return out;
}

/** Whether the staff member works at the center and is in post on the day. */
export async function staffInPost(db: Db, centerId: number, staffId: number, day: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'name'])
    .where('id', '=', staffId)
    .where('center_id', '=', centerId)
    .where('in_post_from', '<=', day)
    .where((eb) => eb.or([eb('in_post_to', 'is', null), eb('in_post_to', '>=', day)]))
    .executeTakeFirst();
}

export interface ListQuery {
  month?: string | undefined;
  level?: SatisfactionLevel | undefined;
  bad?: 'true' | 'false' | undefined;
  followUp?: 'open' | 'overdue' | undefined;
  staffId?: number | undefined;
  contest?: 'pending' | undefined;
  page: number;
  pageSize: number;
}

/** The 差评 levels, as the domain says. */
const BAD = SATISFACTION_LEVELS.filter(isBadRating);

/** The population the figures are of: the center's ratings of the month (or all), of one person. */
export function ofPeriod(db: Db, centerId: number, q: Pick<ListQuery, 'month' | 'staffId'>) {
  let base = rows(db).where('r.center_id', '=', centerId);
  const month = q.month ? shanghaiMonthBounds(q.month) : undefined;
  if (month)
    base = base
      .where('r.rated_at', '>=', new Date(month[0]))
      .where('r.rated_at', '<', new Date(month[1]));
  if (q.staffId) base = base.where('r.staff_id', '=', q.staffId);
  return base;
}

/** What the list shows: the period narrowed by level, 差评, open or late follow-ups, pending contests. */
export function filtered(db: Db, centerId: number, q: ListQuery, now: Date) {
  let base = ofPeriod(db, centerId, q);
  if (q.level) base = base.where('r.level', '=', q.level);
  if (q.bad === 'true') base = base.where('r.level', 'in', BAD);
  if (q.bad === 'false') base = base.where('r.level', 'not in', BAD);
  if (q.contest === 'pending')
    base = base.where('k.id', 'is not', null).where('k.decision', 'is', null);
  if (q.followUp) base = base.where('f.id', 'is not', null).where('f.closed_at', 'is', null);
  if (q.followUp === 'overdue')
    base = base.where((eb) =>
      eb.or([
        eb.and([eb('f.contacted_at', 'is', null), eb('f.contact_due_at', '<', now)]),
        eb('f.contacted_at', '>', eb.ref('f.contact_due_at')),
        eb.and([eb('f.replied_at', 'is', null), eb('f.fix_due_at', '<', now)]),
        eb('f.replied_at', '>', eb.ref('f.fix_due_at')),
      ]),
    );
  return base;
}
