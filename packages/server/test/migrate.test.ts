import { sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/db/migrate.ts';
import { DATABASES, freshDatabase } from './db.ts';

/** Counts the statements sent through it. */
class Counter implements KyselyPlugin {
  sent = 0;
  transformQuery(args: { node: RootOperationNode }): RootOperationNode {
    this.sent += 1;
    return args.node;
  }
  transformResult<T>(args: { result: T }): Promise<T> {
    return Promise.resolve(args.result);
  }
}

describe.each(DATABASES)('start-up migration on %s', (kind) => {
  it('recognises an up-to-date database with two reads, and leaves anything else to the Migrator', async () => {
    const db = await freshDatabase(kind);
    try {
      const counter = new Counter();
      expect(await migrateToLatest(db.kysely.withPlugin(counter) as never)).toEqual([]);
      expect(counter.sent).toBe(2);

      // A migration this code does not know (a newer version's): left to the Migrator, which refuses.
      await sql`insert into kysely_migration (name, timestamp) values ('9999_newer', '2030-01-01')`.execute(
        db.kysely,
      );
      await expect(migrateToLatest(db.kysely as never)).rejects.toThrow(/9999_newer/);
    } finally {
      await db.close();
    }
  });
});
