/**
 * A full disk under the embedded database (issue 9 B 4), with a real server process on a small
 * file system of its own (tmpfs; mounting needs root, which CI is — elsewhere this is skipped):
 * writes are refused with DISK_FULL, reads and health go on, space coming back brings writes back,
 * and SIGTERM still stops the server cleanly.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import {
  assertRunning,
  call,
  createPostgresDatabase,
  freePort,
  postgresAdmin,
  preparePgliteFolder,
  signIn,
  startServer,
  waitFor,
  waitHealthy,
} from './server-process.ts';

const isRoot = process.getuid?.() === 0;
const MiB = 2 ** 20;

const freeBytes = (dir: string) => {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
};

/** Fill the file system of `dir` until `leave` bytes are free (0: until the kernel says ENOSPC). */
function fill(dir: string, name: string, leave: number) {
  const chunk = Buffer.alloc(MiB, 1);
  const file = join(dir, name);
  writeFileSync(file, '');
  try {
    for (;;) {
      const free = freeBytes(dir);
      if (free <= leave) return;
      writeFileSync(file, free - leave >= MiB ? chunk : chunk.subarray(0, free - leave), {
        flag: 'a',
      });
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  }
}

describe.skipIf(!isRoot)('a full disk under the embedded database', () => {
  const work = mkdtempSync(join(tmpdir(), 'bianmin-disk-'));
  const disk = join(work, 'disk');
  afterAll(() => {
    if (existsSync(disk)) execFileSync('umount', ['-l', disk]);
    rmSync(work, { recursive: true, force: true });
  });

  it('refuses writes with DISK_FULL, keeps reads and health, recovers, and stops on SIGTERM', async () => {
    mkdirSync(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', disk]);
    const dataDir = join(disk, 'data');
    await preparePgliteFolder(dataDir);
    const server = startServer(
      {
        BIANMIN_DATA_DIR: dataDir,
        BIANMIN_MIN_FREE_MB: '32',
        BIANMIN_AUDIT_DIR: join(work, 'audit'),
        BIANMIN_DEMO: '0',
      },
      await freePort(),
    );
    try {
      await waitHealthy(server);
      const cookie = await signIn(server.port);
      const create = (code: string) =>
        call(server.port, 'POST', '/api/window-units', {
          cookie,
          body: { code, name: `磁盘测试${code}` },
        });
      expect((await create('before'))?.status).toBe(201);

      // Another program fills the disk to the last byte.
      fill(disk, 'filler', 0);
      expect(freeBytes(disk)).toBeLessThan(MiB);
      const full = await waitFor('health to report the full disk', async () => {
        assertRunning(server);
        const h = await call(server.port, 'GET', '/api/health');
        return h?.status === 200 && h.body.status === 'disk-full' ? h : null;
      });
      expect(full.body.status).toBe('disk-full');

      const refused = await create('during');
      expect(refused?.status).toBe(503);
      expect(refused?.body.error?.code).toBe('DISK_FULL');
      expect(refused?.body.error?.message).toContain('磁盘空间不足');
      expect(refused?.body.requestId).toBeTruthy();
      // Reads go on, for a session that was signed in before and for a new look at the data.
      const list = await call(server.port, 'GET', '/api/window-units', { cookie });
      expect(list?.status).toBe(200);
      const codes = (list!.body as unknown as { code: string }[]).map((u) => u.code);
      expect(codes).toContain('before');
      expect(codes).not.toContain('during');
      expect(server.child.exitCode).toBeNull();
      expect(server.output()).toContain('磁盘空间不足');

      // Space comes back: writes come back by themselves.
      rmSync(join(disk, 'filler'));
      const back = await waitFor('writes to be accepted again', async () => {
        const r = await create(`after${Date.now()}`);
        return r?.status === 201 ? r : null;
      });
      expect(back.status).toBe(201);
      expect((await call(server.port, 'GET', '/api/health'))?.body.status).toBe('ok');

      // Below the reserve (not yet at the last byte) writes stop again, before PostgreSQL could
      // meet ENOSPC in the middle of writing its log.
      fill(disk, 'filler', 16 * MiB);
      const reserve = await create('reserve');
      expect(reserve?.status).toBe(503);
      expect(reserve?.body.error?.code).toBe('DISK_FULL');

      // SIGTERM on a full disk: the server hears it, closes the database and gives the lock back.
      fill(disk, 'filler', 0);
      const stopped = await server.stop();
      expect(stopped.code).toBe(0);
      expect(existsSync(join(dataDir, 'bianmin.lock'))).toBe(false);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  }, 240_000);
});

/**
 * The same on PostgreSQL: its disk is the database server's, and PostgreSQL itself refuses what it
 * cannot store (SQLSTATE 53100) — which must reach the clerk as DISK_FULL, not as a 500. The test
 * database lives in a tablespace on a small tmpfs; needs root and a PostgreSQL on this machine.
 */
describe.skipIf(!isRoot || !process.env.TEST_DATABASE_URL)('a full disk under PostgreSQL', () => {
  const work = mkdtempSync(join(tmpdir(), 'bianmin-pgdisk-'));
  const disk = join(work, 'disk');
  const tablespace = `bianmin_t_${inject('runId')}_small`;
  afterAll(() => {
    if (existsSync(disk)) execFileSync('umount', ['-l', disk]);
    rmSync(work, { recursive: true, force: true });
  });

  it('answers DISK_FULL when PostgreSQL cannot extend a table, reads go on, writes come back', async (ctx) => {
    chmodSync(work, 0o755); // the PostgreSQL server (user postgres) must reach the tablespace
    mkdirSync(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', disk]);
    const location = join(disk, 'ts');
    mkdirSync(location);
    try {
      // The tablespace folder belongs to the server's user; both exist only with a local server.
      const [uid, gid] = ['-u', '-g'].map((f) =>
        Number(execFileSync('id', [f, 'postgres'], { encoding: 'utf8' }).trim()),
      );
      chownSync(location, uid!, gid!);
      await postgresAdmin(`create tablespace "${tablespace}" location '${location}'`);
    } catch (e) {
      ctx.skip(`PostgreSQL is not on this machine: ${(e as Error).message}`);
    }
    const database = await createPostgresDatabase('disk', { migrated: true, tablespace });
    const server = startServer(
      {
        DATABASE_URL: database.url,
        BIANMIN_DEMO: '0',
        BIANMIN_AUDIT_DIR: join(work, 'audit'),
      },
      await freePort(),
    );
    try {
      await waitHealthy(server);
      const cookie = await signIn(server.port);
      let n = 0;
      const create = () =>
        call(server.port, 'POST', '/api/window-units', {
          cookie,
          body: { code: `pg${++n}`, name: `磁盘测试${'满'.repeat(40)}` },
        });
      expect((await create())?.status).toBe(201);

      fill(disk, 'filler', 0);
      // Rows go into free room of existing pages until a table must grow.
      let refused = await create();
      while (refused?.status === 201 && n < 5000) refused = await create();
      expect(refused?.status).toBe(503);
      expect(refused?.body.error?.code).toBe('DISK_FULL');
      expect((await call(server.port, 'GET', '/api/window-units', { cookie }))?.status).toBe(200);
      expect((await call(server.port, 'GET', '/api/health'))?.status).toBe(200);

      rmSync(join(disk, 'filler'));
      expect((await create())?.status).toBe(201);
      expect((await server.stop()).code).toBe(0);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await database.drop();
      await database.admin(`drop tablespace if exists "${tablespace}"`);
    }
  }, 240_000);
});
