import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

describe.each(DATABASES)('HTTP behaviour on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('reports health, which database it runs on and its clock (a test clock here)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({
      status: 'ok',
      database: kind,
      version: expect.any(String),
      now: t.clock.now().toISOString(),
      clockShifted: true,
      // A new installation with the nightly backup on: not late before its first night.
      backup: { standing: 'ok', lastSuccessAt: null, ageSeconds: null },
    });
  });

  it("tells the console the server's time on every API answer", async () => {
    t.clock.advance(1000);
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-server-time']).toBe(t.clock.now().toISOString());
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('logs one line per request, with its id and never its query string (query codes, names searched)', async () => {
    const lines: string[] = [];
    const app = await buildApp({
      db: t.db,
      config: t.config,
      clock: t.clock,
      logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
    });
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/api/public/case-status?receiptNo=001202603020001&queryCode=654321',
        remoteAddress: '192.0.2.99',
      });
      expect(res.json().error.code).toBe('QUERY_FAILED');
      const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      const done = logged.filter((l) => l.msg === 'request completed');
      expect(done).toEqual([
        expect.objectContaining({
          reqId: res.json().requestId,
          method: 'GET',
          path: '/api/public/case-status',
          route: '/api/public/case-status',
          status: res.statusCode,
        }),
      ]);
      // Nor for a route that does not exist.
      await app.inject({ method: 'GET', url: '/api/no-such-thing?queryCode=777777' });
      await app.inject({ method: 'GET', url: '/no-such-page?phone=13812345678' });
      expect(lines.join('')).not.toContain('777777');
      expect(lines.join('')).not.toContain('13812345678');
      expect(lines.join('')).not.toContain('654321');
      expect(lines.join('')).not.toContain('queryCode');
    } finally {
      await app.close();
    }
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('refuses broken JSON, a wrong content type and an oversized body, naming the problem', async () => {
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/window-units',
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: '{"code": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('BAD_JSON');
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/window-units',
      headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'code=a&name=b',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/window-units',
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ code: 'x', name: 'y'.repeat(400_000) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses U+0000 as bad input naming the field, never a 500 (every route: fuzz.test.ts)', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin\u0000', password: 'x' },
    });
    expect(login.statusCode).toBe(400);
    expect(login.json().error).toMatchObject({
      code: 'INVALID_CHARACTER',
      fields: [{ field: 'username', code: 'INVALID_CHARACTER' }],
    });
    const search = await t.app.inject({
      method: 'GET',
      url: '/api/staff?q=%00',
      headers: { cookie: admin },
    });
    expect(search.statusCode).toBe(400);
    expect(search.json().error.fields[0].message).toMatch(/^搜索内容：/);
  });

  it('treats injection attempts as plain text', async () => {
    const evil = "'; drop table staff; --";
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/staff?q=${encodeURIComponent(evil)}`,
      headers: { cookie: admin },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([]);
    const pct = await t.app.inject({
      method: 'GET',
      url: `/api/staff?q=${encodeURIComponent('%')}`,
      headers: { cookie: admin },
    });
    expect(pct.json()).toEqual([]);
    const still = await t.app.inject({
      method: 'GET',
      url: '/api/staff',
      headers: { cookie: admin },
    });
    expect(still.json().length).toBeGreaterThan(5);
  });

  it('refuses unknown fields rather than ignoring them silently? no: it ignores extra keys but never stores them', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/window-units',
      headers: { cookie: admin },
      payload: { code: 'extra', name: '多余字段', centerId: 999, id: 5, version: 7 },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: 'extra', version: 0 });
    expect(res.json().id).not.toBe(5);
  });

  it('keys each rate limit on the route a request reaches, however its URL is spelt', async () => {
    const login = (url: string) =>
      t.app.inject({
        method: 'POST',
        url,
        payload: { username: 'someone', password: 'x' },
        remoteAddress: '10.7.7.8',
      });
    for (let i = 0; i < 60; i++) await login('/api/auth/login');
    for (const url of [
      '/api/auth/login',
      '/api/auth/login?x=1',
      '/api/auth/%6Cogin',
      '/api/auth/log%69n?again',
      '/api//auth/login',
      '/API/auth/login',
      '/api/auth/login/',
    ]) {
      const code = (await login(url)).json().error.code;
      expect(['RATE_LIMITED', 'ROUTE_NOT_FOUND'], url).toContain(code);
    }
    const query = (url: string) => t.app.inject({ method: 'GET', url, remoteAddress: '10.7.7.9' });
    const params = '?receiptNo=1&queryCode=2';
    for (let i = 0; i < 20; i++) await query(`/api/public/case-status${params}`);
    for (const url of [
      `/api/public/case-status${params}&x=1`,
      `/api/public/%63ase-status${params}`,
      `/api/public/case-st%61tus${params}`,
      `/api/./public/case-status${params}`,
      `/api/public//case-status${params}`,
      `/API/public/case-status${params}`,
    ]) {
      const code = (await query(url)).json().error.code;
      expect(['RATE_LIMITED', 'ROUTE_NOT_FOUND'], url).toContain(code);
    }
  });

  it('rate-limits sign-in requests per address', async () => {
    const codes = new Set<number>();
    for (let i = 0; i < 70; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `u${i}`, password: 'x' },
        remoteAddress: '10.7.7.7',
      });
      codes.add(res.statusCode);
    }
    expect(codes.has(429)).toBe(true);
  });
});
