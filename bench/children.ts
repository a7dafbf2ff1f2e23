/**
 * What the per-database benchmarks (settlement.ts, evaluation.ts) share: each database is measured
 * in a child process of its own, started with --expose-gc, so that the resident memory of one does
 * not count for the other; the parent measures the machine meanwhile. Plus their timing, memory and
 * CPU-profile helpers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitDescribe, machineWatch, type MachineFacts } from './machine.ts';
import { memoryOf, REPO_ROOT, type Memory } from './server.ts';
import { round1 } from './stats.ts';

export type Kind = 'postgres' | 'pglite';

/** The databases a `--db` option names: both, postgres or pglite. */
export function kindsOf(db: string): Kind[] {
  if (db === 'both') return ['postgres', 'pglite'];
  if (db === 'postgres' || db === 'pglite') return [db];
  throw new Error('--db must be both, postgres or pglite');
}

/** The options every per-database benchmark takes besides its own. */
export const CHILD_OPTIONS = {
  db: { type: 'string', default: 'both' },
  keep: { type: 'boolean', default: false },
  profile: { type: 'boolean', default: false },
  // Internal: one database, in a child process, its result written to --out.
  child: { type: 'string' },
  out: { type: 'string' },
  stamp: { type: 'string' },
} as const;

export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  all: number[];
}

export function timingOf(ms: number[]): Timing {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => round1(sorted[Math.max(0, Math.ceil(sorted.length * q) - 1)]!);
  return {
    runs: ms.length,
    p50: at(0.5),
    p95: at(0.95),
    min: round1(sorted[0]!),
    max: round1(sorted.at(-1)!),
    all: ms.map(round1),
  };
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Self time per function of a CPU profile, the heaviest first. */
export function profileSummary(profile: {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const n = byNode.get(id);
    const dt = (profile.timeDeltas?.[i] ?? 0) / 1000;
    total += dt;
    if (!n) return;
    const f = n.callFrame;
    const file = f.url.replace(/^file:\/\//, '').replace(REPO_ROOT, '');
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return {
    totalMs: round1(total),
    top: [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([fn, ms]) => ({ fn, ms: round1(ms), percent: round1((ms / total) * 100) })),
  };
}

/** Resident memory after a full garbage collection (the child runs with --expose-gc); the peak
 * (VmHWM) is the high-water mark of the whole process so far, garbage included. */
export function settled(): Memory | null {
  (globalThis as { gc?: () => void }).gc?.();
  return memoryOf(process.pid);
}

function runChild(script: string, args: string[], kind: Kind, stamp: string, out: string) {
  const argv = [
    '--expose-gc',
    ...process.execArgv,
    script,
    ...args,
    ...['--child', kind, '--out', out, '--stamp', stamp],
  ];
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${kind}: exit ${code ?? signal}`)),
    );
  });
}

export interface Run<R> {
  started: Date;
  finished: Date;
  durationSeconds: number;
  /** The start time as a file-name part. */
  stamp: string;
  commit: string;
  machine: MachineFacts;
  results: R[];
}

/**
 * In a child (`--child KIND`): `runOne(kind)`, its result written to `--out`; returns null. In the
 * parent: one child per database in turn, given `args` (the benchmark's own options), and the
 * machine's load meanwhile.
 */
export async function perDatabase<R>(o: {
  script: string;
  name: string;
  kinds: readonly Kind[];
  args: string[];
  opts: { child?: string; out?: string; stamp?: string };
  runOne: (kind: Kind, stamp: string) => Promise<R>;
}): Promise<Run<R> | null> {
  if (o.opts.child) {
    const result = await o.runOne(o.opts.child as Kind, o.opts.stamp ?? 'x');
    writeFileSync(o.opts.out!, JSON.stringify(result));
    return null;
  }
  const started = new Date();
  const watch = machineWatch();
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const tmp = mkdtempSync(join(tmpdir(), `bianmin-bench-${o.name}-run-`));
  const results: R[] = [];
  try {
    for (const kind of o.kinds) {
      const out = join(tmp, `${kind}.json`);
      await runChild(o.script, o.args, kind, stamp, out);
      results.push(JSON.parse(readFileSync(out, 'utf8')) as R);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const finished = new Date();
  const elapsedMs = finished.getTime() - started.getTime();
  return {
    started,
    finished,
    durationSeconds: Math.round(elapsedMs / 1000),
    stamp,
    commit: gitDescribe(),
    machine: watch(),
    results,
  };
}

/** The heading lines every per-database benchmark prints. */
export function printHeading(name: string, run: Run<{ postgres: { version: string } | null }>) {
  const m = run.machine;
  const pg = run.results.find((r) => r.postgres);
  console.log(
    `Bianmin ${name} benchmark — ${run.started.toISOString()}, ${m.cpus} × ${m.cpuModel}, ` +
      `${m.memoryGiB} GiB, ${pg ? `PostgreSQL ${pg.postgres!.version}, ` : ''}commit ${run.commit}`,
  );
  console.log(
    `load average ${m.loadAverageAtStart.join(' ')} at start, ${m.loadAverageAtEnd.join(' ')} ` +
      `at end, CPU pressure ${m.cpuPressurePercent ?? 'n/a'} %, ${run.durationSeconds} s in all`,
  );
}
