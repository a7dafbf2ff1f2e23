import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInPost, checkSupervisor, isInPost } from './staff.ts';

describe('time in post', () => {
  it('refuses an end before the start, naming the field', () => {
    expect(checkInPost({ inPostFrom: '2026-03-01', inPostTo: '2026-02-28' })).toEqual({
      ok: false,
      code: 'IN_POST_RANGE',
      field: 'inPostTo',
    });
  });
  it('accepts an open end and a one-day post', () => {
    expect(checkInPost({ inPostFrom: '2026-03-01', inPostTo: null }).ok).toBe(true);
    expect(checkInPost({ inPostFrom: '2026-03-01', inPostTo: '2026-03-01' }).ok).toBe(true);
  });
  it('counts both ends as in post', () => {
    const p = { inPostFrom: '2026-03-01', inPostTo: '2026-03-31' };
    expect(isInPost(p, '2026-03-01')).toBe(true);
    expect(isInPost(p, '2026-03-31')).toBe(true);
    expect(isInPost(p, '2026-04-01')).toBe(false);
    expect(isInPost(p, '2026-02-28')).toBe(false);
  });
});

describe('supervising leader', () => {
  const chain = new Map<number, number | null>([
    [1, null],
    [2, 1],
    [3, 2],
    [4, 3],
  ]);
  it('refuses the person themself', () => {
    expect(checkSupervisor(2, 2, chain).ok).toBe(false);
  });
  it('refuses someone the person supervises, directly or not', () => {
    expect(checkSupervisor(2, 3, chain).ok).toBe(false);
    expect(checkSupervisor(1, 4, chain).ok).toBe(false);
  });
  it('accepts a leader above', () => {
    expect(checkSupervisor(4, 1, chain).ok).toBe(true);
    expect(checkSupervisor(null, 4, chain).ok).toBe(true);
    expect(checkSupervisor(3, null, chain).ok).toBe(true);
  });
  it('never accepts a supervisor that would make a cycle (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }),
        fc.nat(9),
        fc.nat(9),
        (parents, a, b) => {
          // a forest: each node's parent has a smaller number, so there is no cycle to start with
          const map = new Map<number, number | null>(parents.map((p, i) => [i, p < i ? p : null]));
          const r = checkSupervisor(a, b, map);
          map.set(a, b);
          let cursor: number | null = a;
          const seen = new Set<number>();
          while (cursor !== null && !seen.has(cursor)) {
            seen.add(cursor);
            cursor = map.get(cursor) ?? null;
          }
          const cycle = cursor !== null;
          return r.ok === !cycle;
        },
      ),
    );
  });
});
