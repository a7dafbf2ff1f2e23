import type { Insertable, Kysely, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { BookingsTable, Database } from '../../db/schema.ts';
import { pageOf } from '../../db/page.ts';
import { datesOfMonth } from '../stats/filters.ts';

type Db = Kysely<Database>;

/** A center's booking settings; a center that never saved them has the defaults of 0014. */
export async function getSettings(db: Db, centerId: number) {
  await db
    .insertInto('appointment_settings')
    .values({ center_id: centerId })
    .onConflict((oc) => oc.column('center_id').doNothing())
    .execute();
  return db
    .selectFrom('appointment_settings')
    .selectAll()
    .where('center_id', '=', centerId)
    .executeTakeFirstOrThrow();
}

/** Read-only (a public page may not write): the stored settings, or none yet. */
export const findSettings = (db: Db, centerId: number) =>
  db
    .selectFrom('appointment_settings')
    .selectAll()
    .where('center_id', '=', centerId)
    .executeTakeFirst();

export const updateSettings = (
  db: Db,
  centerId: number,
  patch: Updateable<Database['appointment_settings']>,
) =>
  db
    .updateTable('appointment_settings')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('center_id', '=', centerId)
    .execute();

/** The windows of a center with how many people each takes per slot. */
export const windowCapacities = (db: Db, centerId: number) =>
  db
    .selectFrom('windows as w')
    .innerJoin('window_units as u', 'u.id', 'w.window_unit_id')
    .select([
      'w.id',
      'w.number',
      'w.name',
      'w.active',
      'w.booking_capacity',
      'w.window_unit_id',
      'u.name as unit_name',
    ])
    .where('w.center_id', '=', centerId)
    .orderBy('w.number')
    .orderBy('w.id')
    .execute();

export const setWindowCapacity = (db: Db, centerId: number, windowId: number, capacity: number) =>
  db
    .updateTable('windows')
    .set({ booking_capacity: capacity })
    .where('center_id', '=', centerId)
    .where('id', '=', windowId)
    .executeTakeFirst();

/** A catalog item as booking needs it, by its code (the portal) or id (staff). */
export function findItem(db: Db, centerId: number, key: { code: string } | { id: number }) {
  const q = db
    .selectFrom('service_items as i')
    .innerJoin('window_units as u', 'u.id', 'i.window_unit_id')
    .select([
      'i.id',
      'i.code',
      'i.name',
      'i.window_unit_id',
      'i.appointment',
      'i.active',
      'i.materials',
      'u.name as unit_name',
    ])
    .where('i.center_id', '=', centerId);
  return ('code' in key ? q.where('i.code', '=', key.code) : q.where('i.id', '=', key.id))
    .limit(1)
    .executeTakeFirst();
}

/** People a window unit takes per slot: its active windows together. */
export async function unitCapacity(db: Db, unitId: number): Promise<number> {
  const row = await db
    .selectFrom('windows')
    .select(sql<string | number | null>`sum(booking_capacity)`.as('n'))
    .where('window_unit_id', '=', unitId)
    .where('active', '=', true)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The window unit's row, locked: bookings of one unit are counted and written one at a time. */
export const lockUnit = (db: Db, unitId: number) =>
  db.selectFrom('window_units').select('id').where('id', '=', unitId).forUpdate().execute();

/** Places taken per slot start (ms) in [from, to): every booking but a cancelled one holds one. */
export async function takenByStart(db: Db, unitId: number, from: Date, to: Date) {
  const rows = await db
    .selectFrom('bookings')
    .select(['starts_at', sql<string | number>`count(*)`.as('n')])
    .where('window_unit_id', '=', unitId)
    .where('status', '<>', 'cancelled')
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .groupBy('starts_at')
    .execute();
  return new Map(rows.map((r) => [r.starts_at.getTime(), Number(r.n)]));
}

/** When this mobile's missed bookings were due (the suspension rule counts them back from now). */
export async function noShowTimes(db: Db, phone: string, since: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('bookings')
    .select('starts_at')
    .where('phone', '=', phone)
    .where('status', '=', 'no_show')
    .where('starts_at', '>=', since)
    .execute();
  return rows.map((r) => r.starts_at.getTime());
}

export const codeTaken = async (db: Db, code: string) =>
  (await db.selectFrom('bookings').select('id').where('code', '=', code).executeTakeFirst()) !==
  undefined;

export async function insertBooking(db: Db, values: Insertable<BookingsTable>) {
  const { id } = await db
    .insertInto('bookings')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

function bookings(db: Db) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('service_items as i', 'i.id', 'b.item_id')
    .innerJoin('window_units as u', 'u.id', 'b.window_unit_id')
    .leftJoin('cases as c', 'c.id', 'b.case_id')
    .selectAll('b')
    .select([
      'i.code as item_code',
      'i.name as item_name',
      'i.materials',
      'u.name as unit_name',
      'c.receipt_no',
    ]);
}
export type BookingRow = Awaited<
  ReturnType<ReturnType<typeof bookings>['executeTakeFirstOrThrow']>
>;

export function getBooking(db: Db, id: number, lock = false) {
  const q = bookings(db).where('b.id', '=', id);
  return (lock ? q.forUpdate('b') : q).executeTakeFirst();
}

export function findByCode(db: Db, code: string, lock = false) {
  const q = bookings(db).where('b.code', '=', code);
  return (lock ? q.forUpdate('b') : q).executeTakeFirst();
}

export const updateBooking = (db: Db, id: number, patch: Updateable<BookingsTable>) =>
  db
    .updateTable('bookings')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();

/** A center's bookings, by slot; filtered by day, state and a code, name or mobile. */
export function listBookings(
  db: Db,
  centerId: number,
  q: { date?: string; month?: string; status?: BookingsTable['status']['__select__']; q?: string },
  p: { page: number; pageSize: number },
) {
  let base = bookings(db).where('b.center_id', '=', centerId);
  if (q.date) base = base.where('b.slot_date', '=', q.date);
  if (q.month) {
    const { first, last } = datesOfMonth(q.month);
    base = base.where('b.slot_date', '>=', first).where('b.slot_date', '<=', last);
  }
  if (q.status) base = base.where('b.status', '=', q.status);
  const term = q.q?.replace(/[-\s]/g, '');
  if (term) {
    const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([
        eb('b.code', '=', term.toUpperCase()),
        eb('b.applicant_name', 'like', like),
        eb('b.phone', 'like', like),
      ]),
    );
  }
  return pageOf(base, base.orderBy('b.starts_at').orderBy('b.id'), p);
}

/** Booked bookings whose slot ended before `before`, locked for the sweep (once across servers). */
export const endedBooked = (db: Db, before: Date, limit: number) =>
  bookings(db)
    .where('b.status', '=', 'booked')
    .where('b.ends_at', '<=', before)
    .orderBy('b.ends_at')
    .limit(limit)
    .forUpdate('b')
    .skipLocked()
    .execute();

/** The outbox key of a booking's reminder: one per booking and time (a move makes a new one). */
export const reminderKey = (b: { id: number; moves: number }) =>
  `booking-reminder:${b.id}:${b.moves}`;

/** Booked bookings starting in [from, to) whose reminder is not queued yet. */
export const bookedStarting = (db: Db, from: Date, to: Date, limit: number) =>
  bookings(db)
    .innerJoin('centers as ce', 'ce.id', 'b.center_id')
    .select(['ce.name as center_name', 'ce.address as center_address'])
    .where('b.status', '=', 'booked')
    .where('b.starts_at', '>=', from)
    .where('b.starts_at', '<', to)
    .where(
      sql<boolean>`not exists (select 1 from outbox_messages o
        where o.dedupe_key = 'booking-reminder:' || b.id || ':' || b.moves)`,
    )
    .orderBy('b.starts_at')
    .limit(limit)
    .execute();

export const centerById = (db: Db, id: number) =>
  db
    .selectFrom('centers')
    .select(['id', 'code', 'name', 'address', 'phone'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** The active windows of a unit, as "3号 民政窗口". */
export async function unitWindows(db: Db, unitId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('windows')
    .select(['number', 'name'])
    .where('window_unit_id', '=', unitId)
    .where('active', '=', true)
    .orderBy('number')
    .execute();
  return rows.map((w) => `${w.number} ${w.name}`);
}
