import { can, ROLES, type Role } from '@bianmin/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';
import { oneUserPerRole } from './roles.ts';

type Op = {
  requestBody?: {
    content?: { 'application/json'?: { schema?: { properties?: Record<string, unknown> } } };
  };
  parameters?: { in: string; name: string }[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
};

const nasty = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    '99999999999999999999',
    "' or 1=1 --",
    '"; drop table users; --',
    '\u0000',
    '%00',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '青石'.repeat(300),
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(
  nasty,
  fc.array(nasty, { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), nasty, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

describe.each(DATABASES)('random and malformed input to every route on %s', (kind) => {
  let t: TestApp;
  let spec: { paths: Record<string, Record<string, Op>> };
  const cookies: string[] = [];
  const byRole = new Map<Role, string>();
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    cookies.push(await t.login('admin'), await t.login('county'), await t.login('shenji'));
    for (const [role, username] of await oneUserPerRole(t.db.kysely))
      byRole.set(role, await t.login(username));
    spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });

  it('refuses U+0000 in any field of any route as bad input, naming the field', async () => {
    let sent = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [lower, op] of Object.entries(methods)) {
        const method = lower.toUpperCase() as 'GET' | 'POST';
        const pattern = path.replace(/\{([^}]+)\}/g, ':$1');
        const access = t.app.routeAccess.find(
          (r) => r.method === method && r.url === pattern,
        )!.access;
        // A caller the route lets in, so that the input is looked at.
        const role =
          access === 'public'
            ? null
            : ROLES.find((r) => access === 'signed-in' || can([r], access));
        if (role === undefined) continue;
        const cookie = role === null ? undefined : byRole.get(role);
        const fields = Object.keys(
          op.requestBody?.content?.['application/json']?.schema?.properties ?? {},
        );
        const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        const pathNames = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        // Every declared field, query parameter and path parameter at once; a route with none gets
        // an undeclared one.
        const query = queryNames.length > 0 ? queryNames : method === 'GET' ? ['x'] : [];
        const body = fields.length > 0 || method === 'GET' || query.length > 0 ? fields : ['x'];
        const url =
          path.replace(/\{[^}]+\}/g, '1%00') +
          (query.length > 0 ? `?${query.map((q) => `${q}=a%00b`).join('&')}` : '');
        const res = await t.app.inject({
          method,
          url,
          headers: { ...(cookie ? { cookie } : {}), 'content-type': 'application/json' },
          ...(method === 'GET'
            ? {}
            : { payload: JSON.stringify(Object.fromEntries(body.map((f) => [f, 'a\u0000b']))) }),
        });
        const label = `${method} ${url} as ${role ?? 'anyone'}`;
        expect(res.statusCode, `${label} → ${res.body.slice(0, 300)}`).toBe(400);
        const error = res.json().error;
        expect(error.code, label).toBe('INVALID_CHARACTER');
        expect(error.fields.map((f: { field: string }) => f.field).sort(), label).toEqual(
          [...new Set([...body, ...query, ...pathNames])].sort(),
        );
        sent += 1;
      }
    }
    expect(sent).toBeGreaterThan(100);
  });
  afterAll(() => t.close());

  it('never answers with a 5xx', async () => {
    // Signing out would end the fuzzer's own sessions; everything else is fair game.
    const ops = Object.entries(spec.paths)
      .filter(([path]) => path !== '/api/auth/logout')
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({
          path,
          method: method.toUpperCase(),
          fields: Object.keys(
            op.requestBody?.content?.['application/json']?.schema?.properties ?? {},
          ),
          // A file it is documented to produce (an Excel export, a PDF), besides JSON.
          files: Object.values(op.responses ?? {})
            .flatMap((res) => Object.keys(res.content ?? {}))
            .filter((type) => type !== 'application/json'),
        })),
      );
    const request = fc.record({
      op: fc.constantFrom(...ops),
      cookie: fc.constantFrom(...cookies),
      id: fc.oneof(
        fc.constantFrom(
          '1',
          '2',
          '0',
          '-5',
          'abc',
          '1.5',
          '99999999999999999999',
          '%27',
          '1;select',
        ),
        fc.string({ maxLength: 12 }),
      ),
      body: fc.oneof(value, fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 6 })),
      fieldValues: fc.array(value, { minLength: 12, maxLength: 12 }),
      useFields: fc.boolean(),
      query: fc.dictionary(
        fc.constantFrom(
          'centerId',
          'q',
          'page',
          'pageSize',
          'from',
          'to',
          'action',
          'includeLeft',
          'x',
        ),
        fc.string({ maxLength: 20 }),
        { maxKeys: 3 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const url =
          r.op.path.replace(/\{[^}]+\}/g, encodeURIComponent(r.id)) +
          '?' +
          new URLSearchParams(r.query).toString();
        const body = r.useFields
          ? Object.fromEntries(r.op.fields.map((f, i) => [f, r.fieldValues[i]]))
          : r.body;
        const res = await t.app.inject({
          method: r.op.method as 'GET',
          url,
          headers: { cookie: r.cookie },
          ...(r.op.method === 'GET'
            ? {}
            : {
                payload: JSON.stringify(body),
                headers: { cookie: r.cookie, 'content-type': 'application/json' },
              }),
        });
        expect(
          res.statusCode,
          `${r.op.method} ${url} ${JSON.stringify(body).slice(0, 300)} → ${res.body.slice(0, 300)}`,
        ).toBeLessThan(500);
        const type = String(res.headers['content-type']);
        // Everything is JSON but the file a route is documented to produce, when it succeeds.
        const file = res.statusCode < 300 && r.op.files.some((f) => type.startsWith(f));
        if (res.statusCode !== 204 && !file) expect(type).toMatch(/application\/json/);
      }),
      { numRuns: 400 },
    );
  });
});
