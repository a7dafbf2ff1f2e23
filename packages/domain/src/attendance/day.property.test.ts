import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  daysFromCivil,
  formatIsoDate,
  MS_PER_DAY,
  shanghaiInstantOfDay,
} from '../calendar/civil.ts';
import { classifyDay, type ApprovedAbsence, type DayAttendance, type DayInput } from './day.ts';
import { CAL, MIN, TT } from './fixtures.fixture.ts';

const arbDay = fc.integer({ min: daysFromCivil(2026, 1, 1), max: daysFromCivil(2026, 12, 31) });
const arbKind = fc.constantFrom('official_leave', 'personal_leave', 'outing' as const);

/** A day, optional signs (ordered) and absences, all within the day, to the ms or to the minute. */
const arbInput = (unit: number) =>
  arbDay.chain((d) => {
    const start = shanghaiInstantOfDay(d, 0);
    const slots = MS_PER_DAY / unit;
    const t = fc.integer({ min: 0, max: slots - 1 }).map((n) => start + n * unit);
    const absence = fc
      .tuple(t, fc.integer({ min: 1, max: slots }), arbKind)
      .map(([from, len, kind]): ApprovedAbsence => ({ from, to: from + len * unit, kind }));
    return fc.record({
      date: fc.constant(formatIsoDate(d)),
      signs: fc.tuple(fc.option(t), fc.option(t)),
      absences: fc.array(absence, { maxLength: 3 }),
      extra: absence,
      grace: fc.integer({ min: 0, max: 30 }),
    });
  });

type Gen = {
  date: string;
  signs: [number | null, number | null];
  absences: ApprovedAbsence[];
  grace: number;
};
function run(g: Gen, absences = g.absences): DayAttendance {
  const [a, b] = g.signs;
  const signIn = a !== null && b !== null ? Math.min(a, b) : a;
  const signOut = a !== null && b !== null ? Math.max(a, b) : b;
  const input: DayInput = {
    date: g.date,
    calendar: CAL,
    timetable: TT,
    signIn,
    signOut,
    absences,
    policy: { graceMinutes: g.grace },
  };
  const r = classifyDay(input);
  if (!r.ok) throw new Error(r.code);
  return r.value;
}

describe('classifyDay properties', () => {
  it('unexcused + excused time never exceeds the business day (ms and minutes)', () => {
    fc.assert(
      fc.property(arbInput(1), (g) => {
        const d = run(g);
        expect(d.unexcusedMs + d.excusedMs).toBeLessThanOrEqual(d.businessMs);
        expect(d.unexcusedMinutes + d.excusedMinutes).toBeLessThanOrEqual(d.businessMs / MIN);
        if (d.status !== 'absent') expect(d.unexcusedMs).toBe(d.lateMs + d.earlyMs);
      }),
      { numRuns: 500 },
    );
  });
  it('adding an approved leave never makes a day worse', () => {
    fc.assert(
      fc.property(arbInput(1), (g) => {
        const before = run(g);
        const after = run(g, [...g.absences, g.extra]);
        expect(after.unexcusedMs).toBeLessThanOrEqual(before.unexcusedMs);
        expect(after.lateMs).toBeLessThanOrEqual(before.lateMs);
        expect(after.earlyMs).toBeLessThanOrEqual(before.earlyMs);
        if (!before.late) expect(after.late).toBe(false);
        if (!before.leftEarly) expect(after.leftEarly).toBe(false);
        if (before.status === 'on_leave') expect(after.status).toBe('on_leave');
        expect(after.excusedMs).toBeGreaterThanOrEqual(before.excusedMs);
      }),
      { numRuns: 500 },
    );
  });
  it('absence order does not matter, and a larger grace is never worse', () => {
    fc.assert(
      fc.property(arbInput(MIN), (g) => {
        expect(run(g, [...g.absences].reverse())).toEqual(run(g));
        const lenient = run({ ...g, grace: g.grace + 5 });
        const strict = run(g);
        expect(lenient.unexcusedMs).toBeLessThanOrEqual(strict.unexcusedMs);
      }),
      { numRuns: 300 },
    );
  });
});
