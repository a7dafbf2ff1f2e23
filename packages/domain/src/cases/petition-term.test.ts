/** calendarDaysDeadline (信访件: calendar days, rolled to the next working day). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbCalendar,
  arbInstant,
  arbTimetable,
  calendarOf,
} from '../calendar/arbitraries.fixture.ts';
import { hoursOnDay } from '../calendar/business-hours.ts';
import {
  isWeekend,
  parseIsoDate,
  shanghaiDayOf,
  shanghaiInstantOfDay,
  yearOfDay,
} from '../calendar/civil.ts';
import { calendarDaysDeadline } from '../calendar/term.ts';
import { kindOfDay } from '../calendar/working-calendar.ts';
import { CAL_2026, sh, TT_2026, value } from './fixtures.fixture.ts';

const petition = (at: number, days: number) => calendarDaysDeadline(CAL_2026, TT_2026, at, days);

describe('calendarDaysDeadline with the 2026 calendar', () => {
  it('ends on a working day at its closing time', () => {
    // Mon 02-02 + 60 = Fri 04-03, a working day (清明 is 04-04 … 04-06), winter hours.
    expect(petition(sh('2026-02-02', '10:00'), 60)).toEqual({
      ok: true,
      value: {
        at: sh('2026-04-03', '17:30'),
        date: '2026-04-03',
        provisional: false,
        missingYears: [],
      },
    });
  });

  it('rolls a last day in the National Day holiday to the next working day', () => {
    // Sun 08-02 + 60 = Thu 10-01; 10-01 … 10-07 off → Thu 10-08, 17:30 (winter from 10-01).
    expect(value(petition(sh('2026-08-02', '10:00'), 60))).toMatchObject({
      at: 1_791_451_800_000,
      date: '2026-10-08',
    });
    // The 15-day acceptance decision: Mon 09-21 + 15 = Tue 10-06 → Thu 10-08.
    expect(value(petition(sh('2026-09-21', '10:00'), 15)).date).toBe('2026-10-08');
  });

  it('rolls a Sunday to Monday, but a make-up Saturday is a working day', () => {
    // Wed 03-11 + 60 = Sun 05-10 → Mon 05-11 18:00 (summer hours).
    expect(value(petition(sh('2026-03-11', '10:00'), 60)).at).toBe(sh('2026-05-11', '18:00'));
    // Tue 03-10 + 60 = Sat 05-09, a make-up workday: the term ends that day.
    expect(value(petition(sh('2026-03-10', '10:00'), 60)).at).toBe(sh('2026-05-09', '18:00'));
  });

  it('rolls through the Spring Festival', () => {
    // Fri 01-16 + 30 = Sun 02-15; 02-15 … 02-23 off → Tue 02-24.
    expect(value(petition(sh('2026-01-16', '10:00'), 30)).at).toBe(sh('2026-02-24', '17:30'));
  });

  it('does not count the acceptance day, taken in Shanghai', () => {
    expect(value(petition(sh('2026-03-05', '23:59'), 1)).date).toBe('2026-03-06');
    expect(value(petition(sh('2026-03-05', '00:00'), 1)).date).toBe('2026-03-06');
    // 00:30 Shanghai on Fri 03-06 is still Thu 03-05 in UTC: + 1 = Sat 03-07 → Mon 03-09.
    expect(value(petition(sh('2026-03-06', '00:30'), 1)).date).toBe('2026-03-09');
  });

  it('is provisional when the last day falls in a year the calendar lacks', () => {
    // Tue 2026-12-01 + 60 = Sat 2027-01-30 → Mon 2027-02-01 (2027 guessed as plain weekdays).
    expect(value(petition(sh('2026-12-01', '10:00'), 60))).toEqual({
      at: sh('2027-02-01', '17:30'),
      date: '2027-02-01',
      provisional: true,
      missingYears: [2027],
    });
  });

  it('refuses a bad instant or term', () => {
    expect(petition(Number.NaN, 60)).toMatchObject({ code: 'BAD_INSTANT', field: 'acceptedAt' });
    expect(petition(0.5, 60)).toMatchObject({ code: 'BAD_INSTANT' });
    for (const days of [0, -1, 1.5, 1001])
      expect(petition(sh('2026-03-02', '10:00'), days)).toMatchObject({
        code: 'BAD_TERM',
        field: 'termDays',
      });
    expect(petition(sh('2026-03-02', '10:00'), 1000).ok).toBe(true);
  });

  it('with an empty calendar counts weekends only, provisionally', () => {
    const empty = calendarOf();
    // Thu 2026-10-01 (a holiday in reality, unknown here) + 2 = Sat 10-03 → Mon 10-05.
    expect(value(calendarDaysDeadline(empty, TT_2026, sh('2026-10-01', '10:00'), 2))).toEqual({
      at: sh('2026-10-05', '17:30'),
      date: '2026-10-05',
      provisional: true,
      missingYears: [2026],
    });
  });
});

describe('calendarDaysDeadline properties', () => {
  it('ends on the first working day on or after acceptance day + N, at its closing time', () => {
    fc.assert(
      fc.property(
        arbCalendar,
        arbTimetable,
        arbInstant,
        fc.integer({ min: 1, max: 120 }),
        ({ cal }, tt, at, days) => {
          const d = value(calendarDaysDeadline(cal, tt, at, days));
          const end = parseIsoDate(d.date)!;
          const worked = (day: number) => {
            const k = kindOfDay(cal, day);
            return k === undefined ? !isWeekend(day) : k === 'workday' || k === 'makeUpWorkday';
          };
          const first = shanghaiDayOf(at) + days;
          expect(end).toBeGreaterThanOrEqual(first);
          expect(worked(end)).toBe(true);
          for (let day = first; day < end; day++) expect(worked(day)).toBe(false);
          expect(d.at).toBe(shanghaiInstantOfDay(end, hoursOnDay(tt, end).close));
          // Provisional exactly when one of the days looked at lies in a year the calendar lacks.
          const looked = new Set<number>();
          for (let day = first; day <= end; day++)
            if (kindOfDay(cal, day) === undefined) looked.add(yearOfDay(day));
          expect(d.missingYears).toEqual([...looked].sort((a, b) => a - b));
          expect(d.provisional).toBe(looked.size > 0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is monotonic in the number of days and in the acceptance instant', () => {
    fc.assert(
      fc.property(
        arbCalendar,
        arbTimetable,
        arbInstant,
        arbInstant,
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 120 }),
        ({ cal }, tt, a1, a2, n1, n2) => {
          const [early, late] = a1 <= a2 ? [a1, a2] : [a2, a1];
          const [short, long] = n1 <= n2 ? [n1, n2] : [n2, n1];
          const d = (at: number, n: number) => value(calendarDaysDeadline(cal, tt, at, n)).at;
          expect(d(early, short)).toBeLessThanOrEqual(d(early, long));
          expect(d(early, short)).toBeLessThanOrEqual(d(late, short));
        },
      ),
      { numRuns: 200 },
    );
  });
});
