import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DEFAULT_MIN_FREE_MIB, DiskSpace } from './disk.ts';
import { syncFolderOnce, type FolderSync } from './flusher.ts';
import { damagedFolder, initFailed, inspectDataFolder, tooLittleSpace } from './folder.ts';
import { lockDataFolder, type FolderLock, type LockHolder } from './lock.ts';
import { migrateToLatest } from './migrate.ts';
import { DEFAULT_CONNECT_TIMEOUT_SECONDS, resilientPool, type PoolStats } from './pg-pool.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { durableStartParams, DurableNodeFS, type FsyncStats } from './pglite-fs.ts';
import type { Database } from './schema.ts';
import { withStartupLock } from './startup-lock.ts';
import { DbEvents } from './trouble.ts';
import { OID, parseDate, parseInt8, parseNumeric, parseTimestamptz } from './types-parsers.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly kind: DatabaseKind;
  close(): Promise<void>;
  /** PGlite in a folder: the folder (a backup copies its files; src/backup/take.ts). */
  readonly dataDir?: string;
  /** PostgreSQL: the URL it was opened with (a backup's pg_dump connects to the same database). */
  readonly url?: string;
  /** PGlite only: a tarball of the whole data folder (a consistent copy, taken between queries). */
  dump?: () => Promise<Blob>;
  /** What the database layer reports while it runs: connections lost, the disk full and back. */
  readonly events: DbEvents;
  /** PGlite in a folder: the free space of its disk; below the reserve writes are refused. */
  readonly disk: DiskSpace | null;
  /** PGlite in a folder: PostgreSQL's own fsyncs (decision 0012). */
  readonly fsyncs?: FsyncStats;
  /** PGlite in a folder: the one sync of the whole folder after opening (db/flusher.ts). */
  readonly folderSync?: FolderSync;
  /** PGlite in a folder: the holder whose stale lock this opening took over, if any. */
  readonly lockTakenOverFrom?: LockHolder | null;
  /** PostgreSQL: the pool's connections in use, idle and waited for. */
  readonly pool?: () => PoolStats;
}

export type DbTarget =
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** Give up opening a connection after this long (db/pg-pool.ts). */
      connectTimeoutMs?: number;
    }
  /** dataDir undefined: in memory (tests). */
  | {
      kind: 'pglite';
      dataDir?: string;
      loadDataDir?: Blob;
      /** The free-space reserve of the folder's disk (db/disk.ts). */
      minFreeBytes?: number;
      /** Take over a lock recorded by this other host (db/lock.ts). */
      takeOverLockFrom?: string | null;
    };

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

const PGLITE_PARSERS = {
  [OID.INT8]: parseInt8,
  [OID.NUMERIC]: parseNumeric,
  [OID.DATE]: parseDate,
  [OID.TIMESTAMPTZ]: parseTimestamptz,
};

async function openPgliteInMemory(loadDataDir: Blob | undefined): Promise<Db> {
  const pglite = new PGlite({ ...(loadDataDir ? { loadDataDir } : {}), parsers: PGLITE_PARSERS });
  await pglite.waitReady;
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    kysely,
    kind: 'pglite',
    events: new DbEvents(),
    disk: null,
    async dump() {
      // Taken through Kysely's connection so that no transaction is half-way.
      return kysely.connection().execute(() => pglite.dumpDataDir('none'));
    },
    async close() {
      await kysely.destroy();
      await pglite.close();
    },
  };
}

/**
 * A data folder: locked, checked (never initialise a non-empty folder, never start on a full
 * disk), opened with PostgreSQL's fsyncs on, and its free space watched.
 */
async function openPgliteFolder(target: {
  dataDir: string;
  loadDataDir?: Blob;
  minFreeBytes?: number;
  takeOverLockFrom?: string | null;
}): Promise<Db> {
  const dir = target.dataDir;
  const events = new DbEvents();
  const minFreeBytes = target.minFreeBytes ?? DEFAULT_MIN_FREE_MIB * 2 ** 20;
  const lock: FolderLock = lockDataFolder(dir, { takeOverFrom: target.takeOverLockFrom ?? null });
  try {
    const found = inspectDataFolder(dir);
    const disk = new DiskSpace(dir, minFreeBytes, (full, freeBytes) =>
      events.emit({ kind: full ? 'disk-full' : 'disk-ok', freeBytes, minFreeBytes }),
    );
    if (disk.check()) throw tooLittleSpace(dir, disk.freeBytes, minFreeBytes);
    const fs = new DurableNodeFS(dir);
    let pglite: PGlite;
    try {
      pglite = new PGlite({
        fs,
        startParams: durableStartParams(),
        ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
        parsers: PGLITE_PARSERS,
      });
      await pglite.waitReady;
    } catch (e) {
      throw found === 'database' ? damagedFolder(dir, e) : initFailed(dir, e);
    }
    const kysely = new Kysely<Database>({ dialect: new PGliteDialect(pglite, disk) });
    const folderSync = syncFolderOnce(dir);
    return {
      kysely,
      kind: 'pglite',
      dataDir: dir,
      events,
      disk,
      fsyncs: fs.stats,
      folderSync,
      lockTakenOverFrom: lock.tookOverFrom,
      async dump() {
        return kysely.connection().execute(() => pglite.dumpDataDir('none'));
      },
      async close() {
        await kysely.destroy();
        // PostgreSQL's shutdown checkpoint fsyncs what is still unsynced.
        await pglite.close();
        await folderSync.done;
        lock.release();
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}

function openPostgres(target: { url: string; poolSize?: number; connectTimeoutMs?: number }): Db {
  const events = new DbEvents();
  const pool = resilientPool({
    url: target.url,
    max: target.poolSize ?? 10,
    connectTimeoutMs: target.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_SECONDS * 1000,
    types: pgTypes,
    events,
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    kind: 'postgres',
    url: target.url,
    events,
    disk: null,
    pool: () => pool.stats(),
    close: () => kysely.destroy(),
  };
}

/**
 * Open the database and bring its schema to the latest migration. `migrate: false` opens it as it is
 * (audit:verify reads a database without changing it).
 */
export async function openDatabase(
  target: DbTarget,
  opts: { migrate?: boolean } = {},
): Promise<Db> {
  const db =
    target.kind === 'postgres'
      ? openPostgres(target)
      : target.dataDir
        ? await openPgliteFolder({ ...target, dataDir: target.dataDir })
        : await openPgliteInMemory(target.loadDataDir);
  if (opts.migrate === false) return db;
  try {
    // Two servers starting together on one PostgreSQL database migrate one after the other.
    await withStartupLock(db.kysely, db.kind, (locked) =>
      migrateToLatest(locked as Kysely<unknown>),
    );
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
