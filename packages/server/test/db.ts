import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Db, type DatabaseKind } from '../src/db/connect.ts';
import { databaseUrl } from './global-setup.ts';

/**
 * The databases every API test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set;
 * TEST_DATABASES=postgres narrows it (the runs at other dates in CI: only PostgreSQL keeps its own,
 * unshifted clock, so only it shows a rule that read SQL's time).
 */
const only = process.env.TEST_DATABASES?.split(',');
export const DATABASES: DatabaseKind[] = (
  process.env.TEST_DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const)
).filter((k) => !only || only.includes(k));
if (DATABASES.length === 0)
  throw new Error(`TEST_DATABASES=${process.env.TEST_DATABASES} names no database this run has`);

/** A fresh, migrated database of its own for one test file (or one test). */
export async function freshDatabase(
  kind: DatabaseKind,
  opts: { poolSize?: number } = {},
): Promise<Db> {
  if (kind === 'pglite') {
    const snapshot = readFileSync(inject('pgliteSnapshot'));
    return openDatabase({ kind: 'pglite', loadDataDir: new Blob([snapshot]) });
  }
  const url = process.env.TEST_DATABASE_URL!;
  const template = inject('postgresTemplate')!;
  const name = `bianmin_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  return openDatabase({
    kind: 'postgres',
    url: databaseUrl(url, name),
    poolSize: opts.poolSize ?? 5,
  });
}
