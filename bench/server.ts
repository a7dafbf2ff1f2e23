/**
 * The server under test, run as its own process exactly as in production (`main.ts`), so that the
 * load generator does not share its event loop and its memory can be read from /proc.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { readAuditKey, setAuditKey } from '../packages/server/src/audit/key.ts';
import { round1 } from './stats.ts';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const HOST = '127.0.0.1';

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export interface Memory {
  /** Resident set size now (VmRSS), MiB. */
  rssMiB: number;
  /** Peak resident set size so far (VmHWM), MiB. */
  peakMiB: number;
}

/** Resident memory of a running process, from /proc/<pid>/status (Linux). */
export function memoryOf(pid: number): Memory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: round1(kb('VmRSS') / 1024), peakMiB: round1(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

/** Files and size of a folder, recursively. */
export function folderSize(dir: string): { files: number; mib: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, mib: round1(bytes / 2 ** 20) };
}

let ticksPerSecond: number | null = null;

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat (Linux). */
export function cpuMsOf(pid: number): number | null {
  try {
    ticksPerSecond ??=
      Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields 14 and 15 of stat (utime, stime), counted after the command name
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StopResult extends Exit {
  /** From SIGTERM to the end of the process. */
  ms: number;
}

export interface RunningServer {
  pid: number;
  baseUrl: string;
  /** From spawn() until /api/health first answered 200. */
  startupMs: number;
  /**
   * What the server itself logs as its start-up time: from the first line of main.ts (its modules
   * loaded) until it listens. The rest of startupMs is Node, tsx and loading the modules.
   */
  serverReportedMs: number | null;
  logPath: string;
  /** SIGTERM, then wait for the process to end (SIGKILL after 20 s, reported as a failure). */
  stop(): Promise<StopResult>;
  /** SIGKILL at once: a crash. */
  kill(): Promise<Exit>;
}

export interface ServerOptions {
  /** PGlite data folder; ignored when databaseUrl is set. */
  dataDir: string;
  databaseUrl?: string;
  /** The server's output goes here (appended). */
  logPath: string;
  timeoutMs?: number;
  /** More BIANMIN_* variables for this server (e.g. a benchmark-only setting). */
  env?: Record<string, string>;
}

/** The server's variables (and every BIANMIN_*): the caller's environment must not leak in. */
const OWN_VARIABLES = ['DATABASE_URL', 'PORT', 'HOST', 'LOG_LEVEL', 'NODE_ENV'];

function exited(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
    } else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Servers this process started and that still run: killed if the benchmark itself fails. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** The startupMs of the server's "started" log line (pino JSON) of process `pid`. */
function reportedStartup(logPath: string, pid: number): number | null {
  for (const line of readFileSync(logPath, 'utf8').split('\n').reverse()) {
    if (!line.includes('"startupMs"')) continue;
    try {
      const entry = JSON.parse(line) as { pid?: number; startupMs?: number };
      if (entry.pid === pid && typeof entry.startupMs === 'number') return entry.startupMs;
    } catch {
      // not a JSON line
    }
  }
  return null;
}

/**
 * One audit folder for every server of this benchmark run (decision 0004): they sign their audit
 * entries with one key, and so does this process once a server has made it, because its in-process
 * paths write into the same chains.
 */
let auditDir: string | null = null;

/** Start `packages/server/src/main.ts` as in production and wait until it answers. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('BIANMIN_') || OWN_VARIABLES.includes(name)) delete env[name];
  }
  Object.assign(env, {
    NODE_ENV: 'production',
    HOST,
    PORT: String(port),
    BIANMIN_DATA_DIR: opts.dataDir,
    BIANMIN_AUDIT_DIR: (auditDir ??= mkdtempSync(join(tmpdir(), 'bianmin-bench-audit-'))),
    BIANMIN_DEMO: 'true',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...opts.env,
  });
  const out = openSync(opts.logPath, 'a');
  const started = performance.now();
  // BENCH_CPU_PROF=DIR: the server writes a V8 CPU profile there when it stops (open it in
  // Chrome's DevTools, or sum its self times per function).
  const profile = process.env.BENCH_CPU_PROF;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(
    process.execPath,
    [...flags, '--import', 'tsx', 'packages/server/src/main.ts'],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', out, out],
    },
  );
  closeSync(out);
  running.add(child);
  const exit = exited(child);
  void exit.then(() => running.delete(child));
  let ended = false;
  void exit.then(() => (ended = true));
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the server');
  const baseUrl = `http://${HOST}:${port}`;

  const deadline = started + (opts.timeoutMs ?? 60_000);
  let startupMs: number | null = null;
  while (startupMs === null) {
    if (ended) {
      const e = await exit;
      throw new Error(
        `server ended during start-up (code ${e.code}, signal ${e.signal}); the end of its output:\n` +
          readFileSync(opts.logPath, 'utf8').slice(-2000),
      );
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /api/health in time; see ${opts.logPath}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) startupMs = performance.now() - started;
    } catch {
      // not listening yet
    }
    if (startupMs === null) await sleep(10);
  }

  setAuditKey(readAuditKey(auditDir));

  let serverReportedMs: number | null = null;
  for (let i = 0; i < 100 && serverReportedMs === null; i++) {
    serverReportedMs = reportedStartup(opts.logPath, pid);
    if (serverReportedMs === null) await sleep(10);
  }

  return {
    pid,
    baseUrl,
    startupMs: Math.round(startupMs),
    serverReportedMs,
    logPath: opts.logPath,
    async stop() {
      const t0 = performance.now();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const e = await exit;
      clearTimeout(timer);
      return { ...e, ms: Math.round(performance.now() - t0) };
    },
    async kill() {
      child.kill('SIGKILL');
      return exit;
    },
  };
}
