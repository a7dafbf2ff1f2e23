import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/connect.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    runId: string;
    pgliteSnapshot: string;
    postgresTemplate: string | null;
  }
}

export function databaseUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

async function dropDatabases(url: string, like: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const rows = await admin.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [like],
    );
    for (const r of rows.rows)
      await admin.query(`drop database if exists "${r.datname}" with (force)`);
  } finally {
    await admin.end();
  }
}

/**
 * Migrate once, then every test file starts from a copy: a PGlite data-folder snapshot, and (when
 * TEST_DATABASE_URL is set) a PostgreSQL database made from a migrated template.
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const dir = mkdtempSync(join(tmpdir(), 'bianmin-test-'));
  const db = await openDatabase({ kind: 'pglite' });
  const snapshot = join(dir, 'migrated.tar');
  writeFileSync(snapshot, Buffer.from(await (await db.dump!()).arrayBuffer()));
  await db.close();
  project.provide('runId', runId);
  project.provide('pgliteSnapshot', snapshot);

  const url = process.env.TEST_DATABASE_URL;
  let template: string | null = null;
  if (url) {
    template = `bianmin_t_${runId}_template`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database "${template}"`);
    await admin.end();
    const tdb = await openDatabase({
      kind: 'postgres',
      url: databaseUrl(url, template),
      poolSize: 1,
    });
    await tdb.close();
  }
  project.provide('postgresTemplate', template);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url) await dropDatabases(url, `bianmin_t_${runId}_%`);
  };
}
