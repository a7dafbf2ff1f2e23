/**
 * Findings (违规认定) and what each costs, per the deduction table of the regulation (三、奖惩办法):
 *
 * | found by                                            | deduction                          |
 * | town inspection (镇巡查), joint check (协查),        | that month's amount (扣除当月考核金额) |
 * |   substantiated public report (群众举报)              |                                    |
 * | county inspection, circulated (县巡查通报)            | 3 months' amount                   |
 * | city inspection, circulated (市巡查通报)              | 9 months' amount                   |
 * | province inspection, circulated (省巡查通报)          | 12 months' amount + rating cap     |
 *
 * Two kinds of debt follow. A forfeited month (没收当月) is the person's pool amount of the month of
 * the violation — the partial amount for a partial month — and several forfeiting findings of one
 * month forfeit it once. An N-month deduction is N × the standard amount of the policy in force on
 * the finding's date, each finding on its own, on top of any forfeited month.
 *
 * Fixed here (the source is silent): a county, city or province finding that was NOT circulated
 * (未通报) is treated like a town finding — it forfeits its month. The regulation deducts for the
 * higher levels only "被通报的"; a violation they found still is a violation found in an inspection.
 * Revoked findings (已撤销) count for nothing.
 */
import { isIsoDate } from '../calendar/civil.ts';
import type { IsoDate } from '../org/staff.ts';
import { ok, refuse, type Result } from '../shared/result.ts';
import { formatYuan } from './money.ts';
import { halfYearOf, monthOf, formatMonth, type HalfYear, type YearMonth } from './periods.ts';
import { policyBasis, policyInForce, type PerformancePolicy } from './policy.ts';

export const FINDING_LEVELS = [
  'town',
  'joint_check',
  'public_report',
  'county',
  'city',
  'province',
] as const;
export type FindingLevel = (typeof FINDING_LEVELS)[number];

/** The eight assessment items (考核内容) 1–8. */
export type AssessmentItem = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface Finding {
  readonly id: string;
  readonly personId: number;
  /** The date of the violation (违规日期). */
  readonly date: IsoDate;
  readonly level: FindingLevel;
  /** Officially circulated (通报); only matters for county, city and province. */
  readonly circulated: boolean;
  readonly item: AssessmentItem;
  /** Revoked on appeal (申诉撤销) or otherwise: counts for nothing. */
  readonly revoked: boolean;
}

export const LEVEL_NAMES: Readonly<Record<FindingLevel, string>> = {
  town: '镇级巡查',
  joint_check: '镇级协查',
  public_report: '群众举报（经查实）',
  county: '县级巡查',
  city: '市级巡查',
  province: '省级巡查',
};

const ITEM_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];

/** '考核内容第三项'. */
export function itemName(item: AssessmentItem): string {
  return `考核内容第${ITEM_NUMERALS[item - 1] ?? String(item)}项`;
}

export type FindingRefusalCode =
  'BAD_FINDING_ID' | 'BAD_PERSON' | 'BAD_DATE' | 'BAD_LEVEL' | 'BAD_ITEM' | 'BAD_FLAG';

/** Checks the shape of a finding; refusals name the field. */
export function checkFinding(f: Finding): Result<Finding, FindingRefusalCode> {
  if (typeof f.id !== 'string' || f.id.trim() === '') return refuse('BAD_FINDING_ID', 'id');
  if (!Number.isSafeInteger(f.personId)) return refuse('BAD_PERSON', 'personId');
  if (typeof f.date !== 'string' || !isIsoDate(f.date))
    return refuse('BAD_DATE', 'date', { value: f.date });
  if (!(FINDING_LEVELS as readonly string[]).includes(f.level))
    return refuse('BAD_LEVEL', 'level', { value: f.level });
  if (!Number.isInteger(f.item) || f.item < 1 || f.item > 8)
    return refuse('BAD_ITEM', 'item', { value: f.item });
  if (typeof f.circulated !== 'boolean') return refuse('BAD_FLAG', 'circulated');
  if (typeof f.revoked !== 'boolean') return refuse('BAD_FLAG', 'revoked');
  return ok(f);
}

/** The N-month levels. */
export type MonthsLevel = 'county' | 'city' | 'province';

/** How a finding is deducted: its month forfeited, or N months of the standard amount. */
export type DeductionRule =
  { readonly kind: 'forfeit_month' } | { readonly kind: 'months'; readonly level: MonthsLevel };

/** The rule of a (not revoked) finding; see the module comment for the non-circulated case. */
export function deductionRuleOf(f: Pick<Finding, 'level' | 'circulated'>): DeductionRule {
  switch (f.level) {
    case 'town':
    case 'joint_check':
    case 'public_report':
      return { kind: 'forfeit_month' };
    case 'county':
    case 'city':
    case 'province':
      return f.circulated ? { kind: 'months', level: f.level } : { kind: 'forfeit_month' };
  }
}

/** "2026-03-12 县级巡查通报（考核内容第三项，编号 F3）". */
export function describeFinding(f: Finding): string {
  const higher = f.level === 'county' || f.level === 'city' || f.level === 'province';
  const circulated = higher ? (f.circulated ? '通报' : '（未通报）') : '';
  return `${f.date} ${LEVEL_NAMES[f.level]}${circulated}（${itemName(f.item)}，编号 ${f.id}）`;
}

/**
 * A debt: what a person owes the pool because of findings. Keyed so the same debt keeps its key
 * when other findings change: 'month:2026-03' for a forfeited month, 'finding:<id>' for an N-month
 * deduction.
 */
export interface Debt {
  readonly key: string;
  readonly kind: 'forfeit_month' | 'deduction';
  readonly month: YearMonth;
  readonly halfYear: HalfYear;
  /** The order in which debts are taken from a pool (oldest first): the first day of a forfeited
   * month, the date of a deduction's finding. */
  readonly date: IsoDate;
  /** The findings behind it (for a forfeited month, every forfeiting finding of the month). */
  readonly findingIds: readonly string[];
  readonly amountFen: number;
  /** The policy whose figures gave the amount (for a forfeited month: the pool month's). */
  readonly policyId: string | null;
  /** The sentence that explains it. */
  readonly text: string;
}

export const forfeitKey = (month: YearMonth) => `month:${month}`;
export const deductionKey = (findingId: string) => `finding:${findingId}`;

/** Debts in the order a pool pays them: by date, a forfeited month before a deduction of the same
 * day, then by key. Depends on nothing but the debts themselves. */
export function compareDebts(
  a: Pick<Debt, 'date' | 'kind' | 'key'>,
  b: Pick<Debt, 'date' | 'kind' | 'key'>,
): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.kind !== b.kind) return a.kind === 'forfeit_month' ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

const compareFindings = (a: Finding, b: Finding) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** What the pool knows of a month, for a forfeit: its amount and the policy that gave it. */
export interface MonthAmount {
  readonly amountFen: number;
  readonly policyId: string;
}

/**
 * The debts of a set of findings: one per month with at least one forfeiting finding (the month's
 * pool amount, found with `monthAmount`; 0 when the month is not in the pool), one per N-month
 * finding (N × the standard amount of the policy in force on its date). Revoked findings are left
 * out. A finding dated before every policy version is refused ('NO_POLICY_IN_FORCE'). The result is
 * sorted with `compareDebts`, whatever the order of the findings.
 */
export function debtsOf(
  findings: readonly Finding[],
  policies: readonly PerformancePolicy[],
  monthAmount: (month: YearMonth) => MonthAmount | undefined,
): Result<Debt[], 'NO_POLICY_IN_FORCE'> {
  const active = findings.filter((f) => !f.revoked).sort(compareFindings);
  const forfeits = new Map<YearMonth, Finding[]>();
  const debts: Debt[] = [];
  for (const f of active) {
    const policy = policyInForce(policies, f.date);
    if (!policy.ok)
      return refuse('NO_POLICY_IN_FORCE', 'findings', { findingId: f.id, date: f.date });
    const rule = deductionRuleOf(f);
    if (rule.kind === 'forfeit_month') {
      const month = monthOf(f.date);
      forfeits.set(month, [...(forfeits.get(month) ?? []), f]);
      continue;
    }
    const p = policy.value;
    const months = p.deductionMonths[rule.level];
    const amountFen = months * p.monthlyAmountFen;
    debts.push({
      key: deductionKey(f.id),
      kind: 'deduction',
      month: monthOf(f.date),
      halfYear: halfYearOf(f.date),
      date: f.date,
      findingIds: [f.id],
      amountFen,
      policyId: p.id,
      text:
        `${describeFinding(f)}，按 ${months} 个月标准扣除 ${formatYuan(amountFen)} 元` +
        `（${formatYuan(p.monthlyAmountFen)} 元 × ${months}，${policyBasis(p)}）`,
    });
  }
  for (const [month, list] of forfeits) {
    const amount = monthAmount(month);
    const amountFen = amount?.amountFen ?? 0;
    const what = list.map(describeFinding).join('；');
    const once = list.length > 1 ? `，同月共 ${list.length} 项，只没收一次` : '';
    const higher = list.some(isHigher) ? '（县、市、省级巡查未通报的，按镇级处理）' : '';
    // The version named: the one whose figure gave the month's amount (in force on the month's
    // first day, as on the pool line); without a pool month, the one in force on the violation date.
    const version =
      policies.find((p) => p.id === amount?.policyId) ??
      value(policyInForce(policies, amount ? `${month}-01` : (list[0]?.date ?? `${month}-01`)));
    const basis = version ? `（${policyBasis(version)}）` : '';
    debts.push({
      key: forfeitKey(month),
      kind: 'forfeit_month',
      month,
      halfYear: halfYearOf(`${month}-01`),
      date: `${month}-01`,
      findingIds: list.map((f) => f.id),
      amountFen,
      policyId: amount?.policyId ?? null,
      text:
        amount === undefined
          ? `${formatMonth(month)} ${what}${higher}：该月不在考核金额范围内，没收 0.00 元${basis}`
          : `${formatMonth(month)} ${what}${higher}${once}，没收当月考核金额 ${formatYuan(amountFen)} 元${basis}`,
    });
  }
  return ok(debts.sort(compareDebts));
}

const value = <T>(r: Result<T, string>): T | undefined => (r.ok ? r.value : undefined);

const isHigher = (f: Finding) =>
  f.level === 'county' || f.level === 'city' || f.level === 'province';

/** The year-end rating cap: at most 基本称职, because of these findings. */
export interface RatingCap {
  readonly maxRating: '基本称职';
  readonly findingIds: readonly string[];
}

/**
 * Whether the year-end rating of `year` is capped: a circulated province finding, not revoked, dated
 * in that year, means the rating cannot be 称职 or above (不能确定为称职合格及以上等次). When the
 * policies are given, only findings whose policy in force on their date has `provinceCapsRating`
 * cap; without them the source rule applies.
 */
export function ratingCapOf(
  findings: readonly Finding[],
  year: number,
  policies?: readonly PerformancePolicy[],
): RatingCap | null {
  const ids = findings
    .filter(
      (f) =>
        !f.revoked &&
        f.level === 'province' &&
        f.circulated &&
        Number(f.date.slice(0, 4)) === year &&
        (policies === undefined || capsUnder(policies, f.date)),
    )
    .map((f) => f.id)
    .sort();
  return ids.length === 0 ? null : { maxRating: '基本称职', findingIds: ids };
}

function capsUnder(policies: readonly PerformancePolicy[], date: IsoDate): boolean {
  const p = policyInForce(policies, date);
  return p.ok && p.value.provinceCapsRating;
}
