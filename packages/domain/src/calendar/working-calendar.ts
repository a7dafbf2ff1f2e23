/**
 * The official working-day calendar (工作日 / 调休) and working-day term arithmetic.
 *
 * A day is a working day when it is a make-up workday (调休上班), or a Monday–Friday that is not a
 * statutory day off. The calendar only knows the years it was given: a day in any other year is
 * never silently taken for a plain weekday — the answer is "unknown", or, for term arithmetic, a
 * best-effort date flagged provisional with the missing years named.
 */
import type { IsoDate } from '../org/staff.ts';
import { ok, refuse, type Refusal, type Result } from '../shared/result.ts';
import {
  formatIsoDate,
  isWeekend,
  MAX_DAY,
  MAX_YEAR,
  MIN_YEAR,
  parseIsoDate,
  yearOfDay,
  type DayNumber,
} from './civil.ts';

/** One year of the official calendar, as published by the State Council (and adjusted locally). */
export interface CalendarYear {
  readonly year: number;
  /** Statutory days off (放假), whether they fall on weekdays or weekends. */
  readonly holidays: readonly IsoDate[];
  /** Make-up workdays (调休上班): weekend days that are worked. */
  readonly workdays: readonly IsoDate[];
}

declare const workingCalendarBrand: unique symbol;

/** A checked calendar of several years; made only by `buildCalendar`. */
export interface WorkingCalendar {
  readonly [workingCalendarBrand]: true;
  /** The years the calendar has data for, ascending. */
  readonly years: readonly number[];
  readonly byYear: ReadonlyMap<
    number,
    { readonly holidays: ReadonlySet<DayNumber>; readonly workdays: ReadonlySet<DayNumber> }
  >;
}

/** What a day is in the calendar. */
export type DayKind = 'workday' | 'makeUpWorkday' | 'weekend' | 'holiday';

/** A date reached by working-day arithmetic; provisional when it relied on years the calendar lacks. */
export interface TermEnd {
  readonly date: IsoDate;
  /** True when part of the walk crossed a year the calendar has no data for (counted as plain weekdays). */
  readonly provisional: boolean;
  /** Those years, ascending (empty when not provisional). */
  readonly missingYears: readonly number[];
}

/** The longest term accepted, in working days (about four years): a bound on every walk. */
export const MAX_TERM_WORKING_DAYS = 1000;

export type CalendarYearRefusalCode =
  | 'BAD_YEAR'
  | 'BAD_DATE'
  | 'DATE_OUTSIDE_YEAR'
  | 'DUPLICATE_DATE'
  | 'NO_HOLIDAYS'
  | 'WORKDAY_NOT_WEEKEND'
  | 'HOLIDAY_IS_WORKDAY';

/**
 * Checks one calendar year as a person entered it. Refusals name the field ('year', 'holidays' or
 * 'workdays') and, in details, the index and value of the offending entry. On success the dates come
 * back sorted.
 *
 * A year with no holiday at all is refused: every year of the Chinese official calendar has some (at
 * least New Year's Day), so an empty year is a year not entered yet, and accepting it would treat it
 * as plain weekdays without anyone noticing.
 */
export function parseCalendarYear(
  year: number,
  holidays: readonly string[],
  workdays: readonly string[],
): Result<CalendarYear, CalendarYearRefusalCode> {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
    return refuse('BAD_YEAR', 'year', { value: year });
  if (holidays.length === 0) return refuse('NO_HOLIDAYS', 'holidays');

  const checkList = (
    field: 'holidays' | 'workdays',
    list: readonly string[],
  ): Refusal<CalendarYearRefusalCode> | Map<DayNumber, number> => {
    const seen = new Map<DayNumber, number>();
    for (const [index, value] of list.entries()) {
      const day = parseIsoDate(value);
      if (day === undefined) return refuse('BAD_DATE', field, { index, value });
      if (yearOfDay(day) !== year)
        return refuse('DATE_OUTSIDE_YEAR', field, { index, value, year });
      const first = seen.get(day);
      if (first !== undefined)
        return refuse('DUPLICATE_DATE', field, { index, value, firstIndex: first });
      seen.set(day, index);
    }
    return seen;
  };

  const off = checkList('holidays', holidays);
  if (!(off instanceof Map)) return off;
  const on = checkList('workdays', workdays);
  if (!(on instanceof Map)) return on;
  for (const [day, index] of on) {
    const value = workdays[index];
    if (!isWeekend(day)) return refuse('WORKDAY_NOT_WEEKEND', 'workdays', { index, value });
    const holidayIndex = off.get(day);
    if (holidayIndex !== undefined)
      return refuse('HOLIDAY_IS_WORKDAY', 'workdays', { index, value, holidayIndex });
  }
  const sorted = (m: Map<DayNumber, number>): IsoDate[] =>
    [...m.keys()].sort((a, b) => a - b).map(formatIsoDate);
  return ok({ year, holidays: sorted(off), workdays: sorted(on) });
}

/**
 * Builds the calendar from its years, checking each one as `parseCalendarYear` does (the refusal
 * then carries the year in details) and refusing a year given twice.
 */
export function buildCalendar(
  years: readonly CalendarYear[],
): Result<WorkingCalendar, CalendarYearRefusalCode | 'DUPLICATE_YEAR'> {
  const byYear = new Map<
    number,
    { readonly holidays: ReadonlySet<DayNumber>; readonly workdays: ReadonlySet<DayNumber> }
  >();
  for (const y of years) {
    const checked = parseCalendarYear(y.year, y.holidays, y.workdays);
    if (!checked.ok)
      return refuse(checked.code, checked.field, { ...checked.details, year: y.year });
    if (byYear.has(y.year)) return refuse('DUPLICATE_YEAR', 'year', { year: y.year });
    byYear.set(y.year, {
      holidays: new Set(checked.value.holidays.map((d) => parseIsoDate(d) ?? 0)),
      workdays: new Set(checked.value.workdays.map((d) => parseIsoDate(d) ?? 0)),
    });
  }
  const calendar = { years: [...byYear.keys()].sort((a, b) => a - b), byYear };
  return ok(calendar as unknown as WorkingCalendar);
}

/** The kind of a day, or undefined when the calendar has no data for its year. */
export function kindOfDay(cal: WorkingCalendar, day: DayNumber): DayKind | undefined {
  const data = cal.byYear.get(yearOfDay(day));
  if (data === undefined) return undefined;
  if (data.workdays.has(day)) return 'makeUpWorkday';
  if (data.holidays.has(day)) return 'holiday';
  return isWeekend(day) ? 'weekend' : 'workday';
}

/**
 * Whether a day is worked, taking a day of a year the calendar lacks for a plain weekday and noting
 * that year in `missing`. Only for the best-effort (provisional) arithmetic.
 */
export function isWorkedOrGuess(
  cal: WorkingCalendar,
  day: DayNumber,
  missing: Set<number>,
): boolean {
  const kind = kindOfDay(cal, day);
  if (kind === undefined) {
    missing.add(yearOfDay(day));
    return !isWeekend(day);
  }
  return kind === 'workday' || kind === 'makeUpWorkday';
}

export const missingList = (missing: ReadonlySet<number>): number[] =>
  [...missing].sort((a, b) => a - b);

/** What a date is in the calendar; refused when the date is malformed or its year is not in it. */
export function dayKind(
  cal: WorkingCalendar,
  date: IsoDate,
): Result<DayKind, 'BAD_DATE' | 'CALENDAR_YEAR_MISSING'> {
  const day = parseIsoDate(date);
  if (day === undefined) return refuse('BAD_DATE', 'date', { value: date });
  const kind = kindOfDay(cal, day);
  if (kind === undefined) return refuse('CALENDAR_YEAR_MISSING', 'date', { year: yearOfDay(day) });
  return ok(kind);
}

/**
 * Whether a date is a working day: ok(true) / ok(false), or a refusal 'CALENDAR_YEAR_MISSING'
 * (details.year) when the calendar has no data for that year — never a guess.
 */
export function isWorkingDay(
  cal: WorkingCalendar,
  date: IsoDate,
): Result<boolean, 'BAD_DATE' | 'CALENDAR_YEAR_MISSING'> {
  const kind = dayKind(cal, date);
  if (!kind.ok) return kind;
  return ok(kind.value === 'workday' || kind.value === 'makeUpWorkday');
}

export function checkTermDays(n: number, field: string): Refusal<'BAD_TERM'> | undefined {
  if (!Number.isInteger(n) || n < 1 || n > MAX_TERM_WORKING_DAYS)
    return refuse('BAD_TERM', field, { value: n, min: 1, max: MAX_TERM_WORKING_DAYS });
  return undefined;
}

/** The Nth working day after a day (the day itself not counted), on day numbers. */
export function addWorkingDaysFrom(
  cal: WorkingCalendar,
  from: DayNumber,
  n: number,
): Result<{ day: DayNumber; missing: Set<number> }, 'DATE_OUT_OF_RANGE'> {
  const missing = new Set<number>();
  let day = from;
  let left = n;
  while (left > 0) {
    day += 1;
    if (day > MAX_DAY) return refuse('DATE_OUT_OF_RANGE');
    if (isWorkedOrGuess(cal, day, missing)) left -= 1;
  }
  return ok({ day, missing });
}

/**
 * The Nth working day after `acceptedOn`: the day of acceptance is not counted (民法典 第二百零一条),
 * so with N = 1 the answer is the first working day after it. When the walk crosses a year the
 * calendar lacks, that part is counted as plain weekdays and the answer is flagged provisional.
 */
export function addWorkingDays(
  cal: WorkingCalendar,
  acceptedOn: IsoDate,
  n: number,
): Result<TermEnd, 'BAD_DATE' | 'BAD_TERM' | 'DATE_OUT_OF_RANGE'> {
  const from = parseIsoDate(acceptedOn);
  if (from === undefined) return refuse('BAD_DATE', 'acceptedOn', { value: acceptedOn });
  const bad = checkTermDays(n, 'n');
  if (bad) return bad;
  const walked = addWorkingDaysFrom(cal, from, n);
  if (!walked.ok) return refuse(walked.code, 'n');
  const missingYears = missingList(walked.value.missing);
  return ok({
    date: formatIsoDate(walked.value.day),
    provisional: missingYears.length > 0,
    missingYears,
  });
}

/** A count of working days, provisional when it relied on years the calendar lacks. */
export interface WorkingDayCount {
  readonly count: number;
  readonly provisional: boolean;
  readonly missingYears: readonly number[];
}

/**
 * The number of working days after `after` up to and including `upTo` (so the inverse of
 * `addWorkingDays`: counting from the acceptance date to the term's last day gives back N).
 */
export function workingDaysBetween(
  cal: WorkingCalendar,
  after: IsoDate,
  upTo: IsoDate,
): Result<WorkingDayCount, 'BAD_DATE' | 'RANGE_REVERSED'> {
  const a = parseIsoDate(after);
  if (a === undefined) return refuse('BAD_DATE', 'after', { value: after });
  const b = parseIsoDate(upTo);
  if (b === undefined) return refuse('BAD_DATE', 'upTo', { value: upTo });
  if (b < a) return refuse('RANGE_REVERSED', 'upTo', { after, upTo });
  const missing = new Set<number>();
  let count = 0;
  for (let day = a + 1; day <= b; day++) if (isWorkedOrGuess(cal, day, missing)) count += 1;
  const missingYears = missingList(missing);
  return ok({ count, provisional: missingYears.length > 0, missingYears });
}
