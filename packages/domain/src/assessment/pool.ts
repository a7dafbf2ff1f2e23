/**
 * The pool (考核金额): what a person can earn in a half-year before deductions. Each month in post
 * brings the standard amount of the policy in force on the month's first day; a month in post only
 * in part brings amount × (working days in post ÷ working days of the month), rounded half up to a
 * whole fen for that month (按月四舍五入到分). Working days come from the official calendar; a month
 * the calendar cannot count is refused, never guessed.
 */
import { formatIsoDate, parseIsoDate } from '../calendar/civil.ts';
import { isWorkingDay, type WorkingCalendar } from '../calendar/working-calendar.ts';
import { checkInPost, type InPost, type IsoDate } from '../org/staff.ts';
import { ok, refuse, type Result } from '../shared/result.ts';
import { formatYuan, prorateFen } from './money.ts';
import { monthRange, monthsOf, formatMonth, type HalfYear, type YearMonth } from './periods.ts';
import { policyBasis, policyInForce, type PerformancePolicy } from './policy.ts';

/** One month of a person's pool. */
export interface PoolMonth {
  readonly month: YearMonth;
  /** The first and last day of the month the person was in post. */
  readonly inPostFrom: IsoDate;
  readonly inPostTo: IsoDate;
  /** In post from the month's first to its last day: the standard amount, no counting needed. */
  readonly wholeMonth: boolean;
  /** Working days in post that month (null for a whole month: not needed). */
  readonly inPostWorkingDays: number | null;
  /** Working days of the whole month (null for a whole month). */
  readonly workingDays: number | null;
  readonly amountFen: number;
  /** The policy in force on the month's first day, whose standard amount applies. */
  readonly policyId: string;
  readonly policyEffectiveFrom: IsoDate;
  readonly monthlyAmountFen: number;
}

export type PoolRefusalCode =
  'BAD_DATE' | 'IN_POST_RANGE' | 'CALENDAR_YEAR_MISSING' | 'NO_WORKING_DAYS_IN_MONTH';

function countWorkingDays(
  calendar: WorkingCalendar,
  from: IsoDate,
  to: IsoDate,
): Result<number, 'CALENDAR_YEAR_MISSING' | 'BAD_DATE'> {
  const a = parseIsoDate(from) ?? 0;
  const b = parseIsoDate(to) ?? -1;
  let count = 0;
  for (let day = a; day <= b; day++) {
    const worked = isWorkingDay(calendar, formatIsoDate(day));
    if (!worked.ok) return refuse(worked.code, 'calendar', worked.details);
    if (worked.value) count += 1;
  }
  return ok(count);
}

/**
 * The months of a half-year in which the person was in post on at least one day and a policy was in
 * force on the month's first day (a month before the regulation took effect is not assessed), with
 * their amounts. Refusals: 'CALENDAR_YEAR_MISSING' (details.year) when a partial month falls in a
 * year the calendar lacks; 'NO_WORKING_DAYS_IN_MONTH' when a month has no working day at all.
 */
export function poolOf(
  inPost: InPost,
  policies: readonly PerformancePolicy[],
  calendar: WorkingCalendar,
  halfYear: HalfYear,
): Result<PoolMonth[], PoolRefusalCode> {
  if (!parseIsoDate(inPost.inPostFrom))
    return refuse('BAD_DATE', 'inPostFrom', { value: inPost.inPostFrom });
  if (inPost.inPostTo !== null && parseIsoDate(inPost.inPostTo) === undefined)
    return refuse('BAD_DATE', 'inPostTo', { value: inPost.inPostTo });
  const range = checkInPost(inPost);
  if (!range.ok) return range;

  const lines: PoolMonth[] = [];
  for (const month of monthsOf(halfYear)) {
    const { first, last } = monthRange(month);
    const from = inPost.inPostFrom > first ? inPost.inPostFrom : first;
    const to = inPost.inPostTo !== null && inPost.inPostTo < last ? inPost.inPostTo : last;
    if (from > to) continue; // not in post that month
    const policy = policyInForce(policies, first);
    if (!policy.ok) continue; // the regulation was not in force yet
    const p = policy.value;
    const base = {
      month,
      inPostFrom: from,
      inPostTo: to,
      policyId: p.id,
      policyEffectiveFrom: p.effectiveFrom,
      monthlyAmountFen: p.monthlyAmountFen,
    };
    if (from === first && to === last) {
      lines.push({
        ...base,
        wholeMonth: true,
        inPostWorkingDays: null,
        workingDays: null,
        amountFen: p.monthlyAmountFen,
      });
      continue;
    }
    const all = countWorkingDays(calendar, first, last);
    if (!all.ok) return refuse('CALENDAR_YEAR_MISSING', 'calendar', all.details);
    if (all.value === 0) return refuse('NO_WORKING_DAYS_IN_MONTH', 'calendar', { month });
    const inPostDays = countWorkingDays(calendar, from, to);
    if (!inPostDays.ok) return refuse('CALENDAR_YEAR_MISSING', 'calendar', inPostDays.details);
    lines.push({
      ...base,
      wholeMonth: false,
      inPostWorkingDays: inPostDays.value,
      workingDays: all.value,
      amountFen: prorateFen(p.monthlyAmountFen, inPostDays.value, all.value),
    });
  }
  return ok(lines);
}

/** The total of a pool. */
export function poolTotal(lines: readonly PoolMonth[]): number {
  return lines.reduce((sum, l) => sum + l.amountFen, 0);
}

/**
 * The sentence of a pool month, e.g. "2026年3月 全月在岗，考核金额 300.00 元（依据 2023-01-01 起施行的
 * 绩效考核制度）" or, for a part, "2026年3月 在岗 12 个工作日（2026-03-16 至 2026-03-31；当月共 22 个
 * 工作日），300.00 元 × 12 ÷ 22 = 163.64 元（按月四舍五入到分；依据 …）".
 */
export function poolMonthText(m: PoolMonth): string {
  const basis = policyBasis({ effectiveFrom: m.policyEffectiveFrom });
  if (m.wholeMonth)
    return `${formatMonth(m.month)} 全月在岗，考核金额 ${formatYuan(m.amountFen)} 元（${basis}）`;
  return (
    `${formatMonth(m.month)} 在岗 ${m.inPostWorkingDays ?? 0} 个工作日（${m.inPostFrom} 至 ${m.inPostTo}；` +
    `当月共 ${m.workingDays ?? 0} 个工作日），${formatYuan(m.monthlyAmountFen)} 元 × ` +
    `${m.inPostWorkingDays ?? 0} ÷ ${m.workingDays ?? 0} = ${formatYuan(m.amountFen)} 元` +
    `（按月四舍五入到分；${basis}）`
  );
}
