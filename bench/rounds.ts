/**
 * Paths measured in interleaved rounds (round-robin, a few seconds each), so that a change in the
 * machine's background load touches all of them alike; and the settings every such benchmark reads.
 */
import { rotate } from './stats.ts';

/** A whole number from the environment, or the fallback; anything else stops the benchmark. */
export function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
}

/** Seconds of each path in each round: `seconds` split into `rounds` (pgbench -T takes whole seconds). */
export const slicesOf = (seconds: number, rounds: number) =>
  Array.from(
    { length: rounds },
    (_, i) => Math.round(((i + 1) * seconds) / rounds) - Math.round((i * seconds) / rounds),
  );

/**
 * The settings of a benchmark in rounds: BENCH_SECONDS per path (10), in BENCH_ROUNDS (3), after
 * BENCH_WARMUP_SECONDS (2), with BENCH_CONNECTIONS clients (10), on the PostgreSQL of
 * BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres).
 */
export function roundSettings() {
  const seconds = intEnv('BENCH_SECONDS', 10, 1);
  const rounds = Math.min(intEnv('BENCH_ROUNDS', 3, 1), seconds);
  return {
    seconds,
    rounds,
    /** Seconds of each path in each round. */
    slices: slicesOf(seconds, rounds),
    warmup: intEnv('BENCH_WARMUP_SECONDS', 2, 0),
    connections: intEnv('BENCH_CONNECTIONS', 10, 1),
    pgBase: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

/** What a run found wrong: each said at once and kept for the end (where it makes the exit code 1). */
export function problemList(say: (text: string) => void) {
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string) => {
    if (!ok) {
      problems.push(problem);
      say(`PROBLEM: ${problem}`);
    }
  };
  return { problems, expect };
}

/** A path measured in rounds: a warm-up, then one slice per round. */
export interface Path {
  name: string;
  warmup(seconds: number): Promise<unknown>;
  slice(seconds: number): Promise<unknown>;
}

/** A path whose warm-up and slices are kept, to check afterwards what they did. */
export function keptPath<T>(name: string, run: (seconds: number) => Promise<T>) {
  const warmups: T[] = [];
  const slices: T[] = [];
  const path: Path = {
    name,
    warmup: async (seconds) => warmups.push(await run(seconds)),
    slice: async (seconds) => slices.push(await run(seconds)),
  };
  return { path, warmups, slices };
}

/** Every path warmed up once, then the rounds, each starting one path later than the one before. */
export async function measure(
  paths: Path[],
  opts: { warmupSeconds: number; slices: number[]; say: (text: string) => void },
) {
  if (opts.warmupSeconds > 0) {
    for (const p of paths) {
      opts.say(`warm-up: ${p.name}, ${opts.warmupSeconds} s`);
      await p.warmup(opts.warmupSeconds);
    }
  }
  for (const [round, seconds] of opts.slices.entries()) {
    for (const p of rotate(paths, round)) {
      opts.say(`round ${round + 1}/${opts.slices.length}: ${p.name}, ${seconds} s`);
      await p.slice(seconds);
    }
  }
}
