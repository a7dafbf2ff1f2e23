import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * What an attempt at the case query is judged on, in one statement that writes nothing: the failures
 * recorded under the address's throttle key, and the query code of the receipt number — nothing
 * else of the case, so the statement is the same narrow one whether or not the number exists (the
 * rest of the case is read only once the code is right). Either half may be missing.
 */
export const attemptFacts = (db: Kysely<Database>, throttleKey: string, receiptNo: string) =>
  db
    .selectFrom(sql<{ one: number }>`(select 1 as one)`.as('attempt'))
    .leftJoin('login_throttle as t', (j) => j.on('t.key', '=', throttleKey))
    .leftJoin('cases as c', (j) => j.on('c.receipt_no', '=', receiptNo))
    .select(['t.failures', 't.last_failure_at', 'c.id', 'c.query_code'])
    .executeTakeFirstOrThrow();

/**
 * What the answer to a case query says, once the code was right, in one statement: the case, its
 * item's name, the window of whoever holds it, and whom to call at its center.
 */
export const caseStatusRow = (db: Kysely<Database>, id: number) =>
  db
    .selectFrom('cases as c')
    .innerJoin('centers as ce', 'ce.id', 'c.center_id')
    .leftJoin('service_items as i', 'i.id', 'c.item_id')
    .leftJoin('staff as s', 's.id', 'c.holder_staff_id')
    .leftJoin('windows as w', 'w.id', 's.window_id')
    .select([
      'c.receipt_no',
      'c.status',
      'c.subject',
      'c.accepted_kind',
      'c.received_at',
      'c.accepted_at',
      'c.deadline_at',
      'c.closed_at',
      'c.pauses',
      'c.materials',
      'c.material_remarks',
      'c.result',
      'c.reasons',
      'c.answer',
      'i.name as item_name',
      'w.name as window_name',
      'ce.code as center_code',
      'ce.name as center_name',
      'ce.phone as center_phone',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();

/** Every center, as the portal lists them: nothing but what the public may read. */
export const listCenters = (db: Kysely<Database>) =>
  db.selectFrom('centers').select(['code', 'name', 'region']).orderBy('code').execute();

/** A center by its code (the portal's address for it), with how to reach it. */
export const findCenter = (db: Kysely<Database>, code: string) =>
  db
    .selectFrom('centers')
    .select(['id', 'code', 'name', 'region', 'address', 'phone'])
    .where('code', '=', code)
    .executeTakeFirst();

/**
 * The active items of a center with their window unit, in the order of the hall: the unit whose
 * first window has the lowest number first, then by unit and item code.
 */
export const guideItems = (db: Kysely<Database>, centerId: number) =>
  db
    .selectFrom('service_items as i')
    .innerJoin('window_units as u', 'u.id', 'i.window_unit_id')
    .select([
      'i.code',
      'i.name',
      'i.aliases',
      'i.window_unit_id',
      'u.name as window_unit_name',
      'i.default_kind',
      'i.promised_days',
      'i.legal_days',
      'i.materials',
      'i.fees',
      'i.appointment',
      'i.home_visit',
    ])
    .select((eb) =>
      eb
        .selectFrom('windows as w')
        .select((w) => w.fn.min('w.number').as('first'))
        .whereRef('w.window_unit_id', '=', 'u.id')
        .where('w.active', '=', true)
        .as('first_window'),
    )
    .where('i.center_id', '=', centerId)
    .where('i.active', '=', true)
    .orderBy('first_window', (o) => o.asc().nullsLast())
    .orderBy('u.code')
    .orderBy('i.code')
    .execute();

/** The active windows of a center, by number: where each unit's items are handled. */
export const activeWindows = (db: Kysely<Database>, centerId: number) =>
  db
    .selectFrom('windows')
    .select(['window_unit_id', 'number', 'name'])
    .where('center_id', '=', centerId)
    .where('active', '=', true)
    .orderBy('number')
    .execute();
