import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbCalendar,
  arbTimetable,
  arbYear,
  calendarOf,
  YEARS,
} from '../calendar/arbitraries.fixture.ts';
import { hoursOnDay, type Timetable } from '../calendar/business-hours.ts';
import {
  daysFromCivil,
  formatIsoDate,
  MS_PER_DAY,
  MS_PER_MINUTE,
  shanghaiInstantOfDay,
  type DayNumber,
} from '../calendar/civil.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { Result } from '../shared/result.ts';
import { classifyDay, type AbsenceKind, type ApprovedAbsence, type DayAttendance } from './day.ts';
import {
  businessDaysOf,
  classifyStoredDay,
  summarizeStoredAttendance,
  type BusinessDays,
  type StoredSigns,
} from './stored.ts';
import { summarizeAttendance } from './summary.ts';

/**
 * The fast path against the reference: for random calendars (some years missing), timetables,
 * ranges, counted dates, signs, approved absences and policies — invalid ones included, rarely —
 * summarizeStoredAttendance equals summarizeAttendance over classifyDay of every counted date (or
 * classifyDay's first refusal, dated), and classifyStoredDay equals classifyDay on every date.
 */

const FIRST = daysFromCivil(YEARS[0]!, 1, 1);
const LAST = daysFromCivil(YEARS[YEARS.length - 1]!, 12, 31);
const arbKind = fc.constantFrom<AbsenceKind>('official_leave', 'personal_leave', 'outing');

/** An instant of a day, near its business hours: at opening or closing ± a little, or anywhere. */
const arbInstantOn = (tt: Timetable, day: DayNumber) => {
  const { open, close } = hoursOnDay(tt, day);
  const midnight = shanghaiInstantOfDay(day, 0);
  const near = (minute: number) =>
    fc
      .constantFrom(0, 1, -1, MS_PER_MINUTE, -MS_PER_MINUTE, 30 * MS_PER_MINUTE)
      .map((d) => shanghaiInstantOfDay(day, minute) + d)
      .map((t) => Math.min(midnight + MS_PER_DAY - 1, Math.max(midnight, t)));
  return fc.oneof(
    near(open),
    near(close),
    fc.integer({ min: 0, max: MS_PER_DAY - 1 }).map((ms) => midnight + ms),
    fc.integer({ min: 0, max: 24 * 60 - 1 }).map((m) => shanghaiInstantOfDay(day, m)),
  );
};

/** A day's signs: usually both, ordered; sometimes one or none; when `broken`, now and then wrong. */
const arbSigns = (tt: Timetable, day: DayNumber, broken: boolean): fc.Arbitrary<StoredSigns> => {
  const t = arbInstantOn(tt, day);
  const pair = fc.tuple(t, t).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
  return fc.oneof(
    { weight: 12, arbitrary: pair.map(([a, b]) => ({ signIn: a, signOut: b })) },
    { weight: 2, arbitrary: t.map((a) => ({ signIn: a, signOut: null })) },
    { weight: 2, arbitrary: t.map((b) => ({ signIn: null, signOut: b })) },
    { weight: 1, arbitrary: fc.constant({ signIn: null, signOut: null }) },
    {
      weight: broken ? 1 : 0,
      arbitrary: fc.oneof(
        t.map((a) => ({ signIn: a + MS_PER_DAY, signOut: null })),
        t.map((b) => ({ signIn: null, signOut: b - MS_PER_DAY })),
        pair.filter(([a, b]) => a < b).map(([a, b]) => ({ signIn: b, signOut: a })),
        t.map((a) => ({ signIn: a + 0.5, signOut: null })),
      ),
    },
  );
};

/**
 * An approved absence around the range: whole days (a leave), or any span from near the business
 * hours; when `broken`, now and then an empty or reversed one.
 */
const arbAbsence = (
  tt: Timetable,
  lo: DayNumber,
  hi: DayNumber,
  broken: boolean,
): fc.Arbitrary<ApprovedAbsence> =>
  fc.integer({ min: lo - 1, max: hi + 1 }).chain((day) =>
    fc
      .oneof(
        {
          weight: 3,
          arbitrary: fc
            .integer({ min: 1, max: 4 })
            .map((n) => [shanghaiInstantOfDay(day, 0), shanghaiInstantOfDay(day + n, 0)] as const),
        },
        {
          weight: 3,
          arbitrary: fc
            .tuple(arbInstantOn(tt, day), fc.integer({ min: 1, max: 2 * MS_PER_DAY }))
            .map(([from, len]) => [from, from + len] as const),
        },
        {
          weight: broken ? 1 : 0,
          arbitrary: fc
            .tuple(arbInstantOn(tt, day), fc.integer({ min: -MS_PER_MINUTE, max: 0 }))
            .map(([from, len]) => [from, from + len] as const),
        },
      )
      .chain(([from, to]) => arbKind.map((kind) => ({ from, to, kind }))),
  );

interface Case {
  cal: WorkingCalendar;
  tt: Timetable;
  from: DayNumber;
  to: DayNumber;
  first: DayNumber;
  last: DayNumber;
  signs: Map<DayNumber, StoredSigns>;
  absences: ApprovedAbsence[];
  policy: { graceMinutes: number } | undefined;
}

/** Every year of 2025–2028, or (when `broken`) a random subset of them. */
const arbCal = (broken: boolean): fc.Arbitrary<WorkingCalendar> =>
  broken
    ? arbCalendar.map((c) => c.cal)
    : fc.tuple(...YEARS.map(arbYear)).map((years) => calendarOf(...years));

const arbGrace = (broken: boolean) =>
  fc.oneof(
    { weight: 20, arbitrary: fc.integer({ min: 0, max: 30 }) },
    { weight: broken ? 1 : 0, arbitrary: fc.constantFrom(-1, 1.5, 24 * 60 + 1) },
  );

/**
 * A range of up to maxDays dates of 2025–2028, the counted dates (usually inside it, sometimes
 * none), signs on at least half of the dates, up to six absences and maybe a policy.
 */
const arbCase = (maxDays: number, broken: boolean): fc.Arbitrary<Case> =>
  fc
    .record({
      cal: arbCal(broken),
      tt: arbTimetable,
      from: fc.integer({ min: FIRST, max: LAST }),
      length: fc.integer({ min: 0, max: maxDays - 1 }),
      a: fc.double({ min: 0, max: 1, noNaN: true }),
      b: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .chain(({ cal, tt, from, length, a, b }) => {
      const to = Math.min(LAST, from + length);
      const span = to - from + 1;
      const first = Math.min(to, from + Math.floor(a * span));
      const last = Math.max(first - 1, Math.min(to, from + Math.floor(b * span)));
      const dates = Array.from({ length: span }, (_, i) => from + i);
      const signsOn = (ds: DayNumber[]) =>
        fc
          .tuple(...ds.map((d) => arbSigns(tt, d, broken)))
          .map((list) => new Map(list.map((s, i) => [ds[i]!, s] as const)));
      return fc.record({
        cal: fc.constant(cal),
        tt: fc.constant(tt),
        from: fc.constant(from),
        to: fc.constant(to),
        first: fc.constant(first),
        last: fc.constant(last),
        signs: fc.shuffledSubarray(dates, { minLength: Math.ceil(span / 2) }).chain(signsOn),
        absences: fc.array(arbAbsence(tt, from, to, broken), { maxLength: 6 }),
        policy: fc.option(
          arbGrace(broken).map((graceMinutes) => ({ graceMinutes })),
          { nil: undefined },
        ),
      });
    });

const reference = (c: Case, day: DayNumber): Result<DayAttendance> => {
  const s = c.signs.get(day);
  return classifyDay({
    date: formatIsoDate(day),
    calendar: c.cal,
    timetable: c.tt,
    signIn: s?.signIn ?? null,
    signOut: s?.signOut ?? null,
    absences: c.absences,
    ...(c.policy ? { policy: c.policy } : {}),
  });
};

/** summarizeAttendance over classifyDay of every counted date, or the first refusal with its date. */
function referenceSummary(c: Case) {
  const days: DayAttendance[] = [];
  for (let day = c.first; day <= c.last; day++) {
    const r = reference(c, day);
    if (!r.ok) return { ...r, details: { ...r.details, date: formatIsoDate(day) } };
    days.push(r.value);
  }
  return { ok: true, value: summarizeAttendance(days) };
}

function plan(c: Case): BusinessDays {
  const r = businessDaysOf(c.cal, c.tt, formatIsoDate(c.from), formatIsoDate(c.to));
  if (!r.ok) throw new Error(r.code);
  return r.value;
}

const fast = (c: Case, days = plan(c)) =>
  summarizeStoredAttendance(days, {
    from: formatIsoDate(c.first),
    to: formatIsoDate(c.last),
    signs: c.signs,
    absences: c.absences,
    ...(c.policy ? { policy: c.policy } : {}),
  });

describe('summarizeStoredAttendance = summarizeAttendance ∘ classifyDay', () => {
  it('on valid stored rows, short ranges', () => {
    fc.assert(
      fc.property(arbCase(40, false), (c) => {
        const r = fast(c);
        expect(r).toEqual(referenceSummary(c));
        expect(r.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('with invalid rows too: the same refusal on the same date', () => {
    fc.assert(
      fc.property(arbCase(40, true), (c) => {
        expect(fast(c)).toEqual(referenceSummary(c));
      }),
      { numRuns: 300 },
    );
  });
  it('over whole years', () => {
    fc.assert(
      fc.property(arbCase(800, false), (c) => {
        expect(fast(c)).toEqual(referenceSummary(c));
      }),
      { numRuns: 25 },
    );
  });
});

describe('classifyStoredDay = classifyDay', () => {
  it('on every date of the range, valid or not', () => {
    fc.assert(
      fc.property(arbCase(20, true), (c) => {
        const days = plan(c);
        for (let day = c.from; day <= c.to; day++)
          expect(classifyStoredDay(days, day, c.signs.get(day), c.absences, c.policy)).toEqual(
            reference(c, day),
          );
      }),
      { numRuns: 300 },
    );
  });
});
