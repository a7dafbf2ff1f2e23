import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_calendar.ts';
import * as m0003 from './migrations/0003_cases.ts';
import * as m0004 from './migrations/0004_assessment.ts';
import * as m0005 from './migrations/0005_attendance.ts';
import * as m0006 from './migrations/0006_evaluation.ts';
import * as m0007 from './migrations/0007_reports.ts';
import * as m0008 from './migrations/0008_clock_times.ts';
import * as m0009 from './migrations/0009_security.ts';
import * as m0010 from './migrations/0010_case_rules.ts';
import * as m0011 from './migrations/0011_finding_void.ts';
import * as m0012 from './migrations/0012_portal.ts';
import * as m0013 from './migrations/0013_outbox.ts';
import * as m0014 from './migrations/0014_appointments.ts';
import * as m0015 from './migrations/0015_online_reports.ts';
import * as m0016 from './migrations/0016_announcements.ts';
import * as m0017 from './migrations/0017_home_visits.ts';
import * as m0018 from './migrations/0018_ratings.ts';
import * as m0019 from './migrations/0019_inbox.ts';
import * as m0020 from './migrations/0020_extension_requests.ts';
import * as m0021 from './migrations/0021_deciding_terms.ts';
import * as m0022 from './migrations/0022_window_polish.ts';
import * as m0023 from './migrations/0023_backups.ts';
import * as m0024 from './migrations/0024_board_indexes.ts';
import * as m0025 from './migrations/0025_retention.ts';

/** Every migration, in order. Listed here (not read from disk) so the set is fixed in code review. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_calendar': m0002,
  '0003_cases': m0003,
  '0004_assessment': m0004,
  '0005_attendance': m0005,
  '0006_evaluation': m0006,
  '0007_reports': m0007,
  '0008_clock_times': m0008,
  '0009_security': m0009,
  '0010_case_rules': m0010,
  '0011_finding_void': m0011,
  '0012_portal': m0012,
  '0013_outbox': m0013,
  '0014_appointments': m0014,
  '0015_online_reports': m0015,
  '0016_announcements': m0016,
  '0017_home_visits': m0017,
  '0018_ratings': m0018,
  '0019_inbox': m0019,
  '0020_extension_requests': m0020,
  '0021_deciding_terms': m0021,
  '0022_window_polish': m0022,
  '0023_backups': m0023,
  '0024_board_indexes': m0024,
  '0025_retention': m0025,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

/**
 * Whether the database has applied exactly the migrations listed here: two small reads, where
 * Kysely's Migrator introspects every table twice (0.4–0.7 s of each start on PGlite; docs/perf.md,
 * "The embedded server with 1,000,000 cases"). Anything else goes to the Migrator, which applies
 * what is missing or refuses what it does not know.
 */
async function upToDate(db: Kysely<unknown>): Promise<boolean> {
  const table = await sql<{
    found: string | null;
  }>`select to_regclass('kysely_migration')::text as found`.execute(db);
  if (table.rows[0]?.found == null) return false;
  const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const names = new Set(applied.rows.map((r) => r.name));
  const listed = Object.keys(MIGRATIONS);
  return names.size === listed.length && listed.every((name) => names.has(name));
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  if (await upToDate(db)) return [];
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrates up to and including `name` only: for tests of a migration that converts data. */
export async function migrateUpTo(db: Kysely<unknown>, name: string): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
}
