/**
 * The two ways the database can fail a request that are nobody's input error: it cannot be reached
 * (PostgreSQL restarting, a dropped connection, a wrong address), or its disk is full. Both answer
 * 503 with their own code (contracts/src/errors.ts) instead of a 500; see docs/operations.md.
 */

/** SQLSTATE disk_full: PostgreSQL's own (ENOSPC while extending a file) and ours (DiskFullError). */
export const SQLSTATE_DISK_FULL = '53100';

/** Writes are refused because the data folder's disk is (nearly) full; reads go on. */
export class DiskFullError extends Error {
  readonly code = SQLSTATE_DISK_FULL;
  constructor(
    readonly freeBytes: number,
    readonly minFreeBytes: number,
  ) {
    super(
      `the disk of the data folder has ${mib(freeBytes)} MiB free, less than the ${mib(minFreeBytes)} MiB ` +
        'kept in reserve: writes are refused until space is freed',
    );
  }
}

/** The database could not be reached; `cause` says why. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(cause: unknown) {
    super(`the database cannot be reached: ${messageOf(cause)}`, { cause });
  }
}

export const mib = (bytes: number) => Math.floor(bytes / 2 ** 20);

export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Errors of the network or of a connection PostgreSQL ended (restart, pg_terminate_backend). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01', // admin_shutdown: terminating connection due to administrator command
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the database system is starting up / shutting down
]);

/** node-postgres reports a closed socket with a message only. */
const CONNECTION_MESSAGES =
  /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed and is not queryable/;

export function isConnectionFailure(e: unknown): boolean {
  if (e instanceof DatabaseUnavailableError) return true;
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08')))
    return true;
  return CONNECTION_MESSAGES.test(e.message);
}

/** Which of the two troubles an error is, as its API error code; null for any other error. */
export function databaseTrouble(e: unknown): 'DISK_FULL' | 'DATABASE_UNAVAILABLE' | null {
  if (e instanceof Error && (e as { code?: unknown }).code === SQLSTATE_DISK_FULL)
    return 'DISK_FULL';
  return isConnectionFailure(e) ? 'DATABASE_UNAVAILABLE' : null;
}

/** What the database layer reports while it runs (main.ts logs it). */
export type DbEvent =
  /** A pooled PostgreSQL connection failed; the pool drops it and opens a new one when needed. */
  | { kind: 'connection-lost'; error: Error }
  | { kind: 'disk-full'; freeBytes: number; minFreeBytes: number }
  | { kind: 'disk-ok'; freeBytes: number; minFreeBytes: number };

export type DbEventListener = (event: DbEvent) => void;

/** A list of listeners; events before the first listener are kept (start-up) and handed to it. */
export class DbEvents {
  #listeners: DbEventListener[] = [];
  #early: DbEvent[] = [];

  on(listener: DbEventListener): void {
    this.#listeners.push(listener);
    for (const e of this.#early.splice(0)) listener(e);
  }

  emit(event: DbEvent): void {
    if (this.#listeners.length === 0) {
      if (this.#early.length < 100) this.#early.push(event);
      return;
    }
    for (const l of this.#listeners) l(event);
  }
}
