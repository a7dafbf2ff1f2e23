import { THROTTLE_POLICIES } from '@bianmin/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/audit/write.ts';
import { cookieHeader, testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

describe.each(DATABASES)('sign-in and sessions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      headers,
    });
  const me = (cookie: string) =>
    t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

  it('signs in with the right password and shows the user, roles and center', async () => {
    const res = await login('admin', 'Bianmin2026!');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      username: 'admin',
      centerName: '青石镇便民服务中心',
      roles: ['center_admin'],
    });
    const session = res.cookies.find((c) => c.name === 'bm_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(session.path).toBe('/');
    expect((await me(cookieHeader(res))).statusCode).toBe(200);
  });

  it('gives one and the same answer for an unknown user, a wrong password and a disabled account', async () => {
    const admin = await t.login('admin');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/users',
      headers: { cookie: admin },
    });
    const kaohe = list
      .json<{ id: number; username: string; version: number }[]>()
      .find((u) => u.username === 'kaohe')!;
    // An assessment group member's account is the county admin's to disable.
    const county = await t.login('county');
    const off = await t.app.inject({
      method: 'POST',
      url: `/api/users/${kaohe.id}/disable`,
      headers: { cookie: county },
      payload: { version: kaohe.version },
    });
    expect(off.statusCode).toBe(200);
    const answers = await Promise.all([
      login('nobody-here', 'Bianmin2026!', { 'x-forwarded-for': '1' }),
      login('clerk', 'wrong-password'),
      login('kaohe', 'Bianmin2026!'),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toEqual({
        code: 'LOGIN_FAILED',
        message: '用户名或密码错误，或账号已停用',
      });
    }
  });

  it('stores an argon2id hash, never the password', async () => {
    const row = await t.db.kysely
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'clerk')
      .executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(row.password_hash).not.toContain('Bianmin2026');
  });

  it('gives a new session id at every sign-in and stores only its hash', async () => {
    const a = (await login('director', 'Bianmin2026!')).cookies.find(
      (c) => c.name === 'bm_session',
    )!.value;
    const b = (await login('director', 'Bianmin2026!')).cookies.find(
      (c) => c.name === 'bm_session',
    )!.value;
    expect(a).not.toBe(b);
    const stored = await t.db.kysely.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).toContain(sha256(a));
    expect(stored.map((s) => s.id)).not.toContain(a);
  });

  it('kills the session on the server at logout', async () => {
    const cookie = await t.login('yewu');
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie },
    });
    expect(out.statusCode).toBe(204);
    const again = await me(cookie);
    expect(again.statusCode).toBe(401);
  });

  it('ends a session after the idle timeout, and keeps an active one alive', async () => {
    const idle = await t.login('duty');
    const active = await t.login('leader');
    for (let i = 0; i < 4; i++) {
      t.clock.advance(10 * 60_000);
      expect((await me(active)).statusCode).toBe(200);
    }
    const res = await me(idle);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('ends every session after the absolute limit even when active', async () => {
    const cookie = await t.login('shenji');
    for (let minutes = 15; minutes <= 13 * 60; minutes += 15) {
      t.clock.advance(15 * 60_000);
      const res = await me(cookie);
      if (res.statusCode !== 200) {
        expect(res.json().error.code).toBe('SESSION_EXPIRED');
        expect(minutes).toBeGreaterThan(12 * 60); // BIANMIN_SESSION_MAX_HOURS defaults to 12
        return;
      }
    }
    throw new Error('the session outlived its absolute limit');
  });

  it('ends the other sessions when the password changes, keeping this one', async () => {
    const here = await t.login('bs-admin');
    const elsewhere = await t.login('bs-admin');
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: here },
      payload: { currentPassword: 'Bianmin2026!', newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0]).toMatchObject({
      field: 'newPassword',
      code: 'PASSWORD_TOO_SHORT',
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: here },
      payload: { currentPassword: 'not-it', newPassword: 'Baisha-2026-new' },
    });
    expect(wrong.json().error.fields[0]).toMatchObject({
      field: 'currentPassword',
      code: 'WRONG_PASSWORD',
    });
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: here },
      payload: { currentPassword: 'Bianmin2026!', newPassword: 'Baisha-2026-new' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await login('bs-admin', 'Bianmin2026!')).statusCode).toBe(401);
    expect((await login('bs-admin', 'Baisha-2026-new')).statusCode).toBe(200);
  });
});

describe.each(DATABASES)('brute force on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
  });
  afterAll(() => t.close());

  it('slows down guessing from one address, with the same generic message until the wait', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'clerk', password: `guess-${i}` },
        remoteAddress: '10.9.9.9',
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json().error.code).toBe('LOGIN_THROTTLED');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses).toContain(429);
    // Even the right password waits: the attacker learns nothing from a throttled try.
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'clerk', password: 'Bianmin2026!' },
      remoteAddress: '10.9.9.9',
    });
    expect(right.statusCode).toBe(429);
  });

  it('throttles unknown accounts the same way, so throttling reveals no account', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'no-such-person', password: `guess-${i}` },
        remoteAddress: '10.8.8.8',
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes).toContain(429);
  });

  it('does not lock the real user out of a browser they signed in from before', async () => {
    // The real user signs in once from their own browser and gets a device cookie.
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'director', password: 'Bianmin2026!' },
      remoteAddress: '192.0.2.10',
    });
    const device = first.cookies.find((c) => c.name === 'bm_device')!.value;
    // An attacker hammers the account from many addresses until it is throttled for strangers.
    for (let i = 0; i < 40; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'director', password: `guess-${i}` },
        remoteAddress: `198.51.100.${i}`,
      });
    }
    const stranger = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'director', password: 'Bianmin2026!' },
      remoteAddress: '203.0.113.5',
    });
    expect(stranger.statusCode).toBe(429);
    const real = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'director', password: 'Bianmin2026!' },
      headers: { cookie: `bm_device=${device}` },
      remoteAddress: '203.0.113.5',
    });
    expect(real.statusCode).toBe(200);
  });
});

describe.each(DATABASES)('brute force in parallel on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
  });
  afterAll(() => t.close());

  const guess = (username: string, password: string, remoteAddress: string, cookie?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress,
      ...(cookie ? { headers: { cookie } } : {}),
    });
  /** How many answers were a checked password (401) and how many a wait (429); nothing else. */
  const tally = (answers: { statusCode: number }[]) => {
    const checked = answers.filter((r) => r.statusCode === 401).length;
    const throttled = answers.filter((r) => r.statusCode === 429).length;
    expect(checked + throttled).toBe(answers.length);
    return { checked, throttled };
  };

  it('lets no more parallel guesses at one account reach the password check than allowed', async () => {
    // The real user's browser, known from an earlier sign-in.
    const first = await guess('director', 'Bianmin2026!', '192.0.2.10');
    const device = first.cookies.find((c) => c.name === 'bm_device')!.value;
    // 100 guesses at once, each from its own address: only the per-account count can stop them.
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        guess('director', `guess-${i}`, `198.51.${Math.floor(i / 200)}.${i % 200}`),
      ),
    );
    expect(tally(answers)).toEqual({
      checked: THROTTLE_POLICIES.account.freeFailures,
      throttled: 100 - THROTTLE_POLICIES.account.freeFailures,
    });
    const row = await t.db.kysely
      .selectFrom('login_throttle')
      .select('failures')
      .where('key', '=', 'a:director')
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(THROTTLE_POLICIES.account.freeFailures);
    // Strangers wait now, even with the right password; the real user at her browser does not.
    expect((await guess('director', 'Bianmin2026!', '203.0.113.5')).statusCode).toBe(429);
    const real = await guess('director', 'Bianmin2026!', '203.0.113.5', `bm_device=${device}`);
    expect(real.statusCode).toBe(200);
  });

  it('counts parallel guesses from one address at one account exactly', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => guess('yewu', `guess-${i}`, '10.6.6.6')),
    );
    expect(tally(answers)).toEqual({
      checked: THROTTLE_POLICIES.accountIp.freeFailures,
      throttled: 30 - THROTTLE_POLICIES.accountIp.freeFailures,
    });
  });
});

describe('cookies behind an https reverse proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(await freshDatabase('pglite'), { config: { trustProxy: true } });
  });
  afterAll(() => t.close());

  it('marks the session cookie Secure when the request came over https, and only then', async () => {
    const login = (proto: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: 'Bianmin2026!' },
        headers: { 'x-forwarded-proto': proto },
      });
    const secure = (await login('https')).cookies.find((c) => c.name === 'bm_session')!;
    expect(secure.secure).toBe(true);
    const plain = (await login('http')).cookies.find((c) => c.name === 'bm_session')!;
    expect(plain.secure).toBeFalsy();
  });
});
