import { describe, expect, it } from 'vitest';
import { atPostNow } from './post.ts';
import { at, WINTER } from './fixtures.fixture.ts';

const inAt = at(WINTER, '08:25');
const noon = at(WINTER, '12:00');

describe('atPostNow', () => {
  it('signed in today and not out: at post', () => {
    expect(atPostNow([{ at: inAt, kind: 'in' }], [], noon)).toEqual({
      atPost: true,
      reason: 'signed_in',
    });
  });
  it('no sign-in today (yesterday’s does not count)', () => {
    expect(atPostNow([], [], noon).reason).toBe('not_signed_in');
    expect(atPostNow([{ at: at('2026-03-01', '08:25'), kind: 'in' }], [], noon).atPost).toBe(false);
  });
  it('a sign-in later than now does not count yet', () => {
    expect(atPostNow([{ at: noon + 1, kind: 'in' }], [], noon).reason).toBe('not_signed_in');
    expect(atPostNow([{ at: noon, kind: 'in' }], [], noon).atPost).toBe(true);
  });
  it('signed out: not at post; signed in again: at post', () => {
    const out = at(WINTER, '11:00');
    expect(
      atPostNow(
        [
          { at: inAt, kind: 'in' },
          { at: out, kind: 'out' },
        ],
        [],
        noon,
      ).reason,
    ).toBe('signed_out');
    const back = at(WINTER, '11:30');
    const signs = [
      { at: back, kind: 'in' as const },
      { at: inAt, kind: 'in' as const },
      { at: out, kind: 'out' as const },
    ];
    expect(atPostNow(signs, [], noon).atPost).toBe(true);
  });
  it('on an approved outing covering now: away, [from, to)', () => {
    const outing = { from: at(WINTER, '11:00'), to: noon, kind: 'outing' as const };
    const signs = [{ at: inAt, kind: 'in' as const }];
    expect(atPostNow(signs, [outing], noon - 1)).toEqual({
      atPost: false,
      reason: 'away',
      absence: 'outing',
    });
    expect(atPostNow(signs, [outing], noon).atPost).toBe(true);
    expect(atPostNow(signs, [outing], outing.from).atPost).toBe(false);
  });
});
