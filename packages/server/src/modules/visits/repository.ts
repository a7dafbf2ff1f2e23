import type { Insertable, Kysely, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Database, HomeVisitsTable } from '../../db/schema.ts';
import { pageOf } from '../../db/page.ts';
import { instantsOfMonth } from '../stats/filters.ts';

export type Db = Kysely<Database>;

const visits = (db: Db) =>
  db
    .selectFrom('home_visits as v')
    .leftJoin('service_items as i', 'i.id', 'v.item_id')
    .leftJoin('cases as c', 'c.id', 'v.case_id')
    .selectAll('v')
    .select(['i.name as item_name', 'c.receipt_no']);

export type VisitRow = NonNullable<Awaited<ReturnType<typeof getVisit>>>;

export function getVisit(db: Db, id: number, lock = false) {
  const q = visits(db).where('v.id', '=', id);
  return (lock ? q.forUpdate('v') : q).executeTakeFirst();
}

export function findByCode(db: Db, code: string, lock = false) {
  const q = visits(db).where('v.tracking_code', '=', code);
  return (lock ? q.forUpdate('v') : q).executeTakeFirst();
}

export async function codeTaken(db: Db, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('home_visits')
    .select('id')
    .where('tracking_code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertVisit(db: Db, row: Insertable<HomeVisitsTable>): Promise<number> {
  const r = await db
    .insertInto('home_visits')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export const updateVisit = (db: Db, id: number, patch: Updateable<HomeVisitsTable>) =>
  db
    .updateTable('home_visits')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();

/** The staff of visits, by role ('assigned' to go, 'visitor' who went), in the order given. */
export async function staffOf(db: Db, visitIds: readonly number[]) {
  if (visitIds.length === 0) return [];
  return db
    .selectFrom('home_visit_staff as h')
    .innerJoin('staff as s', 's.id', 'h.staff_id')
    .select(['h.visit_id', 'h.role', 'h.staff_id', 's.name'])
    .where('h.visit_id', 'in', visitIds)
    .orderBy('h.visit_id')
    .orderBy('h.seq')
    .execute();
}

export async function setStaff(
  db: Db,
  visitId: number,
  role: 'assigned' | 'visitor',
  staffIds: readonly number[],
) {
  await db
    .deleteFrom('home_visit_staff')
    .where('visit_id', '=', visitId)
    .where('role', '=', role)
    .execute();
  if (staffIds.length > 0)
    await db
      .insertInto('home_visit_staff')
      .values(staffIds.map((staff_id, seq) => ({ visit_id: visitId, role, staff_id, seq })))
      .execute();
}

/** Staff of a center with their time in post, for the check that each is in post on a date. */
export const staffByIds = (db: Db, ids: readonly number[]) =>
  db
    .selectFrom('staff')
    .select(['id', 'center_id', 'name', 'in_post_from', 'in_post_to'])
    .where('id', 'in', [...ids])
    .execute();

export const caseByReceipt = (db: Db, centerId: number, receiptNo: string) =>
  db
    .selectFrom('cases')
    .select(['id', 'receipt_no'])
    .where('center_id', '=', centerId)
    .where('receipt_no', '=', receiptNo)
    .executeTakeFirst();

/** A catalog item of the center, by code (portal) or id (staff). */
export function findItem(db: Db, centerId: number, key: { code: string } | { id: number }) {
  const q = db
    .selectFrom('service_items')
    .select(['id', 'code', 'name', 'active'])
    .where('center_id', '=', centerId);
  return ('code' in key ? q.where('code', '=', key.code) : q.where('id', '=', key.id))
    .limit(1)
    .executeTakeFirst();
}

export function listVisits(
  db: Db,
  centerId: number,
  f: { status?: string | undefined; q?: string | undefined; month?: string | undefined },
  p: { page: number; pageSize: number },
) {
  let base = visits(db).where('v.center_id', '=', centerId);
  if (f.month) {
    const [from, to] = instantsOfMonth(f.month);
    base = base.where('v.requested_at', '>=', from).where('v.requested_at', '<', to);
  }
  if (f.status)
    base = base.where('v.status', '=', f.status as HomeVisitsTable['status']['__select__']);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const code = f.q.toUpperCase().replace(/[\s-]/g, '');
    base = base.where((eb) =>
      eb.or([
        eb('v.tracking_code', '=', code),
        eb('v.requester_name', 'like', like),
        eb('v.phone', 'like', like),
        eb('v.address', 'like', like),
      ]),
    );
  }
  // Open ones first (the scheduled by date, then the requested by when they came), then the rest.
  const ordered = base
    .orderBy(sql`case v.status when 'scheduled' then 0 when 'requested' then 1 else 2 end`)
    .orderBy(sql`coalesce(v.scheduled_date, '9999-12-31')`)
    .orderBy('v.requested_at', 'desc')
    .orderBy('v.id', 'desc');
  return pageOf(base, ordered, p);
}

export const centerById = (db: Db, id: number) =>
  db
    .selectFrom('centers')
    .select(['id', 'code', 'name', 'address', 'phone'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
