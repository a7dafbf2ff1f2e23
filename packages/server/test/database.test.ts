import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/connect.ts';
import { DATABASES, freshDatabase } from './db.ts';

describe.each(DATABASES)('the database layer on %s', (kind) => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDatabase(kind);
    await sql`create table t (id int primary key, note text)`.execute(db.kysely);
  });
  afterAll(() => db.close());

  it('parses every type the same way', async () => {
    const r = await sql<{ big: unknown; money: unknown; day: unknown; at: unknown; arr: unknown }>`
      select 9007199254740991::int8 as big, 300.10::numeric(12,2) as money, '2026-03-01'::date as day,
             '2026-01-01T00:00:00Z'::timestamptz as at, array['a','b'] as arr`.execute(db.kysely);
    expect(r.rows[0]).toEqual({
      big: 9007199254740991,
      money: '300.10',
      day: '2026-03-01',
      at: new Date('2026-01-01T00:00:00Z'),
      arr: ['a', 'b'],
    });
  });

  it('refuses an int8 beyond 2^53 instead of rounding it', async () => {
    await expect(sql`select 9007199254740993::int8 as big`.execute(db.kysely)).rejects.toThrow(
      /beyond 2\^53/,
    );
  });

  it('keeps nothing of a failed transaction while others run at the same time', async () => {
    const work = Array.from({ length: 40 }, (_, i) =>
      db.kysely
        .transaction()
        .execute(async (tx) => {
          await sql`insert into t (id, note) values (${i}, 'tx')`.execute(tx);
          await new Promise((r) => setTimeout(r, Math.random() * 5));
          await sql`insert into t (id, note) values (${1000 + i}, 'tx')`.execute(tx);
          if (i % 2 === 1) throw new Error('roll back');
        })
        .then(
          () => 'ok',
          () => 'rolled back',
        ),
    );
    const plain = Array.from({ length: 20 }, (_, i) =>
      sql`insert into t (id, note) values (${5000 + i}, 'plain')`.execute(db.kysely),
    );
    const results = await Promise.all([...work, ...plain]);
    expect(results.filter((r) => r === 'rolled back')).toHaveLength(20);
    const rows = await sql<{ id: number }>`select id from t order by id`.execute(db.kysely);
    const ids = rows.rows.map((r) => r.id);
    const expected = [
      ...Array.from({ length: 20 }, (_, k) => 2 * k),
      ...Array.from({ length: 20 }, (_, k) => 1000 + 2 * k),
      ...Array.from({ length: 20 }, (_, k) => 5000 + k),
    ].sort((a, b) => a - b);
    expect(ids).toEqual(expected);
  });

  it('rolls back a transaction that failed in SQL and goes on serving', async () => {
    await expect(
      db.kysely.transaction().execute(async (tx) => {
        await sql`insert into t (id, note) values (9001, 'x')`.execute(tx);
        await sql`insert into t (id, note) values (9001, 'duplicate')`.execute(tx);
      }),
    ).rejects.toThrow();
    const r = await sql<{ n: number }>`select count(*)::int8 as n from t where id = 9001`.execute(
      db.kysely,
    );
    expect(r.rows[0]?.n).toBe(0);
  });
});
