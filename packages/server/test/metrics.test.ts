import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

const TOKEN = 'metrics-token-of-the-test-0123456789';

/** The value of one sample line of the Prometheus text, e.g. `name{a="b"} 3`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (.+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',').filter(Boolean);
    if (want.every((w) => have.includes(w))) return Number(m[3]);
  }
  return null;
}

describe.each(DATABASES)('/metrics, on %s', (kind) => {
  let t: TestApp;
  const scrape = (authorization?: string) =>
    t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: authorization ? { authorization } : {},
    });
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind), { config: { metricsToken: TOKEN } });
  });
  afterAll(() => t.close());

  it('answers only a scraper with the token: none, a wrong one and a near miss get 401', async () => {
    for (const auth of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`]) {
      const res = await scrape(auth);
      expect(res.statusCode, String(auth)).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
    const ok = await scrape(`Bearer ${TOKEN}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(ok.body).toContain('bianmin_process_resident_memory_bytes');
  });

  it('counts requests by route pattern and status, never by the address itself', async () => {
    const cookie = await t.login('clerk');
    await t.call(cookie, 'GET', '/api/cases/987654');
    await t.app.inject({ method: 'GET', url: '/api/health' });
    await t.app.inject({ method: 'GET', url: '/api/health' });
    const text = (await scrape(`Bearer ${TOKEN}`)).body;
    expect(
      sample(text, 'bianmin_http_requests_total', {
        method: 'GET',
        route: '/api/health',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      sample(text, 'bianmin_http_requests_total', { method: 'GET', route: '/api/cases/:id' }),
    ).toBe(1);
    expect(text).not.toContain('987654');
    expect(
      sample(text, 'bianmin_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/auth/login',
      }),
    ).toBe(1);
  });

  it('says how many text messages wait, and how old the oldest is, as the database has them', async () => {
    const rows = await t.db.kysely
      .selectFrom('outbox_messages')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    const count = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0);
    const text = (await scrape(`Bearer ${TOKEN}`)).body;
    for (const state of ['pending', 'sent', 'failed'])
      expect(sample(text, 'bianmin_outbox_messages', { state }), state).toBe(count(state));
    const oldest = await t.db.kysely
      .selectFrom('outbox_messages')
      .select('created_at')
      .where('state', '=', 'pending')
      .orderBy('created_at')
      .executeTakeFirst();
    const age = sample(text, 'bianmin_outbox_oldest_pending_seconds');
    if (oldest)
      expect(age).toBeCloseTo((t.clock.now().getTime() - oldest.created_at.getTime()) / 1000, 0);
    else expect(age).toBe(0);
    if (kind === 'postgres')
      expect(sample(text, 'bianmin_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    else expect(text).not.toContain('bianmin_db_pool_connections');
    // No backup yet (-1), then the age of the newest good one on the server clock.
    expect(sample(text, 'bianmin_backup_age_seconds')).toBe(-1);
    await t.db.kysely
      .insertInto('backups')
      .values({
        trigger: 'schedule',
        state: 'succeeded',
        started_at: new Date(t.clock.now().getTime() - 90_000),
        finished_at: t.clock.now(),
        host: 'test',
        file: 'bianmin-pglite-20260302-090000-1.tar',
        bytes: 1,
        sha256: 'a'.repeat(64),
      })
      .execute();
    expect(sample((await scrape(`Bearer ${TOKEN}`)).body, 'bianmin_backup_age_seconds')).toBe(90);
  });

  it('counts background job steps by outcome, with the last success on the server clock', async () => {
    expect(await t.app.metrics.job('outbox', async () => 3)).toBe(3);
    await expect(
      t.app.metrics.job('overdue', () => Promise.reject(new Error('database gone'))),
    ).rejects.toThrow('database gone');
    const text = (await scrape(`Bearer ${TOKEN}`)).body;
    expect(sample(text, 'bianmin_job_runs_total', { job: 'outbox', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'bianmin_job_runs_total', { job: 'overdue', outcome: 'failed' })).toBe(1);
    expect(sample(text, 'bianmin_job_last_success_timestamp_seconds', { job: 'outbox' })).toBe(
      t.clock.now().getTime() / 1000,
    );
    expect(sample(text, 'bianmin_job_last_success_timestamp_seconds', { job: 'overdue' })).toBe(
      null,
    );
  });
});

describe('/metrics without a token configured', () => {
  it('is not there at all', async () => {
    const t = await testApp(await freshDatabase(DATABASES[0]!), { seed: false });
    try {
      const res = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer anything-at-all-0123456789abcdef' },
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
    } finally {
      await t.close();
    }
  });
});
