/**
 * The live countdown of a case (限时办结) and its early-warning colour (红黄牌), worked out in the
 * browser between two refreshes of the list. Pure: "now" and the center's calendar come in.
 */
import {
  dueLight,
  hoursOn,
  shanghaiDateOf,
  workingDaysBetween,
  workingMillisBetween,
  type AcceptedKind,
  type CaseStatus,
  type Timetable,
  type WorkingCalendar,
} from '@bianmin/domain';
import type { CaseSummary, Light } from '@bianmin/contracts';
import { formatSpan, HOUR, MINUTE } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';

/** The center's working-day calendar and opening hours, to count "个工作日". */
export interface WorkingClock {
  cal: WorkingCalendar;
  tt: Timetable;
}

/** What the countdown needs of a case (a CaseSummary has it all). */
export interface CaseClockInput {
  status: CaseStatus;
  acceptedKind: AcceptedKind | null;
  deadlineAt: string | null;
  yellowAt: string | null;
  light: Light | null;
  /** Urgent (急事急办): the term is the shortened one. */
  urgent?: boolean;
  /** What the case waits for outside its term (a petition decision, the higher authority). */
  awaiting?: CaseSummary['awaiting'];
}

export type CountdownTone = 'normal' | 'warning' | 'danger' | 'paused';

export interface Countdown {
  text: string;
  tone: CountdownTone;
  light: Light;
}

const RUNNING: readonly CaseStatus[] = ['in_progress', 'paused', 'with_authority'];

/**
 * The light now: red once past the deadline, yellow once past the yellow mark, else what the server
 * said (green, or paused while the clock is stopped); null for a case without a running term.
 */
export function liveLight(c: CaseClockInput, now: number): Light | null {
  if (!RUNNING.includes(c.status) || c.light === null) return null;
  if (c.status === 'paused' || c.light === 'paused') return 'paused';
  const deadline = c.deadlineAt ? Date.parse(c.deadlineAt) : NaN;
  if (Number.isFinite(deadline) && now > deadline) return 'red';
  const yellow = c.yellowAt ? Date.parse(c.yellowAt) : NaN;
  if (Number.isFinite(yellow) && now >= yellow) return c.light === 'red' ? 'red' : 'yellow';
  return c.light;
}

/** "2 天 3 小时", "3 小时 20 分钟", "12 分钟" for a wall-clock span; under a minute, "1 分钟". */
export function spanText(ms: number): string {
  const L = t.caseShared.span;
  return ms > 0 && ms < MINUTE ? L.minutes(1) : formatSpan(ms, L);
}

/**
 * Working time left before a deadline at closing time: the whole working days after today up to the
 * deadline's day, and the working hours still left today ("2 个工作日 3 小时").
 */
export function workingSpanText(clock: WorkingClock, now: number, deadline: number): string {
  const L = t.caseShared.span;
  const today = shanghaiDateOf(now);
  const last = shanghaiDateOf(deadline);
  const days = today < last ? workingDaysBetween(clock.cal, today, last) : null;
  const wholeDays = days?.ok ? days.value.count : 0;
  const hours = hoursOn(clock.tt, today);
  const close = hours.ok ? Date.parse(`${today}T${hours.value.close}:00+08:00`) : now;
  const todayEnd = Math.min(deadline, Math.max(now, close));
  const left = workingMillisBetween(clock.cal, clock.tt, now, todayEnd);
  const todayMs = left.ok ? left.value.millis : 0;
  if (wholeDays > 0) {
    const h = Math.floor(todayMs / HOUR);
    return h > 0 ? `${L.workingDays(wholeDays)} ${L.hours(h)}` : L.workingDays(wholeDays);
  }
  return spanText(todayMs);
}

/**
 * What the countdown column shows: "剩余 2 个工作日 3 小时" (promised and reported cases, counted
 * on the center's calendar), "剩余 12 分钟" (immediate), "剩余 40 天 3 小时" (petition, calendar
 * days), "已超期 1 天 2 小时", "已暂停"; null for a case without a running term.
 */
export function countdown(
  c: CaseClockInput,
  now: number,
  clock: WorkingClock | null,
): Countdown | null {
  const L = t.caseShared;
  const light = liveLight(c, now);
  if (light === null) return null;
  if (light === 'paused') return { text: L.paused, tone: 'paused', light };
  const deadline = c.deadlineAt ? Date.parse(c.deadlineAt) : NaN;
  if (!Number.isFinite(deadline)) return null;
  if (now > deadline) return { text: L.overdue(spanText(now - deadline)), tone: 'danger', light };
  const byWorkingDays =
    clock !== null && (c.acceptedKind === 'promised' || c.acceptedKind === 'reported');
  const text = byWorkingDays ? workingSpanText(clock, now, deadline) : spanText(deadline - now);
  return {
    text: L.remaining(text),
    tone: light === 'red' ? 'danger' : light === 'yellow' ? 'warning' : 'normal',
    light,
  };
}

/**
 * What a case awaits outside its own term, live: "剩余 3 天 2 小时" before the due instant (yellow
 * from the server's warning instant, the domain's rule), "已超期 …" after it.
 */
export function awaitingCountdown(
  a: NonNullable<CaseSummary['awaiting']>,
  now: number,
): Countdown | null {
  const L = t.caseShared;
  const due = Date.parse(a.dueAt);
  const yellowAt = Date.parse(a.yellowAt);
  if (!Number.isFinite(due) || !Number.isFinite(yellowAt)) return null;
  const light = dueLight({ at: due, yellowAt }, now);
  const text = now > due ? L.overdue(spanText(now - due)) : L.remaining(spanText(due - now));
  return {
    text,
    tone: light === 'red' ? 'danger' : light === 'yellow' ? 'warning' : 'normal',
    light,
  };
}
