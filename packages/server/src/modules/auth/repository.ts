import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

export const findUserByUsername = (db: Db, username: string) =>
  db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();

export const findSessionUser = (db: Db, sessionId: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id',
      'users.username',
      'users.display_name',
      'users.center_id',
      'users.staff_id',
      'users.roles',
      'users.disabled',
      'users.must_change_password',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();

export const touchSession = (db: Db, sessionId: string, at: Date) =>
  db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();

export const deleteSession = (db: Db, sessionId: string) =>
  db.deleteFrom('sessions').where('id', '=', sessionId).execute();

/**
 * The throttle records of `keys`, locked until the transaction ends; a key without one gets a record
 * of no failures first. Callers pass the keys in one order (sorted), so that concurrent attempts queue
 * on the same rows instead of deadlocking.
 */
export const lockThrottleRecords = (db: Db, keys: readonly string[], at: Date) =>
  db
    .insertInto('login_throttle')
    .values(keys.map((key) => ({ key, failures: 0, last_failure_at: at })))
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({ failures: eb.ref('login_throttle.failures') })),
    )
    .returningAll()
    .execute();

export async function saveThrottle(db: Db, key: string, failures: number, at: Date) {
  await db
    .updateTable('login_throttle')
    .set({ failures, last_failure_at: at })
    .where('key', '=', key)
    .execute();
}

/** One failure less under `key` (an attempt counted in advance that turned out right). */
export const refundThrottle = (db: Db, key: string) =>
  db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: sql<number>`greatest(${eb.ref('failures')} - 1, 0)` }))
    .where('key', '=', key)
    .execute();

export const clearThrottle = (db: Db, keys: readonly string[]) =>
  keys.length === 0
    ? Promise.resolve([])
    : db.deleteFrom('login_throttle').where('key', 'in', keys).execute();

export const findTrustedDevice = (db: Db, deviceId: string) =>
  db.selectFrom('trusted_devices').selectAll().where('id', '=', deviceId).executeTakeFirst();
