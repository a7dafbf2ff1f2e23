/**
 * Stored attendance of many people over one range of dates, fast (the year-end sheet: 1,000 people
 * × 330 days). The rules are those of `classifyDay` and `summarizeAttendance`, which stay the
 * reference (stored.property.test.ts checks that both give the same days and summaries); only the
 * way of getting there differs:
 *
 * - the calendar and the timetable are read once per range (`businessDaysOf`): its working days
 *   with their opening and closing instants, shared by everybody's summary;
 * - a person's counted days are walked on day numbers, working days only: a counted day that is not
 *   worked adds to `days` and to nothing else, whatever was signed (as with classifyDay);
 * - signs come keyed by day number (days since 1970-01-01, Asia/Shanghai), approved absences are
 *   merged once per person and walked along with the days, and nothing is allocated per day.
 *
 * The inputs are checked as classifyDay checks them, and a refusal is the one classifyDay gives on
 * the first counted day it refuses, with that day's date added to the details (`details.date`).
 */
import { hoursOnDay, type Timetable } from '../calendar/business-hours.ts';
import {
  formatIsoDate,
  MS_PER_MINUTE,
  parseIsoDate,
  shanghaiInstantOfDay,
  yearOfDay,
  type DayNumber,
} from '../calendar/civil.ts';
import { kindOfDay, type WorkingCalendar } from '../calendar/working-calendar.ts';
import type { IsoDate } from '../org/staff.ts';
import { ok, refuse, type Refusal, type Result } from '../shared/result.ts';
import {
  ceilMin,
  checkAbsences,
  checkGrace,
  checkSigns,
  coveredSpans,
  floorMin,
  notWorkingDay,
  type ApprovedAbsence,
  type AttendancePolicy,
  type DayAttendance,
  type DayRefusalCode,
} from './day.ts';
import { countDay, emptySummary, type AttendanceSummary } from './summary.ts';

/** A person's stored sign-in and sign-out of one day (epoch ms; null when none). */
export interface StoredSigns {
  readonly signIn: number | null;
  readonly signOut: number | null;
}

declare const businessDaysBrand: unique symbol;

/** The working days of a range of dates and their business hours; made only by `businessDaysOf`. */
export interface BusinessDays {
  readonly [businessDaysBrand]: true;
  /** The range, as day numbers. */
  readonly from: DayNumber;
  readonly to: DayNumber;
  /** The working days of the range, ascending, and their opening and closing instants (epoch ms). */
  readonly worked: readonly DayNumber[];
  readonly open: readonly number[];
  readonly close: readonly number[];
  /** The days of the range whose year the calendar lacks, ascending. */
  readonly unknown: readonly DayNumber[];
}

/** The working days of [from, to] in the calendar, with the timetable's hours of each. */
export function businessDaysOf(
  calendar: WorkingCalendar,
  timetable: Timetable,
  from: IsoDate,
  to: IsoDate,
): Result<BusinessDays, 'BAD_DATE'> {
  const first = parseIsoDate(from);
  if (first === undefined) return refuse('BAD_DATE', 'from', { value: from });
  const last = parseIsoDate(to);
  if (last === undefined) return refuse('BAD_DATE', 'to', { value: to });
  const worked: DayNumber[] = [];
  const open: number[] = [];
  const close: number[] = [];
  const unknown: DayNumber[] = [];
  for (let day = first; day <= last; day++) {
    const kind = kindOfDay(calendar, day);
    if (kind === undefined) unknown.push(day);
    else if (kind === 'workday' || kind === 'makeUpWorkday') {
      const hours = hoursOnDay(timetable, day);
      worked.push(day);
      open.push(shanghaiInstantOfDay(day, hours.open));
      close.push(shanghaiInstantOfDay(day, hours.close));
    }
  }
  const days = { from: first, to: last, worked, open, close, unknown };
  return ok(days as unknown as BusinessDays);
}

/** One person's stored attendance over the counted dates [from, to] (none when from > to). */
export interface StoredAttendance {
  /** The first and last counted date; both within the range of the business days. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** The person's signs by day number; days outside [from, to] are ignored. */
  readonly signs: ReadonlyMap<DayNumber, StoredSigns>;
  /** Approved leaves and outings (only approved ones may be passed, as to classifyDay). */
  readonly absences: readonly ApprovedAbsence[];
  readonly policy?: Partial<AttendancePolicy>;
}

/** A day's figures, filled in place, day after day. */
type Figures = { -readonly [K in keyof DayAttendance]: DayAttendance[K] };

/**
 * Milliseconds of [lo, hi) outside the spans: `spans` is flat ([from, to, from, to, …]), merged and
 * ascending, and spans before index p end before lo.
 */
function uncovered(spans: readonly number[], p: number, lo: number, hi: number): number {
  if (hi <= lo) return 0;
  let free = hi - lo;
  for (let k = p; k < spans.length && spans[k]! < hi; k += 2) {
    const a = Math.max(spans[k]!, lo);
    const b = Math.min(spans[k + 1]!, hi);
    if (b > a) free -= b - a;
  }
  return free;
}

/** classifyDay's figures of a working day [open, close) whose signs and absences are valid. */
function measure(
  f: Figures,
  open: number,
  close: number,
  signIn: number | null,
  signOut: number | null,
  spans: readonly number[],
  p: number,
  graceMs: number,
): void {
  const freeMs = uncovered(spans, p, open, close);
  f.workingDay = true;
  f.businessMs = close - open;
  f.excusedMs = f.businessMs - freeMs;
  f.excusedMinutes = floorMin(f.excusedMs);
  if (signIn === null && signOut === null) {
    f.status = freeMs === 0 ? 'on_leave' : 'absent';
    f.late = false;
    f.leftEarly = false;
    f.lateMs = 0;
    f.earlyMs = 0;
    f.unexcusedMs = freeMs;
  } else {
    const lateGap = signIn === null ? 0 : uncovered(spans, p, open, Math.min(signIn, close));
    const earlyGap = signOut === null ? 0 : uncovered(spans, p, Math.max(signOut, open), close);
    f.late = lateGap > graceMs;
    f.leftEarly = earlyGap > graceMs;
    f.lateMs = f.late ? lateGap : 0;
    f.earlyMs = f.leftEarly ? earlyGap : 0;
    f.unexcusedMs = f.lateMs + f.earlyMs;
    f.status =
      signOut === null
        ? 'missing_sign_out'
        : signIn === null
          ? 'missing_sign_in'
          : f.late
            ? f.leftEarly
              ? 'late_and_left_early'
              : 'late'
            : f.leftEarly
              ? 'left_early'
              : 'present';
  }
  f.lateMinutes = ceilMin(f.lateMs);
  f.earlyMinutes = ceilMin(f.earlyMs);
  f.unexcusedMinutes = ceilMin(f.unexcusedMs);
}

/** The index of the first element ≥ x in an ascending list (its length when none). */
function lowerBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The merged approved absences, flat ([from, to, from, to, …]) and ascending. */
const spansOf = (absences: readonly ApprovedAbsence[]): number[] =>
  coveredSpans(absences, -Infinity, Infinity).flat();

/** The grace, in ms, of a policy `checkGrace` accepts. */
const graceMsOf = (policy: Partial<AttendancePolicy> | undefined): number => {
  const grace = checkGrace(policy);
  return grace.ok ? grace.value * MS_PER_MINUTE : 0;
};

/**
 * The refusal classifyDay gives on the first counted day of [first, last] it refuses, if any: on a
 * day, a bad policy comes first, then the signs, then the absences (bad on every day), then a year
 * the calendar lacks.
 */
function firstRefusal(
  days: BusinessDays,
  first: DayNumber,
  last: DayNumber,
  person: StoredAttendance,
): { day: DayNumber; refusal: Refusal<DayRefusalCode> } | undefined {
  const grace = checkGrace(person.policy);
  if (!grace.ok) return { day: first, refusal: grace };
  let found: { day: DayNumber; refusal: Refusal<DayRefusalCode> } | undefined;
  for (const [day, s] of person.signs) {
    if (!Number.isInteger(day) || day < first || day > last || (found && found.day <= day))
      continue;
    const refusal = checkSigns(day, s.signIn, s.signOut);
    if (refusal) found = { day, refusal };
  }
  const badAbsence = checkAbsences(person.absences);
  if (badAbsence && !(found && found.day === first)) found = { day: first, refusal: badAbsence };
  const i = lowerBound(days.unknown, first);
  const missing = days.unknown[i];
  if (missing !== undefined && missing <= last && !(found && found.day <= missing))
    found = {
      day: missing,
      refusal: refuse('CALENDAR_YEAR_MISSING', 'date', { year: yearOfDay(missing) }),
    };
  return found;
}

/**
 * What summarizeAttendance gives for the days classifyDay gives on every date of [from, to], with
 * the person's signs and absences; or the refusal of the first date classifyDay refuses.
 */
export function summarizeStoredAttendance(
  days: BusinessDays,
  person: StoredAttendance,
): Result<AttendanceSummary, DayRefusalCode> {
  const first = parseIsoDate(person.from);
  if (first === undefined) return refuse('BAD_DATE', 'from', { value: person.from });
  const last = parseIsoDate(person.to);
  if (last === undefined) return refuse('BAD_DATE', 'to', { value: person.to });
  const s = emptySummary();
  if (first > last) return ok(s);
  if (first < days.from) return refuse('BAD_DATE', 'from', { value: person.from });
  if (last > days.to) return refuse('BAD_DATE', 'to', { value: person.to });
  const refused = firstRefusal(days, first, last, person);
  if (refused) {
    const { code, field, details } = refused.refusal;
    return refuse(code, field, { ...details, date: formatIsoDate(refused.day) });
  }
  const graceMs = graceMsOf(person.policy);
  const spans = spansOf(person.absences);
  // One day's figures, measured afresh on each working day (their date is not kept: not counted).
  const f: Figures = notWorkingDay(person.from);
  let p = 0;
  for (let i = lowerBound(days.worked, first); i < days.worked.length; i++) {
    const day = days.worked[i]!;
    if (day > last) break;
    const open = days.open[i]!;
    while (p < spans.length && spans[p + 1]! <= open) p += 2;
    const signs = person.signs.get(day);
    measure(
      f,
      open,
      days.close[i]!,
      signs?.signIn ?? null,
      signs?.signOut ?? null,
      spans,
      p,
      graceMs,
    );
    countDay(s, f);
  }
  // The counted days that are not worked: counted, with nothing in them.
  s.days = last - first + 1;
  return ok(s);
}

/**
 * What classifyDay gives for one day of the business days' range (a day number), with the day's
 * stored signs and the person's absences: the per-day view of `summarizeStoredAttendance`.
 */
export function classifyStoredDay(
  days: BusinessDays,
  day: DayNumber,
  signs: StoredSigns | undefined,
  absences: readonly ApprovedAbsence[],
  policy?: Partial<AttendancePolicy>,
): Result<DayAttendance, DayRefusalCode> {
  if (!Number.isInteger(day) || day < days.from || day > days.to)
    return refuse('BAD_DATE', 'date', { value: day });
  const refused = firstRefusal(days, day, day, {
    from: formatIsoDate(day),
    to: formatIsoDate(day),
    signs: signs ? new Map([[day, signs]]) : new Map(),
    absences,
    ...(policy ? { policy } : {}),
  });
  if (refused) return refused.refusal;
  const f: Figures = notWorkingDay(formatIsoDate(day));
  const i = lowerBound(days.worked, day);
  if (days.worked[i] === day) {
    const graceMs = graceMsOf(policy);
    const spans = spansOf(absences);
    let p = 0;
    while (p < spans.length && spans[p + 1]! <= days.open[i]!) p += 2;
    const { signIn = null, signOut = null } = signs ?? {};
    measure(f, days.open[i]!, days.close[i]!, signIn, signOut, spans, p, graceMs);
  }
  return ok(f);
}
