/**
 * Appeals (申诉): a person may appeal a finding, a settlement line or a rating within the policy's
 * term, counted in working days after the decision (the day of the decision not counted; the last
 * day counts to its end). The assessment group decides — never the person who recorded the finding
 * — upholding, revoking or changing it, with reasons. The money follows by itself: the next
 * settlement compares with what should have happened (settlement.ts).
 */
import { isIsoDate } from '../calendar/civil.ts';
import { addWorkingDays, type WorkingCalendar } from '../calendar/working-calendar.ts';
import type { IsoDate } from '../org/staff.ts';
import { ok, refuse, type Result } from '../shared/result.ts';
import { FINDING_LEVELS, type Finding, type FindingLevel } from './findings.ts';
import type { HalfYear } from './periods.ts';
import type { PerformancePolicy } from './policy.ts';

/** What is appealed. */
export type AppealSubject =
  | { readonly kind: 'finding'; readonly findingId: string }
  | { readonly kind: 'settlement_line'; readonly halfYear: HalfYear; readonly lineIndex: number }
  | { readonly kind: 'rating'; readonly year: number };

export type AppealOutcome = 'upheld' | 'revoked' | 'changed';
export const APPEAL_OUTCOMES: readonly AppealOutcome[] = ['upheld', 'revoked', 'changed'];

/** The new level and/or circulation of a finding changed on appeal (e.g. county → town). */
export interface FindingChange {
  readonly level?: FindingLevel;
  readonly circulated?: boolean;
}

export interface AppealDeadline {
  readonly decisionDate: IsoDate;
  /** The last day an appeal may be filed, until the end of that day. */
  readonly lastDay: IsoDate;
  readonly termWorkingDays: number;
  readonly policyId: string;
  /** True when the term runs into a year the calendar lacks: counted there in plain weekdays. */
  readonly provisional: boolean;
  readonly missingYears: readonly number[];
}

/**
 * The appeal deadline of a decision: the `appealTermWorkingDays`-th working day after it. When the
 * walk crosses a year the calendar lacks (a decision in late December before next year's calendar
 * is entered), the deadline is provisional, as a case's is: that year is counted in plain weekdays
 * and `provisional` says so. Each appeal checks its term afresh, so once the year is entered the
 * real deadline applies.
 */
export function appealDeadline(
  decisionDate: IsoDate,
  policy: PerformancePolicy,
  calendar: WorkingCalendar,
): Result<AppealDeadline, 'BAD_DATE' | 'BAD_TERM' | 'DATE_OUT_OF_RANGE'> {
  if (!isIsoDate(decisionDate)) return refuse('BAD_DATE', 'decisionDate', { value: decisionDate });
  const end = addWorkingDays(calendar, decisionDate, policy.appealTermWorkingDays);
  if (!end.ok)
    return refuse(
      end.code,
      end.code === 'BAD_TERM' ? 'appealTermWorkingDays' : 'decisionDate',
      end.details,
    );
  return ok({
    decisionDate,
    lastDay: end.value.date,
    termWorkingDays: policy.appealTermWorkingDays,
    policyId: policy.id,
    provisional: end.value.provisional,
    missingYears: end.value.missingYears,
  });
}

/** An appeal filed on `filedOn` is in time when on or before the deadline's last day (and not before the decision). */
export function checkAppealFiled(
  filedOn: IsoDate,
  deadline: AppealDeadline,
): Result<IsoDate, 'BAD_DATE' | 'FILED_BEFORE_DECISION' | 'APPEAL_TERM_EXPIRED'> {
  if (!isIsoDate(filedOn)) return refuse('BAD_DATE', 'filedOn', { value: filedOn });
  if (filedOn < deadline.decisionDate)
    return refuse('FILED_BEFORE_DECISION', 'filedOn', { decisionDate: deadline.decisionDate });
  if (filedOn > deadline.lastDay)
    return refuse('APPEAL_TERM_EXPIRED', 'filedOn', {
      lastDay: deadline.lastDay,
      termWorkingDays: deadline.termWorkingDays,
    });
  return ok(filedOn);
}

/** The person who recorded a finding may not decide its appeal. */
export function checkDecider(
  deciderStaffId: number,
  recordedByStaffId: number,
): Result<number, 'RECORDER_CANNOT_DECIDE'> {
  if (deciderStaffId === recordedByStaffId)
    return refuse('RECORDER_CANNOT_DECIDE', 'deciderStaffId', { staffId: deciderStaffId });
  return ok(deciderStaffId);
}

/** A decision states its reasons (理由): not blank, at most 2000 characters. */
export function checkDecisionReason(
  reason: string,
): Result<string, 'REASON_REQUIRED' | 'REASON_TOO_LONG'> {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text === '') return refuse('REASON_REQUIRED', 'reason');
  if (text.length > 2000) return refuse('REASON_TOO_LONG', 'reason', { max: 2000 });
  return ok(text);
}

/**
 * The finding after the appeal's outcome: unchanged when upheld, `revoked: true` when revoked, the
 * new level and/or circulation when changed. A revoked finding cannot be appealed again; a change
 * must be given for 'changed' (and only then) and must change something.
 */
export function applyOutcome(
  finding: Finding,
  outcome: AppealOutcome,
  change?: FindingChange,
): Result<
  Finding,
  | 'BAD_OUTCOME'
  | 'ALREADY_REVOKED'
  | 'CHANGE_REQUIRED'
  | 'CHANGE_NOT_EXPECTED'
  | 'BAD_LEVEL'
  | 'NOTHING_CHANGED'
> {
  if (!APPEAL_OUTCOMES.includes(outcome))
    return refuse('BAD_OUTCOME', 'outcome', { value: outcome });
  if (finding.revoked) return refuse('ALREADY_REVOKED', 'findingId', { findingId: finding.id });
  if (outcome !== 'changed' && change !== undefined) return refuse('CHANGE_NOT_EXPECTED', 'change');
  switch (outcome) {
    case 'upheld':
      return ok(finding);
    case 'revoked':
      return ok({ ...finding, revoked: true });
    case 'changed': {
      if (change === undefined || (change.level === undefined && change.circulated === undefined))
        return refuse('CHANGE_REQUIRED', 'change');
      if (change.level !== undefined && !FINDING_LEVELS.includes(change.level))
        return refuse('BAD_LEVEL', 'change.level', { value: change.level });
      const next: Finding = {
        ...finding,
        level: change.level ?? finding.level,
        circulated: change.circulated ?? finding.circulated,
      };
      if (next.level === finding.level && next.circulated === finding.circulated)
        return refuse('NOTHING_CHANGED', 'change');
      return ok(next);
    }
  }
}
