import { can, ROLES, type Role } from '@bianmin/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';
import { oneUserPerRole } from './roles.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Every documented route, from the OpenAPI document itself, with a concrete URL. */
function documentedRoutes(spec: { paths: Record<string, Record<string, unknown>> }) {
  return Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => ({
      method: method.toUpperCase() as Method,
      path,
      url: path.replace(/\{[^}]+\}/g, '1'),
    })),
  );
}

describe.each(DATABASES)('access control on every route, on %s', (kind) => {
  let t: TestApp;
  const cookies = new Map<Role, string>();
  let routes: ReturnType<typeof documentedRoutes>;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    const users = await oneUserPerRole(t.db.kysely);
    for (const [role, username] of users) cookies.set(role, await t.login(username));
    routes = documentedRoutes(
      (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json(),
    );
  });
  afterAll(() => t.close());

  const accessOf = (method: string, path: string) => {
    const url = path.replace(/\{([^}]+)\}/g, ':$1');
    const found = t.app.routeAccess.find((r) => r.method === method && r.url === url);
    if (!found) throw new Error(`${method} ${path} is documented but not registered`);
    return found.access;
  };

  it('documents every route in OpenAPI, each with a response schema', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    const documented = new Set(
      routes.map((r) => `${r.method} ${r.path.replace(/\{([^}]+)\}/g, ':$1')}`),
    );
    const registered = t.app.routeAccess
      .filter((r) => r.url !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.url}`);
    expect([...documented].sort()).toEqual([...new Set(registered)].sort());
    for (const [path, ops] of Object.entries(
      spec.paths as Record<string, Record<string, { responses?: object }>>,
    )) {
      for (const [method, op] of Object.entries(ops))
        expect(Object.keys(op.responses ?? {}), `${method} ${path}`).not.toHaveLength(0);
    }
  });

  it('refuses every non-public route to a stranger with 401, before looking at the input', async () => {
    for (const r of routes) {
      const access = accessOf(r.method, r.path);
      const res = await t.app.inject({
        method: r.method,
        url: r.url,
        ...(r.method === 'GET' ? {} : { payload: { junk: true } }),
      });
      if (access === 'public') expect(res.statusCode, `${r.method} ${r.path}`).not.toBe(401);
      else {
        expect(res.statusCode, `${r.method} ${r.path}`).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('refuses each role every route its permissions do not cover, and lets it through otherwise', async () => {
    let checked = 0;
    for (const role of ROLES) {
      for (const r of routes) {
        const access = accessOf(r.method, r.path);
        if (access === 'public' || r.path === '/api/auth/logout') continue;
        const res = await t.app.inject({
          method: r.method,
          url: r.url,
          headers: { cookie: cookies.get(role)! },
          ...(r.method === 'GET' ? {} : { payload: {} }),
        });
        const allowed = access === 'signed-in' || can([role], access);
        const label = `${role} ${r.method} ${r.path}`;
        // A file (an Excel export) is an answer too: the role was let through.
        const json = String(res.headers['content-type'] ?? '').includes('json');
        if (allowed) expect(json ? res.json()?.error?.code : null, label).not.toBe('FORBIDDEN');
        else {
          expect(res.statusCode, label).toBe(403);
          expect(res.json().error.code, label).toBe('FORBIDDEN');
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(ROLES.length * 15);
  });
});
