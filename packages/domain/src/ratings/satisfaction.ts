/**
 * Ratings by applicants (好差评, DOMAIN.md §10): after a case is closed, its applicant rates the
 * service once, on the five national levels, with reasons from a fixed list per level (as the
 * national 好差评 system offers them) and an optional text. Named `satisfaction` so as not to be
 * confused with the year-end rating of staff (assessment/rating.ts, 优秀 … 不称职).
 *
 * Decisions (docs/ratings.md):
 * - a case may be rated once it is closed — completed (办结), returned (退回) or answered (咨询已答复)
 *   — and until the rating window ends: `windowDays` calendar days after it was closed (30 by
 *   default, a center setting of 7 to 90), at the same wall-clock time;
 * - a 差评 (不满意, 非常不满意) names at least one reason; the reason 其他 needs the text;
 * - a staff member cannot rate a case he or she handled (first responder, a holder, the closer).
 *
 * Instants are epoch milliseconds; nothing here reads the clock.
 */
import { ok, refuse, type Result } from '../shared/result.ts';

/** The five levels, best first (the national scale). */
export const SATISFACTION_LEVELS = [
  'very_satisfied',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'very_dissatisfied',
] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

export const SATISFACTION_LABELS: Readonly<Record<SatisfactionLevel, string>> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
};

export const isSatisfactionLevel = (v: unknown): v is SatisfactionLevel =>
  typeof v === 'string' && (SATISFACTION_LEVELS as readonly string[]).includes(v);

/** A 差评: 不满意 or 非常不满意. */
export const isBadRating = (level: SatisfactionLevel): boolean =>
  level === 'dissatisfied' || level === 'very_dissatisfied';

/** Satisfied in the 满意率: 非常满意, 满意, 基本满意. */
export const isSatisfied = (level: SatisfactionLevel): boolean => !isBadRating(level);

/** The reason that needs the text to say what it is. */
export const OTHER_REASON = '其他';

const GOOD = [
  '服务态度好',
  '办事效率高',
  '一次办成',
  '一次性告知清楚',
  '指引清楚',
  '环境整洁便利',
] as const;
const FAIR = [
  '等候时间较长',
  '指引不够清楚',
  '材料要求较多',
  '办理流程较繁',
  OTHER_REASON,
] as const;
const BAD = [
  '服务态度差',
  '办事效率低',
  '多次跑腿',
  '未一次性告知',
  '超过承诺时限',
  '材料要求不合理',
  '等候时间过长',
  '吃拿卡要',
  OTHER_REASON,
] as const;

/** The reasons one may tick for each level (the national system's common ones). */
export const SATISFACTION_REASONS: Readonly<Record<SatisfactionLevel, readonly string[]>> = {
  very_satisfied: GOOD,
  satisfied: GOOD,
  basically_satisfied: FAIR,
  dissatisfied: BAD,
  very_dissatisfied: BAD,
};

export const RATING_TEXT_MAX = 200;
export const DEFAULT_RATING_WINDOW_DAYS = 30;
export const RATING_WINDOW_MIN_DAYS = 7;
export const RATING_WINDOW_MAX_DAYS = 90;
const MS_PER_DAY = 86_400_000;

export type RatingInputRefusal =
  | 'RATING_BAD_LEVEL'
  | 'RATING_BAD_REASON'
  | 'RATING_REASON_REQUIRED'
  | 'RATING_TEXT_REQUIRED'
  | 'RATING_TEXT_TOO_LONG';

export interface RatingInput {
  readonly level: SatisfactionLevel;
  /** Distinct, from the level's list, in the list's order. */
  readonly reasons: readonly string[];
  /** Trimmed; '' when none. */
  readonly text: string;
}

/**
 * A rating as entered, checked: the level is one of the five, each reason is one of the level's
 * (duplicates dropped, put in the list's order), a 差评 gives at least one, 其他 comes with a text,
 * and the text is at most RATING_TEXT_MAX characters.
 */
export function checkRatingInput(input: {
  level: string;
  reasons: readonly string[];
  text?: string | null;
}): Result<RatingInput, RatingInputRefusal> {
  if (!isSatisfactionLevel(input.level)) return refuse('RATING_BAD_LEVEL', 'level');
  const level = input.level;
  const allowed = SATISFACTION_REASONS[level];
  const unknown = input.reasons.filter((r) => !allowed.includes(r));
  if (unknown.length > 0) return refuse('RATING_BAD_REASON', 'reasons', { reasons: unknown });
  const reasons = allowed.filter((r) => input.reasons.includes(r));
  const text = (input.text ?? '').trim();
  if (isBadRating(level) && reasons.length === 0)
    return refuse('RATING_REASON_REQUIRED', 'reasons');
  if (reasons.includes(OTHER_REASON) && text === '') return refuse('RATING_TEXT_REQUIRED', 'text');
  if ([...text].length > RATING_TEXT_MAX)
    return refuse('RATING_TEXT_TOO_LONG', 'text', { max: RATING_TEXT_MAX });
  return ok({ level, reasons, text });
}

/** Case statuses in which the case is closed and may be rated. */
export const RATEABLE_STATUSES = ['completed', 'returned', 'answered'] as const;

export type RateableRefusal = 'RATING_NOT_CLOSED' | 'RATING_WINDOW_OVER' | 'RATING_ALREADY_GIVEN';

/** Until when a case closed at `closedAt` may be rated (exclusive). */
export const ratingWindowEnd = (closedAt: number, windowDays: number): number =>
  closedAt + windowDays * MS_PER_DAY;

/**
 * Whether a case may be rated now: closed, not rated yet, and within the window. The order of the
 * refusals is what the applicant needs to hear first: already rated, not closed, too late.
 */
export function mayRate(c: {
  status: string;
  closedAt: number | null;
  rated: boolean;
  nowMs: number;
  windowDays: number;
}): Result<{ until: number }, RateableRefusal> {
  if (c.rated) return refuse('RATING_ALREADY_GIVEN');
  if (!(RATEABLE_STATUSES as readonly string[]).includes(c.status) || c.closedAt === null)
    return refuse('RATING_NOT_CLOSED');
  const until = ratingWindowEnd(c.closedAt, c.windowDays);
  if (c.nowMs >= until) return refuse('RATING_WINDOW_OVER', undefined, { until });
  return ok({ until });
}

/** Everyone who handled a case: the first responder, every holder it passed through, the last one. */
export function handlersOf(c: {
  firstResponderStaffId: number | null;
  holderStaffId: number | null;
  handovers: readonly { fromStaffId: number | null; toStaffId: number | null }[];
}): number[] {
  const ids = new Set<number>();
  const add = (id: number | null) => {
    if (id !== null) ids.add(id);
  };
  add(c.firstResponderStaffId);
  for (const h of c.handovers) {
    add(h.fromStaffId);
    add(h.toStaffId);
  }
  add(c.holderStaffId);
  return [...ids].sort((a, b) => a - b);
}

/** A staff member entering a rating from a paper card or the window's evaluator may not rate a case he or she handled. */
export function checkNotOwnCase(
  handlers: readonly number[],
  staffId: number | null,
): Result<true, 'RATING_OWN_CASE'> {
  if (staffId !== null && handlers.includes(staffId)) return refuse('RATING_OWN_CASE');
  return ok(true);
}
