import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYuan, isFen, prorateFen } from './money.ts';

describe('prorateFen: amount × n ÷ d, half up to a whole fen', () => {
  it('the worked examples', () => {
    expect(prorateFen(30_000, 12, 22)).toBe(16_364); // 16363.63…
    expect(prorateFen(30_000, 8, 18)).toBe(13_333); // 13333.33…
    expect(prorateFen(30_000, 5, 16)).toBe(9_375); // exact
    expect(prorateFen(30_000, 0, 22)).toBe(0);
    expect(prorateFen(30_000, 22, 22)).toBe(30_000);
  });

  it('a half fen rounds up (四舍五入)', () => {
    expect(prorateFen(1, 1, 2)).toBe(1); // 0.5
    expect(prorateFen(3, 1, 2)).toBe(2); // 1.5
    expect(prorateFen(30_008, 5, 16)).toBe(9_378); // 9377.5
    expect(prorateFen(30_001, 1, 3)).toBe(10_000); // 10000.33…
    expect(prorateFen(30_002, 1, 3)).toBe(10_001); // 10000.66…
  });

  it('agrees with exact big-integer arithmetic (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 31 }),
        (amount, d, n0) => {
          const n = Math.min(n0, d);
          const exact = (BigInt(amount) * BigInt(n) * 2n + BigInt(d)) / (2n * BigInt(d));
          const r = prorateFen(amount, n, d);
          expect(BigInt(r)).toBe(exact);
          expect(Number.isSafeInteger(r)).toBe(true);
          expect(r).toBeLessThanOrEqual(amount);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('formatYuan', () => {
  it('two decimals, signed', () => {
    expect(formatYuan(30_000)).toBe('300.00');
    expect(formatYuan(16_364)).toBe('163.64');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(-90_000)).toBe('-900.00');
    expect(formatYuan(-5)).toBe('-0.05');
  });
  it('isFen: non-negative safe integers only', () => {
    expect(isFen(0)).toBe(true);
    expect(isFen(30_000)).toBe(true);
    expect(isFen(-1)).toBe(false);
    expect(isFen(0.5)).toBe(false);
    expect(isFen(Number.MAX_SAFE_INTEGER + 1)).toBe(false);
  });
});
