/**
 * Daily attendance (考核内容 3 and 4: sign in/out; leave and outings during hours only with the
 * supervising leader's approval, no unexcused absence from the post).
 *
 * Rules fixed here (all instants are epoch ms; the day is an Asia/Shanghai civil date):
 *
 * - The business day is [open, close) of the timetable season in force on the date. Whether the date
 *   is worked comes from the official calendar only; a year the calendar lacks is refused with
 *   'CALENDAR_YEAR_MISSING', never guessed. On a non-working day nothing is counted
 *   ('not_working_day', all figures zero), whatever was signed.
 * - "Covered" time is business time inside an approved leave or outing (official_leave,
 *   personal_leave, outing alike); overlapping approvals count once. Only approved absences may be
 *   passed in: approval is checked by `checkLeaveRequest`.
 * - Lateness gap = [open, min(sign-in, close)). Its uncovered part is the late time. The person is
 *   late when the late time exceeds the grace, i.e. a sign-in at open + grace is on time and one
 *   millisecond later is late (with no covering leave). A leave covering part of the morning excuses
 *   only the part it covers.
 * - Early gap = [max(sign-out, open), close); its uncovered part is the early time; left early when it
 *   exceeds the grace (a sign-out at close − grace is on time, one millisecond earlier is early).
 * - Grace is a tolerance, not a discount: once late, the whole uncovered gap is counted.
 * - Minutes: late/early/unexcused minutes round up (1 ms late = 1 minute), excused minutes round
 *   down, so unexcused + excused minutes never exceed the business day. Exact ms are given too.
 * - No sign-in and no sign-out: 'on_leave' when approved absences cover the whole business day,
 *   otherwise 'absent' with the uncovered business time unexcused.
 * - Sign-in without sign-out: 'missing_sign_out' (the record needs correcting; nothing is assumed
 *   about when the person left); lateness is still measured and flagged. Sign-out without sign-in:
 *   'missing_sign_in', symmetrically, with the early departure still measured.
 * - An outing or leave in the middle of the day never makes anyone late or early. Conversely, leaving
 *   the post between sign-in and sign-out without approval is NOT visible from sign-ins: those
 *   findings come from inspections (see assessment findings), not from this function.
 * - Sign-ins and sign-outs must fall on the date (Shanghai) and a sign-out may not precede the
 *   sign-in; otherwise the input is refused rather than reinterpreted.
 */
import { isWorkingDay, type WorkingCalendar } from '../calendar/working-calendar.ts';
import { hoursOnDay, type Timetable } from '../calendar/business-hours.ts';
import {
  isInstant,
  MS_PER_MINUTE,
  parseIsoDate,
  shanghaiDayOf,
  shanghaiInstantOfDay,
  type DayNumber,
} from '../calendar/civil.ts';
import type { IsoDate } from '../org/staff.ts';
import { ok, refuse, type Refusal, type Result } from '../shared/result.ts';

export type AbsenceKind = 'official_leave' | 'personal_leave' | 'outing';

/** An approved leave or outing: [from, to) in epoch ms. */
export interface ApprovedAbsence {
  readonly from: number;
  readonly to: number;
  readonly kind: AbsenceKind;
}

export interface AttendancePolicy {
  /** Tolerance in whole minutes at opening and closing (default 0). */
  readonly graceMinutes: number;
}

export const DEFAULT_ATTENDANCE_POLICY: AttendancePolicy = { graceMinutes: 0 };

export interface DayInput {
  readonly date: IsoDate;
  readonly calendar: WorkingCalendar;
  readonly timetable: Timetable;
  readonly signIn?: number | null;
  readonly signOut?: number | null;
  /** Approved leaves/outings; those not overlapping the day are ignored. */
  readonly absences?: readonly ApprovedAbsence[];
  readonly policy?: Partial<AttendancePolicy>;
}

export type DayStatus =
  | 'not_working_day'
  | 'present'
  | 'late'
  | 'left_early'
  | 'late_and_left_early'
  | 'absent'
  | 'on_leave'
  | 'missing_sign_out'
  | 'missing_sign_in';

export interface DayAttendance {
  readonly date: IsoDate;
  readonly workingDay: boolean;
  readonly status: DayStatus;
  /** Late beyond the grace (also true with 'missing_sign_out'). */
  readonly late: boolean;
  /** Left early beyond the grace (also true with 'missing_sign_in'). */
  readonly leftEarly: boolean;
  readonly lateMinutes: number;
  readonly earlyMinutes: number;
  readonly unexcusedMinutes: number;
  readonly excusedMinutes: number;
  readonly lateMs: number;
  readonly earlyMs: number;
  readonly unexcusedMs: number;
  readonly excusedMs: number;
  /** Length of the business day in ms (0 on a non-working day). */
  readonly businessMs: number;
}

export type DayRefusalCode =
  | 'BAD_DATE'
  | 'CALENDAR_YEAR_MISSING'
  | 'BAD_POLICY'
  | 'BAD_INSTANT'
  | 'SIGN_NOT_ON_DATE'
  | 'SIGN_OUT_BEFORE_SIGN_IN'
  | 'BAD_ABSENCE';

type Span = readonly [number, number];

/** Union of spans clipped to [lo, hi), sorted and merged. */
export function coveredSpans(absences: readonly ApprovedAbsence[], lo: number, hi: number): Span[] {
  const clipped = absences
    .map((a): Span => [Math.max(a.from, lo), Math.min(a.to, hi)])
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of clipped) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Milliseconds of [lo, hi) not covered by the (merged) spans. */
function uncoveredMs(spans: readonly Span[], lo: number, hi: number): number {
  if (hi <= lo) return 0;
  let covered = 0;
  for (const [a, b] of spans) covered += Math.max(0, Math.min(b, hi) - Math.max(a, lo));
  return hi - lo - covered;
}

/** Late, early and unexcused time in minutes rounds up; excused time rounds down. */
export const ceilMin = (ms: number): number => Math.ceil(ms / MS_PER_MINUTE);
export const floorMin = (ms: number): number => Math.floor(ms / MS_PER_MINUTE);

/** The grace of a policy in whole minutes, or the refusal of a bad one. */
export function checkGrace(
  policy: Partial<AttendancePolicy> | undefined,
): Result<number, 'BAD_POLICY'> {
  const grace = policy?.graceMinutes ?? DEFAULT_ATTENDANCE_POLICY.graceMinutes;
  if (!Number.isInteger(grace) || grace < 0 || grace > 24 * 60)
    return refuse('BAD_POLICY', 'graceMinutes', { value: grace });
  return ok(grace);
}

/** The first refusal of a day's sign-in and sign-out (day number), or undefined when both are fine. */
export function checkSigns(
  day: DayNumber,
  signIn: number | null,
  signOut: number | null,
): Refusal<DayRefusalCode> | undefined {
  const bad = checkSign('signIn', signIn, day) ?? checkSign('signOut', signOut, day);
  if (bad) return bad;
  if (signIn !== null && signOut !== null && signOut < signIn)
    return refuse('SIGN_OUT_BEFORE_SIGN_IN', 'signOut');
  return undefined;
}

function checkSign(
  field: 'signIn' | 'signOut',
  v: number | null,
  day: DayNumber,
): Refusal<DayRefusalCode> | undefined {
  if (v === null) return undefined;
  if (!isInstant(v)) return refuse('BAD_INSTANT', field, { value: v });
  if (shanghaiDayOf(v) !== day) return refuse('SIGN_NOT_ON_DATE', field, { value: v });
  return undefined;
}

/** The refusal of the first malformed absence, or undefined when all are fine. */
export function checkAbsences(
  absences: readonly ApprovedAbsence[],
): Refusal<DayRefusalCode> | undefined {
  for (const [index, a] of absences.entries())
    if (!isInstant(a.from) || !isInstant(a.to) || a.to <= a.from)
      return refuse('BAD_ABSENCE', 'absences', { index });
  return undefined;
}

/** A day on which nothing is counted: not worked, all figures zero. */
export const notWorkingDay = (date: IsoDate): DayAttendance => ({
  date,
  workingDay: false,
  status: 'not_working_day',
  late: false,
  leftEarly: false,
  lateMinutes: 0,
  earlyMinutes: 0,
  unexcusedMinutes: 0,
  excusedMinutes: 0,
  lateMs: 0,
  earlyMs: 0,
  unexcusedMs: 0,
  excusedMs: 0,
  businessMs: 0,
});

export function classifyDay(input: DayInput): Result<DayAttendance, DayRefusalCode> {
  const { date } = input;
  const day = parseIsoDate(date);
  if (day === undefined) return refuse('BAD_DATE', 'date', { value: date });
  const checked = checkGrace(input.policy);
  if (!checked.ok) return checked;
  const grace = checked.value;
  const signIn = input.signIn ?? null;
  const signOut = input.signOut ?? null;
  const badSign = checkSigns(day, signIn, signOut);
  if (badSign) return badSign;
  const absences = input.absences ?? [];
  const badAbsence = checkAbsences(absences);
  if (badAbsence) return badAbsence;

  const working = isWorkingDay(input.calendar, date);
  if (!working.ok) return working;
  const zero = notWorkingDay(date);
  if (!working.value) return ok(zero);

  const hours = hoursOnDay(input.timetable, day);
  const open = shanghaiInstantOfDay(day, hours.open);
  const close = shanghaiInstantOfDay(day, hours.close);
  const businessMs = close - open;
  const spans = coveredSpans(absences, open, close);
  const freeMs = uncoveredMs(spans, open, close);
  const excusedMs = businessMs - freeMs;
  const graceMs = grace * MS_PER_MINUTE;
  const base = {
    ...zero,
    workingDay: true,
    businessMs,
    excusedMs,
    excusedMinutes: floorMin(excusedMs),
  };

  if (signIn === null && signOut === null) {
    if (freeMs === 0) return ok({ ...base, status: 'on_leave' });
    return ok({
      ...base,
      status: 'absent',
      unexcusedMs: freeMs,
      unexcusedMinutes: ceilMin(freeMs),
    });
  }
  const lateGap = signIn === null ? 0 : uncoveredMs(spans, open, Math.min(signIn, close));
  const earlyGap = signOut === null ? 0 : uncoveredMs(spans, Math.max(signOut, open), close);
  const late = lateGap > graceMs;
  const leftEarly = earlyGap > graceMs;
  const lateMs = late ? lateGap : 0;
  const earlyMs = leftEarly ? earlyGap : 0;
  const unexcusedMs = lateMs + earlyMs;
  const status: DayStatus =
    signOut === null
      ? 'missing_sign_out'
      : signIn === null
        ? 'missing_sign_in'
        : late && leftEarly
          ? 'late_and_left_early'
          : late
            ? 'late'
            : leftEarly
              ? 'left_early'
              : 'present';
  return ok({
    ...base,
    status,
    late,
    leftEarly,
    lateMs,
    earlyMs,
    lateMinutes: ceilMin(lateMs),
    earlyMinutes: ceilMin(earlyMs),
    unexcusedMs,
    unexcusedMinutes: ceilMin(unexcusedMs),
  });
}
