/** Properties of case terms over arbitrary calendars, timetables, instants and terms. */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { arbCalendar, arbInstant, arbTerm, arbTimetable } from '../calendar/arbitraries.fixture.ts';
import { hoursOnDay, type Timetable } from '../calendar/business-hours.ts';
import { isWeekend, parseIsoDate, shanghaiInstantOfDay } from '../calendar/civil.ts';
import { workingMillisBetween } from '../calendar/term.ts';
import { addWorkingDays, kindOfDay, type WorkingCalendar } from '../calendar/working-calendar.ts';
import { acceptWithTerm, CTX, HOUR, sh, value } from './fixtures.fixture.ts';
import { DEFAULT_CASE_POLICY, type AcceptedKind, type CaseState } from './model.ts';
import { caseDeadline, supplementDue, type TermContext } from './term.ts';
import {
  complete,
  extend,
  finishedOnTime,
  pause,
  receive,
  recordOutcome,
  resume,
  submit,
} from './transitions.ts';

const RUNS = { numRuns: 200 };
const DAY = 24 * HOUR;

const ctxOf = (cal: WorkingCalendar, tt: Timetable, yellowAtPercent = 80): TermContext => ({
  cal,
  tt,
  policy: { ...DEFAULT_CASE_POLICY, yellowAtPercent },
});

/** Received and accepted at the same instant (so the clock starts then). */
const accepted = (ctx: TermContext, at: number, kind: AcceptedKind, termDays: number | null) =>
  value(acceptWithTerm(receive({ at, staffId: 1, windowId: 1 }), { at, kind, termDays }, ctx));

const deadlineOf = (s: CaseState, ctx: TermContext, now: number) => {
  const d = value(caseDeadline(s, ctx, now));
  if (d === null) throw new Error('no deadline');
  return d;
};

const working = (ctx: TermContext, from: number, to: number) =>
  value(workingMillisBetween(ctx.cal, ctx.tt, from, to)).millis;

const worked = (cal: WorkingCalendar, day: number) => {
  const k = kindOfDay(cal, day);
  return k === undefined ? !isWeekend(day) : k === 'workday' || k === 'makeUpWorkday';
};

const arbTermKind = fc.constantFrom<AcceptedKind>('promised', 'reported');
const arbKind = fc.constantFrom<AcceptedKind>('immediate', 'promised', 'reported', 'petition');

/** Up to three pause/resume pairs after acceptance (offsets in ms, sorted), maybe a last open one. */
const arbPauses = fc.record({
  offsets: fc.array(fc.integer({ min: 0, max: 30 * DAY }), { maxLength: 6 }),
  open: fc.option(fc.integer({ min: 0, max: 10 * DAY }), { nil: undefined }),
});

/**
 * Applies the pauses in order; a pause that would start after the deadline is refused by the rules
 * (PAUSE_TOO_LATE), so the walk stops there and reports only the pauses that were taken.
 */
function withPauses(
  s: CaseState,
  at: number,
  p: { offsets: number[]; open: number | undefined },
  ctx: TermContext,
): { state: CaseState; closed: [number, number][]; openFrom: number | undefined; last: number } {
  const times = p.offsets
    .slice(0, p.offsets.length - (p.offsets.length % 2))
    .sort((a, b) => a - b)
    .map((o) => at + o);
  let state = s;
  const closed: [number, number][] = [];
  let last = at;
  for (let i = 0; i < times.length; i += 2) {
    const from = times[i]!;
    const to = times[i + 1]!;
    const paused = pause(state, { at: from, reason: 'testing', note: '' }, ctx);
    if (!paused.ok) {
      expect(paused.code).toBe('PAUSE_TOO_LATE');
      return { state, closed, openFrom: undefined, last };
    }
    state = value(resume(paused.value, { at: to }));
    closed.push([from, to]);
    last = to;
  }
  let openFrom: number | undefined;
  if (p.open !== undefined) {
    const from = last + p.open;
    const paused = pause(state, { at: from, reason: 'hearing', note: '' }, ctx);
    if (paused.ok) {
      state = paused.value;
      openFrom = from;
      last = from;
    } else expect(paused.code).toBe('PAUSE_TOO_LATE');
  }
  return { state, closed, openFrom, last };
}

describe('term properties', () => {
  it('a promised or reported deadline is on a working day, at that day’s closing time', () => {
    fc.assert(
      fc.property(
        arbCalendar,
        arbTimetable,
        arbInstant,
        arbTerm,
        arbTermKind,
        ({ cal }, tt, at, n, kind) => {
          const ctx = ctxOf(cal, tt);
          const d = deadlineOf(accepted(ctx, at, kind, n), ctx, at);
          const day = parseIsoDate(d.date)!;
          expect(worked(cal, day)).toBe(true);
          expect(d.at).toBe(shanghaiInstantOfDay(day, hoursOnDay(tt, day).close));
          expect(d.at).toBeGreaterThan(at);
        },
      ),
      RUNS,
    );
  });

  it('the deadline is monotonic in the term and in the acceptance instant', () => {
    fc.assert(
      fc.property(
        arbCalendar,
        arbTimetable,
        arbInstant,
        arbInstant,
        arbTerm,
        arbTerm,
        arbKind,
        ({ cal }, tt, a1, a2, n1, n2, kind) => {
          const ctx = ctxOf(cal, tt);
          const [early, late] = a1 <= a2 ? [a1, a2] : [a2, a1];
          const [short, long] = n1 <= n2 ? [n1, n2] : [n2, n1];
          const d = (at: number, n: number) => deadlineOf(accepted(ctx, at, kind, n), ctx, at).at;
          expect(d(early, short)).toBeLessThanOrEqual(d(late, short));
          expect(d(early, short)).toBeLessThanOrEqual(d(early, long));
          // Each further working day ends on a later day.
          if (short < long && kind !== 'immediate' && kind !== 'petition')
            expect(d(early, short)).toBeLessThan(d(early, long));
        },
      ),
      RUNS,
    );
  });

  it('an extension never moves the deadline earlier; for working days it adds exactly its days', () => {
    fc.assert(
      fc.property(
        arbCalendar,
        arbTimetable,
        arbInstant,
        arbTerm,
        fc.constantFrom<AcceptedKind>('promised', 'reported', 'petition'),
        fc.integer({ min: 1, max: 10 }),
        ({ cal }, tt, at, n, kind, days) => {
          const ctx = ctxOf(cal, tt);
          const s = accepted(ctx, at, kind, n);
          const before = deadlineOf(s, ctx, at);
          const x = value(extend(s, { at, days, approverName: 'a', reason: 'b' }, ctx));
          const after = deadlineOf(x, ctx, at);
          expect(after.at).toBeGreaterThanOrEqual(before.at);
          if (kind !== 'petition') {
            expect(after.date).toBe(value(addWorkingDays(cal, before.date, days)).date);
            expect(after.at).toBeGreaterThan(before.at);
          }
        },
      ),
      RUNS,
    );
  });

  it('pauses shift the deadline by exactly the paused working time', () => {
    fc.assert(
      fc.property(
        arbCalendar,
        arbTimetable,
        arbInstant,
        arbTerm,
        fc.constantFrom<AcceptedKind>('promised', 'reported', 'petition'),
        arbPauses,
        fc.integer({ min: 0, max: 5 * DAY }),
        ({ cal }, tt, at, n, kind, p, wait) => {
          const ctx = ctxOf(cal, tt);
          const s = accepted(ctx, at, kind, n);
          const base = deadlineOf(s, ctx, at);
          const { state, closed, openFrom, last } = withPauses(s, at, p, ctx);
          const now = last + wait;
          let expected = 0;
          for (const [from, to] of closed) expected += working(ctx, from, to);
          if (openFrom !== undefined) expected += working(ctx, openFrom, now);
          const d = deadlineOf(state, ctx, now);
          expect(d.pausedMillis).toBe(expected);
          expect(working(ctx, base.at, d.at)).toBe(expected);
          if (expected === 0) expect(d.at).toBe(base.at);
          else expect(d.at).toBeGreaterThan(base.at);
        },
      ),
      RUNS,
    );
  });

  it('yellowAt lies between the clock start and the deadline, leaving (100 − p) % of the term', () => {
    fc.assert(
      fc.property(
        arbCalendar,
        arbTimetable,
        arbInstant,
        arbTerm,
        arbKind,
        fc.integer({ min: 1, max: 99 }),
        arbPauses,
        ({ cal }, tt, at, n, kind, percent, p) => {
          const ctx = ctxOf(cal, tt, percent);
          const s = accepted(ctx, at, kind, n);
          const base = deadlineOf(s, ctx, at);
          const { state, last } =
            kind === 'immediate' ? { state: s, last: at } : withPauses(s, at, p, ctx);
          const d = deadlineOf(state, ctx, last);
          expect(d.yellowAt).toBeGreaterThanOrEqual(at);
          expect(d.yellowAt).toBeLessThanOrEqual(d.at);
          const share = (100 - percent) / 100;
          if (kind === 'immediate') {
            expect(Math.abs(d.at - d.yellowAt - 30 * 60_000 * share)).toBeLessThanOrEqual(1);
          } else {
            const term = working(ctx, at, base.at);
            expect(Math.abs(working(ctx, d.yellowAt, d.at) - term * share)).toBeLessThanOrEqual(1);
          }
        },
      ),
      RUNS,
    );
  });

  it('finishedOnTime is true iff closedAt ≤ deadline, and closing freezes the deadline', () => {
    fc.assert(
      fc.property(
        arbCalendar,
        arbTimetable,
        arbInstant,
        arbTerm,
        arbKind,
        arbPauses,
        fc.integer({ min: 0, max: 150 * DAY }),
        ({ cal }, tt, at, n, kind, p, after) => {
          const ctx = ctxOf(cal, tt);
          const s0 = accepted(ctx, at, kind, n);
          const { state, last } =
            kind === 'immediate' ? { state: s0, last: at } : withPauses(s0, at, p, ctx);
          // A reported case is completed after the higher authority's answer is recorded.
          const running =
            kind === 'reported' && state.status === 'paused'
              ? value(resume(state, { at: last }))
              : state;
          const open =
            kind === 'reported'
              ? value(
                  recordOutcome(
                    value(submit(running, { at: last, authority: 'x', dueDate: '9999-12-31' })),
                    { at: last, result: 'approved', note: '批复同意' },
                  ),
                )
              : state;
          // Pick closing instants around the deadline as well as anywhere.
          const guess = deadlineOf(open, ctx, last).at;
          for (const closedAt of [last + after, guess, guess + 1, guess - 1].filter(
            (t) => t >= last,
          )) {
            const d = deadlineOf(open, ctx, closedAt);
            const done = value(complete(open, { at: closedAt }));
            expect(value(finishedOnTime(done, ctx))).toBe(closedAt <= d.at);
            expect(deadlineOf(done, ctx, closedAt + 7 * DAY)).toEqual(d);
          }
        },
      ),
      RUNS,
    );
  });

  it('art. 32: the clock starts at receipt exactly when acceptance comes after the supplement period', () => {
    fc.assert(
      fc.property(
        arbCalendar,
        arbTimetable,
        arbInstant,
        fc.integer({ min: 0, max: 20 * DAY }),
        arbTerm,
        ({ cal }, tt, receivedAt, wait, n) => {
          const ctx = ctxOf(cal, tt);
          const at = receivedAt + wait;
          const due = value(supplementDue(receivedAt, ctx)).at;
          const s = value(
            acceptWithTerm(
              receive({ at: receivedAt, staffId: 1, windowId: 1 }),
              { at, kind: 'promised', termDays: n },
              ctx,
            ),
          );
          expect(s.deemedAccepted).toBe(at > due);
          expect(s.clockStartAt).toBe(at > due ? receivedAt : at);
          expect(s.acceptedAt).toBe(at);
        },
      ),
      RUNS,
    );
  });
});

/**
 * The worked examples of term.test.ts with their expected instants written as epoch-ms literals
 * (Asia/Shanghai wall-clock times converted by hand), so a dependence on the process time zone
 * would show as a wrong number.
 */
function workedExamples() {
  const acc = (at: number, kind: AcceptedKind, n: number | null) => accepted(CTX, at, kind, n);
  const imm = deadlineOf(acc(sh('2026-03-02', '10:00'), 'immediate', null), CTX, 0);
  const paused = value(
    pause(
      acc(sh('2026-03-02', '10:00'), 'promised', 5),
      {
        at: sh('2026-03-03', '14:00'),
        reason: 'testing',
        note: '',
      },
      CTX,
    ),
  );
  const resumed = value(resume(paused, { at: sh('2026-03-04', '10:00') }));
  const withPause = deadlineOf(resumed, CTX, 0);
  const reported = acc(sh('2026-03-02', '10:00'), 'reported', 5);
  const late = submit(reported, {
    at: sh('2026-03-03', '00:30'),
    authority: 'x',
    dueDate: '2026-03-02',
  });
  return {
    immediate: [imm.at, imm.yellowAt],
    nationalDay: deadlineOf(acc(sh('2026-09-25', '10:00'), 'promised', 5), CTX, 0).at,
    petitionHoliday: deadlineOf(acc(sh('2026-08-02', '10:00'), 'petition', 60), CTX, 0).at,
    petitionSunday: deadlineOf(acc(sh('2026-03-11', '10:00'), 'petition', 60), CTX, 0).at,
    yellow: deadlineOf(acc(sh('2026-03-02', '10:00'), 'promised', 5), CTX, 0).yellowAt,
    pause: [withPause.at, withPause.yellowAt, withPause.pausedMillis],
    supplement: value(supplementDue(sh('2026-09-29', '10:00'), CTX)).at,
    provisional: deadlineOf(acc(sh('2026-12-28', '10:00'), 'promised', 5), CTX, 0),
    submitNextShanghaiDay: late.ok ? 'ok' : late.code,
  };
}

const EXPECTED = {
  immediate: [1_772_418_600_000, 1_772_418_240_000], // 2026-03-02 10:30 / 10:24 +08:00
  nationalDay: 1_791_538_200_000, // 2026-10-09 17:30 +08:00
  petitionHoliday: 1_791_451_800_000, // 2026-10-08 17:30 +08:00
  petitionSunday: 1_778_493_600_000, // 2026-05-11 18:00 +08:00
  yellow: 1_772_784_000_000, // 2026-03-06 16:00 +08:00
  pause: [1_773_120_600_000, 1_773_028_800_000, 18_000_000], // 03-10 13:30, 03-09 12:00, 5 h
  supplement: 1_791_797_400_000, // 2026-10-12 17:30 +08:00
  provisional: {
    at: 1_799_055_000_000, // 2027-01-04 17:30 +08:00
    date: '2027-01-04',
    provisional: true,
    missingYears: [2027],
    yellowAt: expect.any(Number) as number,
    pausedMillis: 0,
  },
  submitNextShanghaiDay: 'BAD_DUE_DATE',
};

describe('independent of the process time zone and of the clock', () => {
  const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } })
    .process.env;
  const saved = env.TZ;
  afterEach(() => {
    vi.unstubAllGlobals();
    if (saved === undefined) delete env.TZ;
    else env.TZ = saved;
  });

  it('gives the hand-written Shanghai instants in whatever zone the process runs', () => {
    expect(workedExamples()).toEqual(EXPECTED);
  });

  it('gives the same instants after switching the process time zone (the switch is checked to work)', () => {
    const hourAtEpoch = () =>
      new Intl.DateTimeFormat('en', { hour: 'numeric', hourCycle: 'h23' }).format(0);
    const seen = new Set<string>();
    for (const zone of ['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
      env.TZ = zone;
      seen.add(hourAtEpoch());
      expect(workedExamples()).toEqual(EXPECTED);
    }
    // Control: the process really changed zone between runs (00, 19, 08, 14 o'clock at epoch 0).
    expect(seen.size).toBe(4);
  });

  it('never touches Date or Intl: the same results with both replaced by throwing stubs', () => {
    const boom = () => {
      throw new Error('the domain read the clock or the time zone');
    };
    const trap = new Proxy(boom, { get: boom, construct: boom, apply: boom });
    // Control: the trap does fire.
    expect(() => (trap as unknown as () => void)()).toThrow('read the clock');
    const sample = fc.sample(fc.tuple(arbCalendar, arbTimetable, arbInstant, arbTerm, arbKind), {
      numRuns: 40,
      seed: 2026,
    });
    const runAll = () => ({
      examples: workedExamples(),
      sample: sample.map(([{ cal }, tt, at, n, kind]) => {
        const ctx = ctxOf(cal, tt);
        return deadlineOf(accepted(ctx, at, kind, n), ctx, at);
      }),
    });
    const free = runAll();
    vi.stubGlobal('Date', trap);
    vi.stubGlobal('Intl', trap);
    let trapped: unknown;
    try {
      trapped = runAll();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(trapped).toEqual(free);
    expect(free.examples).toEqual(EXPECTED);
  });
});
