import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { DatabaseUnavailableError, type DbEvents } from './trouble.ts';

/**
 * The PostgreSQL connection pool, made to ride out a restart or a dropped connection (issue 9).
 *
 * - A connection that fails while idle in the pool, or while a request holds it between two
 *   statements, emits `error`: without a listener that event ended the whole process. Both are
 *   listened to; the pool drops the connection and opens a new one when next needed.
 * - Opening a connection gives up after `connectTimeoutMs` (a server that accepts and never
 *   answers would otherwise hang start-up and every request).
 * - A connection that cannot be opened is tried again for up to RETRY_MS (a restart refuses
 *   connections for a moment, then answers "starting up"); then the request fails with
 *   DatabaseUnavailableError — 503 DATABASE_UNAVAILABLE — and the next request tries afresh.
 *   Statements are never repeated: one that was cut off fails its request (PostgreSQL rolled its
 *   transaction back), so nothing is done twice.
 */
const RETRY_MS = 3_000;

/** The default of BIANMIN_DB_CONNECT_TIMEOUT_SECONDS. */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

/** Refusals that will not change by trying again: wrong password, no such database or role. */
const PERMANENT = new Set(['28P01', '28000', '3D000', '42501']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PoolOptions {
  url: string;
  max: number;
  connectTimeoutMs: number;
  types: pg.CustomTypesConfig;
  events: DbEvents;
}

/** How the connections of a PostgreSQL pool are used right now (for /metrics). */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export function resilientPool(opts: PoolOptions): PostgresPool & { stats(): PoolStats } {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max,
    types: opts.types,
    connectionTimeoutMillis: opts.connectTimeoutMs,
    // A peer that vanished (a host that went down without closing) is noticed by the kernel.
    keepAlive: true,
  });
  const lost = (error: Error) => opts.events.emit({ kind: 'connection-lost', error });
  pool.on('error', lost);
  // Deadlines and audit times are compared as instants; the session zone only matters for casts.
  pool.on('connect', (client) => {
    client.query(`set time zone 'UTC'`).catch(() => undefined);
  });

  async function connectOnce(): Promise<pg.PoolClient> {
    const client = await pool.connect();
    // While a request holds the connection the pool does not listen to it: we do, until release.
    const onError = (error: Error) => lost(error);
    client.on('error', onError);
    const release = client.release.bind(client);
    client.release = (err?: Error | boolean) => {
      client.removeListener('error', onError);
      release(err);
    };
    return client;
  }

  return {
    async connect(): Promise<PostgresPoolClient> {
      const started = performance.now();
      for (let wait = 100; ; wait = Math.min(wait * 2, 1_000)) {
        try {
          return await connectOnce();
        } catch (e) {
          const code = (e as { code?: unknown }).code;
          const permanent = typeof code === 'string' && PERMANENT.has(code);
          const timedOut = e instanceof Error && /timeout/i.test(e.message);
          const ended = e instanceof Error && /after calling end/.test(e.message);
          if (permanent || timedOut || ended || performance.now() - started + wait > RETRY_MS)
            throw new DatabaseUnavailableError(e);
          await sleep(wait);
        }
      }
    },
    end: () => pool.end(),
    stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}
