/** Test fixture (not exported from the package): fast-check generators for calendars and timetables. */
import fc from 'fast-check';
import { buildTimetable, type Season, type Timetable } from './business-hours.ts';
import { daysFromCivil, formatIsoDate, isoWeekday, MS_PER_DAY } from './civil.ts';
import { buildCalendar, type CalendarYear, type WorkingCalendar } from './working-calendar.ts';

export function calendarOf(...years: CalendarYear[]): WorkingCalendar {
  const c = buildCalendar(years);
  if (!c.ok) throw new Error(`bad test calendar: ${c.code}`);
  return c.value;
}

export function timetableOf(seasons: readonly Season[]): Timetable {
  const t = buildTimetable(seasons);
  if (!t.ok) throw new Error(`bad test timetable: ${t.code}`);
  return t.value;
}

export const YEARS = [2025, 2026, 2027, 2028];

/** A random (valid) calendar year: some holidays, some weekend days worked. */
export const arbYear = (year: number): fc.Arbitrary<CalendarYear> => {
  const first = daysFromCivil(year, 1, 1);
  return fc
    .record({
      off: fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { minLength: 1, maxLength: 40 }),
      on: fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 15 }),
    })
    .map(({ off, on }) => ({
      year,
      holidays: off.map((o) => formatIsoDate(first + o)),
      workdays: on
        .filter((o) => isoWeekday(first + o) >= 6 && !off.includes(o))
        .map((o) => formatIsoDate(first + o)),
    }));
};

/** A random calendar holding a random subset of 2025–2028 (possibly none), with that subset. */
export const arbCalendar: fc.Arbitrary<{ cal: WorkingCalendar; years: number[] }> = fc
  .tuple(fc.tuple(...YEARS.map(arbYear)), fc.subarray(YEARS))
  .map(([all, years]) => ({
    cal: calendarOf(...all.filter((y) => years.includes(y.year))),
    years,
  }));

/** Acceptance dates 2025-01-01 … 2028-09-30. */
export const arbDate = fc
  .integer({ min: daysFromCivil(2025, 1, 1), max: daysFromCivil(2028, 9, 30) })
  .map(formatIsoDate);

export const arbTerm = fc.integer({ min: 1, max: 80 });

/** Instants in the same span, to the millisecond. */
export const arbInstant = fc.integer({
  min: daysFromCivil(2025, 1, 1) * MS_PER_DAY,
  max: daysFromCivil(2028, 9, 30) * MS_PER_DAY,
});

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A random timetable of one to three seasons, each open at least a quarter of an hour, closing by 23:59. */
export const arbTimetable: fc.Arbitrary<Timetable> = fc
  .uniqueArray(
    fc.record({
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      open: fc.integer({ min: 0, max: 12 * 60 }),
      length: fc.integer({ min: 15, max: 12 * 60 - 1 }),
    }),
    { minLength: 1, maxLength: 3, selector: (s) => s.month * 100 + s.day },
  )
  .map((list) =>
    timetableOf(
      list.map((s) => ({
        from: `${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`,
        hours: { open: hhmm(s.open), close: hhmm(s.open + s.length) },
      })),
    ),
  );
