/**
 * Figures of ratings: counts per level and the satisfaction rate (满意率) = (非常满意 + 满意 + 基本满意)
 * ÷ all counted ratings. A rating whose contest was upheld (恶意差评, decided by the assessment group)
 * is excluded from every figure; it is still kept and listed.
 */
import { shanghaiDateOf } from '../calendar/civil.ts';
import {
  isSatisfied,
  SATISFACTION_LABELS,
  SATISFACTION_LEVELS,
  type SatisfactionLevel,
} from './satisfaction.ts';

export interface CountedRating {
  readonly level: SatisfactionLevel;
  /** Excluded by an upheld contest. */
  readonly excluded: boolean;
}

export interface SatisfactionStats {
  /** Ratings counted (not excluded). */
  readonly total: number;
  readonly byLevel: Readonly<Record<SatisfactionLevel, number>>;
  /** 非常满意 + 满意 + 基本满意. */
  readonly satisfied: number;
  /** 不满意 + 非常不满意. */
  readonly bad: number;
  readonly excluded: number;
  /** satisfied ÷ total in per cent, one decimal; null when nothing is counted. */
  readonly ratePercent: number | null;
}

/** "98.7": a share in per cent rounded half up to one decimal (integers only, no float drift). */
export const percentOneDecimal = (part: number, whole: number): number =>
  Math.floor((part * 2000 + whole) / (2 * whole)) / 10;

export function satisfactionStats(ratings: readonly CountedRating[]): SatisfactionStats {
  const byLevel = Object.fromEntries(SATISFACTION_LEVELS.map((l) => [l, 0])) as Record<
    SatisfactionLevel,
    number
  >;
  let excluded = 0;
  for (const r of ratings) {
    if (r.excluded) excluded += 1;
    else byLevel[r.level] += 1;
  }
  const total = ratings.length - excluded;
  const satisfied = SATISFACTION_LEVELS.filter(isSatisfied).reduce((n, l) => n + byLevel[l], 0);
  return {
    total,
    byLevel,
    satisfied,
    bad: total - satisfied,
    excluded,
    ratePercent: total === 0 ? null : percentOneDecimal(satisfied, total),
  };
}

/** A rating as the year-end summary reads it: whom it rates and when the case was closed. */
export interface StaffRating extends CountedRating {
  readonly staffId: number | null;
  /** When the rated case was closed (epoch ms). */
  readonly caseClosedAt: number;
}

/**
 * One person's figures of a year: the ratings of the cases he or she closed in that year
 * (Asia/Shanghai), upheld contests excluded.
 */
export function staffYearSatisfaction(
  ratings: readonly StaffRating[],
  staffId: number,
  year: number,
): SatisfactionStats {
  return satisfactionStats(
    ratings.filter(
      (r) => r.staffId === staffId && Number(shanghaiDateOf(r.caseClosedAt).slice(0, 4)) === year,
    ),
  );
}

/**
 * The figures in one line, as the year-end summary shows them: "评价 12 条，满意率 91.7%（非常满意 5、满意
 * 4、基本满意 2、不满意 1）；另有 1 条经考核小组认定为恶意评价，不计入".
 */
export function describeSatisfaction(s: SatisfactionStats): string {
  const levels = SATISFACTION_LEVELS.filter((l) => s.byLevel[l] > 0)
    .map((l) => `${SATISFACTION_LABELS[l]} ${String(s.byLevel[l])}`)
    .join('、');
  const rate = s.ratePercent === null ? '' : `，满意率 ${String(s.ratePercent)}%`;
  const head = `评价 ${String(s.total)} 条${rate}${levels ? `（${levels}）` : ''}`;
  return s.excluded > 0
    ? `${head}；另有 ${String(s.excluded)} 条经考核小组认定为恶意评价，不计入`
    : head;
}
