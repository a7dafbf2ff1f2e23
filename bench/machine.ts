/** Facts about the machine and the checkout a run is measured on. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { REPO_ROOT } from './server.ts';
import { round1 } from './stats.ts';

/** Time some runnable task waited for a CPU so far, µs (Linux pressure stall information). */
export function cpuStallMicros(): number | null {
  try {
    const some = /^some .* total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return some ? Number(some[1]) : null;
  } catch {
    return null;
  }
}

/**
 * A clock for the share of a run's wall time in which some task waited for a CPU (PSI "some"), %:
 * started now, read at the end (null where Linux does not tell).
 */
export function cpuPressure(): () => number | null {
  const stall = cpuStallMicros();
  const started = performance.now();
  return () => {
    const now = cpuStallMicros();
    if (stall === null || now === null) return null;
    return Math.round(((now - stall) / ((performance.now() - started) * 1000)) * 1000) / 10;
  };
}

/** The machine a run is measured on, and how busy it was over the run. */
export interface MachineFacts {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  kernel: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
  cpuPressurePercent: number | null;
}

/** Started now (the load average, the CPU pressure clock); read at the end of the run. */
export function machineWatch(): () => MachineFacts {
  const loadAtStart = loadavg().map(round1);
  const pressure = cpuPressure();
  return () => ({
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round1(totalmem() / 2 ** 30),
    node: process.version,
    kernel: release(),
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: loadavg().map(round1),
    cpuPressurePercent: pressure(),
  });
}

export function gitDescribe(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const head = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain') !== '' ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}
