import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const main = resolve(root, 'packages/server/src/main.ts');

function start(
  dataDir: string,
  port: number,
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  // One process (no tsx wrapper), so that a kill reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: root,
    env: {
      ...process.env,
      BIANMIN_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      BIANMIN_WEB_DIST: '/nonexistent',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

async function waitHealthy(port: number, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not come up');
}

async function login(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Bianmin2026!' }),
  });
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('the PGlite data folder with two real processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bianmin-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops a second process at once with a clear message; the first keeps serving and loses nothing', async () => {
    const port = 39000 + Math.floor(Math.random() * 1000);
    const first = start(dir, port);
    try {
      await waitHealthy(port);
      const cookie = await login(port);
      const create = (i: number) =>
        fetch(`http://127.0.0.1:${port}/api/window-units`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ code: `lock${i}`, name: `锁测试${i}` }),
        });
      // Writes keep arriving while the second process tries its luck.
      const writes = Array.from({ length: 30 }, (_, i) => create(i));
      const second = start(dir, port + 1);
      const code = await second.exited;
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
    expect(await first.exited).toBe(0);
    const third = start(dir, port + 2);
    try {
      await waitHealthy(port + 2);
      const cookie = await login(port + 2);
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
    await waitHealthy(port);
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    const next = start(dir, port + 1);
    try {
      await waitHealthy(port + 1);
    } finally {
      next.child.kill('SIGTERM');
      expect(await next.exited).toBe(0);
    }
  }, 120_000);

  it('finishes the requests in flight on SIGTERM, then closes the database cleanly', async () => {
    const port = 41200 + Math.floor(Math.random() * 1000);
    const server = start(dir, port);
    await waitHealthy(port);
    const cookie = await login(port);
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
    expect(await server.exited).toBe(0); // main.ts exits 0 only after the database closed cleanly

    const again = start(dir, port + 1);
    try {
      await waitHealthy(port + 1);
      const list = await fetch(`http://127.0.0.1:${port + 1}/api/window-units`, {
        headers: { cookie: await login(port + 1) },
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
