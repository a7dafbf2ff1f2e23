import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  recordFailure,
  scopesFor,
  THROTTLE_POLICIES,
  waitSeconds,
  type FailureRecord,
} from './throttle.ts';

const policy = THROTTLE_POLICIES.accountIp;

function fail(times: number, at = 0): FailureRecord | undefined {
  let r: FailureRecord | undefined;
  for (let i = 0; i < times; i++) r = recordFailure(policy, r, at);
  return r;
}

describe('login throttle', () => {
  it('lets the free failures through without waiting', () => {
    expect(waitSeconds(policy, fail(policy.freeFailures - 1), 0)).toBe(0);
    expect(waitSeconds(policy, undefined, 0)).toBe(0);
  });

  it('waits from the first failure over the free ones, doubling each time', () => {
    expect(waitSeconds(policy, fail(policy.freeFailures), 0)).toBe(policy.baseWaitSeconds);
    expect(waitSeconds(policy, fail(policy.freeFailures + 1), 0)).toBe(policy.baseWaitSeconds * 2);
    expect(waitSeconds(policy, fail(policy.freeFailures + 3), 0)).toBe(policy.baseWaitSeconds * 8);
  });

  it('never waits longer than the maximum', () => {
    expect(waitSeconds(policy, fail(200), 0)).toBe(policy.maxWaitSeconds);
  });

  it('counts the wait from the last failure', () => {
    const r = fail(policy.freeFailures + 2, 0)!;
    expect(waitSeconds(policy, r, 3000)).toBe(policy.baseWaitSeconds * 4 - 3);
  });

  it('forgets failures once the window has passed', () => {
    const r = fail(50, 0)!;
    const later = policy.windowSeconds * 1000;
    expect(waitSeconds(policy, r, later)).toBe(0);
    expect(recordFailure(policy, r, later).failures).toBe(1);
  });

  it('judges a trusted device only by its own record', () => {
    expect(scopesFor(true)).toEqual(['device']);
    expect(scopesFor(false)).toEqual(['accountIp', 'ip', 'account']);
  });

  it('never lets more failures mean a shorter wait (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 10_000 }),
        (n, elapsedMs) => {
          const a = waitSeconds(policy, fail(n, 0), elapsedMs);
          const b = waitSeconds(policy, fail(n + 1, 0), elapsedMs);
          return b >= a && a >= 0 && b <= policy.maxWaitSeconds;
        },
      ),
    );
  });
});
