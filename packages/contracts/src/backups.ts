import { z } from 'zod';
import { isoDateTime } from './common.ts';

// ── 数据备份 (backups; docs/operations.md "Backups") ─────────────────────────

export const backupTrigger = z.enum(['schedule', 'console', 'command']);
export const backupState = z.enum(['running', 'succeeded', 'failed']);

export const backupRecord = z.object({
  id: z.number(),
  /** schedule: the nightly job; console: the county admin's button; command: `npm run backup`. */
  trigger: backupTrigger,
  state: backupState,
  startedAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
  /** The server (host:pid) that took it. */
  host: z.string(),
  /** The file's name in the backups folder. */
  file: z.string().nullable(),
  bytes: z.number().nullable(),
  sha256: z.string().nullable(),
  /** The last migration of the database it holds. */
  migration: z.string().nullable(),
  /** Rows per table at the backup's moment (restore checks them). */
  counts: z.record(z.string(), z.number()).nullable(),
  /** Older backups removed after it (past BIANMIN_BACKUP_KEEP_DAYS). */
  removed: z.array(z.string()),
  error: z.string().nullable(),
});
export type BackupRecord = z.infer<typeof backupRecord>;

/** How backups stand: `late` when the newest good one is older than a day (and two hours' grace). */
export const backupStatus = z.object({
  standing: z.enum(['ok', 'late', 'off']),
  /** A nightly backup is scheduled (BIANMIN_BACKUP_AT). */
  scheduled: z.boolean(),
  lastSuccessAt: isoDateTime.nullable(),
  ageSeconds: z.number().nullable(),
});
export type BackupStatus = z.infer<typeof backupStatus>;

export const backupsPage = z.object({
  status: backupStatus,
  /** The nightly time, Beijing (HH:MM), or null when off. */
  at: z.string().nullable(),
  keepDays: z.number(),
  /** Where the files are, on the server. */
  folder: z.string(),
  database: z.enum(['pglite', 'postgres']),
  items: z.array(backupRecord),
});
export type BackupsPage = z.infer<typeof backupsPage>;

/** `npm run backup` asking the running PGlite server (the token of its control file). */
export const backupCommand = z.object({ token: z.string().min(1).max(200) });
