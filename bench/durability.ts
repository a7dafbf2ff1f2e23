/**
 * The durability benchmark: `npm run bench:durability` (docs/perf.md, "Ack → fsync").
 *
 * How long after the server acknowledged a write is that write on disk? The real server process
 * runs on a PGlite data folder; `BENCH_CLIENTS` clients (8) create staff through the HTTP API as
 * fast as they are answered, and strace, attached to every thread of the server, records each
 * write to and each fsync of a file of the data folder, with its start and its duration. For every
 * acknowledged write the benchmark takes the last write into the write-ahead log (pg_wal) that
 * began before the answer arrived — the commit record of that request, or a later one — and the
 * first fsync of that WAL file (or syncfs of its file system) that began after that write ended:
 * its end is when the acknowledged write was on disk at the latest. Reported: that instant minus
 * the instant of the answer (negative: synced before the answer), as percentiles, and the writes
 * for which no such fsync came before the trace ended (BENCH_GRACE_SECONDS after the load).
 *
 * The clients and strace read the same clock (CLOCK_REALTIME). strace slows every traced call
 * (it stops the thread twice), so the figures are those of a traced server: the ordering they
 * show is real, the throughput is not the untraced one (bench:run measures that).
 *
 * Before strace is attached, the same load runs BENCH_UNTRACED_SECONDS untraced: the write rate
 * and answer times of the server as it runs in production.
 *
 * Environment: BENCH_SECONDS (30), BENCH_CLIENTS (8), BENCH_WARMUP_SECONDS (2),
 * BENCH_UNTRACED_SECONDS (10), BENCH_GRACE_SECONDS (10), BENCH_STRACE (strace), BENCH_KEEP=1 to keep the folder and the trace.
 * Needs strace (Debian package strace) and the right to ptrace the server (root, or
 * kernel.yama.ptrace_scope 0).
 */
import { spawn } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { systemClock } from '../packages/server/src/clock.ts';
import { openDatabase } from '../packages/server/src/db/connect.ts';
import { seedDemo } from '../packages/server/src/demo/seed.ts';
import { login, staffBody } from './load.ts';
import { gitDescribe } from './machine.ts';
import { intEnv } from './rounds.ts';
import { REPO_ROOT, startServer } from './server.ts';
import { latencyOf, round2, type Latency } from './stats.ts';

const SECONDS = intEnv('BENCH_SECONDS', 30, 1);
const CLIENTS = intEnv('BENCH_CLIENTS', 8, 1);
const WARMUP = intEnv('BENCH_WARMUP_SECONDS', 2, 0);
const GRACE = intEnv('BENCH_GRACE_SECONDS', 10, 0);
const UNTRACED = intEnv('BENCH_UNTRACED_SECONDS', 10, 0);
const STRACE = process.env.BENCH_STRACE || 'strace';
const KEEP = process.env.BENCH_KEEP === '1';

const say = (text: string) => process.stderr.write(`[bench:durability] ${text}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Wall-clock time in seconds with µs resolution, the clock strace -ttt prints. */
const wallNow = () => (performance.timeOrigin + performance.now()) / 1000;

interface Ack {
  sentAt: number;
  ackedAt: number;
}

/** `clients` loops of POST /api/staff until `until`; the acknowledged (201) writes. */
async function writeLoad(
  baseUrl: string,
  cookie: string,
  clients: number,
  until: number,
  prefix: string,
): Promise<{ acks: Ack[]; failures: number; firstFailure: string | null }> {
  const acks: Ack[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  let n = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (wallNow() < until) {
        const staffNo = `${prefix}-${++n}`;
        const sentAt = wallNow();
        try {
          const res = await fetch(`${baseUrl}/api/staff`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie },
            body: JSON.stringify(staffBody(staffNo)),
          });
          const text = await res.text();
          const ackedAt = wallNow();
          if (res.status === 201) acks.push({ sentAt, ackedAt });
          else {
            failures += 1;
            firstFailure ??= `${res.status} ${text.slice(0, 200)}`;
          }
        } catch (e) {
          failures += 1;
          firstFailure ??= String(e);
        }
      }
    }),
  );
  return { acks, failures, firstFailure };
}

interface Call {
  name: string;
  path: string;
  start: number;
  end: number;
}

const COMPLETE = /^(\d+)\s+(\d+\.\d+)\s+(\w+)\((\d+)<([^>]*)>.*=\s+(-?\d+).*<(\d+\.\d+)>$/;
const UNFINISHED = /^(\d+)\s+(\d+\.\d+)\s+(\w+)\((\d+)<([^>]*)>.*<unfinished \.\.\.>$/;
const RESUMED = /^(\d+)\s+\d+\.\d+\s+<\.\.\. (\w+) resumed>.*=\s+(-?\d+).*<(\d+\.\d+)>$/;

/** The calls of an `strace -f -ttt -T -y` trace on files under `dir` (failed calls left out). */
async function readTrace(file: string, dir: string): Promise<Call[]> {
  const calls: Call[] = [];
  const open = new Map<string, { name: string; path: string; start: number }>();
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    let m = COMPLETE.exec(line);
    if (m) {
      const [, , start, name, , path, ret, took] = m;
      if (Number(ret) >= 0 && path!.startsWith(dir))
        calls.push({ name: name!, path: path!, start: Number(start), end: +start! + +took! });
      continue;
    }
    m = UNFINISHED.exec(line);
    if (m) {
      const [, pid, start, name, , path] = m;
      open.set(`${pid}:${name}`, { name: name!, path: path!, start: Number(start) });
      continue;
    }
    m = RESUMED.exec(line);
    if (m) {
      const [, pid, name, ret, took] = m;
      const begun = open.get(`${pid}:${name}`);
      open.delete(`${pid}:${name}`);
      if (begun && Number(ret) >= 0 && begun.path.startsWith(dir))
        calls.push({ ...begun, end: begun.start + Number(took) });
    }
  }
  return calls.sort((a, b) => a.start - b.start);
}

const WRITES = new Set(['write', 'pwrite64', 'pwritev', 'pwritev2', 'writev']);
const SYNCS = new Set(['fsync', 'fdatasync']);

interface Durability {
  acknowledged: number;
  /** Milliseconds from the answer until the write was on disk (negative: before the answer). */
  ackToFsyncMs: Latency;
  /** How long each fsync of a WAL file took (ms, strace -T). */
  walFsyncMs: Latency;
  /** Acknowledged writes with no covering fsync before the trace ended. */
  neverSynced: number;
  walWrites: number;
  fsyncs: number;
  syncfs: number;
}

/**
 * For each acknowledged write: the end of the first fsync of the WAL file (or syncfs) that began
 * after the last WAL write which began before the answer. An upper bound of when it was durable.
 */
function analyse(acks: Ack[], calls: Call[]): Durability {
  const isWal = (c: Call) => c.path.includes('/pg_wal/');
  const walWrites = calls.filter((c) => WRITES.has(c.name) && isWal(c));
  const syncs = calls.filter((c) => SYNCS.has(c.name) || c.name === 'syncfs');
  const delays: number[] = [];
  let never = 0;
  let w = 0;
  for (const ack of [...acks].sort((a, b) => a.ackedAt - b.ackedAt)) {
    while (w < walWrites.length && walWrites[w]!.start < ack.ackedAt) w += 1;
    const last = walWrites[w - 1];
    if (!last || last.start < ack.sentAt - 60) {
      never += 1; // no WAL write seen for it: counted as not synced
      delays.push(Infinity);
      continue;
    }
    const sync = syncs.find(
      (s) => s.start >= last.end && (s.name === 'syncfs' || s.path === last.path),
    );
    if (sync) delays.push((sync.end - ack.ackedAt) * 1000);
    else {
      never += 1;
      delays.push(Infinity); // not on disk when the trace ended: counts in the percentiles
    }
  }
  const walSyncs = syncs.filter((c) => c.path.includes('/pg_wal/'));
  return {
    acknowledged: acks.length,
    ackToFsyncMs: latencyOf(delays),
    walFsyncMs: latencyOf(walSyncs.map((c) => (c.end - c.start) * 1000)),
    neverSynced: never,
    walWrites: walWrites.length,
    fsyncs: calls.filter((c) => SYNCS.has(c.name)).length,
    syncfs: calls.filter((c) => c.name === 'syncfs').length,
  };
}

async function main() {
  const started = new Date();
  const work = mkdtempSync(join(tmpdir(), 'bianmin-durability-'));
  const dataDir = join(work, 'data');
  const tracePath = join(work, 'strace.txt');
  say(`folder ${work}`);
  try {
    // The demo accounts only (no cases): the folder is made here, the server then runs on it.
    say('creating the data folder (initdb, migrations, demo accounts)');
    const db = await openDatabase({ kind: 'pglite', dataDir });
    await seedDemo(db.kysely, systemClock);
    await db.close();

    const server = await startServer({ dataDir, logPath: join(work, 'server.log') });
    say(`server ${server.pid} up in ${server.startupMs} ms`);
    const { cookie } = await login(server.baseUrl);
    const tag = Date.now().toString(36).toUpperCase();
    if (WARMUP > 0) await writeLoad(server.baseUrl, cookie, CLIENTS, wallNow() + WARMUP, `w${tag}`);
    const untraced =
      UNTRACED > 0
        ? await writeLoad(server.baseUrl, cookie, CLIENTS, wallNow() + UNTRACED, `u${tag}`)
        : null;
    const untracedFigures = untraced && {
      writesPerSecond: round2(untraced.acks.length / UNTRACED),
      answerMs: latencyOf(untraced.acks.map((a) => (a.ackedAt - a.sentAt) * 1000)),
      failures: untraced.failures,
    };

    // Attach to every thread of the server (libuv's pool makes some file calls off the main thread).
    const strace = spawn(
      STRACE,
      [
        '-f',
        '-ttt',
        '-T',
        '-y',
        '-s',
        '0',
        '-e',
        'trace=write,pwrite64,pwritev,pwritev2,writev,fsync,fdatasync,syncfs',
        '-o',
        tracePath,
        '-p',
        String(server.pid),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let straceErr = '';
    const attached = new Promise<void>((resolve, reject) => {
      strace.stderr.on('data', (d: Buffer) => {
        straceErr += d.toString();
        if (/attached/.test(straceErr)) resolve();
      });
      strace.on('exit', (code) => reject(new Error(`strace ended (${code}): ${straceErr}`)));
    });
    await attached;
    await sleep(500); // the other threads' "attached" lines follow the first within microseconds

    say(`${CLIENTS} clients write for ${SECONDS} s under strace`);
    const load = await writeLoad(server.baseUrl, cookie, CLIENTS, wallNow() + SECONDS, `d${tag}`);
    say(`${load.acks.length} acknowledged, ${load.failures} failed; ${GRACE} s more of tracing`);
    await sleep(GRACE * 1000);
    const straceExit = new Promise<void>((resolve) => strace.on('exit', () => resolve()));
    strace.kill('SIGINT');
    await straceExit;
    const stop = await server.stop();

    const calls = await readTrace(tracePath, dataDir);
    const result = analyse(load.acks, calls);
    const ms = result.ackToFsyncMs;
    const report = {
      started: started.toISOString(),
      commit: gitDescribe(),
      machine: { cpus: cpus().length, loadAverage: loadavg().map(round2) },
      settings: { seconds: SECONDS, clients: CLIENTS, warmupSeconds: WARMUP, graceSeconds: GRACE },
      untraced: untracedFigures,
      writesPerSecond: round2(load.acks.length / SECONDS),
      failures: load.failures,
      firstFailure: load.firstFailure,
      ...result,
      serverStop: stop,
    };
    const resultsDir = join(REPO_ROOT, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `durability-${started.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

    console.log(
      `Bianmin durability — ${started.toISOString()}, commit ${report.commit}, ` +
        `${report.machine.cpus} CPUs, load ${report.machine.loadAverage.join(' ')}`,
    );
    if (untracedFigures)
      console.log(
        `untraced, ${CLIENTS} clients × ${UNTRACED} s: ${untracedFigures.writesPerSecond} writes/s, ` +
          `answer p50 ${untracedFigures.answerMs.p50} ms, p99 ${untracedFigures.answerMs.p99} ms, ` +
          `${untracedFigures.failures} failed`,
      );
    console.log(
      `${CLIENTS} clients × ${SECONDS} s: ${result.acknowledged} writes acknowledged ` +
        `(${report.writesPerSecond}/s under strace), ${load.failures} failed`,
    );
    console.log(
      `trace: ${result.walWrites} WAL writes, ${result.fsyncs} fsync/fdatasync, ${result.syncfs} syncfs`,
    );
    console.log(
      `ack → fsync (ms; negative = on disk before the answer): p50 ${ms.p50}, p90 ${ms.p90}, ` +
        `p99 ${ms.p99}, max ${ms.max}; not synced within ${GRACE} s after the load: ${result.neverSynced}`,
    );
    const f = result.walFsyncMs;
    console.log(`one fsync of the WAL (ms): p50 ${f.p50}, p99 ${f.p99}, max ${f.max}`);
    console.log(`SIGTERM: exit ${stop.code} in ${stop.ms} ms`);
    console.log(`results: ${file}`);
    const p99ok = result.neverSynced === 0 && ms.p99 <= 2000;
    const failed = load.failures + (untraced?.failures ?? 0);
    if (!p99ok || failed > 0 || stop.code !== 0) process.exitCode = 1;
  } finally {
    if (KEEP) say(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

await main();
