import { sql, type Kysely } from 'kysely';

/**
 * Backups (issue 12). One row per backup taken or tried, whoever took it: the nightly schedule, the
 * county admin's button, `npm run backup`. The row is also the job's claim: several servers on one
 * database decide under an advisory lock whether a backup is due, and the one that inserts the
 * `running` row takes it; the others see it and wait for the next slot (domain `backupDue`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table backups (
      id bigint generated always as identity primary key,
      trigger text not null check (trigger in ('schedule', 'console', 'command')),
      state text not null default 'running' check (state in ('running', 'succeeded', 'failed')),
      started_at timestamptz not null,
      finished_at timestamptz,
      host text not null,
      started_by bigint references users (id),
      file text,
      bytes bigint check (bytes >= 0),
      sha256 text check (sha256 ~ '^[0-9a-f]{64}$'),
      migration text,
      counts jsonb,
      removed text[] not null default '{}',
      error text,
      check ((state = 'running') = (finished_at is null)),
      check (state <> 'succeeded' or (file is not null and bytes is not null and sha256 is not null))
    );
    create index backups_started_idx on backups (started_at desc);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migration 0023 cannot be undone: restore a backup instead.');
}
