/**
 * The year-end rating (年度考核等次) on the civil-service scale. A circulated province finding of the
 * year (not revoked) means the rating cannot be 称职 or above (不能确定为称职合格及以上等次).
 */
import { ok, refuse, type Result } from '../shared/result.ts';
import { ratingCapOf, type Finding } from './findings.ts';
import type { PerformancePolicy } from './policy.ts';

export const RATINGS = ['优秀', '称职', '基本称职', '不称职'] as const;
export type Rating = (typeof RATINGS)[number];

/** Whether a value is one of the four ratings. */
export function isRating(v: unknown): v is Rating {
  return typeof v === 'string' && (RATINGS as readonly string[]).includes(v);
}

/** 0 for 优秀 … 3 for 不称职: a higher rank is a lower rating. */
export function ratingRank(r: Rating): number {
  return RATINGS.indexOf(r);
}

/**
 * Checks a year-end rating against the findings of that year. Refuses 'BAD_RATING' for anything
 * off the scale, and 'RATING_CAPPED' (details: maxRating '基本称职' and the finding ids, so the screen
 * can say why) for 优秀 or 称职 when a circulated, not revoked, province finding is dated in the
 * year. A revoked finding lifts the cap. With `policies`, only findings under a version with
 * `provinceCapsRating` cap.
 */
export function checkRating(
  rating: Rating,
  findings: readonly Finding[],
  year: number,
  policies?: readonly PerformancePolicy[],
): Result<Rating, 'BAD_RATING' | 'RATING_CAPPED'> {
  if (!isRating(rating)) return refuse('BAD_RATING', 'rating', { value: rating });
  const cap = ratingCapOf(findings, year, policies);
  if (cap !== null && ratingRank(rating) < ratingRank(cap.maxRating))
    return refuse('RATING_CAPPED', 'rating', {
      maxRating: cap.maxRating,
      findingIds: cap.findingIds,
      year,
    });
  return ok(rating);
}
