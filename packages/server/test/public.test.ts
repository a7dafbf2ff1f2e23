import type { PublicCaseStatus } from '@bianmin/contracts';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
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

  /** The application on the test database, its statements recorded by `shapes`. */
  const appRecording = (shapes: StatementShapes) =>
    buildApp({
      db: { ...t.db, kysely: t.db.kysely.withPlugin(shapes) },
      config: t.config,
      clock: t.clock,
    });

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

  it('counts every one of many wrong codes sent at once, and then makes the address wait', async () => {
    const address = '203.0.113.55';
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => ask(receiptNo, wrongCode(), address)),
    );
    const failed = answers.filter((r) => r.json().error?.code === 'QUERY_FAILED').length;
    expect(failed + answers.filter((r) => r.statusCode === 429).length).toBe(12);
    const stored = await t.db.kysely
      .selectFrom('login_throttle')
      .select('failures')
      .where('key', '=', `q:${address}`)
      .executeTakeFirstOrThrow();
    expect(stored.failures).toBe(failed);
    expect(failed).toBeGreaterThanOrEqual(10);
    expect((await ask(receiptNo, queryCode, address)).statusCode).toBe(429);
  });

  it('reads and never writes for a right code: the attempt and the answer, two statements', async () => {
    const shapes = new StatementShapes();
    const app = await appRecording(shapes);
    try {
      const res = await app.inject({
        method: 'GET',
        url: url(untouched.receiptNo, untouched.queryCode),
        remoteAddress: '192.0.2.210',
      });
      expect(res.statusCode).toBe(200);
      expect(shapes.shapes.map((s) => (JSON.parse(s) as { kind: string }).kind)).toEqual([
        'SelectQueryNode',
        'SelectQueryNode',
      ]);
    } finally {
      await app.close();
    }
  });

  it('takes 20 queries a minute from an address; only a benchmark lifts that limit, never the guessing defence', async () => {
    for (let i = 0; i < 20; i++)
      expect((await ask(receiptNo, queryCode, '203.0.113.60')).statusCode, `query ${i + 1}`).toBe(
        200,
      );
    const refused = await ask(receiptNo, queryCode, '203.0.113.60');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');

    // Off unless asked for, and never for a real center.
    expect(loadConfig({}).benchmarkNoRateLimit).toBe(false);
    expect(loadConfig({ BIANMIN_BENCHMARK_NO_RATE_LIMIT: '1' }).benchmarkNoRateLimit).toBe(true);
    expect(() => loadConfig({ BIANMIN_BENCHMARK_NO_RATE_LIMIT: '1', BIANMIN_DEMO: '0' })).toThrow(
      /BIANMIN_DEMO=0/,
    );

    const bench = await buildApp({
      db: t.db,
      config: { ...t.config, benchmarkNoRateLimit: true },
      clock: t.clock,
    });
    try {
      const benchAsk = (code: string) =>
        bench.inject({ method: 'GET', url: url(receiptNo, code), remoteAddress: '203.0.113.61' });
      for (let i = 0; i < 30; i++)
        expect((await benchAsk(queryCode)).statusCode, `query ${i + 1}`).toBe(200);
      // Wrong codes are still counted: after ten, even the right code waits.
      for (let i = 0; i < 10; i++)
        expect((await benchAsk(wrongCode())).json().error.code).toBe('QUERY_FAILED');
      const waits = await benchAsk(queryCode);
      expect(waits.statusCode).toBe(429);
      expect(Number(waits.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await bench.close();
    }
  });

  it('does the same work for a wrong code as for a receipt number that does not exist', async () => {
    const shapes = new StatementShapes();
    const app = await appRecording(shapes);
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

describe.each(DATABASES)('what the query tells an applicant, on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let items: Map<string, { id: number; materials: string[] }>;
  /** Each case's receipt number and query code, by what happened to it. */
  const cases = new Map<string, { receiptNo: string; queryCode: string }>();
  let sequence = 0;

  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in Beijing.
    t = await testApp(await freshDatabase(kind));
    clerk = await t.login('clerk');
    const list = (await t.call(clerk, 'GET', '/api/service-items')).json<
      { id: number; code: string; materials: string[] }[]
    >();
    items = new Map(list.map((i) => [i.code, i]));
    const intake = async (name: string, code: string, then: object) => {
      const res = await t.call(clerk, 'POST', '/api/cases', {
        itemId: items.get(code)!.id,
        channel: 'window',
        applicant: { type: 'person', name: '张桂兰', idNumber: '11010519491231002X' },
        then,
      });
      expect(res.statusCode, name).toBe(201);
      const c = res.json<{ id: number; version: number; receiptNo: string; queryCode: string }>();
      cases.set(name, c);
      return c;
    };
    const act = async (c: { id: number; version: number }, action: string, body: object) => {
      const res = await t.call(clerk, 'POST', `/api/cases/${c.id}/${action}`, {
        version: c.version,
        ...body,
      });
      expect(res.statusCode, action).toBe(200);
    };
    // 5 working days: due Monday 9 March at closing time.
    await intake('late', 'MZ-002', { action: 'accept', kind: 'promised' });
    await intake('missing', 'MZ-002', {
      action: 'supplement',
      materials: items.get('MZ-002')!.materials.slice(1),
    });
    const paused = await intake('paused', 'MZ-002', { action: 'accept', kind: 'promised' });
    await act(paused, 'pause', { reason: 'expert_review', note: '请专家评估困难程度' });
    const done = await intake('done', 'MZ-004', { action: 'accept', kind: 'immediate' });
    await act(done, 'complete', { result: '高龄津贴已核发，自下月起按月发放到本人账户' });
    await intake('returned', 'MZ-001', {
      action: 'return',
      reasons: '申请人户籍不在本镇，请到户籍所在地申请',
    });
  });
  afterAll(() => t.close());

  const query = async (name: string) => {
    const c = cases.get(name)!;
    sequence += 1;
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/public/case-status?receiptNo=${c.receiptNo}&queryCode=${c.queryCode}`,
      remoteAddress: `198.19.0.${sequence}`,
    });
    expect(res.statusCode, name).toBe(200);
    return res.json<PublicCaseStatus>();
  };

  it('names whom to call: the center and its service phone', async () => {
    expect(await query('late')).toMatchObject({
      centerCode: 'qingshi',
      centerName: '青石镇便民服务中心',
      centerPhone: '0571-8468 1230',
      status: 'in_progress',
      overdue: false,
      deadlineDate: '2026-03-09',
      message: '正在办理，承诺于 2026年3月9日 前办结。',
    });
  });

  it('lists the papers still missing, and how many', async () => {
    const missing = items.get('MZ-002')!.materials.slice(1);
    expect(missing).toHaveLength(2);
    const status = await query('missing');
    expect(status).toMatchObject({ status: 'awaiting_materials', missingMaterials: missing });
    expect(status.message).toContain('所缺的 2 项材料');
  });

  it('says what a paused case waits for', async () => {
    const status = await query('paused');
    expect(status).toMatchObject({ paused: true, pauseReason: '专家评审', overdue: false });
    expect(status.message).toMatch(/^因专家评审，办理计时暂停/);
  });

  it('gives the result of a completed case and the reasons of a returned one', async () => {
    expect(await query('done')).toMatchObject({
      status: 'completed',
      resultText: '高龄津贴已核发，自下月起按月发放到本人账户',
      missingMaterials: [],
      pauseReason: null,
    });
    const returned = await query('returned');
    expect(returned).toMatchObject({
      status: 'returned',
      resultText: '申请人户籍不在本镇，请到户籍所在地申请',
    });
    expect(returned.message).toContain('0571-8468 1230');
    expect((await query('late')).resultText).toBeNull();
  });

  it('says plainly when the promised day has passed, with the phone to call', async () => {
    // Tuesday 10 March, 09:00: the promise ran out at 17:30 the day before.
    t.clock.advance(Date.parse('2026-03-10T09:00:00+08:00') - t.clock.now().getTime());
    const late = await query('late');
    expect(late).toMatchObject({ status: 'in_progress', overdue: true });
    expect(late.message).toBe(
      '已超过承诺办结时间（3月9日），本中心正在督办。如有疑问请拨打 0571-8468 1230 或到中心窗口反映。',
    );
    // A paused clock does not run out.
    expect(await query('paused')).toMatchObject({ overdue: false });
  });

  it('leaves the call out when the center has no phone entered', async () => {
    const county = await t.login('county');
    const center = (await t.call(county, 'GET', '/api/centers'))
      .json<{ id: number; code: string; version: number }[]>()
      .find((c) => c.code === 'qingshi')!;
    const cleared = await t.call(county, 'PATCH', `/api/centers/${center.id}/contact`, {
      phone: '',
      version: center.version,
    });
    expect(cleared.statusCode).toBe(200);
    const late = await query('late');
    expect(late.centerPhone).toBe('');
    expect(late.message).toBe(
      '已超过承诺办结时间（3月9日），本中心正在督办。如有疑问请到中心窗口反映。',
    );
  });
});
