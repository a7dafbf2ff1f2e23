/**
 * Start-up failures as an operator meets them (issue 9 B 2, 8, 9): each with a real server process,
 * its exit code and the one line it prints on stderr — what is wrong and what to do, no stack trace.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { EXIT } from '../src/startup.ts';
import {
  freePort,
  preparePgliteFolder,
  startServer,
  type ServerProcess,
} from './server-process.ts';

/** Mounting a file system needs root (CI runs as root); elsewhere the read-only case is skipped. */
const isRoot = process.getuid?.() === 0;

/** Wait for the process to end, at most `ms`; a server still running then has hung. */
async function exitOf(server: ServerProcess, ms = 60_000) {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), ms)));
  const result = await Promise.race([server.exited, hung]);
  clearTimeout(timer);
  if (result === 'hung') {
    server.child.kill('SIGKILL');
    throw new Error(`the server was still running after ${ms} ms:\n${server.output()}`);
  }
  return result;
}

/** The one line a failed start printed (and nothing else on stderr). */
function oneLine(server: ServerProcess): string {
  const lines = server
    .stderr()
    .split('\n')
    .filter((l) => l.trim() !== '');
  expect(lines, server.stderr()).toHaveLength(1);
  expect(server.stderr()).not.toMatch(/^\s+at /m); // no stack trace
  return lines[0]!;
}

/** Every file of a folder with its size and modification time, to show nothing was touched. */
function snapshotOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath, e.name);
      const s = statSync(path);
      return `${path} ${s.size} ${s.mtimeMs}`;
    })
    .sort();
}

describe('a server that cannot start says why in one line', () => {
  const work = mkdtempSync(join(tmpdir(), 'bianmin-startup-'));
  /** A data folder with a database (migrated, demo accounts), copied for each case that needs one. */
  const good = join(work, 'good');
  beforeAll(() => preparePgliteFolder(good), 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('a port in use: exit 5 before the data folder is touched', async () => {
    const busy = createServer();
    const port = await freePort();
    await new Promise<void>((r) => busy.listen(port, '127.0.0.1', r));
    try {
      const dataDir = join(work, 'never-created');
      const server = startServer({ BIANMIN_DATA_DIR: dataDir }, port);
      expect((await exitOf(server)).code).toBe(EXIT.port);
      const line = oneLine(server);
      expect(line).toContain(`端口 127.0.0.1:${port} 已被占用`);
      expect(line).toContain('set PORT to another port');
      expect(existsSync(dataDir)).toBe(false);

      // … and an existing folder is left exactly as it was (not even a lock file).
      const before = snapshotOf(good);
      const again = startServer({ BIANMIN_DATA_DIR: good }, port);
      expect((await exitOf(again)).code).toBe(EXIT.port);
      expect(snapshotOf(good)).toEqual(before);
    } finally {
      busy.close();
    }
  }, 120_000);

  it('a data folder without PG_VERSION: refused, never re-initialised, left as it was', async () => {
    const dataDir = join(work, 'lost-pg-version');
    execFileSync('cp', ['-a', good, dataDir]);
    unlinkSync(join(dataDir, 'PG_VERSION'));
    const before = snapshotOf(dataDir);
    const server = startServer({ BIANMIN_DATA_DIR: dataDir }, await freePort());
    expect((await exitOf(server)).code).toBe(EXIT.dataFolder);
    const line = oneLine(server);
    expect(line).toContain(`数据目录 ${dataDir} 不是空的，却没有数据库（缺少 PG_VERSION`);
    expect(line).toContain('never creates a database in a non-empty folder');
    expect(snapshotOf(dataDir)).toEqual(before);
  }, 120_000);

  it('a damaged data folder: exit 6, move it aside and restore a backup', async () => {
    const dataDir = join(work, 'damaged');
    execFileSync('cp', ['-a', good, dataDir]);
    writeFileSync(join(dataDir, 'global', 'pg_control'), Buffer.alloc(8192, 0x5a));
    const server = startServer({ BIANMIN_DATA_DIR: dataDir }, await freePort());
    expect((await exitOf(server)).code).toBe(EXIT.dataFolder);
    const line = oneLine(server);
    expect(line).toContain(`数据目录 ${dataDir} 中的数据库无法打开`);
    expect(line).toContain('restore it from a backup');
    // The lock is given back: the operator can retry at once after restoring.
    expect(existsSync(join(dataDir, 'bianmin.lock'))).toBe(false);
  }, 120_000);

  it.skipIf(!isRoot)(
    'a data folder on a read-only file system: exit 6, remount or move it',
    async () => {
      const mountPoint = join(work, 'ro');
      mkdirSync(mountPoint);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256m', 'tmpfs', mountPoint]);
      try {
        const dataDir = join(mountPoint, 'data');
        execFileSync('cp', ['-a', good, dataDir]);
        execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
        const server = startServer({ BIANMIN_DATA_DIR: dataDir }, await freePort());
        expect((await exitOf(server)).code).toBe(EXIT.dataFolder);
        const line = oneLine(server);
        expect(line).toContain(`数据目录 ${dataDir} 不可写（所在磁盘以只读方式挂载，EROFS）`);
        expect(line).toContain('remount its disk read-write');
      } finally {
        execFileSync('umount', [mountPoint]);
      }
    },
    120_000,
  );

  it('a bad setting: exit 2, naming the variable and what it needs (never a password)', async () => {
    const server = startServer(
      { DATABASE_URL: 'mysql://root:s3cret@127.0.0.1/bianmin' },
      await freePort(),
    );
    expect((await exitOf(server)).code).toBe(EXIT.config);
    const line = oneLine(server);
    expect(line).toContain('启动失败：配置有误。DATABASE_URL 应为 postgres://');
    expect(line).not.toContain('s3cret');

    const port = startServer({ BIANMIN_DATA_DIR: join(work, 'unused'), PORT: 'abc' }, 3999);
    expect((await exitOf(port)).code).toBe(EXIT.config);
    expect(oneLine(port)).toContain('PORT 应为 1–65535 的整数，现在是 "abc"');
    expect(existsSync(join(work, 'unused'))).toBe(false);
  }, 120_000);

  it('a database that accepts the connection and never answers: exit 7 after the timeout', async () => {
    // A TCP server that takes connections and says nothing, like a firewall or a hung host.
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    const port = await freePort();
    await new Promise<void>((r) => silent.listen(port, '127.0.0.1', r));
    try {
      const server = startServer(
        {
          DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/bianmin`,
          BIANMIN_DB_CONNECT_TIMEOUT_SECONDS: '2',
        },
        await freePort(),
      );
      expect((await exitOf(server, 60_000)).code).toBe(EXIT.database);
      const line = oneLine(server);
      expect(line).toContain(`数据库 127.0.0.1:${port}/bianmin 在 2 秒内没有应答（连接超时）`);
      expect(line).toContain('BIANMIN_DB_CONNECT_TIMEOUT_SECONDS');
      expect(sockets.length).toBeGreaterThan(0); // it did connect, and was never answered
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  }, 120_000);

  it('a database port nobody listens on: exit 7, start PostgreSQL or fix the address', async () => {
    const port = await freePort();
    const server = startServer(
      { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/bianmin` },
      await freePort(),
    );
    expect((await exitOf(server)).code).toBe(EXIT.database);
    expect(oneLine(server)).toContain(`数据库 127.0.0.1:${port}/bianmin 拒绝连接`);
  }, 120_000);
});

describe('configuration values are checked, each refusal naming its variable', () => {
  const refusal = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    throw new Error(`accepted: ${JSON.stringify(env)}`);
  };

  it('refuses what is not a postgres:// URL, without repeating it', () => {
    for (const url of [
      'mysql://root:s3cret@127.0.0.1/bianmin',
      'postgres://u:s3cret@db:99999/x',
      'host=db user=u password=s3cret',
      'postgres://',
    ]) {
      const message = refusal({ DATABASE_URL: url });
      expect(message).toContain('DATABASE_URL');
      expect(message).not.toContain('s3cret');
    }
    expect(loadConfig({ DATABASE_URL: 'postgresql://u:p@db.local:5433/bianmin' }).databaseUrl).toBe(
      'postgresql://u:p@db.local:5433/bianmin',
    );
    // The replica for the statistics: checked the same way, and only beside a PostgreSQL primary.
    const replica = refusal({
      DATABASE_URL: 'postgres://u@db/bianmin',
      DATABASE_READ_URL: 'mysql://u:s3cret@replica/bianmin',
    });
    expect(replica).toContain('DATABASE_READ_URL');
    expect(replica).not.toContain('s3cret');
    expect(refusal({ DATABASE_READ_URL: 'postgres://u@replica/bianmin' })).toContain(
      'DATABASE_READ_URL needs DATABASE_URL',
    );
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://u@db/bianmin',
        DATABASE_READ_URL: 'postgres://u@replica/bianmin',
      }).databaseReadUrl,
    ).toBe('postgres://u@replica/bianmin');
  });

  it('refuses numbers out of range or with anything else in them', () => {
    expect(refusal({ PORT: '70000' })).toContain('PORT 应为 1–65535 的整数');
    expect(refusal({ PORT: '80x' })).toContain('PORT');
    expect(refusal({ BIANMIN_MIN_FREE_MB: '-5' })).toContain('BIANMIN_MIN_FREE_MB 应为 ≥ 0 的整数');
    expect(refusal({ BIANMIN_DB_CONNECT_TIMEOUT_SECONDS: '0' })).toContain(
      'BIANMIN_DB_CONNECT_TIMEOUT_SECONDS 应为 1–3600',
    );
    const config = loadConfig({
      BIANMIN_MIN_FREE_MB: '0',
      BIANMIN_DB_CONNECT_TIMEOUT_SECONDS: '3',
    });
    expect(config.minFreeMiB).toBe(0);
    expect(config.connectTimeoutSeconds).toBe(3);
    expect(refusal({ BIANMIN_SWEEP_SECONDS: '0' })).toContain('BIANMIN_SWEEP_SECONDS 应为 1–3600');
    expect(refusal({ BIANMIN_OUTBOX_SECONDS: '1.5' })).toContain('BIANMIN_OUTBOX_SECONDS');
    expect(loadConfig({})).toMatchObject({
      sweepSeconds: 60,
      outboxSeconds: 5,
      metricsToken: null,
    });
  });

  it('refuses a metrics token short enough to guess, without repeating it', () => {
    for (const token of ['s3cret', 'a token with spaces in it, long enough']) {
      const message = refusal({ BIANMIN_METRICS_TOKEN: token });
      expect(message).toContain('BIANMIN_METRICS_TOKEN');
      expect(message).not.toContain(token);
    }
    const token = 'a'.repeat(24);
    expect(loadConfig({ BIANMIN_METRICS_TOKEN: token }).metricsToken).toBe(token);
  });
});
