/**
 * Door-to-door service (上门服务/代办, DOMAIN.md §3): an elderly, disabled or sick person, or an
 * enterprise, asks the center to come (address, item, reason, preferred dates); the center assigns
 * staff and a date; the visit record (who went, when they arrived, the outcome, the linked case) is
 * what counts. Time is always a parameter (`nowMs`, epoch milliseconds); days are Asia/Shanghai.
 *
 * Decisions (docs/visits.md):
 * - Who may ask: 老年人, 残疾人, 患病 (the 老弱病残 of the source), 企业 and 重点/招商引资企业 (the
 *   site survey of large-scale and investment enterprises; urgent: 急事急办、特事特办).
 * - Preferred dates: one to three different working days of the center's calendar, from the next
 *   working day up to `daysAhead` (15) working days ahead. A day of a year the calendar lacks is
 *   refused and named (CALENDAR_YEAR_MISSING), never guessed.
 * - The visit date staff set may be any day from today on, working day or not (a family may only be
 *   at home on a Saturday); the screens show what kind of day it is.
 * - requested → scheduled → visited | cancelled; a scheduled visit may be moved (rescheduled) until it
 *   is recorded; a requested or scheduled one may be cancelled with a reason. Visited and cancelled
 *   are final.
 * - The arrival recorded is not in the future and not before the request came in.
 */
import {
  formatIsoDate,
  MS_PER_MINUTE,
  parseIsoDate,
  shanghaiDayOf,
  yearOfDay,
} from '../calendar/civil.ts';
import { kindOfDay, type DayKind, type WorkingCalendar } from '../calendar/working-calendar.ts';
import type { IsoDate } from '../org/staff.ts';
import { readableCode } from '../shared/readable-code.ts';
import { ok, refuse, type Result } from '../shared/result.ts';

export const VISIT_CATEGORIES = [
  'elderly',
  'disabled',
  'sick',
  'enterprise',
  'investment',
] as const;
/** 老年人 / 残疾人 / 患病 / 企业 / 重点、招商引资企业（踏勘）. */
export type VisitCategory = (typeof VISIT_CATEGORIES)[number];

/** Investment and key enterprises are urgent matters (急事急办、特事特办). */
export const isUrgentCategory = (c: VisitCategory): boolean => c === 'investment';

export const VISIT_CHANNELS = ['online', 'phone', 'letter', 'email', 'walk_in'] as const;
export type VisitChannel = (typeof VISIT_CHANNELS)[number];

export const VISIT_STATUSES = ['requested', 'scheduled', 'visited', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export interface VisitPolicy {
  /** At most so many preferred dates … */
  readonly maxPreferredDates: number;
  /** … each within this many working days, counting the next working day as the first. */
  readonly daysAhead: number;
}
export const DEFAULT_VISIT_POLICY: VisitPolicy = { maxPreferredDates: 3, daysAhead: 15 };

/** 10 readable characters (31¹⁰ ≈ 8.2 × 10¹⁴), shown 'ABCD-EFGH-JK': with the mobile, the key. */
export const VISIT_CODE = readableCode(10);

export interface VisitDates {
  /** The working days one may name, in order. */
  readonly dates: IsoDate[];
  /** The first day of a year the calendar lacks that the walk met, or null. */
  readonly calendarMissingFrom: IsoDate | null;
}

/**
 * The days a person may name as preferred: the working days after today (Shanghai) up to
 * `daysAhead` of them, stopping at the first day of a year without a calendar (named).
 */
export function visitDates(
  cal: WorkingCalendar,
  nowMs: number,
  policy: VisitPolicy = DEFAULT_VISIT_POLICY,
): VisitDates {
  const today = shanghaiDayOf(nowMs);
  const dates: IsoDate[] = [];
  for (let day = today + 1; dates.length < policy.daysAhead; day++) {
    const kind = kindOfDay(cal, day);
    if (kind === undefined) return { dates, calendarMissingFrom: formatIsoDate(day) };
    if (kind === 'workday' || kind === 'makeUpWorkday') dates.push(formatIsoDate(day));
  }
  return { dates, calendarMissingFrom: null };
}

export type PreferredDatesRefusalCode =
  | 'VISIT_DATES_COUNT'
  | 'VISIT_DATE_DUPLICATE'
  | 'BAD_DATE'
  | 'CALENDAR_YEAR_MISSING'
  | 'VISIT_DATE_NOT_OFFERED';

/**
 * Checks the preferred dates of a request: 1 to `maxPreferredDates`, different, each one of
 * `visitDates` at nowMs. Refusals name the field ('preferredDates' or 'preferredDates.i'):
 * VISIT_DATES_COUNT; BAD_DATE; VISIT_DATE_DUPLICATE; CALENDAR_YEAR_MISSING (details.year) for a day
 * whose year the calendar lacks; VISIT_DATE_NOT_OFFERED (details.reason 'past', 'closed' or
 * 'too_far') otherwise. On success the dates in order.
 */
export function checkPreferredDates(
  cal: WorkingCalendar,
  nowMs: number,
  dates: readonly string[],
  policy: VisitPolicy = DEFAULT_VISIT_POLICY,
): Result<IsoDate[], PreferredDatesRefusalCode> {
  if (dates.length < 1 || dates.length > policy.maxPreferredDates)
    return refuse('VISIT_DATES_COUNT', 'preferredDates', {
      min: 1,
      max: policy.maxPreferredDates,
      value: dates.length,
    });
  const offered = visitDates(cal, nowMs, policy);
  const offeredSet = new Set(offered.dates);
  const today = shanghaiDayOf(nowMs);
  const last = offered.dates.at(-1);
  const seen = new Set<number>();
  for (const [i, date] of dates.entries()) {
    const field = `preferredDates.${i}`;
    const day = parseIsoDate(date);
    if (day === undefined) return refuse('BAD_DATE', field, { value: date });
    if (seen.has(day)) return refuse('VISIT_DATE_DUPLICATE', field, { value: date });
    seen.add(day);
    if (offeredSet.has(date)) continue;
    if (day <= today)
      return refuse('VISIT_DATE_NOT_OFFERED', field, { value: date, reason: 'past' });
    const kind = kindOfDay(cal, day);
    if (kind === undefined)
      return refuse('CALENDAR_YEAR_MISSING', field, { value: date, year: yearOfDay(day) });
    const beyond = last === undefined || date > last || offered.calendarMissingFrom !== null;
    if (kind === 'weekend' || kind === 'holiday')
      return refuse('VISIT_DATE_NOT_OFFERED', field, { value: date, reason: 'closed', kind });
    if (beyond) return refuse('VISIT_DATE_NOT_OFFERED', field, { value: date, reason: 'too_far' });
  }
  return ok([...dates].sort());
}

/** What may be done to a request in each status. */
export type VisitAction = 'schedule' | 'reschedule' | 'record' | 'cancel';

/**
 * The state machine: schedule a requested visit; reschedule or record a scheduled one; cancel a
 * requested or scheduled one. VISIT_STATE (details status, action) otherwise. Answers the status
 * after the action.
 */
export function visitTransition(
  status: VisitStatus,
  action: VisitAction,
): Result<VisitStatus, 'VISIT_STATE'> {
  const no = () => refuse('VISIT_STATE', 'status', { status, action });
  switch (action) {
    case 'schedule':
      return status === 'requested' ? ok('scheduled') : no();
    case 'reschedule':
      return status === 'scheduled' ? ok('scheduled') : no();
    case 'record':
      return status === 'scheduled' ? ok('visited') : no();
    case 'cancel':
      return status === 'requested' || status === 'scheduled' ? ok('cancelled') : no();
  }
}

/**
 * The date staff set for a visit: any day from today (Shanghai) on, whose year the calendar has.
 * Answers the kind of day, for the screen to show (a visit on a weekend or holiday is allowed).
 * Refusals on 'date': BAD_DATE, VISIT_DATE_PAST, CALENDAR_YEAR_MISSING (details.year).
 */
export function checkVisitDate(
  cal: WorkingCalendar,
  nowMs: number,
  date: string,
): Result<DayKind, 'BAD_DATE' | 'VISIT_DATE_PAST' | 'CALENDAR_YEAR_MISSING'> {
  const day = parseIsoDate(date);
  if (day === undefined) return refuse('BAD_DATE', 'date', { value: date });
  if (day < shanghaiDayOf(nowMs)) return refuse('VISIT_DATE_PAST', 'date', { value: date });
  const kind = kindOfDay(cal, day);
  if (kind === undefined)
    return refuse('CALENDAR_YEAR_MISSING', 'date', { value: date, year: yearOfDay(day) });
  return ok(kind);
}

/**
 * The arrival recorded for a visit: not in the future, and not before the request came in. Staff
 * write arrivals to the minute, so an arrival in the very minute of the request counts.
 * Refusals on 'arrivedAt': TIME_IN_FUTURE, ARRIVAL_BEFORE_REQUEST.
 */
export function checkArrival(
  requestedAt: number,
  arrivedAt: number,
  nowMs: number,
): Result<number, 'TIME_IN_FUTURE' | 'ARRIVAL_BEFORE_REQUEST'> {
  if (arrivedAt > nowMs) return refuse('TIME_IN_FUTURE', 'arrivedAt');
  const requestMinute =
    requestedAt - (((requestedAt % MS_PER_MINUTE) + MS_PER_MINUTE) % MS_PER_MINUTE);
  if (arrivedAt < requestMinute) return refuse('ARRIVAL_BEFORE_REQUEST', 'arrivedAt');
  return ok(arrivedAt);
}

/** 王芳 → 王*: how the requester sees who is coming (the family name, nothing more). */
export function maskStaffName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return `${chars[0]!}${chars.length > 1 ? '*' : ''}`;
}
