import { sql, type Kysely } from 'kysely';

/**
 * The inbox (待办与提醒, issue 11; docs/inbox.md).
 *
 * - `inbox_items`: one row per person and thing to see, made in the transaction of the change it
 *   reports (or of the sweep that records a case turning yellow or red). A dedupe key makes an item
 *   at most once per person. Read or not is the person's own mark.
 * - `inbox_prefs`: whether a person also wants a text message, to which mobile, for which kinds,
 *   and (the director) the morning digest.
 * - `cases.warned`: the warning last told to the holder (yellow, red), so each turn is told once;
 *   partial indexes for the sweep that compares it with the case's light.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inbox_items (
      id bigint generated always as identity primary key,
      center_id bigint references centers(id),
      user_id bigint not null references users(id),
      kind text not null check (char_length(kind) between 1 and 40),
      title text not null check (char_length(title) between 1 and 200),
      body text not null default '' check (char_length(body) <= 1000),
      link text not null check (link like '/%' and char_length(link) <= 300),
      subject_type text not null,
      subject_id text not null,
      dedupe_key text check (char_length(dedupe_key) <= 200),
      created_at timestamptz not null,
      read_at timestamptz
    );
    create index inbox_items_user_idx on inbox_items (user_id, id desc);
    create index inbox_items_unread_idx on inbox_items (user_id) where read_at is null;
    create unique index inbox_items_dedupe_idx on inbox_items (user_id, dedupe_key) where dedupe_key is not null;
    create index inbox_items_subject_idx on inbox_items (subject_type, subject_id);

    create table inbox_prefs (
      user_id bigint primary key references users(id),
      sms_mobile text check (sms_mobile ~ '^1[3-9][0-9]{9}$'),
      sms_kinds jsonb not null default '[]',
      digest boolean not null default true,
      version integer not null default 0,
      check (jsonb_typeof(sms_kinds) = 'array')
    );

    alter table cases add column warned text check (warned in ('yellow', 'red'));
    -- The warning sweep's three questions, each on a partial index of few rows: running cases not
    -- yet told, by their yellow instant; told yellow, by their deadline; every case told something
    -- (the running yellow and red ones, and those that just went down).
    create index cases_warn_new_idx on cases (yellow_at)
      where status in ('in_progress', 'with_authority') and warned is null;
    create index cases_warn_yellow_idx on cases (deadline_at)
      where status in ('in_progress', 'with_authority') and warned = 'yellow';
    create index cases_warned_idx on cases (id) where warned is not null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migration 0019 cannot be undone: restore a backup instead.');
}
