import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFolderLockedError, lockDataFolder } from '../src/db/lock.ts';
import { EXIT } from '../src/startup.ts';
import {
  freePort,
  preparePgliteFolder,
  signIn,
  startServer,
  waitHealthy as serverHealthy,
} from './server-process.ts';

/** The real server on `dataDir` (a first start on an empty folder creates the whole demo). */
const start = (dataDir: string, port: number) => startServer({ BIANMIN_DATA_DIR: dataDir }, port);

describe('the PGlite data folder with two real processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bianmin-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops a second process at once with a clear message; the first keeps serving and loses nothing', async () => {
    const port = 39000 + Math.floor(Math.random() * 1000);
    const first = start(dir, port);
    try {
      await serverHealthy(first);
      const cookie = await signIn(port);
      const create = (i: number) =>
        fetch(`http://127.0.0.1:${port}/api/window-units`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ code: `lock${i}`, name: `锁测试${i}` }),
        });
      // Writes keep arriving while the second process tries its luck.
      const writes = Array.from({ length: 30 }, (_, i) => create(i));
      const second = start(dir, port + 1);
      const { code } = await second.exited;
      expect(code).toBe(3);
      expect(second.output()).toContain('已被另一个便民系统进程占用');
      expect(second.output()).toContain('in use by another Bianmin process');
      const statuses = (await Promise.all(writes)).map((r) => r.status);
      expect(statuses.every((s) => s === 201)).toBe(true);
      const list = await fetch(`http://127.0.0.1:${port}/api/window-units`, {
        headers: { cookie },
      });
      const codes = ((await list.json()) as { code: string }[])
        .map((u) => u.code)
        .filter((c) => c.startsWith('lock'));
      expect(codes).toHaveLength(30);
    } finally {
      first.child.kill('SIGTERM');
    }
    // A clean shutdown on SIGTERM: exit 0 and the lock released, so a new process starts.
    expect((await first.exited).code).toBe(0);
    const third = start(dir, port + 2);
    try {
      await serverHealthy(third);
      const cookie = await signIn(port + 2);
      const list = await fetch(`http://127.0.0.1:${port + 2}/api/window-units`, {
        headers: { cookie },
      });
      expect(
        ((await list.json()) as { code: string }[]).filter((u) => u.code.startsWith('lock')),
      ).toHaveLength(30);
    } finally {
      third.child.kill('SIGTERM');
      await third.exited;
    }
  }, 120_000);

  it('takes over the lock left by a process that was killed', async () => {
    const port = 40100 + Math.floor(Math.random() * 1000);
    const crashed = start(dir, port);
    await serverHealthy(crashed);
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    const next = start(dir, port + 1);
    try {
      await serverHealthy(next);
    } finally {
      next.child.kill('SIGTERM');
      expect((await next.exited).code).toBe(0);
    }
  }, 120_000);

  it('finishes the requests in flight on SIGTERM, then closes the database cleanly', async () => {
    const port = 41200 + Math.floor(Math.random() * 1000);
    const server = start(dir, port);
    await serverHealthy(server);
    const cookie = await signIn(port);
    let stoppedAt = Infinity;
    let firstAnswer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
    // Each write on a connection of its own, so that all of them reach the server at once (a shared
    // client pool would hold most of them back and they would never be in flight).
    const writes = Array.from(
      { length: 20 },
      (_, i) =>
        new Promise<{ status: number; afterStop: boolean }>((done) => {
          const body = JSON.stringify({ code: `term${i}`, name: `停机测试${i}` });
          const req = request(
            {
              host: '127.0.0.1',
              port,
              path: '/api/window-units',
              method: 'POST',
              agent: false,
              headers: {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(body),
                cookie,
              },
            },
            (res) => {
              res.resume();
              res.on('end', () => {
                firstAnswer();
                done({ status: res.statusCode ?? 0, afterStop: Date.now() > stoppedAt });
              });
            },
          );
          // The connection was not taken: nothing was done.
          req.on('error', () => done({ status: 0, afterStop: true }));
          req.end(body);
        }),
    );
    // Stop while the server is working through them: once the first write is answered, the others
    // are in flight (the embedded database takes one transaction at a time).
    await answered;
    stoppedAt = Date.now();
    server.child.kill('SIGTERM');
    const results = await Promise.all(writes);
    // Requests the server had taken finish after the signal; late ones are refused, never half-done.
    expect(results.filter((r) => r.status === 201 && r.afterStop).length).toBeGreaterThan(0);
    expect(results.every((r) => [201, 503, 0].includes(r.status))).toBe(true);
    const acknowledged = results.filter((r) => r.status === 201).length;
    expect((await server.exited).code).toBe(0); // main.ts exits 0 only after the database closed cleanly

    const again = start(dir, port + 1);
    try {
      await serverHealthy(again);
      const list = await fetch(`http://127.0.0.1:${port + 1}/api/window-units`, {
        headers: { cookie: await signIn(port + 1) },
      });
      const stored = ((await list.json()) as { code: string }[]).filter((u) =>
        u.code.startsWith('term'),
      );
      expect(stored).toHaveLength(acknowledged);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  }, 120_000);
});

/** A lock file as another host wrote it: a container that was re-created has a new host name. */
function foreignLock(dir: string, host = 'bianmin-old-7f3c2a') {
  const holder = { host, pid: 4242, startedAt: '123456' };
  writeFileSync(join(dir, 'bianmin.lock'), JSON.stringify(holder));
  return holder;
}

describe('a lock left by another host (issue 9 B 5)', () => {
  const work = mkdtempSync(join(tmpdir(), 'bianmin-lock-host-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('is refused with the lock file, the host and pid recorded, and how to release it safely', () => {
    const dir = join(work, 'refused');
    lockDataFolder(dir).release(); // the folder exists
    const holder = foreignLock(dir);
    const lockFile = join(dir, 'bianmin.lock');
    let error: unknown = null;
    try {
      lockDataFolder(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataFolderLockedError);
    const message = (error as Error).message;
    expect(message).toContain(`锁文件 ${lockFile}`);
    expect(message).toContain(`主机 ${holder.host}，进程号 4242`);
    expect(message).toContain(`本机是 ${hostname()}`);
    expect(message).toContain(`请确认主机 ${holder.host} 上没有便民系统进程在使用这个目录`);
    expect(message).toContain(`删除锁文件 ${lockFile}`);
    expect(message).toContain(`BIANMIN_TAKE_OVER_LOCK_FROM=${holder.host}`);
    expect(message).toContain(`Make sure no Bianmin process on ${holder.host} uses this folder`);
    // Not the advice for a process of this host, which does not exist here.
    expect(message).not.toContain('kill -TERM');
    expect(message.split('\n')).toHaveLength(1);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toEqual(holder); // left alone
  });

  it('is taken over only when the operator names that host', () => {
    const dir = join(work, 'released');
    lockDataFolder(dir).release();
    const holder = foreignLock(dir);
    expect(() => lockDataFolder(dir, { takeOverFrom: 'some-other-host' })).toThrow(
      DataFolderLockedError,
    );
    const lock = lockDataFolder(dir, { takeOverFrom: holder.host });
    try {
      expect(lock.tookOverFrom).toEqual(holder);
      const now = JSON.parse(readFileSync(join(dir, 'bianmin.lock'), 'utf8')) as typeof holder;
      expect(now).toMatchObject({ host: hostname(), pid: process.pid });
    } finally {
      lock.release();
    }
  });

  it('never lets the override take the lock of a live process of this host', async () => {
    const dir = join(work, 'alive');
    const other = spawn('sleep', ['60']);
    try {
      await new Promise((r) => other.once('spawn', r));
      const stat = readFileSync(`/proc/${other.pid}/stat`, 'utf8');
      const startedAt = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
      lockDataFolder(dir).release();
      writeFileSync(
        join(dir, 'bianmin.lock'),
        JSON.stringify({ host: hostname(), pid: other.pid, startedAt }),
      );
      expect(() => lockDataFolder(dir, { takeOverFrom: hostname() })).toThrow(
        /本机进程号 \d+.*kill -TERM/,
      );
    } finally {
      other.kill('SIGKILL');
    }
  });

  describe('with a real server process', () => {
    const dataDir = join(work, 'server');
    beforeAll(() => preparePgliteFolder(dataDir), 120_000);

    it('says it in one line and exits 3; started once with the override it runs', async () => {
      const holder = foreignLock(dataDir);
      const refused = startServer(
        { BIANMIN_DATA_DIR: dataDir, BIANMIN_DEMO: '0' },
        await freePort(),
      );
      expect((await refused.exited).code).toBe(EXIT.locked);
      const lines = refused.stderr().split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`BIANMIN_TAKE_OVER_LOCK_FROM=${holder.host}`);

      const server = startServer(
        {
          BIANMIN_DATA_DIR: dataDir,
          BIANMIN_DEMO: '0',
          BIANMIN_TAKE_OVER_LOCK_FROM: holder.host,
        },
        await freePort(),
      );
      try {
        await serverHealthy(server);
        expect(server.output()).toContain(`took over the data-folder lock of host ${holder.host}`);
      } finally {
        expect((await server.stop()).code).toBe(0);
      }
    }, 120_000);
  });
});
