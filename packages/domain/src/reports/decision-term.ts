/**
 * The terms of a public report (DOMAIN.md §5): the group decides within 15 working days of its
 * registration, and the reply reaches the reporter within 2 working days of the decision. Issue 11
 * moves the numbers into the regulation's versioned policy; until then they are these fixed points.
 * A report made online is followed by its tracking code (查询码).
 */
import { deadline, type Deadline } from '../calendar/term.ts';
import type { Timetable } from '../calendar/business-hours.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { readableCode } from '../shared/readable-code.ts';
import type { Result } from '../shared/result.ts';

export const REPORT_DECISION_WORKING_DAYS = 15;
export const REPORT_REPLY_WORKING_DAYS = 2;

/** When the group must have decided: closing time of the 15th working day after registration. */
export const reportDecisionDue = (
  cal: WorkingCalendar,
  tt: Timetable,
  receivedAt: number,
): Result<Deadline, string> => deadline(cal, tt, receivedAt, REPORT_DECISION_WORKING_DAYS);

/** 10 readable characters (31¹⁰ ≈ 8.2 × 10¹⁴), shown 'ABCD-EFGH-JK': the only key to a report. */
export const TRACKING_CODE = readableCode(10);
