/**
 * PostgreSQL going away under a running server, and servers starting together (issue 9 B 1, 7):
 * real server processes on the PostgreSQL of TEST_DATABASE_URL (skipped without it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assertRunning,
  call,
  createPostgresDatabase,
  freePort,
  signIn,
  startServer,
  waitFor,
  waitHealthy,
} from './server-process.ts';

const withPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(!withPostgres)('PostgreSQL outages and concurrent starts', () => {
  const work = mkdtempSync(join(tmpdir(), 'bianmin-outage-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('rides out dropped connections: 503 in the error format while down, serving again after', async () => {
    const database = await createPostgresDatabase('rideout', { migrated: true });
    const backends = async () =>
      Number(
        (
          await database.admin(
            'select count(*)::int as n from pg_stat_activity where datname = $1',
            [database.name],
          )
        ).rows[0].n,
      );
    const server = startServer(
      {
        DATABASE_URL: database.url,
        BIANMIN_DEMO: '0',
        BIANMIN_AUDIT_DIR: join(work, 'audit-rideout'),
        BIANMIN_DB_CONNECT_TIMEOUT_SECONDS: '5',
      },
      await freePort(),
    );
    try {
      await waitHealthy(server);
      const cookie = await signIn(server.port);
      const create = (code: string) =>
        call(server.port, 'POST', '/api/window-units', {
          cookie,
          body: { code, name: `断线测试${code}` },
        });
      // Several requests at once, so that the pool holds several idle connections.
      const first = await Promise.all(Array.from({ length: 6 }, (_, i) => create(`up${i}`)));
      expect(first.map((r) => r?.status)).toEqual(Array(6).fill(201));
      expect(await backends()).toBeGreaterThan(1);

      // The database goes away: no new connections, every existing one killed (what a restart
      // does to the server's connections; its idle ones get the error while nobody uses them).
      await database.admin(`alter database "${database.name}" allow_connections false`);
      await database.admin(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [database.name],
      );
      await waitFor('every backend of the database to end', async () => (await backends()) === 0);

      const down = await waitFor('health to say the database is unavailable', async () => {
        assertRunning(server); // before the fix, the dropped connections ended the process here
        const h = await call(server.port, 'GET', '/api/health');
        return h?.status === 503 ? h : null;
      });
      expect(down.body.error?.code).toBe('DATABASE_UNAVAILABLE');
      expect(down.body.error?.message).toContain('暂时连接不上数据库');
      expect(down.body.requestId).toBeTruthy();
      const refused = await create('down');
      expect(refused?.status).toBe(503);
      expect(refused?.body.error?.code).toBe('DATABASE_UNAVAILABLE');
      expect(server.child.exitCode).toBeNull(); // the process is still there

      // The database is back: serving resumes by itself.
      await database.admin(`alter database "${database.name}" allow_connections true`);
      await waitFor('health to answer 200 again', async () => {
        assertRunning(server);
        return (await call(server.port, 'GET', '/api/health'))?.status === 200;
      });
      const again = await create('back');
      expect(again?.status).toBe(201);
      const list = await call(server.port, 'GET', '/api/window-units', { cookie });
      const codes = (list!.body as unknown as { code: string }[]).map((u) => u.code);
      expect(codes).toEqual(expect.arrayContaining(['up0', 'up5', 'back']));
      expect(codes).not.toContain('down');
      expect(server.output()).toContain('a database connection was lost');
      expect((await server.stop()).code).toBe(0);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await database.drop();
    }
  }, 240_000);

  it('two servers starting at once on an empty database: both come up, one demo', async () => {
    const database = await createPostgresDatabase('race', { migrated: false });
    const env = {
      DATABASE_URL: database.url,
      BIANMIN_DEMO: '1',
      // One installation: both servers keep the audit key in the same folder.
      BIANMIN_AUDIT_DIR: join(work, 'audit-race'),
      LOG_LEVEL: 'info',
    };
    const servers = [startServer(env, await freePort()), startServer(env, await freePort())];
    try {
      await Promise.all(servers.map((s) => waitHealthy(s, 240_000)));
      const outputs = servers.map((s) => s.output());
      for (const out of outputs) expect(out).not.toContain('centers_code_key');
      const seeded = outputs.filter((out) =>
        out.includes('demo centers, accounts, cases and settled half-years created'),
      );
      expect(seeded).toHaveLength(1);
      // Each server sees the one demo: the same centers, and one admin account.
      const centers = await Promise.all(
        servers.map(async (s) =>
          (
            (await call(s.port, 'GET', '/api/centers', { cookie: await signIn(s.port) }))!
              .body as unknown as { code: string }[]
          ).map((c) => c.code),
        ),
      );
      expect(centers[0]!.length).toBeGreaterThan(0);
      expect(centers[1]).toEqual(centers[0]);
      const admins = await database.query(
        `select count(*)::int as n from users where username = 'admin'`,
      );
      expect(admins.rows[0].n).toBe(1);
      for (const s of servers) expect((await s.stop()).code).toBe(0);
    } finally {
      for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
      await database.drop();
    }
  }, 360_000);
});
