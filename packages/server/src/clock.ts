/** The one source of "now" on the server, replaceable in tests. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that reads `start` at the moment it is made and then runs at the real pace: the server
 * started with `BIANMIN_CLOCK` lives on another date (tests and demos only; refused in production,
 * see config.ts). `offsetMs` is how far it is from the real time.
 */
export function shiftedClock(
  start: Date,
  real: () => number = Date.now,
): Clock & { offsetMs: number } {
  const offsetMs = start.getTime() - real();
  return { offsetMs, now: () => new Date(real() + offsetMs) };
}
