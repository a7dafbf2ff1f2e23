import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { startFlusher, type Flusher } from './flusher.ts';
import { lockDataFolder, type FolderLock } from './lock.ts';
import { migrateToLatest } from './migrate.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';
import { OID, parseDate, parseInt8, parseNumeric, parseTimestamptz } from './types-parsers.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly kind: DatabaseKind;
  close(): Promise<void>;
  /** PGlite only: a tarball of the whole data folder (a consistent copy, taken between queries). */
  dump?: () => Promise<Blob>;
  /** PGlite in a folder only: the periodic fsync of the data folder. */
  flusher?: Flusher | null;
}

export type DbTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  /** dataDir undefined: in memory (tests). flushSeconds: see db/flusher.ts (0: never). */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob; flushSeconds?: number };

const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) => {
    switch (oid) {
      case OID.INT8:
        return parseInt8;
      case OID.NUMERIC:
        return parseNumeric;
      case OID.DATE:
        return parseDate;
      case OID.TIMESTAMPTZ:
        return parseTimestamptz;
      default:
        return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
    }
  },
};

async function openPglite(target: {
  dataDir?: string;
  loadDataDir?: Blob;
  flushSeconds?: number;
}): Promise<Db> {
  let lock: FolderLock | null = null;
  if (target.dataDir) lock = lockDataFolder(target.dataDir);
  try {
    const pglite = new PGlite({
      ...(target.dataDir ? { dataDir: target.dataDir } : {}),
      ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
      parsers: {
        [OID.INT8]: parseInt8,
        [OID.NUMERIC]: parseNumeric,
        [OID.DATE]: parseDate,
        [OID.TIMESTAMPTZ]: parseTimestamptz,
      },
    });
    await pglite.waitReady;
    const kysely = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    const flusher = target.dataDir
      ? startFlusher(target.dataDir, (target.flushSeconds ?? 1) * 1000)
      : null;
    return {
      kysely,
      kind: 'pglite',
      async dump() {
        // Taken through Kysely's connection so that no transaction is half-way.
        return kysely.connection().execute(() => pglite.dumpDataDir('none'));
      },
      flusher,
      async close() {
        await kysely.destroy();
        await pglite.close();
        await flusher?.stop();
        // A clean shutdown leaves nothing in the page cache, unless flushing was turned off.
        if ((target.flushSeconds ?? 1) > 0) await flusher?.flush();
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}

function openPostgres(url: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes });
  // Deadlines and audit times are compared as instants; the session zone only matters for casts.
  pool.on('connect', (client) => {
    client.query(`set time zone 'UTC'`).catch(() => undefined);
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, kind: 'postgres', close: () => kysely.destroy() };
}

/** Open the database and bring its schema to the latest migration. */
export async function openDatabase(target: DbTarget): Promise<Db> {
  const db =
    target.kind === 'postgres'
      ? openPostgres(target.url, target.poolSize)
      : await openPglite(target);
  try {
    await migrateToLatest(db.kysely as Kysely<unknown>);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
