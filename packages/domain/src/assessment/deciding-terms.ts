/**
 * Terms for deciding (处理期限, issue 11): the assessment group decides a public report and an
 * appeal, and the center calls back and answers a 差评, each within a number of working days set
 * by the performance policy (policy.ts). The version that applies is the one in force on the day
 * of the event — the report's registration, the appeal's filing, the rating — never a later one.
 *
 * Each term is counted like every term (民法典 第二百零一、二百零三条): the day of the event not
 * counted, ending at the center's closing time on the last working day. It turns "due soon" (即将
 * 到期, yellow) when the same share of its working time is used as a case's yellow card
 * (`yellowAtPercent` of the case settings), and "overdue" (已超期, red) once past.
 */
import type { Timetable } from '../calendar/business-hours.ts';
import { addWorkingTime, deadline, workingMillisBetween } from '../calendar/term.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { IsoDate } from '../org/staff.ts';
import { ok, refuse, type Result } from '../shared/result.ts';
import {
  DEFAULT_DECIDING_TERMS,
  policyInForce,
  type DecidingTerms,
  type PerformancePolicy,
} from './policy.ts';

export interface TermsInForce {
  readonly terms: DecidingTerms;
  /** The version they come from; null when no version is in force (the defaults apply). */
  readonly policyId: string | null;
}

/**
 * The terms for deciding of the version in force on `date`. A center that has adopted no version
 * yet (or an event before its first one) still has terms: the defaults.
 */
export function decidingTermsOn(
  policies: readonly PerformancePolicy[],
  date: IsoDate,
): TermsInForce {
  const p = policyInForce(policies, date);
  if (!p.ok) return { terms: DEFAULT_DECIDING_TERMS, policyId: null };
  return {
    terms: {
      reportDecisionWorkingDays: p.value.reportDecisionWorkingDays,
      appealDecisionWorkingDays: p.value.appealDecisionWorkingDays,
      ratingContactWorkingDays: p.value.ratingContactWorkingDays,
      ratingFixWorkingDays: p.value.ratingFixWorkingDays,
    },
    policyId: p.value.id,
  };
}

/** A term for deciding: when it runs out, and from when it is about to. */
export interface DecisionTerm {
  /** Epoch milliseconds: closing time of the last working day. */
  readonly dueAt: number;
  /** Epoch milliseconds: the yellow share of the term's working time used (≤ dueAt). */
  readonly yellowAt: number;
  /** Counted over a year the calendar lacks (in plain weekdays there). */
  readonly provisional: boolean;
}

/**
 * When a term from `startAt` due at `dueAt` is about to run out: once `yellowAtPercent` % of the
 * working time between them is used (at `dueAt` at the latest; at once when there is none).
 */
export function yellowBetween(
  cal: WorkingCalendar,
  tt: Timetable,
  startAt: number,
  dueAt: number,
  yellowAtPercent: number,
): Result<number, 'BAD_INSTANT' | 'BAD_TERM' | 'BAD_DURATION' | 'DATE_OUT_OF_RANGE'> {
  if (!Number.isInteger(yellowAtPercent) || yellowAtPercent < 1 || yellowAtPercent > 99)
    return refuse('BAD_TERM', 'yellowAtPercent', { value: yellowAtPercent });
  if (dueAt <= startAt) return ok(dueAt);
  const span = workingMillisBetween(cal, tt, startAt, dueAt);
  if (!span.ok) return refuse('BAD_INSTANT', 'startAt');
  const yellow = addWorkingTime(
    cal,
    tt,
    startAt,
    Math.ceil((span.value.millis * yellowAtPercent) / 100),
  );
  if (!yellow.ok) return yellow;
  return ok(Math.min(yellow.value.at, dueAt));
}

/**
 * The term of `workingDays` from the event at `startAt`, due soon from `yellowAtPercent` % of its
 * working time (a report registered at night starts using it at the next opening).
 */
export function decisionTerm(
  cal: WorkingCalendar,
  tt: Timetable,
  startAt: number,
  workingDays: number,
  yellowAtPercent: number,
): Result<DecisionTerm, 'BAD_INSTANT' | 'BAD_TERM' | 'BAD_DURATION' | 'DATE_OUT_OF_RANGE'> {
  const due = deadline(cal, tt, startAt, workingDays);
  if (!due.ok) return due;
  const yellow = yellowBetween(cal, tt, startAt, due.value.at, yellowAtPercent);
  if (!yellow.ok) return yellow;
  return ok({ dueAt: due.value.at, yellowAt: yellow.value, provisional: due.value.provisional });
}

/** Where a running term stands: nothing to say yet, about to run out, or run out. */
export type TermLevel = 'due_soon' | 'overdue';

/** Overdue once past the due instant (the due instant itself is still in time), due soon from yellow. */
export function termLevel(
  t: Pick<DecisionTerm, 'dueAt' | 'yellowAt'>,
  nowMs: number,
): TermLevel | null {
  if (nowMs > t.dueAt) return 'overdue';
  return nowMs >= t.yellowAt ? 'due_soon' : null;
}

const rank = (l: TermLevel | null) => (l === 'overdue' ? 2 : l === 'due_soon' ? 1 : 0);

/**
 * What to tell when a term is looked at again: `told` is what was told so far. A term is told once
 * per level, one step at a time only in name: a term first seen overdue is told overdue, not due
 * soon as well. Nothing is told twice.
 */
export function termStep(
  told: TermLevel | null,
  now: TermLevel | null,
): { readonly told: TermLevel | null; readonly tell: TermLevel | null } {
  return rank(now) > rank(told) ? { told: now, tell: now } : { told, tell: null };
}

/**
 * The key that makes an item about one crossing at most once per person, whichever server's sweep
 * gets there first: the thing, the level and the due instant (a new due instant is a new term).
 */
export const termDedupeKey = (thing: string, level: TermLevel, dueAt: number): string =>
  `term:${thing}:${level}:${String(dueAt)}`;
