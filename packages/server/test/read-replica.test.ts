import type { CenterStats } from '@bianmin/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.ts';
import { centerStats } from '../src/modules/stats/service.ts';
import { TestClock, testApp, type TestApp } from './app.ts';
import { freshDatabase } from './db.ts';

const withPostgres = Boolean(process.env.TEST_DATABASE_URL);

/**
 * DATABASE_READ_URL (issue 12): the statistics read the replica, everything else the primary. The
 * "replica" here is a second database seeded the same way, which has not received the case made
 * after: the statistics do not count it, the case list does.
 */
describe.skipIf(!withPostgres)('statistics from a read replica', () => {
  let t: TestApp;
  let director: string;
  beforeAll(async () => {
    const replica = await freshDatabase('postgres');
    await seedDemo(replica.kysely, new TestClock());
    t = await testApp(await freshDatabase('postgres'), { readDb: replica });
    director = await t.login('director');
  });
  afterAll(() => t.close());

  it('reads the month’s figures from the replica and writes to the primary', async () => {
    const received = async () =>
      (await t.call(director, 'GET', '/api/stats')).json<CenterStats>().volume.received;
    const before = await received();
    const clerk = await t.login('clerk');
    const items = (await t.call(clerk, 'GET', '/api/service-items')).json<
      { id: number; code: string }[]
    >();
    const made = await t.call(clerk, 'POST', '/api/cases', {
      itemId: items.find((i) => i.code === 'MZ-002')!.id,
      channel: 'window',
      applicant: { type: 'person', name: '副本测试' },
      then: { action: 'accept', kind: 'promised' },
    });
    expect(made.statusCode, made.body).toBe(201);
    // The primary has it (the list reads the primary) …
    const list = (await t.call(clerk, 'GET', '/api/cases?q=副本测试')).json<{ total: number }>();
    expect(list.total).toBe(1);
    // … the replica has not got it yet, and the statistics are the replica's: unchanged, where the
    // same figures read from the primary count the new case.
    const stats = (await t.call(director, 'GET', '/api/stats')).json<CenterStats>();
    expect(stats.volume.received).toBe(before);
    const primary = { db: t.db.kysely, dbKind: t.db.kind, clock: t.clock, config: t.config };
    expect((await centerStats(primary, stats.centerId, stats.month)).volume.received).toBe(
      before + 1,
    );
  });
});
