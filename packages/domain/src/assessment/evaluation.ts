/**
 * The year-end comprehensive evaluation (年度综合考评, DOMAIN.md §7): a per-person summary of the
 * daily assessment of one calendar year, and a proposed rating on the civil-service scale that the
 * assessment group then decides.
 *
 * The summary:
 * - attendance (考勤): the year's figures from the sign-ins (late, left early, absent without leave,
 *   on leave), or `null` when the center has no attendance data for the person;
 * - rule compliance (遵章守纪): the year's findings (violation date in the year, not revoked) by
 *   level and by assessment item, how many were circulated at county level or above, how many are
 *   serious (referred for discipline);
 * - service quality (服务质量): overdue cases (办件超期) counted by the caller, complaints (投诉) =
 *   substantiated public reports (findings whose source is a public report), ratings by applicants
 *   (群众评价, 好差评): counts per level and the satisfaction rate of the ratings of the cases the
 *   person closed in the year, contests upheld as malicious excluded; `null` ("暂无评价数据") when
 *   there are none — nothing is invented. The ratings do not change the proposal (a policy decision
 *   for the regulation, not made here);
 * - the rating cap: a circulated province finding of the year caps the rating at 基本称职.
 *
 * `proposeRating` is a fixed, explainable rule. It is only a proposal: the group decides. Every
 * condition met lowers the proposal to at most the rating it names; the proposal is the lowest of
 * them, and every condition met is listed as a reason (in Chinese):
 *
 * | condition (in the year)                                                 | at most  |
 * | ----------------------------------------------------------------------- | -------- |
 * | absent without leave (旷岗) on ≥ 5 working days                          | 不称职   |
 * | a serious finding (严重违规，移送纪律处分程序)                          | 不称职   |
 * | ≥ 6 findings                                                            | 不称职   |
 * | a circulated province finding (the cap)                                 | 基本称职 |
 * | another circulated finding of county level or above                     | 基本称职 |
 * | absent without leave on ≥ 2 working days                                | 基本称职 |
 * | late or left early ≥ 12 times (about once a month)                     | 基本称职 |
 * | ≥ 3 findings                                                            | 基本称职 |
 * | ≥ 3 overdue cases                                                       | 基本称职 |
 * | ≥ 2 complaints (substantiated public reports)                           | 基本称职 |
 *
 * With none met the proposal is 称职. The rule never proposes 优秀: under the civil-service rules
 * 优秀 is a limited share chosen by the group, not something a count can earn. It says, as a reason,
 * when the person meets the bar for the group to consider it: no finding, no overdue case, no
 * complaint, and attendance known with no absence, lateness or early leaving.
 */
import type { AttendanceSummary } from '../attendance/summary.ts';
import { shanghaiDateOf } from '../calendar/civil.ts';
import { satisfactionStats, type CountedRating, type SatisfactionStats } from '../ratings/stats.ts';
import { ok, refuse, type Result } from '../shared/result.ts';
import { ratingCapOf, type AssessmentItem, type Finding, type FindingLevel } from './findings.ts';
import { FINDING_LEVELS } from './findings.ts';
import type { PerformancePolicy } from './policy.ts';
import { ratingRank, type Rating } from './rating.ts';

/** A finding as the evaluation reads it: where it came from and whether it is serious. */
export interface EvaluationFinding extends Finding {
  readonly source: 'inspection' | 'overdue_case' | 'public_report';
  readonly serious: boolean;
}

export interface EvaluationInput {
  readonly year: number;
  readonly attendance: AttendanceSummary | null;
  /** The person's findings (any year; only those dated in the year and not revoked count). */
  readonly findings: readonly EvaluationFinding[];
  /** Cases of the person that ran over their term in the year (closed late or still open). */
  readonly overdueCases: number;
  /** The ratings of the cases the person closed in the year (absent: none). */
  readonly ratings?: readonly CountedRating[];
  /** When given, only findings under a version with `provinceCapsRating` cap the rating. */
  readonly policies?: readonly PerformancePolicy[];
}

export interface FindingCounts {
  readonly total: number;
  readonly byLevel: Readonly<Record<FindingLevel, number>>;
  /** Counts of items 1–8, index 0 = item 1. */
  readonly byItem: readonly number[];
  /** Circulated at county, city or province level. */
  readonly circulated: number;
  readonly serious: number;
  readonly ids: readonly string[];
}

export interface EvaluationSummary {
  readonly year: number;
  readonly attendance: AttendanceSummary | null;
  readonly findings: FindingCounts;
  readonly overdueCases: number;
  readonly complaints: number;
  /** Ratings by applicants (好差评) of the year; null when none counts, shown as "暂无评价数据". */
  readonly ratings: SatisfactionStats | null;
  /** The cap of the year, with the findings causing it, or null. */
  readonly cap: { readonly maxRating: Rating; readonly findingIds: readonly string[] } | null;
}

export interface RatingProposal {
  readonly rating: Rating;
  /** Every condition met, in Chinese; or why none lowers the rating. Never empty. */
  readonly reasons: readonly string[];
}

/** The thresholds of `proposeRating` (see the table in the header). */
export const PROPOSAL_RULES = {
  unfitAbsentDays: 5,
  unfitFindings: 6,
  basicAbsentDays: 2,
  basicLateOrEarly: 12,
  basicFindings: 3,
  basicOverdueCases: 3,
  basicComplaints: 2,
} as const;

export const RATINGS_NOT_COLLECTED = '暂无评价数据';

/** The year's ratings, or null when none counts (none given, or all excluded). */
function ratingsOf(ratings: readonly CountedRating[]): SatisfactionStats | null {
  const stats = satisfactionStats(ratings);
  return stats.total === 0 ? null : stats;
}

const inYear = (f: Finding, year: number) => !f.revoked && Number(f.date.slice(0, 4)) === year;
const HIGHER: readonly FindingLevel[] = ['county', 'city', 'province'];

/** The year's summary of one person. */
export function summarizeEvaluation(input: EvaluationInput): EvaluationSummary {
  const year = input.year;
  const counted = input.findings.filter((f) => inYear(f, year));
  const byLevel = Object.fromEntries(FINDING_LEVELS.map((l) => [l, 0])) as Record<
    FindingLevel,
    number
  >;
  const byItem = [0, 0, 0, 0, 0, 0, 0, 0];
  for (const f of counted) {
    byLevel[f.level] += 1;
    byItem[f.item - 1] = (byItem[f.item - 1] ?? 0) + 1;
  }
  const cap = ratingCapOf(input.findings, year, input.policies);
  return {
    year,
    attendance: input.attendance,
    findings: {
      total: counted.length,
      byLevel,
      byItem,
      circulated: counted.filter((f) => f.circulated && HIGHER.includes(f.level)).length,
      serious: counted.filter((f) => f.serious).length,
      ids: counted.map((f) => f.id).sort(),
    },
    overdueCases: Math.max(0, Math.trunc(input.overdueCases)),
    complaints: counted.filter((f) => f.source === 'public_report').length,
    ratings: ratingsOf(input.ratings ?? []),
    cap: cap && { maxRating: cap.maxRating, findingIds: [...cap.findingIds] },
  };
}

const ITEM_NAMES: Readonly<Record<AssessmentItem, string>> = {
  1: '第一项',
  2: '第二项',
  3: '第三项',
  4: '第四项',
  5: '第五项',
  6: '第六项',
  7: '第七项',
  8: '第八项',
};

/** "第三项 2 个、第六项 1 个": the items of the year's findings, for a reason. */
export function describeItems(byItem: readonly number[]): string {
  return byItem
    .map((n, i) => (n > 0 ? `${ITEM_NAMES[(i + 1) as AssessmentItem]} ${String(n)} 个` : ''))
    .filter(Boolean)
    .join('、');
}

/**
 * The proposed rating with its reasons (see the header for the rule). The proposal always passes
 * `checkRating`: it is never above the cap.
 */
export function proposeRating(s: EvaluationSummary): RatingProposal {
  const R = PROPOSAL_RULES;
  const met: { rating: Rating; text: string }[] = [];
  const a = s.attendance;
  const f = s.findings;
  if (a && a.absent >= R.unfitAbsentDays)
    met.push({
      rating: '不称职',
      text: `旷岗（无故缺勤）${String(a.absent)} 个工作日，达到 ${String(R.unfitAbsentDays)} 个工作日`,
    });
  if (f.serious > 0)
    met.push({
      rating: '不称职',
      text: `有 ${String(f.serious)} 个严重违规问题（移送纪律处分程序）`,
    });
  if (f.total >= R.unfitFindings)
    met.push({
      rating: '不称职',
      text: `全年问题 ${String(f.total)} 个，达到 ${String(R.unfitFindings)} 个（${describeItems(f.byItem)}）`,
    });
  if (s.cap)
    met.push({
      rating: s.cap.maxRating,
      text: `有省级巡查通报的问题（编号 ${s.cap.findingIds.join('、')}），按规定不能确定为称职及以上`,
    });
  // Circulated at county level or above, apart from the findings already behind the cap.
  const circulatedOther = f.circulated - (s.cap ? s.cap.findingIds.length : 0);
  if (circulatedOther > 0)
    met.push({
      rating: '基本称职',
      text: `有县级及以上巡查通报的问题 ${String(circulatedOther)} 个`,
    });
  if (a && a.absent >= R.basicAbsentDays && a.absent < R.unfitAbsentDays)
    met.push({
      rating: '基本称职',
      text: `旷岗（无故缺勤）${String(a.absent)} 个工作日，达到 ${String(R.basicAbsentDays)} 个工作日`,
    });
  if (a && a.late + a.leftEarly >= R.basicLateOrEarly)
    met.push({
      rating: '基本称职',
      text: `迟到 ${String(a.late)} 次、早退 ${String(a.leftEarly)} 次，合计达到 ${String(R.basicLateOrEarly)} 次`,
    });
  if (f.total >= R.basicFindings && f.total < R.unfitFindings)
    met.push({
      rating: '基本称职',
      text: `全年问题 ${String(f.total)} 个，达到 ${String(R.basicFindings)} 个（${describeItems(f.byItem)}）`,
    });
  if (s.overdueCases >= R.basicOverdueCases)
    met.push({
      rating: '基本称职',
      text: `超期办件 ${String(s.overdueCases)} 件，达到 ${String(R.basicOverdueCases)} 件`,
    });
  if (s.complaints >= R.basicComplaints)
    met.push({
      rating: '基本称职',
      text: `经查实的群众投诉举报 ${String(s.complaints)} 件，达到 ${String(R.basicComplaints)} 件`,
    });

  if (met.length > 0) {
    const rating = met.reduce<Rating>(
      (low, m) => (ratingRank(m.rating) > ratingRank(low) ? m.rating : low),
      '称职',
    );
    return { rating, reasons: met.map((m) => `${m.text} → 最高${m.rating}`) };
  }
  const reasons = ['未达到任何降等条件，建议称职'];
  if (a === null) reasons.push('考勤数据暂缺，未计入考勤情况');
  const spotless =
    a !== null &&
    a.absent === 0 &&
    a.late === 0 &&
    a.leftEarly === 0 &&
    f.total === 0 &&
    s.overdueCases === 0 &&
    s.complaints === 0;
  if (spotless)
    reasons.push(
      '全年无问题、无旷岗、无迟到早退、无超期办件、无投诉，符合评优条件；优秀由考核小组评定，系统不自动建议',
    );
  return { rating: '称职', reasons };
}

/** A violation candidate (超期办件线索) the group has not confirmed or dismissed yet. */
export interface OpenCandidate {
  readonly id: number;
  /** The case's deadline (epoch ms): a confirmed candidate becomes a finding of that day. */
  readonly deadlineAt: number;
}

/**
 * The open candidates that bear on the rating of `year`: those whose deadline fell in the year
 * (Asia/Shanghai) — confirmed, each becomes a finding of the year (item 6), dismissed, it no longer
 * counts as an overdue case; either way the year's facts change. Candidates of other years do not
 * touch this year's rating. Sorted by deadline, then id.
 */
export function openCandidatesOfYear<C extends OpenCandidate>(
  candidates: readonly C[],
  year: number,
): C[] {
  return candidates
    .filter((c) => Number(shanghaiDateOf(c.deadlineAt).slice(0, 4)) === year)
    .sort((a, b) => a.deadlineAt - b.deadlineAt || a.id - b.id);
}

/**
 * A rating decided while candidates of the year are open must say so: every open candidate must be
 * among those the decider confirmed having seen. Otherwise 'OPEN_CANDIDATES' on the field
 * `confirmOpenCandidates`, details.candidateIds naming the open ones not confirmed.
 */
export function checkOpenCandidatesConfirmed(
  open: readonly OpenCandidate[],
  confirmedIds: readonly number[],
): Result<true, 'OPEN_CANDIDATES'> {
  const missing = open.filter((c) => !confirmedIds.includes(c.id)).map((c) => c.id);
  if (missing.length > 0)
    return refuse('OPEN_CANDIDATES', 'confirmOpenCandidates', { candidateIds: missing });
  return ok(true);
}
