import { AppError } from '../http/errors.ts';

/**
 * Check a loaded record before a change: it exists, the user may see it, and nobody changed it since
 * the user read it (optimistic concurrency on `version`).
 */
export function checkVersion<T extends { version: number }>(
  row: T | undefined,
  expectedVersion: number,
  inScope: (row: T) => boolean,
): T {
  if (!row || !inScope(row)) throw new AppError('NOT_FOUND');
  if (row.version !== expectedVersion) {
    throw new AppError('VERSION_CONFLICT', { details: { currentVersion: row.version } });
  }
  return row;
}

/** Only the keys the client sent, so a partial update never blanks a field it did not name. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
