/** Small numeric helpers shared by the measurements. */

export const round1 = (n: number) => Math.round(n * 10) / 10;
export const round2 = (n: number) => Math.round(n * 100) / 100;

export interface Latency {
  avg: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Latency figures (ms) of a set of single measurements (ms). */
export function latencyOf(values: number[]): Latency {
  if (values.length === 0) return { avg: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return {
    avg: round2(sorted.reduce((s, x) => s + x, 0) / sorted.length),
    p50: round2(at(50)),
    p90: round2(at(90)),
    p99: round2(at(99)),
    max: round2(sorted[sorted.length - 1]!),
  };
}

/** The list started at position k (round-robin order for interleaved rounds). */
export const rotate = <T>(xs: T[], k: number): T[] => xs.map((_, i) => xs[(i + k) % xs.length]!);

export const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
