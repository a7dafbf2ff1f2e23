/**
 * The terms of a public report (DOMAIN.md §5): the group decides within 15 working days of its
 * registration, and the reply reaches the reporter within 2 working days of the decision. The
 * decision term is a figure of the performance policy (`reportDecisionWorkingDays`, versioned: the
 * version in force on the day of registration applies; 15 when a center has none). A report made
 * online is followed by its tracking code (查询码).
 */
import { deadline, type Deadline } from '../calendar/term.ts';
import type { Timetable } from '../calendar/business-hours.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { DEFAULT_DECIDING_TERMS } from '../assessment/policy.ts';
import { readableCode } from '../shared/readable-code.ts';
import type { Result } from '../shared/result.ts';

/** The default decision term (a policy without one, or no policy): 15 working days. */
export const REPORT_DECISION_WORKING_DAYS = DEFAULT_DECIDING_TERMS.reportDecisionWorkingDays;
export const REPORT_REPLY_WORKING_DAYS = 2;

/**
 * When the group must have decided: closing time of the `workingDays`-th working day after
 * registration (the policy's `reportDecisionWorkingDays` of that day; 15 by default).
 */
export const reportDecisionDue = (
  cal: WorkingCalendar,
  tt: Timetable,
  receivedAt: number,
  workingDays: number = REPORT_DECISION_WORKING_DAYS,
): Result<Deadline, string> => deadline(cal, tt, receivedAt, workingDays);

/** 10 readable characters (31¹⁰ ≈ 8.2 × 10¹⁴), shown 'ABCD-EFGH-JK': the only key to a report. */
export const TRACKING_CODE = readableCode(10);
