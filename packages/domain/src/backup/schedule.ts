import {
  MS_PER_DAY,
  MS_PER_MINUTE,
  shanghaiDayOf,
  shanghaiInstantOfDay,
} from '../calendar/civil.ts';

/**
 * Scheduled backups (issue 12): one a day at a Beijing wall-clock time (`BIANMIN_BACKUP_AT`, 02:00 by
 * default, when no window is open). Several servers share the decision through the database: each
 * reads the last backup and the last attempt, and the one that takes the job row first runs it.
 */

/** A failed or abandoned attempt (a server that died mid-backup) is tried again after this long. */
export const BACKUP_RETRY_MS = 60 * MS_PER_MINUTE;

/** A backup older than this is late: the alert of docs/operations.md (a day, and two hours' grace). */
export const BACKUP_STALE_MS = MS_PER_DAY + 120 * MS_PER_MINUTE;

/** The latest scheduled instant at or before `now` (epoch ms), for a time `minuteOfDay` in Beijing. */
export function lastBackupSlot(now: number, minuteOfDay: number): number {
  const today = shanghaiDayOf(now);
  const slot = shanghaiInstantOfDay(today, minuteOfDay);
  return slot <= now ? slot : shanghaiInstantOfDay(today - 1, minuteOfDay);
}

export interface BackupHistory {
  /** When the last successful backup began; null when there is none. */
  lastSuccessAt: number | null;
  /** When the last attempt of any outcome began, running ones included; null when there is none. */
  lastAttemptAt: number | null;
  /**
   * Since when this installation schedules backups (a server's start): with no backup yet, the
   * first is taken at the first slot after it, not at once on a new installation's first start.
   */
  since: number;
}

/**
 * Whether a scheduled backup is due now: a slot has passed since the last successful backup began
 * (or since scheduling began), and the last attempt — which may have failed, or be running on another
 * server — is not more recent than `BACKUP_RETRY_MS`. A server that was down at the slot catches up
 * as soon as it runs again.
 */
export function backupDue(now: number, minuteOfDay: number, history: BackupHistory): boolean {
  const slot = lastBackupSlot(now, minuteOfDay);
  if (slot <= (history.lastSuccessAt ?? history.since)) return false;
  return history.lastAttemptAt === null || now - history.lastAttemptAt >= BACKUP_RETRY_MS;
}

/**
 * How a backup stands for the health page and the county admin: `ok`, `late` (the newest successful
 * backup is older than `BACKUP_STALE_MS`, or there is none although scheduling began longer ago than
 * that), or `off` (no schedule and no backup ever).
 */
export function backupStanding(
  now: number,
  scheduled: boolean,
  history: Pick<BackupHistory, 'lastSuccessAt' | 'since'>,
): 'ok' | 'late' | 'off' {
  if (history.lastSuccessAt === null && !scheduled) return 'off';
  const from = history.lastSuccessAt ?? history.since;
  return now - from > BACKUP_STALE_MS ? 'late' : 'ok';
}
