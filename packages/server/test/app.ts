import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { auditKeyOf, setAuditKey } from '../src/audit/key.ts';
import type { Clock } from '../src/clock.ts';
import { loadConfig, type Config } from '../src/config.ts';
import type { Db } from '../src/db/connect.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/seed.ts';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private t = new Date('2026-03-02T01:00:00Z').getTime()) {}
  now = () => new Date(this.t);
  advance(ms: number) {
    this.t += ms;
  }
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  clock: TestClock;
  config: Config;
  /** Sign in and return the cookie header to send with later requests. */
  login(username: string, password?: string): Promise<string>;
  /** One API request as the holder of `cookie`, with an optional JSON body. */
  call(
    cookie: string,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The audit key of every test installation: the harness signs the trail as a server does. */
export const TEST_AUDIT_KEY = auditKeyOf(Buffer.alloc(32, 7));

/** The real application on a real database, seeded with the demo centers. */
export async function testApp(
  db: Db,
  opts: { seed?: boolean; config?: Partial<Config>; now?: Date; readDb?: Db } = {},
): Promise<TestApp> {
  const clock = new TestClock(opts.now?.getTime());
  setAuditKey(TEST_AUDIT_KEY);
  if (opts.seed !== false) await seedDemo(db.kysely, clock);
  // An audit folder of its own (anchors), never the one of a server run from this checkout.
  const auditDir = mkdtempSync(join(tmpdir(), 'bianmin-audit-'));
  const defaults = loadConfig({});
  // Backups taken through the API (fuzz.test.ts) go to a folder of their own, never the checkout.
  const backup = { ...defaults.backup, dir: mkdtempSync(join(tmpdir(), 'bianmin-backups-')) };
  const config = { ...defaults, webDist: null, demo: false, auditDir, backup, ...opts.config };
  const app = await buildApp({
    db,
    config,
    clock,
    ...(opts.readDb ? { readDb: opts.readDb } : {}),
  });
  await app.ready();
  return {
    app,
    db,
    clock,
    config,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200)
        throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return cookieHeader(res);
    },
    call: (cookie, method, url, payload) =>
      app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) }),
    async close() {
      await app.close();
      await db.close();
      await opts.readDb?.close();
      rmSync(auditDir, { recursive: true, force: true });
    },
  };
}

/** The cookies a response set, as a Cookie request header. */
export function cookieHeader(res: LightMyRequestResponse): string {
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** A refusal's message for each field it names: `{ phone: '服务电话：…' }`. */
export const fieldMessages = (res: LightMyRequestResponse): Record<string, string> =>
  Object.fromEntries(
    res
      .json<{ error: { fields: { field: string; message: string }[] } }>()
      .error.fields.map((f) => [f.field, f.message]),
  );
