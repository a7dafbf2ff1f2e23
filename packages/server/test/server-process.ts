/**
 * The real server (`src/main.ts`) as a process of its own, for the tests of start-up, shutdown and
 * what an operator sees (lock.test.ts, startup.test.ts, outages.test.ts, disk-full.test.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { systemClock } from '../src/clock.ts';
import { openDatabase } from '../src/db/connect.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/seed.ts';
import { databaseUrl } from './global-setup.ts';

const root = resolve(import.meta.dirname, '../../..');
const main = resolve(root, 'packages/server/src/main.ts');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Everything the process wrote so far, stdout and stderr. */
  output(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then the exit (SIGKILL after 60 s). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => (port ? done(port) : fail(new Error('no free port'))));
    });
  });
}

/**
 * Start `main.ts` in one process (no tsx wrapper, so that a signal reaches the server itself), with
 * the caller's settings on top of a clean environment: no BIANMIN_*, DATABASE_URL or NODE_ENV of
 * the test run leaks in.
 */
export function startServer(env: Record<string, string>, port: number): ServerProcess {
  const base: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('BIANMIN_') || ['DATABASE_URL', 'PORT', 'HOST', 'NODE_ENV'].includes(name))
      continue;
    base[name] = value;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: root,
    env: {
      ...base,
      PORT: String(port),
      HOST: '127.0.0.1',
      BIANMIN_WEB_DIST: '/nonexistent',
      LOG_LEVEL: 'warn',
      // No nightly backup beside a test's folder if a run crosses 02:00 Beijing (backups.test.ts
      // turns it on where it is the subject).
      BIANMIN_BACKUP_AT: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString();
    err += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('exit', (code, signal) => r({ code, signal })),
  );
  return {
    child,
    port,
    output: () => out,
    stderr: () => err,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll `check` until it returns a value; fail with `what` after `ms` (or with what it throws). */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  ms = 90_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`gave up waiting: ${what}`);
    await sleep(200);
  }
}

export interface Answer {
  status: number;
  body: { status?: string; error?: { code: string; message: string }; requestId?: string };
}

/** One request; the JSON answer, or null when the connection failed. */
export async function call(
  port: number,
  method: string,
  path: string,
  opts: { cookie?: string; body?: object } = {},
): Promise<Answer | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: {
        ...(opts.body ? { 'content-type': 'application/json' } : {}),
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
      },
      ...(opts.body ? { body: JSON.stringify(opts.body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
  } catch {
    return null;
  }
}

/** Wait until /api/health answers 200 (or the process ends, which fails at once). */
export async function waitHealthy(server: ServerProcess, ms = 90_000): Promise<void> {
  await waitFor(
    `the server on port ${server.port} answering /api/health`,
    async () => {
      assertRunning(server);
      return (await call(server.port, 'GET', '/api/health'))?.status === 200;
    },
    ms,
  ).catch((e: Error) => {
    throw new Error(`${e.message}\n${server.output().slice(-3000)}`);
  });
}

/** Throws (with what the process wrote) if the server process has ended. */
export function assertRunning(server: ServerProcess): void {
  if (server.child.exitCode !== null || server.child.signalCode !== null)
    throw new Error(
      `the server ended (${server.child.exitCode ?? server.child.signalCode}):\n${server.output().slice(-3000)}`,
    );
}

/** Sign in as a demo account; the Cookie header for later requests. */
export async function signIn(port: number, username = 'admin'): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/**
 * A PGlite data folder with the migrated schema and the demo centers and accounts (no cases),
 * made in this process from the test run's snapshot — seconds, where a server's first start runs
 * initdb and the whole demo.
 */
export async function preparePgliteFolder(dataDir: string): Promise<void> {
  const db = await openDatabase({
    kind: 'pglite',
    dataDir,
    loadDataDir: new Blob([readFileSync(inject('pgliteSnapshot'))]),
  });
  try {
    await seedDemo(db.kysely, systemClock);
  } finally {
    await db.close();
  }
}

/** One statement on its own connection to `url`. */
async function queryAt(url: string, text: string, values?: unknown[]): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** A statement as the superuser of TEST_DATABASE_URL (create, alter, terminate…). */
export const postgresAdmin = (text: string, values?: unknown[]) =>
  queryAt(process.env.TEST_DATABASE_URL!, text, values);

export interface TestPostgresDatabase {
  url: string;
  name: string;
  /** A statement as the superuser, from the maintenance database (create, alter, terminate…). */
  admin(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  /** A statement inside this database. */
  query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

/** A PostgreSQL database of this test run, empty or a migrated copy (with demo accounts). */
export async function createPostgresDatabase(
  suffix: string,
  opts: { migrated: boolean; tablespace?: string },
): Promise<TestPostgresDatabase> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `bianmin_t_${inject('runId')}_${suffix}`;
  const admin = postgresAdmin;
  const template = inject('postgresTemplate');
  await admin(
    (opts.migrated && template
      ? `create database "${name}" template "${template}"`
      : `create database "${name}"`) + (opts.tablespace ? ` tablespace "${opts.tablespace}"` : ''),
  );
  const url = databaseUrl(base, name);
  if (opts.migrated) {
    const db = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
    try {
      await seedDemo(db.kysely, systemClock);
    } finally {
      await db.close();
    }
  }
  return {
    url,
    name,
    admin,
    query: (text, values) => queryAt(url, text, values),
    drop: () => admin(`drop database if exists "${name}" with (force)`).then(() => undefined),
  };
}
