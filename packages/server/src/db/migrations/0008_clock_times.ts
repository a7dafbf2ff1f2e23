import { sql, type Kysely } from 'kysely';

/**
 * Every time is the application's clock, never the database's: the creation times that defaulted to
 * SQL `now()` are now always written by the code (from the injected clock), so a server whose clock
 * is moved (tests, demos) and a PostgreSQL server with a wrong clock both tell the same story.
 */
const TABLES = [
  'centers',
  'window_units',
  'windows',
  'staff',
  'users',
  'sessions',
  'trusted_devices',
  'service_items',
  'cases',
  'regulations',
  'regulation_versions',
  'inspections',
  'findings',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES)
    await sql`alter table ${sql.table(table)} alter column created_at drop default`.execute(db);
  await sql`alter table calendar_years alter column updated_at drop default`.execute(db);
  await sql`alter table users alter column password_changed_at drop default`.execute(db);
}
