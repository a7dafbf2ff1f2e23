/**
 * 办理用时: the working time a completed case took, from the start of its clock (formal acceptance,
 * or the day of receipt when it counted as accepted) to its completion, measured in the business
 * hours of working days of the center's calendar, with the time it was paused (hearing, testing,
 * expert review, waiting for the applicant) taken out. Years the calendar lacks count as plain
 * weekdays and make the figure provisional (calendar/term.ts).
 */
import { mergePauses, workingMillisBetween, type Pause } from '../calendar/term.ts';
import type { Timetable } from '../calendar/business-hours.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { MS_PER_MINUTE } from '../calendar/civil.ts';
import { ok, type Result } from '../shared/result.ts';

export interface TimedCase {
  /** When the term started (epoch ms). */
  readonly clockStartAt: number;
  /** When it was completed (epoch ms). */
  readonly closedAt: number;
  /** Every pause; one still open counts until `closedAt`. */
  readonly pauses: readonly { readonly from: number; readonly to: number | null }[];
}

export interface WorkingTimeUsed {
  /** Working time used, pauses out, in milliseconds. */
  readonly millis: number;
  /** Working time paused within the span. */
  readonly pausedMillis: number;
  readonly provisional: boolean;
  readonly missingYears: readonly number[];
}

/**
 * The working time from the clock's start to completion, less the working time of the pauses
 * (overlapping pauses counted once, each cut to the span).
 */
export function workingTimeUsed(
  cal: WorkingCalendar,
  tt: Timetable,
  c: TimedCase,
): Result<WorkingTimeUsed, 'BAD_INSTANT' | 'RANGE_REVERSED'> {
  const span = workingMillisBetween(cal, tt, c.clockStartAt, c.closedAt);
  if (!span.ok) return span;
  const missing = new Set(span.value.missingYears);
  const cut: Pause[] = [];
  for (const p of c.pauses) {
    const from = Math.max(p.from, c.clockStartAt);
    const to = Math.min(p.to ?? c.closedAt, c.closedAt);
    if (to > from) cut.push({ from, to });
  }
  let paused = 0;
  for (const p of mergePauses(cut)) {
    const w = workingMillisBetween(cal, tt, p.from, p.to);
    if (!w.ok) return w;
    paused += w.value.millis;
    for (const y of w.value.missingYears) missing.add(y);
  }
  const missingYears = [...missing].sort((a, b) => a - b);
  return ok({
    millis: span.value.millis - paused,
    pausedMillis: paused,
    provisional: missingYears.length > 0,
    missingYears,
  });
}

export interface AverageWorkingTime {
  readonly count: number;
  /** The mean in whole minutes (half up); null when there is nothing to average. */
  readonly minutes: number | null;
}

/** The average of some working times, in whole minutes rounded half up. */
export function averageWorkingMinutes(millis: readonly number[]): AverageWorkingTime {
  if (millis.length === 0) return { count: 0, minutes: null };
  const sum = millis.reduce((n, m) => n + m, 0);
  const unit = millis.length * MS_PER_MINUTE;
  return { count: millis.length, minutes: Math.floor((2 * sum + unit) / (2 * unit)) };
}
