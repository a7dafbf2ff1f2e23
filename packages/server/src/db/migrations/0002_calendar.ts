import { sql, type Kysely } from 'kysely';

/** The official working-day calendar and business hours, per center (限时办结 counts in them). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table calendar_years (
      center_id bigint not null references centers(id),
      year integer not null check (year between 2000 and 2100),
      source text not null,
      version integer not null default 0,
      updated_at timestamptz not null default now(),
      primary key (center_id, year)
    );

    create table calendar_days (
      center_id bigint not null,
      year integer not null,
      day date not null,
      kind text not null check (kind in ('holiday', 'workday')),
      name text not null default '',
      primary key (center_id, day),
      foreign key (center_id, year) references calendar_years (center_id, year) on delete cascade,
      check (extract(year from day) = year)
    );

    create table business_hours (
      center_id bigint not null references centers(id),
      season_from text not null check (season_from ~ '^[0-9]{2}-[0-9]{2}$'),
      open_at text not null check (open_at ~ '^[0-9]{2}:[0-9]{2}$'),
      close_at text not null check (close_at ~ '^[0-9]{2}:[0-9]{2}$'),
      primary key (center_id, season_from)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not undone: restore a backup instead.');
}
