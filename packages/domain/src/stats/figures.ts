/**
 * The figures of 办件统计 (docs/statistics.md): what each count is, exactly. The server counts in
 * SQL (group by, on the stored columns); these functions are the definition the SQL follows and the
 * tests check it against.
 *
 * - 按时办结率 (on-time rate): of the cases completed (办结) in a month — closed in it, Asia/Shanghai —
 *   the share finished within their term (pauses and the one extension counted: the stored
 *   `on_time`). Only completed cases count: they are the closed cases that ran a term (every
 *   completed case was accepted). Answered inquiries and returned cases (also one returned after
 *   acceptance) ran no term to the end and are not counted; open cases are not counted until they
 *   close.
 * - 平均办理用时 (average working time): of the same cases, the working time from the start of the
 *   clock to completion, the pauses taken out (working-time.ts).
 * - 件类 (kind): how a case stands now, one kind per case, so that the kinds add up to the volume.
 * - 满意率: the ratings domain's definition (ratings/stats.ts), from counts per level.
 */
import type { AcceptedKind, CaseStatus } from '../cases/model.ts';
import { percentOneDecimal, type SatisfactionStats } from '../ratings/stats.ts';
import {
  isSatisfied,
  SATISFACTION_LEVELS,
  type SatisfactionLevel,
} from '../ratings/satisfaction.ts';

// ── On time ─────────────────────────────────────────────────────────────────

/** What the on-time figures read of a closed case. */
export interface ClosedCaseFacts {
  readonly status: CaseStatus;
  /** The stored verdict: closed at or before its deadline (null when it ran no term). */
  readonly onTime: boolean | null;
}

/** Whether a case closed in the month counts in the on-time rate: it was completed (办结). */
export const countsForOnTime = (c: Pick<ClosedCaseFacts, 'status'>): boolean =>
  c.status === 'completed';

/** Whether a counted case was on time; a completed case without a verdict counts as late. */
export const countsAsOnTime = (c: ClosedCaseFacts): boolean =>
  countsForOnTime(c) && c.onTime === true;

export interface OnTimeCounts {
  /** Completed in the month. */
  readonly closed: number;
  /** Of them, within the term. */
  readonly onTime: number;
}

export interface OnTimeFigure extends OnTimeCounts {
  /** closed − onTime. */
  readonly late: number;
  /** onTime ÷ closed in per cent, one decimal (half up); null when nothing closed. */
  readonly ratePercent: number | null;
}

/** The on-time rate of some counts. */
export function onTimeFigure(c: OnTimeCounts): OnTimeFigure {
  return {
    closed: c.closed,
    onTime: c.onTime,
    late: c.closed - c.onTime,
    ratePercent: c.closed === 0 ? null : percentOneDecimal(c.onTime, c.closed),
  };
}

/** Counts the cases that count, by a key (window, item, person …): what the SQL's group by does. */
export function onTimeBy<K>(
  cases: readonly ClosedCaseFacts[],
  keyOf: (c: ClosedCaseFacts, index: number) => K,
): Map<K, OnTimeCounts> {
  const out = new Map<K, { closed: number; onTime: number }>();
  cases.forEach((c, i) => {
    if (!countsForOnTime(c)) return;
    const key = keyOf(c, i);
    const n = out.get(key) ?? { closed: 0, onTime: 0 };
    n.closed += 1;
    if (countsAsOnTime(c)) n.onTime += 1;
    out.set(key, n);
  });
  return out;
}

// ── Kinds ───────────────────────────────────────────────────────────────────

/**
 * The kind of a case as it stands now: 咨询件 (answered), 退回件 (returned, also after acceptance),
 * 受理件 by sub-kind (accepted: running, paused, with the authority or completed), 补充件 (still
 * waiting for papers; once they came and it was accepted it is a 受理件), 待分类 (received, not yet
 * classified: handed over, or a petition awaiting the decision to accept it).
 */
export const CASE_KINDS = [
  'inquiry',
  'supplement',
  'returned',
  'unclassified',
  'immediate',
  'promised',
  'petition',
  'reported',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_KIND_LABELS: Readonly<Record<CaseKind, string>> = {
  inquiry: '咨询件',
  supplement: '补充件',
  returned: '退回件',
  unclassified: '待分类',
  immediate: '即办件',
  promised: '承诺件',
  petition: '信访件',
  reported: '上报件',
};

/** The sub-kinds that together are the 受理件. */
export const ACCEPTED_CASE_KINDS: readonly CaseKind[] = [
  'immediate',
  'promised',
  'petition',
  'reported',
];

export function caseKindOf(c: { status: CaseStatus; acceptedKind: AcceptedKind | null }): CaseKind {
  if (c.status === 'answered') return 'inquiry';
  if (c.status === 'returned') return 'returned';
  if (c.acceptedKind !== null) return c.acceptedKind;
  return c.status === 'awaiting_materials' ? 'supplement' : 'unclassified';
}

// ── Ratings ─────────────────────────────────────────────────────────────────

/**
 * The satisfaction figures from counts per level (what SQL returns) and the number excluded by an
 * upheld contest: the same figures `satisfactionStats` gives for the ratings themselves.
 */
export function satisfactionOfCounts(
  counted: Partial<Readonly<Record<SatisfactionLevel, number>>>,
  excluded: number,
): SatisfactionStats {
  const byLevel = Object.fromEntries(
    SATISFACTION_LEVELS.map((l) => [l, counted[l] ?? 0]),
  ) as Record<SatisfactionLevel, number>;
  const total = SATISFACTION_LEVELS.reduce((n, l) => n + byLevel[l], 0);
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

// ── Complaints, bookings ─────────────────────────────────────────────────────

/** What the complaint figures read of a public report (群众举报). */
export interface ComplaintFacts {
  /** When the group decided (substantiated or not); null while undecided. */
  readonly decidedAt: number | null;
  /** The date the group had to decide by; null on reports older than the term. */
  readonly decideDueAt: number | null;
}

/**
 * Whether a report is overdue (超期): it has a term, and was decided after it, or is still undecided
 * at `now` when the term is over.
 */
export function isReportOverdue(r: ComplaintFacts, now: number): boolean {
  if (r.decideDueAt === null) return false;
  return (r.decidedAt ?? now) > r.decideDueAt;
}

/** 爽约率: no-shows out of the bookings whose slot has come (arrived + no-show); null when none. */
export function noShowRatePercent(c: { arrived: number; noShow: number }): number | null {
  const came = c.arrived + c.noShow;
  return came === 0 ? null : percentOneDecimal(c.noShow, came);
}
