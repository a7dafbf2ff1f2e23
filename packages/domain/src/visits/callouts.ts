/**
 * The holiday call-out (节假日召回, DOMAIN.md §3): on a holiday or weekend the duty officer notifies
 * the window staff a matter needs, who must come promptly; the record says who was notified, when,
 * and when they arrived. An unanswered or late call-out is shown to the assessment group as a
 * possible item-3/4 finding; the group decides, nothing is deducted by the system.
 *
 * Decisions (docs/visits.md):
 * - A call-out is for a day the center is closed by its calendar: a weekend or a statutory holiday
 *   (a make-up workday is a working day). A year missing from the calendar is refused, not guessed.
 * - The notification is on that day or the evening before (the day before), never in the future.
 * - The arrival is not before the notification and not in the future.
 * - The response time is a center setting (default 60 minutes, 10 to 480). The state at an instant:
 *   arrived within the response time: 按时 (on_time); arrived later: 迟到 (late); not arrived and
 *   the response time not over yet: 等待到达 (waiting); not arrived after it: 未到 (unanswered).
 *   An arrival recorded later turns 未到 into 迟到 or 按时: the record is of what happened.
 */
import { MS_PER_MINUTE, parseIsoDate, shanghaiDayOf, yearOfDay } from '../calendar/civil.ts';
import { kindOfDay, type DayKind, type WorkingCalendar } from '../calendar/working-calendar.ts';
import { ok, refuse, type Result } from '../shared/result.ts';

export const DEFAULT_CALLOUT_RESPONSE_MINUTES = 60;
export const CALLOUT_RESPONSE_MINUTES_MIN = 10;
export const CALLOUT_RESPONSE_MINUTES_MAX = 480;

export type CalloutState = 'waiting' | 'on_time' | 'late' | 'unanswered';
export const CALLOUT_STATES: readonly CalloutState[] = ['waiting', 'on_time', 'late', 'unanswered'];

/** Whether a response time (minutes) is one a center may set: a whole number from 10 to 480. */
export function checkResponseMinutes(n: number): Result<number, 'BAD_RESPONSE_MINUTES'> {
  if (!Number.isInteger(n) || n < CALLOUT_RESPONSE_MINUTES_MIN || n > CALLOUT_RESPONSE_MINUTES_MAX)
    return refuse('BAD_RESPONSE_MINUTES', 'responseMinutes', {
      value: n,
      min: CALLOUT_RESPONSE_MINUTES_MIN,
      max: CALLOUT_RESPONSE_MINUTES_MAX,
    });
  return ok(n);
}

/** The latest instant an arrival counts as prompt. */
export const respondBy = (notifiedAt: number, responseMinutes: number): number =>
  notifiedAt + responseMinutes * MS_PER_MINUTE;

/** Where a call-out stands at nowMs (see the decisions above). */
export function calloutState(
  c: { readonly notifiedAt: number; readonly arrivedAt: number | null },
  nowMs: number,
  responseMinutes: number,
): CalloutState {
  const by = respondBy(c.notifiedAt, responseMinutes);
  if (c.arrivedAt !== null) return c.arrivedAt <= by ? 'on_time' : 'late';
  return nowMs <= by ? 'waiting' : 'unanswered';
}

/** Whether the assessment group should look at it: unanswered or late. */
export const needsReview = (state: CalloutState): boolean =>
  state === 'unanswered' || state === 'late';

export type CalloutRefusalCode =
  | 'BAD_DATE'
  | 'CALENDAR_YEAR_MISSING'
  | 'CALLOUT_NOT_CLOSED_DAY'
  | 'TIME_IN_FUTURE'
  | 'CALLOUT_NOTIFIED_OFF_DAY'
  | 'ARRIVAL_BEFORE_NOTICE';

/**
 * A call-out as recorded: its day a weekend or holiday of the calendar; notified on that day or the
 * day before, not in the future; arrived (when given) not before the notice, not in the future.
 * Answers the kind of the day. Refusals name the field: 'date' (BAD_DATE, CALENDAR_YEAR_MISSING,
 * CALLOUT_NOT_CLOSED_DAY), 'notifiedAt' (TIME_IN_FUTURE, CALLOUT_NOTIFIED_OFF_DAY), 'arrivedAt'
 * (TIME_IN_FUTURE, ARRIVAL_BEFORE_NOTICE).
 */
export function checkCallout(
  cal: WorkingCalendar,
  c: { readonly date: string; readonly notifiedAt: number; readonly arrivedAt: number | null },
  nowMs: number,
): Result<DayKind, CalloutRefusalCode> {
  const day = parseIsoDate(c.date);
  if (day === undefined) return refuse('BAD_DATE', 'date', { value: c.date });
  const kind = kindOfDay(cal, day);
  if (kind === undefined)
    return refuse('CALENDAR_YEAR_MISSING', 'date', { value: c.date, year: yearOfDay(day) });
  if (kind !== 'weekend' && kind !== 'holiday')
    return refuse('CALLOUT_NOT_CLOSED_DAY', 'date', { value: c.date, kind });
  if (c.notifiedAt > nowMs) return refuse('TIME_IN_FUTURE', 'notifiedAt');
  const notifiedDay = shanghaiDayOf(c.notifiedAt);
  if (notifiedDay !== day && notifiedDay !== day - 1)
    return refuse('CALLOUT_NOTIFIED_OFF_DAY', 'notifiedAt');
  if (c.arrivedAt !== null) {
    if (c.arrivedAt > nowMs) return refuse('TIME_IN_FUTURE', 'arrivedAt');
    if (c.arrivedAt < c.notifiedAt) return refuse('ARRIVAL_BEFORE_NOTICE', 'arrivedAt');
  }
  return ok(kind);
}
