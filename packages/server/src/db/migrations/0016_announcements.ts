import { sql, type Kysely } from 'kysely';

/**
 * Completion announcements (办结公告, issue 10; DOMAIN.md §4). A completed case of an item the
 * catalog flags gets one row in the same transaction as its completion: pending, due by the end of
 * the first working day after; then published for the center's publication period, or withheld with
 * a reason. What the board shows is fixed when published (the applicant masked, the result line).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table announcement_settings (
      center_id bigint primary key references centers(id),
      publish_days integer not null default 7 check (publish_days between 1 and 90),
      version integer not null default 0
    );

    create table announcements (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      case_id bigint not null unique references cases(id),
      completed_at timestamptz not null,
      due_at timestamptz not null,
      applicant_shown text not null,
      result_line text not null check (char_length(result_line) <= 100),
      status text not null default 'pending' check (status in ('pending', 'published', 'withheld')),
      published_at timestamptz,
      published_by_name text,
      until_at timestamptz,
      withheld_reason text check (char_length(withheld_reason) <= 200),
      withheld_by_name text,
      withheld_at timestamptz,
      created_at timestamptz not null,
      version integer not null default 0,
      check ((status = 'published') = (published_at is not null and until_at is not null)),
      check ((status = 'withheld') = (withheld_reason is not null))
    );
    create index announcements_center_idx on announcements (center_id, status, due_at desc);
    create index announcements_board_idx on announcements (center_id, until_at) where status = 'published';
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migration 0016 cannot be undone: restore a backup instead.');
}
