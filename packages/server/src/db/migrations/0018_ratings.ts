import { sql, type Kysely } from 'kysely';

/**
 * Ratings by applicants (好差评, issue 10; DOMAIN.md §10; docs/ratings.md).
 *
 * - One rating per case (unique case_id): the level of five, the ticked reasons, a text, how it came
 *   (the portal's query page, the SMS link, or entered at the window from a paper card or the
 *   window's evaluator, with who entered it), and whom it rates: the staff member who held the case
 *   when it was closed (the one who completed, returned or answered it), with the closing instant,
 *   so the year-end summary finds the ratings of the cases a person closed in a year.
 * - A 差评 opens its follow-up in the same transaction: the due instants of the call-back and of the
 *   rectification (fixed from the settings of that moment), then who was assigned, the call-back,
 *   the rectification, the reply to the applicant and the closing.
 * - A rated staff member may contest a rating once as malicious (恶意差评); the assessment group
 *   upholds the contest (the rating no longer counts: `excluded`) or rejects it.
 * - The SMS link: a random token per completed case, kept only as its SHA-256 hash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rating_settings (
      center_id bigint primary key references centers(id),
      contact_working_days integer not null default 1 check (contact_working_days between 1 and 15),
      fix_working_days integer not null default 15 check (fix_working_days between 1 and 15),
      window_days integer not null default 30 check (window_days between 7 and 90),
      version integer not null default 0,
      check (fix_working_days >= contact_working_days)
    );

    create table ratings (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      case_id bigint not null unique references cases(id),
      level text not null check (level in ('very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied')),
      reasons jsonb not null default '[]',
      text text not null default '' check (char_length(text) <= 200),
      channel text not null check (channel in ('portal', 'sms_link', 'window')),
      entered_by_user_id bigint references users(id),
      entered_by_name text,
      rated_at timestamptz not null,
      staff_id bigint references staff(id),
      case_closed_at timestamptz not null,
      excluded boolean not null default false,
      version integer not null default 0,
      check ((channel = 'window') = (entered_by_user_id is not null))
    );
    create index ratings_center_idx on ratings (center_id, rated_at desc);
    create index ratings_staff_idx on ratings (staff_id, case_closed_at);

    create table rating_follow_ups (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      rating_id bigint not null unique references ratings(id),
      contact_due_at timestamptz not null,
      fix_due_at timestamptz not null,
      due_provisional boolean not null default false,
      assigned_to_staff_id bigint references staff(id),
      assigned_by_name text,
      assigned_at timestamptz,
      contacted_at timestamptz,
      contact_note text not null default '' check (char_length(contact_note) <= 500),
      contacted_by_name text,
      rectification text not null default '' check (char_length(rectification) <= 1000),
      reply text not null default '' check (char_length(reply) <= 500),
      replied_at timestamptz,
      replied_by_name text,
      closed_at timestamptz,
      closed_by_name text,
      version integer not null default 0,
      check (fix_due_at >= contact_due_at),
      check (contacted_at is null or assigned_to_staff_id is not null),
      check (replied_at is null or (contacted_at is not null and reply <> '')),
      check (closed_at is null or replied_at is not null)
    );
    create index rating_follow_ups_open_idx on rating_follow_ups (center_id, fix_due_at) where closed_at is null;

    create table rating_contests (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      rating_id bigint not null unique references ratings(id),
      staff_id bigint not null references staff(id),
      reason text not null check (char_length(reason) between 1 and 500),
      filed_at timestamptz not null,
      filed_by_name text not null,
      decision text check (decision in ('upheld', 'rejected')),
      decision_reason text check (char_length(decision_reason) <= 500),
      decided_by_user_id bigint references users(id),
      decided_by_name text,
      decided_at timestamptz,
      version integer not null default 0,
      check ((decision is null) = (decided_at is null)),
      check (decision is null or decision_reason is not null)
    );

    create table rating_tokens (
      case_id bigint primary key references cases(id),
      token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
      created_at timestamptz not null
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migration 0018 cannot be undone: restore a backup instead.');
}
