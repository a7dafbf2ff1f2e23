import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from './connect.ts';

/**
 * Start-up work that must not run twice at once: migrations and the demo data. Two servers started
 * together on one empty PostgreSQL database both found no center and both seeded the demo; the
 * second died on `centers_code_key` (issue 9). On PostgreSQL the work runs under a session-level
 * advisory lock held on a connection of its own, so the second server waits, then finds the work
 * done. PGlite needs none: its folder lock already lets only one process in (decision 0003).
 * PostgreSQL releases the lock by itself if the holder dies.
 */
const LOCK_CLASS = 0x626d; // "bm"
const LOCK_STARTUP = 1;

/**
 * Run `work` under the start-up lock. It receives the connection that holds the lock (PostgreSQL;
 * on PGlite the database itself): work done on it needs no second connection, which a pool of one
 * (audit:verify, the test setup) would wait for forever. Anything that outlives `work` (a timer)
 * must use the pool instead, never that connection.
 */
export async function withStartupLock<DB, T>(
  db: Kysely<DB>,
  kind: DatabaseKind,
  work: (locked: Kysely<DB>) => Promise<T>,
): Promise<T> {
  if (kind !== 'postgres') return work(db);
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${LOCK_CLASS}::int4, ${LOCK_STARTUP}::int4)`.execute(conn);
    try {
      return await work(conn);
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_CLASS}::int4, ${LOCK_STARTUP}::int4)`
        .execute(conn)
        .catch(() => undefined); // a lost connection released it already
    }
  });
}
