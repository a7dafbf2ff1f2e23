/**
 * Terms of accepted cases (限时办结): deadlines at the center's closing time, the immediate-case
 * 30 minutes, pauses that do not count, and the early warning (红黄牌).
 *
 * Instants are epoch milliseconds; civil dates and business hours are Asia/Shanghai (UTC+8, fixed:
 * no DST in China since 1991). Nothing here reads the clock or the process time zone.
 */
import type { IsoDate } from '../org/staff.ts';
import { ok, refuse, type Result } from '../shared/result.ts';
import { hoursOnDay, type Timetable } from './business-hours.ts';
import {
  formatIsoDate,
  isInstant,
  MAX_DAY,
  MS_PER_MINUTE,
  shanghaiDayOf,
  shanghaiInstantOfDay,
} from './civil.ts';
import {
  addWorkingDaysFrom,
  checkTermDays,
  isWorkedOrGuess,
  missingList,
  type WorkingCalendar,
} from './working-calendar.ts';

/** An immediate case (即办件) is finished within 30 wall-clock minutes of acceptance. */
export const IMMEDIATE_TERM_MS = 30 * MS_PER_MINUTE;

/** A deadline instant; provisional when it relied on calendar years the calendar lacks. */
export interface Deadline {
  /** Epoch milliseconds. */
  readonly at: number;
  /** The Asia/Shanghai date of `at`. */
  readonly date: IsoDate;
  readonly provisional: boolean;
  readonly missingYears: readonly number[];
}

/** An amount of working time (business hours of working days), in milliseconds. */
export interface WorkingTime {
  readonly millis: number;
  readonly provisional: boolean;
  readonly missingYears: readonly number[];
}

/** A stretch of time that does not count (hearing, testing, expert review, waiting for the applicant). */
export interface Pause {
  readonly from: number;
  readonly to: number;
}

export interface ExtendedDeadline extends Deadline {
  /** The paused working time the deadline was moved by (overlapping pauses counted once). */
  readonly pausedMillis: number;
}

export type WarningLevel = 'green' | 'yellow' | 'red';

/**
 * The deadline of a term of `termDays` working days accepted at `acceptedAt`: the day of acceptance
 * (its Asia/Shanghai date) is not counted, and the term ends at the center's closing time on the
 * Nth working day after it (民法典 第二百零一、二百零三条).
 */
export function deadline(
  cal: WorkingCalendar,
  tt: Timetable,
  acceptedAt: number,
  termDays: number,
): Result<Deadline, 'BAD_INSTANT' | 'BAD_TERM' | 'DATE_OUT_OF_RANGE'> {
  if (!isInstant(acceptedAt)) return refuse('BAD_INSTANT', 'acceptedAt', { value: acceptedAt });
  const bad = checkTermDays(termDays, 'termDays');
  if (bad) return bad;
  const walked = addWorkingDaysFrom(cal, shanghaiDayOf(acceptedAt), termDays);
  if (!walked.ok) return refuse(walked.code, 'termDays');
  const { day, missing } = walked.value;
  const missingYears = missingList(missing);
  return ok({
    at: shanghaiInstantOfDay(day, hoursOnDay(tt, day).close),
    date: formatIsoDate(day),
    provisional: missingYears.length > 0,
    missingYears,
  });
}

/**
 * The deadline of a term counted in calendar days (信访件): the day of acceptance is not counted; when
 * the last day is not a working day the term ends on the next working day (民法典 第二百零三条), at the
 * center's closing time.
 */
export function calendarDaysDeadline(
  cal: WorkingCalendar,
  tt: Timetable,
  acceptedAt: number,
  days: number,
): Result<Deadline, 'BAD_INSTANT' | 'BAD_TERM' | 'DATE_OUT_OF_RANGE'> {
  if (!isInstant(acceptedAt)) return refuse('BAD_INSTANT', 'acceptedAt', { value: acceptedAt });
  const bad = checkTermDays(days, 'termDays');
  if (bad) return bad;
  const missing = new Set<number>();
  let day = shanghaiDayOf(acceptedAt) + days;
  while (!isWorkedOrGuess(cal, day, missing)) {
    day += 1;
    if (day > MAX_DAY) return refuse('DATE_OUT_OF_RANGE', 'termDays');
  }
  const missingYears = missingList(missing);
  return ok({
    at: shanghaiInstantOfDay(day, hoursOnDay(tt, day).close),
    date: formatIsoDate(day),
    provisional: missingYears.length > 0,
    missingYears,
  });
}

/** The deadline of an immediate case (即办件): 30 wall-clock minutes after acceptance. */
export function immediateDeadline(acceptedAt: number): number {
  return acceptedAt + IMMEDIATE_TERM_MS;
}

/**
 * The working time between two instants: the overlap of [from, to] with the business hours of the
 * working days it spans. Days of a year the calendar lacks count as plain weekdays (provisional).
 */
export function workingMillisBetween(
  cal: WorkingCalendar,
  tt: Timetable,
  from: number,
  to: number,
): Result<WorkingTime, 'BAD_INSTANT' | 'RANGE_REVERSED'> {
  if (!isInstant(from)) return refuse('BAD_INSTANT', 'from', { value: from });
  if (!isInstant(to)) return refuse('BAD_INSTANT', 'to', { value: to });
  if (to < from) return refuse('RANGE_REVERSED', 'to', { from, to });
  const missing = new Set<number>();
  const millis = workingMillisIn(cal, tt, from, to, missing);
  const missingYears = missingList(missing);
  return ok({ millis, provisional: missingYears.length > 0, missingYears });
}

function workingMillisIn(
  cal: WorkingCalendar,
  tt: Timetable,
  from: number,
  to: number,
  missing: Set<number>,
): number {
  let total = 0;
  for (let day = shanghaiDayOf(from), last = shanghaiDayOf(to); day <= last; day++) {
    const hours = hoursOnDay(tt, day);
    const start = Math.max(from, shanghaiInstantOfDay(day, hours.open));
    const end = Math.min(to, shanghaiInstantOfDay(day, hours.close));
    // Only days whose business hours the range touches are looked up (and can be provisional).
    if (end > start && isWorkedOrGuess(cal, day, missing)) total += end - start;
  }
  return total;
}

/**
 * The instant reached by adding `millis` of working time after `start`: business hours of working
 * days only, continuing at the next working day's opening when it runs past closing time. Adding
 * nothing leaves `start` as it is; a total that ends exactly at closing time stays at closing time.
 */
export function addWorkingTime(
  cal: WorkingCalendar,
  tt: Timetable,
  start: number,
  millis: number,
): Result<Deadline, 'BAD_INSTANT' | 'BAD_DURATION' | 'DATE_OUT_OF_RANGE'> {
  if (!isInstant(start)) return refuse('BAD_INSTANT', 'start', { value: start });
  if (!Number.isSafeInteger(millis) || millis < 0)
    return refuse('BAD_DURATION', 'millis', { value: millis });
  const missing = new Set<number>();
  const at = addWorkingTimeIn(cal, tt, start, millis, missing);
  if (at === undefined) return refuse('DATE_OUT_OF_RANGE', 'millis');
  const missingYears = missingList(missing);
  return ok({
    at,
    date: formatIsoDate(shanghaiDayOf(at)),
    provisional: missingYears.length > 0,
    missingYears,
  });
}

function addWorkingTimeIn(
  cal: WorkingCalendar,
  tt: Timetable,
  start: number,
  millis: number,
  missing: Set<number>,
): number | undefined {
  if (millis === 0) return start;
  let left = millis;
  for (let day = shanghaiDayOf(start); day <= MAX_DAY; day++) {
    const hours = hoursOnDay(tt, day);
    const from = Math.max(start, shanghaiInstantOfDay(day, hours.open));
    const close = shanghaiInstantOfDay(day, hours.close);
    if (from < close && isWorkedOrGuess(cal, day, missing)) {
      if (left <= close - from) return from + left;
      left -= close - from;
    }
  }
  return undefined;
}

/**
 * Moves a deadline by exactly the working time paused: the union of the pauses (overlaps counted
 * once) is measured in working time, and that much working time is added after the deadline.
 *
 * Every pause given counts, wherever it lies; deciding which pauses are admissible (e.g. none after
 * a case is already overdue) is the caller's business.
 */
export function extendByPauses(
  cal: WorkingCalendar,
  tt: Timetable,
  deadlineMs: number,
  pauses: readonly Pause[],
): Result<ExtendedDeadline, 'BAD_INSTANT' | 'PAUSE_REVERSED' | 'DATE_OUT_OF_RANGE'> {
  if (!isInstant(deadlineMs)) return refuse('BAD_INSTANT', 'deadline', { value: deadlineMs });
  for (const [index, p] of pauses.entries()) {
    if (!isInstant(p.from) || !isInstant(p.to))
      return refuse('BAD_INSTANT', 'pauses', { index, from: p.from, to: p.to });
    if (p.to < p.from) return refuse('PAUSE_REVERSED', 'pauses', { index, from: p.from, to: p.to });
  }
  const missing = new Set<number>();
  let pausedMillis = 0;
  for (const p of mergePauses(pauses))
    pausedMillis += workingMillisIn(cal, tt, p.from, p.to, missing);
  const at = addWorkingTimeIn(cal, tt, deadlineMs, pausedMillis, missing);
  if (at === undefined) return refuse('DATE_OUT_OF_RANGE', 'pauses');
  const missingYears = missingList(missing);
  return ok({
    at,
    date: formatIsoDate(shanghaiDayOf(at)),
    provisional: missingYears.length > 0,
    missingYears,
    pausedMillis,
  });
}

/** The union of pauses as disjoint intervals, sorted (touching intervals are joined). */
export function mergePauses(pauses: readonly Pause[]): Pause[] {
  const sorted = [...pauses].sort((a, b) => a.from - b.from || a.to - b.to);
  const merged: { from: number; to: number }[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else merged.push({ from: p.from, to: p.to });
  }
  return merged;
}

/**
 * The early-warning colour of a running case (红黄牌): red once `now` is past the deadline, yellow
 * once the used fraction of the term (now − start) / (deadline − start) reaches `yellowAtFraction`,
 * green before. The fraction is of whatever time the caller measures in: pass wall-clock instants,
 * or working-time amounts (e.g. 0, the term's working millis, the working millis used so far).
 */
export function warningLevel(
  startMs: number,
  deadlineMs: number,
  nowMs: number,
  yellowAtFraction = 0.8,
): Result<WarningLevel, 'BAD_THRESHOLD' | 'BAD_INSTANT' | 'DEADLINE_NOT_AFTER_START'> {
  if (!(yellowAtFraction > 0 && yellowAtFraction < 1))
    return refuse('BAD_THRESHOLD', 'yellowAtFraction', { value: yellowAtFraction });
  if (!isInstant(startMs)) return refuse('BAD_INSTANT', 'start', { value: startMs });
  if (!isInstant(deadlineMs)) return refuse('BAD_INSTANT', 'deadline', { value: deadlineMs });
  if (!isInstant(nowMs)) return refuse('BAD_INSTANT', 'now', { value: nowMs });
  if (deadlineMs <= startMs)
    return refuse('DEADLINE_NOT_AFTER_START', 'deadline', { start: startMs, deadline: deadlineMs });
  if (nowMs > deadlineMs) return ok('red');
  return ok((nowMs - startMs) / (deadlineMs - startMs) >= yellowAtFraction ? 'yellow' : 'green');
}
