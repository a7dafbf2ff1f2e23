import { sql, type Kysely } from 'kysely';

/**
 * Complaints and reports made on the portal (投诉举报, issue 10; DOMAIN.md §5), at any hour:
 *
 * - A tracking code (查询码), the reporter's only way back (and an anonymous reporter's only one).
 * - The mobile the result is sent to by SMS, confirmed by a code: kept apart from the free-text
 *   contact (which staff type from a phone call), masked everywhere like it.
 * - Whom it is about in the reporter's own words, until the group establishes the staff member.
 * - The date the group must decide by (15 working days from registration), for the board.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table public_reports
      add column tracking_code text unique check (tracking_code ~ '^[A-Z0-9]{10}$'),
      add column reporter_phone text check (reporter_phone ~ '^1[3-9][0-9]{9}$'),
      add column anonymous boolean not null default false,
      add column about text not null default '' check (char_length(about) <= 100),
      add column decide_due_at timestamptz;
    create index public_reports_undecided_idx on public_reports (center_id, decide_due_at)
      where status = 'received';
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migration 0015 cannot be undone: restore a backup instead.');
}
