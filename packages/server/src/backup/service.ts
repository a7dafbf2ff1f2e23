import { hostname } from 'node:os';
import { join } from 'node:path';
import { BACKUP_RETRY_MS, backupDue, backupStanding } from '@bianmin/domain';
import type { BackupRecord } from '@bianmin/contracts';
import { sql, type Kysely, type Selectable } from 'kysely';
import { write, type Actor } from '../audit/write.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';
import type { BackupsTable, Database } from '../db/schema.ts';
import { backupFolder, backupName, pruneBackups, takeArchive } from './take.ts';

/** What runs a backup: the database, the settings, the clock. */
export interface BackupDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

export type BackupTrigger = BackupRecord['trigger'];

export type { BackupRecord };

// The same lock class as the start-up lock (db/startup-lock.ts); 2 is the backup job.
const LOCK_CLASS = 0x626d;
const LOCK_BACKUP = 2;

/** Another backup is running (here or on another server): a second is not started beside it. */
export class BackupRunning extends Error {}

async function history(db: Kysely<Database>) {
  const row = await db
    .selectFrom('backups')
    .select((eb) => [
      eb.fn.max('started_at').as('lastAttemptAt'),
      eb.fn.max('started_at').filterWhere('state', '=', 'succeeded').as('lastSuccessAt'),
    ])
    .executeTakeFirstOrThrow();
  const ms = (d: Date | string | null) => (d === null ? null : new Date(d).getTime());
  return { lastAttemptAt: ms(row.lastAttemptAt), lastSuccessAt: ms(row.lastSuccessAt) };
}

/**
 * Claims the backup job: under an advisory lock, so that of several servers deciding at once only
 * one inserts the `running` row. A scheduled claim is taken only when a backup is due (domain
 * `backupDue`); one asked for by a person only when no other is running. Returns the row's id, or
 * null when the schedule has nothing to do.
 */
async function claim(
  deps: BackupDeps,
  trigger: BackupTrigger,
  since: Date,
  startedBy: number | null,
): Promise<number | null> {
  return deps.db.kysely.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_CLASS}::int4, ${LOCK_BACKUP}::int4)`.execute(tx);
    const now = deps.clock.now();
    const h = await history(tx);
    if (trigger === 'schedule') {
      const at = deps.config.backup.atMinute;
      if (at === null || !backupDue(now.getTime(), at, { ...h, since: since.getTime() }))
        return null;
    } else {
      const running = await tx
        .selectFrom('backups')
        .select('id')
        .where('state', '=', 'running')
        .where('started_at', '>', new Date(now.getTime() - BACKUP_RETRY_MS))
        .executeTakeFirst();
      if (running) throw new BackupRunning(`backup ${running.id} is running`);
    }
    const row = await tx
      .insertInto('backups')
      .values({
        trigger,
        started_at: now,
        host: `${hostname()}:${process.pid}`,
        started_by: startedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

const backupColumns = [
  'id',
  'trigger',
  'state',
  'started_at',
  'finished_at',
  'host',
  'file',
  'bytes',
  'sha256',
  'migration',
  'counts',
  'removed',
  'error',
] as const;

const toRecord = (
  r: Pick<Selectable<BackupsTable>, (typeof backupColumns)[number]>,
): BackupRecord => ({
  id: r.id,
  trigger: r.trigger,
  state: r.state,
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  host: r.host,
  file: r.file,
  bytes: r.bytes,
  sha256: r.sha256,
  migration: r.migration,
  counts: r.counts,
  removed: r.removed,
  error: r.error,
});

/**
 * Takes the backup claimed as `id` into the backups folder, removes the ones past their time, and
 * records the outcome in the row and the audit trail (`backup.succeeded` / `backup.failed`, global
 * chain). A failure is recorded and thrown.
 */
async function takeClaimed(deps: BackupDeps, id: number, actor: Actor): Promise<BackupRecord> {
  const { db, config, clock } = deps;
  const at = clock.now();
  const name = backupName(db.kind, at, id);
  const finish = (values: {
    state: 'succeeded' | 'failed';
    file?: string;
    bytes?: number;
    sha256?: string;
    migration?: string;
    counts?: Record<string, number>;
    removed?: string[];
    error?: string;
  }) =>
    write(db.kysely, clock, actor, async (tx, audit, now) => {
      const row = await tx
        .updateTable('backups')
        .set({
          state: values.state,
          finished_at: now,
          file: values.file ?? null,
          bytes: values.bytes ?? null,
          sha256: values.sha256 ?? null,
          migration: values.migration ?? null,
          counts: values.counts ? JSON.stringify(values.counts) : null,
          removed: values.removed ?? [],
          error: values.error ?? null,
        })
        .where('id', '=', id)
        .returning(backupColumns)
        .executeTakeFirstOrThrow();
      await audit({
        centerId: null,
        action: `backup.${values.state}`,
        entityType: 'backup',
        entityId: id,
        before: { state: 'running' },
        after: {
          state: values.state,
          file: row.file,
          bytes: row.bytes,
          sha256: row.sha256,
          removed: row.removed,
          error: row.error,
        },
      });
      return toRecord(row);
    });
  try {
    const dir = await backupFolder(config);
    const taken = await takeArchive(db, config, at, join(dir, name));
    const removed = await pruneBackups(dir, clock.now(), config.backup.keepDays, name);
    return await finish({
      state: 'succeeded',
      file: name,
      bytes: taken.bytes,
      sha256: taken.sha256,
      migration: taken.manifest.migration,
      counts: taken.manifest.counts,
      removed,
    });
  } catch (e) {
    const failed = await finish({ state: 'failed', error: (e as Error).message.slice(0, 2000) });
    throw Object.assign(new Error(`backup ${id} failed: ${failed.error}`), { record: failed });
  }
}

/** A backup now, asked for by a person (the console's button, `npm run backup`). */
export async function backupNow(
  deps: BackupDeps,
  trigger: 'console' | 'command',
  actor: Actor,
): Promise<BackupRecord> {
  const id = await claim(deps, trigger, deps.clock.now(), actor.userId);
  return takeClaimed(deps, id!, actor);
}

/**
 * The nightly job (`BIANMIN_BACKUP_AT`): takes a backup when one is due, on whichever server claims
 * it first; null when nothing was due. `since` is when this server began scheduling.
 */
export async function scheduledBackup(deps: BackupDeps, since: Date, actor: Actor) {
  const id = await claim(deps, 'schedule', since, null);
  return id === null ? null : takeClaimed(deps, id, actor);
}

/** The newest backups, newest first. */
export async function listBackups(db: Kysely<Database>, limit = 50): Promise<BackupRecord[]> {
  const rows = await db
    .selectFrom('backups')
    .select(backupColumns)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

/** How backups stand: for /api/health, /metrics and the county admin's page. */
export async function backupStatus(
  db: Kysely<Database>,
  clock: Clock,
  config: Config,
  since: Date,
) {
  const h = await history(db);
  const now = clock.now().getTime();
  const scheduled = config.backup.atMinute !== null;
  return {
    standing: backupStanding(now, scheduled, {
      lastSuccessAt: h.lastSuccessAt,
      since: since.getTime(),
    }),
    scheduled,
    lastSuccessAt: h.lastSuccessAt === null ? null : new Date(h.lastSuccessAt).toISOString(),
    ageSeconds: h.lastSuccessAt === null ? null : Math.round((now - h.lastSuccessAt) / 1000),
  };
}
