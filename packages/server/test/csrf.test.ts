import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

/** The console at http://127.0.0.1:3000; an attacker's page on the same host at port 8080. */
const HOST = '127.0.0.1:3000';
const OWN = `http://${HOST}`;
const OTHER_PORT = 'http://127.0.0.1:8080';

describe.each(DATABASES)('requests from other sites (CSRF) on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
  });
  afterAll(() => t.close());

  const me = (cookie: string) =>
    t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { host: HOST, cookie } });
  const post = (
    url: string,
    cookie: string,
    headers: Record<string, string>,
    payload?: string | object,
  ) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { host: HOST, cookie, ...headers },
      ...(payload === undefined ? {} : { payload }),
    });

  it("refuses a signed-in user's browser a state change sent by another site's page", async () => {
    const cookie = await t.login('shenji');
    for (const headers of <Record<string, string>[]>[
      { origin: OTHER_PORT, 'sec-fetch-site': 'same-site' },
      { origin: OTHER_PORT },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
      // A page cannot lie about its origin, but a wrong Sec-Fetch-Site alone is enough.
      { origin: OWN, 'sec-fetch-site': 'same-site' },
    ]) {
      const res = await post('/api/auth/logout', cookie, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().error.code).toBe('CROSS_ORIGIN');
    }
    // A form of another site with a text/plain body and no Origin (an old browser) parses nothing.
    const form = await post('/api/auth/logout', cookie, { 'content-type': 'text/plain' }, 'a=b');
    expect(form.statusCode).toBe(415);
    const empty = await post('/api/auth/logout', cookie, { 'content-type': 'text/plain' });
    expect(empty.statusCode).toBe(415);
    // Still signed in: none of it happened.
    expect((await me(cookie)).statusCode).toBe(200);
  });

  it('refuses a cross-site JSON change and a sign-in from another site too', async () => {
    const admin = await t.login('admin');
    const res = await post(
      '/api/window-units',
      admin,
      { origin: OTHER_PORT, 'content-type': 'application/json' },
      { code: 'csrf', name: '跨站' },
    );
    expect(res.json().error.code).toBe('CROSS_ORIGIN');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host: HOST, origin: 'https://evil.example' },
      payload: { username: 'admin', password: 'Bianmin2026!' },
    });
    expect(login.json().error.code).toBe('CROSS_ORIGIN');
  });

  it("lets the console's own pages, and clients that are not browsers, change things", async () => {
    const admin = await t.login('admin');
    const own = await post(
      '/api/window-units',
      admin,
      { origin: OWN, 'sec-fetch-site': 'same-origin' },
      { code: 'own1', name: '本站' },
    );
    expect(own.statusCode).toBe(201);
    // A browser over plain http to a LAN address sends Origin without Sec-Fetch-Site.
    const lan = await post(
      '/api/window-units',
      admin,
      { origin: OWN },
      { code: 'own2', name: '局域网' },
    );
    expect(lan.statusCode).toBe(201);
    // curl or a script: neither header, no browser holding someone's cookie.
    const script = await post('/api/window-units', admin, {}, { code: 'own3', name: '脚本' });
    expect(script.statusCode).toBe(201);
    // Reading is never refused by origin (the browser keeps the answer from the other site).
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { host: HOST, cookie: admin, origin: OTHER_PORT, 'sec-fetch-site': 'same-site' },
    });
    expect(read.statusCode).toBe(200);
  });
});

describe('the app’s own origin behind a reverse proxy', () => {
  let proxied: TestApp;
  let pinned: TestApp;
  beforeAll(async () => {
    proxied = await testApp(await freshDatabase('pglite'), { config: { trustProxy: true } });
    pinned = await testApp(await freshDatabase('pglite'), {
      config: { publicOrigins: ['https://bianmin.example.gov.cn'] },
    });
  });
  afterAll(async () => {
    await proxied.close();
    await pinned.close();
  });

  const create = (t: TestApp, cookie: string, headers: Record<string, string>, code: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/window-units',
      headers: { cookie, host: '127.0.0.1:3000', ...headers },
      payload: { code, name: code },
    });

  it('is the one the browser sees: X-Forwarded-Host and -Proto when the proxy is trusted', async () => {
    const admin = await proxied.login('admin');
    const forwarded = {
      'x-forwarded-host': 'bianmin.example.gov.cn',
      'x-forwarded-proto': 'https',
    };
    const ok = await create(
      proxied,
      admin,
      { ...forwarded, origin: 'https://bianmin.example.gov.cn', 'sec-fetch-site': 'same-origin' },
      'px1',
    );
    expect(ok.statusCode).toBe(201);
    const wrongScheme = await create(
      proxied,
      admin,
      { ...forwarded, origin: 'http://bianmin.example.gov.cn' },
      'px2',
    );
    expect(wrongScheme.json().error.code).toBe('CROSS_ORIGIN');
    const backend = await create(
      proxied,
      admin,
      { ...forwarded, origin: 'http://127.0.0.1:3000' },
      'px3',
    );
    expect(backend.json().error.code).toBe('CROSS_ORIGIN');
  });

  it('is BIANMIN_PUBLIC_ORIGIN alone when that is set, whatever the Host header says', async () => {
    const admin = await pinned.login('admin');
    const ok = await create(pinned, admin, { origin: 'https://bianmin.example.gov.cn' }, 'pin1');
    expect(ok.statusCode).toBe(201);
    const host = await create(pinned, admin, { origin: 'http://127.0.0.1:3000' }, 'pin2');
    expect(host.json().error.code).toBe('CROSS_ORIGIN');
  });
});
