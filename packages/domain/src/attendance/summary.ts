/**
 * Year-end (or any period's) attendance counts. Rules fixed here: a day counts as late when its
 * `late` flag is set (so a 'missing_sign_out' day that started late counts as late), as left early
 * when `leftEarly` is set; 'late_and_left_early' counts in both. Minutes are summed as given.
 */
import type { DayAttendance } from './day.ts';

export interface AttendanceSummary {
  readonly days: number;
  readonly workingDays: number;
  readonly present: number;
  readonly late: number;
  readonly leftEarly: number;
  readonly absent: number;
  readonly onLeave: number;
  readonly missingSignOut: number;
  readonly missingSignIn: number;
  readonly lateMinutes: number;
  readonly earlyMinutes: number;
  readonly unexcusedMinutes: number;
}

/** A day as the summary counts it. */
export type CountedDay = Pick<
  DayAttendance,
  | 'workingDay'
  | 'status'
  | 'late'
  | 'leftEarly'
  | 'lateMinutes'
  | 'earlyMinutes'
  | 'unexcusedMinutes'
>;

/** A summary being counted (see `countDay`). */
export type SummaryCount = { -readonly [K in keyof AttendanceSummary]: AttendanceSummary[K] };

/** The summary of no day. */
export const emptySummary = (): SummaryCount => ({
  days: 0,
  workingDays: 0,
  present: 0,
  late: 0,
  leftEarly: 0,
  absent: 0,
  onLeave: 0,
  missingSignOut: 0,
  missingSignIn: 0,
  lateMinutes: 0,
  earlyMinutes: 0,
  unexcusedMinutes: 0,
});

/** Adds one day to a summary being counted. */
export function countDay(s: SummaryCount, d: CountedDay): void {
  s.days += 1;
  if (d.workingDay) s.workingDays += 1;
  if (d.status === 'present') s.present += 1;
  if (d.late) s.late += 1;
  if (d.leftEarly) s.leftEarly += 1;
  if (d.status === 'absent') s.absent += 1;
  if (d.status === 'on_leave') s.onLeave += 1;
  if (d.status === 'missing_sign_out') s.missingSignOut += 1;
  if (d.status === 'missing_sign_in') s.missingSignIn += 1;
  s.lateMinutes += d.lateMinutes;
  s.earlyMinutes += d.earlyMinutes;
  s.unexcusedMinutes += d.unexcusedMinutes;
}

export function summarizeAttendance(days: readonly DayAttendance[]): AttendanceSummary {
  const s = emptySummary();
  for (const d of days) countDay(s, d);
  return s;
}
