/**
 * The term of a case: when its clock started, when it ends, when it turns yellow, whether it
 * finished on time. Counting rules of DOMAIN.md "Counting terms".
 */
import { hoursOnDay, type Timetable } from '../calendar/business-hours.ts';
import { parseIsoDate, shanghaiDateOf, shanghaiInstantOfDay } from '../calendar/civil.ts';
import {
  addWorkingTime,
  calendarDaysDeadline,
  deadline,
  extendByPauses,
  IMMEDIATE_TERM_MS,
  workingMillisBetween,
  type Deadline,
  type Pause,
} from '../calendar/term.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { ok, refuse, type Result } from '../shared/result.ts';
import type { CasePolicy, CaseState, Submission } from './model.ts';

/** What counting a term needs besides the case: the center's calendar, hours and policy. */
export interface TermContext {
  readonly cal: WorkingCalendar;
  readonly tt: Timetable;
  readonly policy: CasePolicy;
}

export interface CaseDeadline extends Deadline {
  /** When the case turns yellow (红黄牌): the policy's share of the term used. */
  readonly yellowAt: number;
  /** Working time the pauses moved the deadline by. */
  readonly pausedMillis: number;
}

export type TermRefusalCode =
  'BAD_INSTANT' | 'BAD_TERM' | 'BAD_DURATION' | 'DATE_OUT_OF_RANGE' | 'PAUSE_REVERSED';

/**
 * The last moment a supplement notice may be issued (行政许可法 第三十二条): the end of the
 * policy's working days after the day of receipt. Later, the application counts as accepted on the
 * day it was received.
 */
export function supplementDue(
  receivedAt: number,
  ctx: TermContext,
): Result<Deadline, 'BAD_INSTANT' | 'BAD_TERM' | 'DATE_OUT_OF_RANGE'> {
  return deadline(ctx.cal, ctx.tt, receivedAt, ctx.policy.supplementWithinWorkingDays);
}

/**
 * When the term of a case accepted at `at` starts. A supplement notice issued in time means the term
 * starts when the papers are complete (now); without one, once the supplement period is over, the
 * application counts as accepted on the day of receipt (art. 32).
 */
export function clockStart(
  state: Pick<CaseState, 'receivedAt' | 'supplementAt'>,
  at: number,
  ctx: TermContext,
): Result<{ at: number; deemed: boolean }, 'BAD_INSTANT' | 'BAD_TERM' | 'DATE_OUT_OF_RANGE'> {
  if (state.supplementAt !== null) return ok({ at, deemed: false });
  const due = supplementDue(state.receivedAt, ctx);
  if (!due.ok) return due;
  return at > due.value.at ? ok({ at: state.receivedAt, deemed: true }) : ok({ at, deemed: false });
}

/** The pauses of a case, an ongoing one running until `now`. */
export function pausesUntil(state: Pick<CaseState, 'pauses'>, now: number): Pause[] {
  return state.pauses.map((p) => ({ from: p.from, to: p.to ?? Math.max(p.from, now) }));
}

/** The term's total length in days, extension included. */
export const totalTermDays = (state: Pick<CaseState, 'termDays' | 'extension'>) =>
  (state.termDays ?? 0) + (state.extension?.days ?? 0);

/** The deadline before pauses: 30 minutes, N working days, or N calendar days (petition). */
function baseDeadline(
  state: CaseState,
  start: number,
  ctx: TermContext,
): Result<Deadline, 'BAD_INSTANT' | 'BAD_TERM' | 'DATE_OUT_OF_RANGE'> {
  switch (state.acceptedKind) {
    case 'immediate': {
      const at = start + IMMEDIATE_TERM_MS;
      return ok({ at, date: shanghaiDateOf(at), provisional: false, missingYears: [] });
    }
    case 'petition':
      return calendarDaysDeadline(ctx.cal, ctx.tt, start, totalTermDays(state));
    case 'promised':
    case 'reported':
      return deadline(ctx.cal, ctx.tt, start, totalTermDays(state));
    case null:
      return refuse('BAD_TERM', 'acceptedKind');
  }
}

/**
 * The deadline of an accepted case as of `now` (an ongoing pause counts up to now), with the instant
 * it turns yellow. `null` when the case was never accepted.
 */
export function caseDeadline(
  state: CaseState,
  ctx: TermContext,
  now: number,
): Result<CaseDeadline | null, TermRefusalCode> {
  if (state.clockStartAt === null || state.acceptedKind === null) return ok(null);
  const start = state.clockStartAt;
  const base = baseDeadline(state, start, ctx);
  if (!base.ok) return base;
  const share = ctx.policy.yellowAtPercent / 100;
  if (state.acceptedKind === 'immediate') {
    const yellowAt = start + Math.ceil(IMMEDIATE_TERM_MS * share);
    return ok({ ...base.value, yellowAt, pausedMillis: 0 });
  }
  const moved = extendByPauses(ctx.cal, ctx.tt, base.value.at, pausesUntil(state, now));
  if (!moved.ok) return moved;
  // Yellow once the working time left is no more than the rest of the policy's share of the term.
  const term = workingMillisBetween(ctx.cal, ctx.tt, start, base.value.at);
  if (!term.ok) return refuse('BAD_INSTANT', 'clockStartAt');
  const yellow = addWorkingTime(
    ctx.cal,
    ctx.tt,
    start,
    Math.ceil(term.value.millis * share) + moved.value.pausedMillis,
  );
  if (!yellow.ok) return yellow;
  const missingYears = [...new Set([...base.value.missingYears, ...moved.value.missingYears])].sort(
    (a, b) => a - b,
  );
  return ok({
    at: moved.value.at,
    date: moved.value.date,
    provisional: missingYears.length > 0,
    missingYears,
    yellowAt: Math.min(yellow.value.at, moved.value.at),
    pausedMillis: moved.value.pausedMillis,
  });
}

export type Light = 'green' | 'yellow' | 'red' | 'paused';

/** The early-warning light of a running case at `now` (红黄牌); a paused case shows as paused. */
export function lightOf(
  state: Pick<CaseState, 'status'>,
  d: Pick<CaseDeadline, 'at' | 'yellowAt'>,
  now: number,
): Light {
  return state.status === 'paused' ? 'paused' : dueLight(d, now);
}

/** The warning of anything due at `d.at`, yellow from `d.yellowAt`: green, yellow, or red once past. */
export function dueLight(
  d: Pick<CaseDeadline, 'at' | 'yellowAt'>,
  now: number,
): Exclude<Light, 'paused'> {
  if (now > d.at) return 'red';
  return now >= d.yellowAt ? 'yellow' : 'green';
}

/**
 * The instant the policy's share of the working time between `start` and `end` is used: when a
 * deadline turns yellow. At `end` at the latest (and `start` when the span is empty).
 */
function yellowMark(
  ctx: TermContext,
  start: number,
  end: number,
): Result<number, 'BAD_INSTANT' | 'BAD_DURATION' | 'DATE_OUT_OF_RANGE'> {
  if (end <= start) return ok(end);
  const span = workingMillisBetween(ctx.cal, ctx.tt, start, end);
  if (!span.ok) return refuse('BAD_INSTANT', 'start');
  const mark = addWorkingTime(
    ctx.cal,
    ctx.tt,
    start,
    Math.ceil((span.value.millis * ctx.policy.yellowAtPercent) / 100),
  );
  if (!mark.ok) return mark;
  return ok(Math.min(mark.value.at, end));
}

/** A date something outside the case's own term is due by, with its early warning. */
export interface SideDeadline extends Deadline {
  readonly yellowAt: number;
}

/**
 * When a petition's acceptance must be decided (信访工作条例: within 15 days of receipt, settable):
 * calendar days after the day of receipt, rolled to the next working day, at closing time. `null`
 * for a case that is not a petition.
 */
export function petitionDecisionDeadline(
  state: Pick<CaseState, 'petition' | 'receivedAt'>,
  ctx: TermContext,
): Result<SideDeadline | null, 'BAD_INSTANT' | 'BAD_TERM' | 'BAD_DURATION' | 'DATE_OUT_OF_RANGE'> {
  if (!state.petition) return ok(null);
  const d = calendarDaysDeadline(
    ctx.cal,
    ctx.tt,
    state.receivedAt,
    ctx.policy.petitionDecisionDays,
  );
  if (!d.ok) return d;
  const yellow = yellowMark(ctx, state.receivedAt, d.value.at);
  if (!yellow.ok) return yellow;
  return ok({ ...d.value, yellowAt: yellow.value });
}

/**
 * The higher authority's due date as an instant (its closing time that day, in the center's hours)
 * with the moment to start chasing it: the policy's share of the working time from the submission.
 */
export function authorityDeadline(
  submission: Pick<Submission, 'at' | 'dueDate'>,
  ctx: TermContext,
): Result<SideDeadline, 'BAD_INSTANT' | 'BAD_DATE' | 'BAD_DURATION' | 'DATE_OUT_OF_RANGE'> {
  const day = parseIsoDate(submission.dueDate);
  if (day === undefined) return refuse('BAD_DATE', 'dueDate', { value: submission.dueDate });
  const at = shanghaiInstantOfDay(day, hoursOnDay(ctx.tt, day).close);
  const yellow = yellowMark(ctx, submission.at, at);
  if (!yellow.ok) return yellow;
  return ok({
    at,
    date: submission.dueDate,
    provisional: false,
    missingYears: [],
    yellowAt: yellow.value,
  });
}

/** What a case waits for outside its own term: the decision on a petition, the higher authority. */
export type AwaitedKind = 'petition_decision' | 'authority';

export interface Awaited {
  readonly what: AwaitedKind;
  readonly due: SideDeadline;
}

/**
 * What the case is waiting for now, and by when: a petition not yet accepted or refused, while the
 * case is still unclassified; a reported case at the higher authority until its answer is recorded.
 */
export function awaitedOf(
  state: CaseState,
  ctx: TermContext,
): Result<
  Awaited | null,
  'BAD_INSTANT' | 'BAD_DATE' | 'BAD_TERM' | 'BAD_DURATION' | 'DATE_OUT_OF_RANGE'
> {
  if (
    state.petition &&
    state.petitionDecision === null &&
    (state.status === 'received' || state.status === 'awaiting_materials')
  ) {
    const due = petitionDecisionDeadline(state, ctx);
    if (!due.ok) return due;
    return ok(due.value && { what: 'petition_decision', due: due.value });
  }
  if (state.status === 'with_authority' && state.submission && state.submission.outcome === null) {
    const due = authorityDeadline(state.submission, ctx);
    if (!due.ok) return due;
    return ok({ what: 'authority', due: due.value });
  }
  return ok(null);
}
