import { describe, expect, it } from 'vitest';
import { finding } from './fixtures.fixture.ts';
import { SOURCE_POLICY_2023 } from './policy.ts';
import { checkRating, isRating, RATINGS, ratingRank, type Rating } from './rating.ts';

describe('year-end rating', () => {
  it('is the civil-service scale', () => {
    expect(RATINGS).toEqual(['优秀', '称职', '基本称职', '不称职']);
    expect(RATINGS.map(ratingRank)).toEqual([0, 1, 2, 3]);
    expect(isRating('称职')).toBe(true);
    expect(isRating('良好')).toBe(false);
  });

  it('any rating without a province finding', () => {
    const list = [finding('C', '2026-03-01', 'county'), finding('T', '2026-03-01', 'town')];
    for (const r of RATINGS) expect(checkRating(r, list, 2026)).toEqual({ ok: true, value: r });
  });

  it('refuses 优秀 and 称职 when a circulated province finding is dated in the year, saying which', () => {
    const list = [finding('P1', '2026-05-20', 'province')];
    for (const r of ['优秀', '称职'] as const)
      expect(checkRating(r, list, 2026)).toEqual({
        ok: false,
        code: 'RATING_CAPPED',
        field: 'rating',
        details: { maxRating: '基本称职', findingIds: ['P1'], year: 2026 },
      });
    expect(checkRating('基本称职', list, 2026).ok).toBe(true);
    expect(checkRating('不称职', list, 2026).ok).toBe(true);
    // Another year is not capped.
    expect(checkRating('优秀', list, 2027).ok).toBe(true);
  });

  it('a revoked finding lifts the cap', () => {
    expect(
      checkRating('称职', [finding('P1', '2026-05-20', 'province', { revoked: true })], 2026).ok,
    ).toBe(true);
  });

  it('follows the policy flag when the policies are given', () => {
    const list = [finding('P1', '2026-05-20', 'province')];
    expect(
      checkRating('称职', list, 2026, [{ ...SOURCE_POLICY_2023, provinceCapsRating: false }]).ok,
    ).toBe(true);
    expect(checkRating('称职', list, 2026, [SOURCE_POLICY_2023]).ok).toBe(false);
  });

  it('refuses a rating off the scale', () => {
    expect(checkRating('良好' as Rating, [], 2026)).toMatchObject({
      code: 'BAD_RATING',
      field: 'rating',
    });
  });
});
