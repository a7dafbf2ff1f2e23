/**
 * The performance policy (绩效考核制度): the figures of one version of the regulation. A center may
 * change them by adopting a new version; a version applies only from its effective date (施行之日),
 * never backwards.
 */
import { isIsoDate } from '../calendar/civil.ts';
import { MAX_TERM_WORKING_DAYS } from '../calendar/working-calendar.ts';
import type { IsoDate } from '../org/staff.ts';
import { ok, refuse, type Result } from '../shared/result.ts';

export interface DeductionMonths {
  /** County inspection, circulated (县级巡查通报): months of the standard amount. */
  readonly county: number;
  /** City inspection, circulated (市级巡查通报). */
  readonly city: number;
  /** Province inspection, circulated (省级巡查通报). */
  readonly province: number;
}

export interface PerformancePolicy {
  /** Identifies the regulation version, e.g. 'source-2023'. */
  readonly id: string;
  /** First day the version applies (施行之日). */
  readonly effectiveFrom: IsoDate;
  /** The standard amount per person per month, in fen (300 yuan = 30000). */
  readonly monthlyAmountFen: number;
  readonly deductionMonths: DeductionMonths;
  /** Whether a circulated province finding caps the year-end rating below 称职. */
  readonly provinceCapsRating: boolean;
  /** Working days after a decision within which the person may appeal (申诉期限). */
  readonly appealTermWorkingDays: number;
  /** Working days after registration within which the group decides a public report (举报处理期限). */
  readonly reportDecisionWorkingDays: number;
  /** Working days after filing within which the group decides an appeal (申诉处理期限). */
  readonly appealDecisionWorkingDays: number;
  /** Working days after a 差评 within which the applicant is called back (差评回访期限). */
  readonly ratingContactWorkingDays: number;
  /** Working days after a 差评 within which it is rectified and answered (差评整改答复期限). */
  readonly ratingFixWorkingDays: number;
}

/** The terms for deciding (处理期限) a policy version sets: reports, appeals, 差评 follow-ups. */
export type DecidingTerms = Pick<
  PerformancePolicy,
  | 'reportDecisionWorkingDays'
  | 'appealDecisionWorkingDays'
  | 'ratingContactWorkingDays'
  | 'ratingFixWorkingDays'
>;

/**
 * The terms for deciding when a version does not set them (versions adopted before issue 11 got
 * these from migration 0021): a report decided within 15 working days of registration (DOMAIN.md
 * §5); an appeal within 15 working days of filing — the same group, the same kind of inquiry as a
 * report, and about the month the civil-service rules give for a 复核 (docs/money.md); a 差评 called
 * back within 1 working day and rectified and answered within 15 (the national rule for named bad
 * ratings, DOMAIN.md §10).
 */
export const DEFAULT_DECIDING_TERMS: DecidingTerms = {
  reportDecisionWorkingDays: 15,
  appealDecisionWorkingDays: 15,
  ratingContactWorkingDays: 1,
  ratingFixWorkingDays: 15,
};

/** Bounds of the terms for deciding: reports and appeals 1–60 working days, 差评 1–15. */
export const MAX_DECISION_WORKING_DAYS = 60;
export const MAX_RATING_FOLLOW_UP_WORKING_DAYS = 15;

/**
 * The figures of the source regulation 《便民服务中心工作员绩效考核制度》, in force from 2023-01-01:
 * 300 yuan per person per month; county 3, city 9, province 12 months; a province finding caps the
 * rating. The source sets no appeal term: 10 working days is this system's default.
 */
export const SOURCE_POLICY_2023: PerformancePolicy = {
  id: 'source-2023',
  effectiveFrom: '2023-01-01',
  monthlyAmountFen: 30_000,
  deductionMonths: { county: 3, city: 9, province: 12 },
  provinceCapsRating: true,
  appealTermWorkingDays: 10,
  ...DEFAULT_DECIDING_TERMS,
};

/** Upper bounds that keep every sum exact in integer arithmetic (and catch typing slips). */
export const MAX_MONTHLY_AMOUNT_FEN = 100_000_000; // 1,000,000 yuan
export const MAX_DEDUCTION_MONTHS = 120;

export type PolicyRefusalCode =
  | 'BAD_POLICY_ID'
  | 'BAD_DATE'
  | 'BAD_AMOUNT'
  | 'BAD_MONTHS'
  | 'DEDUCTION_MONTHS_NOT_ASCENDING'
  | 'BAD_FLAG'
  | 'BAD_TERM'
  | 'FIX_BEFORE_CONTACT';

const isCount = (n: unknown, max: number): boolean =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max;

/**
 * Checks one policy version. Refusals name the field: the id must be non-blank, the date a real
 * ISO date, the amount a positive whole number of fen, the months positive whole numbers rising
 * from county to city to province (a higher level never deducts less), the appeal term 1–1000
 * working days, the terms for deciding reports and appeals 1–60 working days, the 差评 call-back
 * and rectification 1–15 working days with the rectification never shorter than the call-back.
 */
export function checkPolicy(p: PerformancePolicy): Result<PerformancePolicy, PolicyRefusalCode> {
  if (typeof p.id !== 'string' || p.id.trim() === '') return refuse('BAD_POLICY_ID', 'id');
  if (typeof p.effectiveFrom !== 'string' || !isIsoDate(p.effectiveFrom))
    return refuse('BAD_DATE', 'effectiveFrom', { value: p.effectiveFrom });
  if (!isCount(p.monthlyAmountFen, MAX_MONTHLY_AMOUNT_FEN))
    return refuse('BAD_AMOUNT', 'monthlyAmountFen', {
      value: p.monthlyAmountFen,
      min: 1,
      max: MAX_MONTHLY_AMOUNT_FEN,
    });
  for (const level of ['county', 'city', 'province'] as const) {
    const n = p.deductionMonths?.[level];
    if (!isCount(n, MAX_DEDUCTION_MONTHS))
      return refuse('BAD_MONTHS', `deductionMonths.${level}`, {
        value: n,
        min: 1,
        max: MAX_DEDUCTION_MONTHS,
      });
  }
  const m = p.deductionMonths;
  if (m.city < m.county)
    return refuse('DEDUCTION_MONTHS_NOT_ASCENDING', 'deductionMonths.city', {
      county: m.county,
      city: m.city,
    });
  if (m.province < m.city)
    return refuse('DEDUCTION_MONTHS_NOT_ASCENDING', 'deductionMonths.province', {
      city: m.city,
      province: m.province,
    });
  if (typeof p.provinceCapsRating !== 'boolean')
    return refuse('BAD_FLAG', 'provinceCapsRating', { value: p.provinceCapsRating });
  if (!isCount(p.appealTermWorkingDays, MAX_TERM_WORKING_DAYS))
    return refuse('BAD_TERM', 'appealTermWorkingDays', {
      value: p.appealTermWorkingDays,
      min: 1,
      max: MAX_TERM_WORKING_DAYS,
    });
  const terms = [
    ['reportDecisionWorkingDays', MAX_DECISION_WORKING_DAYS],
    ['appealDecisionWorkingDays', MAX_DECISION_WORKING_DAYS],
    ['ratingContactWorkingDays', MAX_RATING_FOLLOW_UP_WORKING_DAYS],
    ['ratingFixWorkingDays', MAX_RATING_FOLLOW_UP_WORKING_DAYS],
  ] as const;
  for (const [field, max] of terms)
    if (!isCount(p[field], max)) return refuse('BAD_TERM', field, { value: p[field], min: 1, max });
  if (p.ratingFixWorkingDays < p.ratingContactWorkingDays)
    return refuse('FIX_BEFORE_CONTACT', 'ratingFixWorkingDays', {
      contact: p.ratingContactWorkingDays,
      fix: p.ratingFixWorkingDays,
    });
  return ok(p);
}

/**
 * Checks the versions of a center together: at least one, each valid (the field is prefixed with
 * `policies.<index>.`), ids unique, and no two versions taking effect on the same day (which one
 * would apply would be a guess).
 */
export function checkPolicies(
  policies: readonly PerformancePolicy[],
): Result<
  PerformancePolicy[],
  PolicyRefusalCode | 'NO_POLICY' | 'DUPLICATE_POLICY_ID' | 'DUPLICATE_EFFECTIVE_FROM'
> {
  if (policies.length === 0) return refuse('NO_POLICY', 'policies');
  const ids = new Map<string, number>();
  const dates = new Map<string, number>();
  for (const [index, p] of policies.entries()) {
    const checked = checkPolicy(p);
    if (!checked.ok)
      return refuse(checked.code, `policies.${index}.${checked.field ?? ''}`, {
        ...checked.details,
        index,
      });
    const sameId = ids.get(p.id);
    if (sameId !== undefined)
      return refuse('DUPLICATE_POLICY_ID', `policies.${index}.id`, {
        id: p.id,
        firstIndex: sameId,
      });
    const sameDate = dates.get(p.effectiveFrom);
    if (sameDate !== undefined)
      return refuse('DUPLICATE_EFFECTIVE_FROM', `policies.${index}.effectiveFrom`, {
        effectiveFrom: p.effectiveFrom,
        firstIndex: sameDate,
      });
    ids.set(p.id, index);
    dates.set(p.effectiveFrom, index);
  }
  return ok(sortPolicies(policies));
}

/** The versions ordered by effective date (then id), whatever order they were given in. */
export function sortPolicies(policies: readonly PerformancePolicy[]): PerformancePolicy[] {
  return [...policies].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom
      ? -1
      : a.effectiveFrom > b.effectiveFrom
        ? 1
        : a.id < b.id
          ? -1
          : a.id > b.id
            ? 1
            : 0,
  );
}

/**
 * The version in force on a date: the one with the latest effective date on or before it. A date
 * before every version has none ('NO_POLICY_IN_FORCE', details.date). Two versions of the same
 * effective date (which `checkPolicies` refuses) resolve to the greater id, so the answer never
 * depends on the order of the list.
 */
export function policyInForce(
  policies: readonly PerformancePolicy[],
  date: IsoDate,
): Result<PerformancePolicy, 'NO_POLICY_IN_FORCE'> {
  let best: PerformancePolicy | undefined;
  for (const p of policies) {
    if (p.effectiveFrom > date) continue;
    if (
      best === undefined ||
      p.effectiveFrom > best.effectiveFrom ||
      (p.effectiveFrom === best.effectiveFrom && p.id > best.id)
    )
      best = p;
  }
  return best === undefined ? refuse('NO_POLICY_IN_FORCE', 'date', { date }) : ok(best);
}

/** '依据 2023-01-01 起施行的绩效考核制度' — how a line names the rule version it applied. */
export function policyBasis(p: Pick<PerformancePolicy, 'effectiveFrom'>): string {
  return `依据 ${p.effectiveFrom} 起施行的绩效考核制度`;
}
