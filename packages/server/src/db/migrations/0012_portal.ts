import { sql, type Kysely } from 'kysely';

/**
 * The citizens' portal (issue 10): what a person reads before coming.
 *
 * - A center's address and service phone (also the number a complaint can be made on).
 * - A service item's common names (低保 for 最低生活保障), so that a search finds it by the words
 *   people use, and whether it can be booked (预约) or done at home (上门服务, 代办).
 * - The per-receipt query lock of 0003 goes: the applicants' query is throttled per address since
 *   issue 9 C6 (a receipt is never locked), and nothing reads or writes these columns any more.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table centers
      add column address text not null default '' check (char_length(address) <= 200),
      add column phone text not null default '' check (char_length(phone) <= 40);

    alter table service_items
      add column aliases jsonb not null default '[]' check (jsonb_typeof(aliases) = 'array'),
      add column appointment boolean not null default false,
      add column home_visit boolean not null default false;

    alter table cases
      drop column query_failures,
      drop column query_locked_until;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migration 0012 cannot be undone: restore a backup instead.');
}
