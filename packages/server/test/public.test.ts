import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

/**
 * Every statement a piece of work sends, as its shape: the SQL tree with every value left out. Two
 * answers whose shapes are equal did the same work in the database.
 */
class StatementShapes implements KyselyPlugin {
  shapes: string[] = [];
  transformQuery(args: { node: RootOperationNode }): RootOperationNode {
    this.shapes.push(
      JSON.stringify(args.node, (key, value: unknown) =>
        key === 'value' || key === 'values' ? '?' : value,
      ),
    );
    return args.node;
  }
  transformResult<T>(args: { result: T }): Promise<T> {
    return Promise.resolve(args.result);
  }
}

describe.each(DATABASES)("the applicants' case query on %s", (kind) => {
  let t: TestApp;
  let receiptNo: string;
  let queryCode: string;
  /** A second case that no other test guesses at. */
  let untouched: { receiptNo: string; queryCode: string };
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    const clerk = await t.login('clerk');
    const items = (await t.call(clerk, 'GET', '/api/service-items')).json();
    const intake = async () => {
      const created = await t.call(clerk, 'POST', '/api/cases', {
        itemId: items.find((i: { code: string }) => i.code === 'MZ-002').id,
        channel: 'window',
        applicant: { type: 'person', name: '张桂兰', idNumber: '11010519491231002X' },
        then: { action: 'accept', kind: 'promised' },
      });
      expect(created.statusCode).toBe(201);
      return created.json<{ receiptNo: string; queryCode: string }>();
    };
    ({ receiptNo, queryCode } = await intake());
    untouched = await intake();
  });
  afterAll(() => t.close());

  const url = (receipt: string, code: string) =>
    `/api/public/case-status?receiptNo=${encodeURIComponent(receipt)}&queryCode=${code}`;
  const wrongCode = () => String((Number(queryCode) + 1) % 1_000_000).padStart(6, '0');
  const ask = (receipt: string, code: string, remoteAddress: string) =>
    t.app.inject({ method: 'GET', url: url(receipt, code), remoteAddress });

  it('never locks the right code out, however many wrong codes others send', async () => {
    // Thirty addresses, each below its own allowance, all guessing at this one receipt.
    for (let i = 0; i < 30; i++) {
      const res = await ask(receiptNo, wrongCode(), `198.51.100.${i}`);
      expect(res.json().error.code).toBe('QUERY_FAILED');
    }
    const owner = await ask(receiptNo, queryCode, '192.0.2.77');
    expect(owner.statusCode).toBe(200);
    expect(owner.json()).toMatchObject({ status: 'in_progress' });
  });

  it('makes an address that keeps guessing wait, whatever receipt it tries, and only that address', async () => {
    const guesser = '203.0.113.40';
    for (let i = 0; i < 10; i++) {
      const res = await ask(`999202603020${String(i).padStart(3, '0')}`, '123456', guesser);
      expect(res.json().error.code).toBe('QUERY_FAILED');
    }
    const waits = await ask(receiptNo, queryCode, guesser);
    expect(waits.statusCode).toBe(429);
    expect(waits.json().error.code).toBe('RATE_LIMITED');
    expect(Number(waits.headers['retry-after'])).toBeGreaterThan(0);
    expect((await ask(receiptNo, queryCode, '203.0.113.41')).statusCode).toBe(200);
    // The wait runs out.
    t.clock.advance(61_000);
    expect((await ask(receiptNo, queryCode, guesser)).statusCode).toBe(200);
  });

  it('does not count a right code against its address', async () => {
    // More than the ten wrong codes an address may send, fewer than its 20 requests a minute.
    const address = '203.0.113.50';
    for (let i = 0; i < 15; i++)
      expect((await ask(receiptNo, queryCode, address)).statusCode, `query ${i + 1}`).toBe(200);
  });

  it('does the same work for a wrong code as for a receipt number that does not exist', async () => {
    const shapes = new StatementShapes();
    const app = await buildApp({
      db: { ...t.db, kysely: t.db.kysely.withPlugin(shapes) },
      config: t.config,
      clock: t.clock,
    });
    try {
      const work = async (receipt: string, code: string, address: string) => {
        shapes.shapes = [];
        const res = await app.inject({
          method: 'GET',
          url: url(receipt, code),
          remoteAddress: address,
        });
        expect(res.json().error.code).toBe('QUERY_FAILED');
        return shapes.shapes;
      };
      const wrong = String((Number(untouched.queryCode) + 1) % 1_000_000).padStart(6, '0');
      // First attempts of their addresses, then attempts of addresses that tried before.
      const unknownFirst = await work('999202603029999', wrong, '192.0.2.201');
      const wrongFirst = await work(untouched.receiptNo, wrong, '192.0.2.202');
      expect(wrongFirst).toEqual(unknownFirst);
      const unknownAgain = await work('999202603029998', wrong, '192.0.2.201');
      const wrongAgain = await work(untouched.receiptNo, wrong, '192.0.2.202');
      expect(wrongAgain).toEqual(unknownAgain);
      expect(unknownFirst.length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
