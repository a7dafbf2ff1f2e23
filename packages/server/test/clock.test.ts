import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftedClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db/connect.ts';
import { DATABASES, freshDatabase } from './db.ts';

const SRC = resolve(import.meta.dirname, '../src');

/** Every TypeScript file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** SQL's own clock: every rule must read the injected clock instead. */
const SQL_CLOCK =
  /(?<![.\w])(now\(\)|current_date|current_time|current_timestamp|localtime|localtimestamp|clock_timestamp|statement_timestamp|transaction_timestamp|timeofday)\b/i;

describe('one clock', () => {
  it('is the only "now" of the server: no SQL clock in any query (the first migrations\' defaults are dropped by 0008)', () => {
    const offenders = sources(SRC)
      .filter((f) => !/db[/\\]migrations[/\\]000[1-7]_/.test(f))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${relative(SRC, f)}:${i + 1}` }))
          .filter(({ line }) => SQL_CLOCK.test(line) && !line.trim().startsWith('*'))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it('starts where BIANMIN_CLOCK says and runs at the real pace', () => {
    let real = Date.parse('2026-12-05T02:00:00Z');
    const clock = shiftedClock(new Date('2027-01-04T09:30:00+08:00'), () => real);
    expect(clock.now().toISOString()).toBe('2027-01-04T01:30:00.000Z');
    real += 90_000;
    expect(clock.now().toISOString()).toBe('2027-01-04T01:31:30.000Z');
  });

  it('takes BIANMIN_CLOCK for tests and demos, never in production or a real center', () => {
    const at = '2027-01-04T09:30:00+08:00';
    expect(loadConfig({ BIANMIN_CLOCK: at }).clockStart?.toISOString()).toBe(
      '2027-01-04T01:30:00.000Z',
    );
    expect(loadConfig({}).clockStart).toBeNull();
    expect(() => loadConfig({ BIANMIN_CLOCK: at, NODE_ENV: 'production' })).toThrow(
      /refused with NODE_ENV=production/,
    );
    expect(() => loadConfig({ BIANMIN_CLOCK: at, BIANMIN_DEMO: '0' })).toThrow(/BIANMIN_DEMO=0/);
    // Without an offset the instant would depend on the machine's time zone.
    expect(() => loadConfig({ BIANMIN_CLOCK: '2027-01-04T09:30:00' })).toThrow(/with its offset/);
    expect(() => loadConfig({ BIANMIN_CLOCK: 'tomorrow' })).toThrow(/with its offset/);
  });
});

describe.each(DATABASES)('the schema on %s', (kind) => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDatabase(kind);
  });
  afterAll(() => db.close());

  it('fills no column from the database clock and has no function that reads it', async () => {
    const defaults = await sql<{ col: string; def: string }>`
      select table_name || '.' || column_name as col, column_default as def
      from information_schema.columns
      where table_schema = 'public' and column_default is not null`.execute(db.kysely);
    expect(defaults.rows.filter((r) => SQL_CLOCK.test(r.def))).toEqual([]);
    const functions = await sql<{ name: string; src: string }>`
      select p.proname as name, p.prosrc as src from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'`.execute(db.kysely);
    expect(functions.rows.length).toBeGreaterThan(0);
    expect(functions.rows.filter((f) => SQL_CLOCK.test(f.src)).map((f) => f.name)).toEqual([]);
  });
});
