import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbCalendar, arbDate, arbTerm, calendarOf } from './arbitraries.fixture.ts';
import { CHINA_2026 } from './china-2026.fixture.ts';
import { formatIsoDate, isoWeekday, parseIsoDate } from './civil.ts';
import {
  addWorkingDays,
  buildCalendar,
  dayKind,
  isWorkingDay,
  MAX_TERM_WORKING_DAYS,
  parseCalendarYear,
  workingDaysBetween,
  type WorkingCalendar,
} from './working-calendar.ts';

const cal2026 = calendarOf(CHINA_2026);

function add(cal: WorkingCalendar, from: string, n: number) {
  const r = addWorkingDays(cal, from, n);
  if (!r.ok) throw new Error(`addWorkingDays refused: ${r.code}`);
  return r.value;
}

describe('working days of the 2026 official calendar', () => {
  it('takes make-up workdays as working, even on a weekend', () => {
    for (const d of [
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ])
      expect(isWorkingDay(cal2026, d)).toEqual({ ok: true, value: true });
    expect(dayKind(cal2026, '2026-02-14')).toEqual({ ok: true, value: 'makeUpWorkday' });
  });

  it('takes statutory days off as not working, weekday or weekend', () => {
    for (const d of [
      '2026-01-01',
      '2026-02-16',
      '2026-02-23',
      '2026-04-06',
      '2026-05-05',
      '2026-06-19',
      '2026-09-25',
      '2026-10-07',
    ])
      expect(isWorkingDay(cal2026, d)).toEqual({ ok: true, value: false });
    expect(dayKind(cal2026, '2026-02-15')).toEqual({ ok: true, value: 'holiday' });
  });

  it('takes other days by the week', () => {
    expect(isWorkingDay(cal2026, '2026-02-13')).toEqual({ ok: true, value: true }); // Friday
    expect(isWorkingDay(cal2026, '2026-02-21')).toEqual({ ok: true, value: false }); // Sat, in the holiday
    expect(isWorkingDay(cal2026, '2026-03-07')).toEqual({ ok: true, value: false }); // plain Saturday
    expect(dayKind(cal2026, '2026-03-08')).toEqual({ ok: true, value: 'weekend' });
    expect(dayKind(cal2026, '2026-03-09')).toEqual({ ok: true, value: 'workday' });
  });

  it('has 248 working days in 2026', () => {
    // 365 days − 104 weekend days − 19 weekday holidays (Jan 1–2, Feb 16–20 and 23, Apr 6, May 1, 4, 5,
    // Jun 19, Sep 25, Oct 1, 2, 5, 6, 7) + 6 make-up workdays.
    expect(workingDaysBetween(cal2026, '2025-12-31', '2026-12-31')).toEqual({
      ok: true,
      value: { count: 248, provisional: false, missingYears: [] },
    });
  });

  it('never guesses for a year it has no data for', () => {
    expect(isWorkingDay(cal2026, '2027-01-01')).toEqual({
      ok: false,
      code: 'CALENDAR_YEAR_MISSING',
      field: 'date',
      details: { year: 2027 },
    });
    expect(isWorkingDay(cal2026, '2025-06-02').ok).toBe(false);
    expect(isWorkingDay(calendarOf(), '2026-03-09')).toMatchObject({
      code: 'CALENDAR_YEAR_MISSING',
    });
  });

  it('refuses a malformed date', () => {
    expect(isWorkingDay(cal2026, '2026-02-29')).toMatchObject({
      ok: false,
      code: 'BAD_DATE',
      field: 'date',
    });
  });
});

describe('adding working days (the day of acceptance not counted)', () => {
  it('Spring Festival: accepted Fri 2026-02-13, 3 working days → Wed 2026-02-25', () => {
    // Feb 14 (Sat) is a make-up workday: day 1. Feb 15–23 are off. Feb 24 (Tue): day 2.
    // Feb 25 (Wed): day 3.
    expect(add(cal2026, '2026-02-13', 1).date).toBe('2026-02-14');
    expect(add(cal2026, '2026-02-13', 2).date).toBe('2026-02-24');
    expect(add(cal2026, '2026-02-13', 3)).toEqual({
      date: '2026-02-25',
      provisional: false,
      missingYears: [],
    });
    // … 26 (Thu) day 4, 27 (Fri) day 5, 28 (Sat, make-up) day 6, then Mon Mar 2 day 7.
    expect(add(cal2026, '2026-02-13', 6).date).toBe('2026-02-28');
    expect(add(cal2026, '2026-02-13', 7).date).toBe('2026-03-02');
  });

  it('Spring Festival: accepted on the make-up Saturday or during the holiday', () => {
    expect(add(cal2026, '2026-02-14', 1).date).toBe('2026-02-24');
    // Accepted by the duty officer on Feb 16: Feb 24, 25, 26, 27, then Sat Feb 28 (make-up).
    expect(add(cal2026, '2026-02-16', 5).date).toBe('2026-02-28');
  });

  it('National Day: the Sunday before and the Saturday after are worked', () => {
    // Fri Sep 18 → Sat 19 off, Sun 20 make-up: day 1; Mon 21: day 2.
    expect(add(cal2026, '2026-09-18', 1).date).toBe('2026-09-20');
    expect(add(cal2026, '2026-09-18', 2).date).toBe('2026-09-21');
    // Thu Sep 24 → 25–27 off (Mid-Autumn), Mon 28: 1, Tue 29: 2, Wed 30: 3, Oct 1–7 off,
    // Thu Oct 8: 4, Fri 9: 5, Sat 10 (make-up): 6, Sun 11 off, Mon 12: 7.
    expect(add(cal2026, '2026-09-24', 3).date).toBe('2026-09-30');
    expect(add(cal2026, '2026-09-24', 4).date).toBe('2026-10-08');
    expect(add(cal2026, '2026-09-24', 6).date).toBe('2026-10-10');
    expect(add(cal2026, '2026-09-24', 7).date).toBe('2026-10-12');
    expect(add(cal2026, '2026-09-30', 3).date).toBe('2026-10-10');
  });

  it('New Year: accepted on the last day of a year the calendar lacks, ending in a year it has', () => {
    // The acceptance day is not counted, so 2025 is never consulted: Jan 1–3 off, Sun Jan 4 worked.
    expect(add(cal2026, '2025-12-31', 1)).toEqual({
      date: '2026-01-04',
      provisional: false,
      missingYears: [],
    });
  });

  it('walks into a missing year as plain weekdays, flagged provisional', () => {
    // Thu 2026-12-31: day 1; Fri 2027-01-01 (surely a holiday, but 2027 is not entered): day 2;
    // Mon Jan 4: 3, Tue 5: 4, Wed 6: 5.
    expect(add(cal2026, '2026-12-30', 5)).toEqual({
      date: '2027-01-06',
      provisional: true,
      missingYears: [2027],
    });
    expect(add(calendarOf(), '2026-02-13', 3)).toEqual({
      date: '2026-02-18',
      provisional: true,
      missingYears: [2026],
    });
  });

  it('refuses a bad date or a term that is not a whole number of days in range', () => {
    expect(addWorkingDays(cal2026, '2026-13-01', 3)).toMatchObject({
      code: 'BAD_DATE',
      field: 'acceptedOn',
    });
    for (const n of [0, -1, 1.5, Number.NaN, MAX_TERM_WORKING_DAYS + 1])
      expect(addWorkingDays(cal2026, '2026-02-13', n)).toMatchObject({
        code: 'BAD_TERM',
        field: 'n',
      });
    expect(addWorkingDays(cal2026, '2026-02-13', MAX_TERM_WORKING_DAYS).ok).toBe(true);
    expect(addWorkingDays(cal2026, '9999-12-30', 5)).toMatchObject({ code: 'DATE_OUT_OF_RANGE' });
  });

  it('counts working days between two dates, refusing a reversed range', () => {
    expect(workingDaysBetween(cal2026, '2026-02-13', '2026-02-25')).toEqual({
      ok: true,
      value: { count: 3, provisional: false, missingYears: [] },
    });
    expect(workingDaysBetween(cal2026, '2026-02-13', '2026-02-13')).toMatchObject({
      value: { count: 0 },
    });
    expect(workingDaysBetween(cal2026, '2026-02-13', '2026-02-12')).toMatchObject({
      code: 'RANGE_REVERSED',
      field: 'upTo',
    });
    expect(workingDaysBetween(cal2026, 'x', '2026-02-12')).toMatchObject({
      code: 'BAD_DATE',
      field: 'after',
    });
  });
});

describe('a calendar year entered by a person', () => {
  it('accepts a year and returns its dates sorted', () => {
    expect(
      parseCalendarYear(2026, ['2026-10-02', '2026-10-01'], ['2026-10-10', '2026-09-20']),
    ).toEqual({
      ok: true,
      value: {
        year: 2026,
        holidays: ['2026-10-01', '2026-10-02'],
        workdays: ['2026-09-20', '2026-10-10'],
      },
    });
    expect(parseCalendarYear(CHINA_2026.year, CHINA_2026.holidays, CHINA_2026.workdays).ok).toBe(
      true,
    );
  });

  it('refuses a bad year', () => {
    for (const y of [2026.5, 999, 10_000, Number.NaN])
      expect(parseCalendarYear(y, ['2026-01-01'], [])).toMatchObject({
        code: 'BAD_YEAR',
        field: 'year',
      });
  });

  it('refuses a year without any holiday (a year not entered yet)', () => {
    expect(parseCalendarYear(2026, [], [])).toEqual({
      ok: false,
      code: 'NO_HOLIDAYS',
      field: 'holidays',
    });
  });

  it('refuses a bad date, naming the list and the entry', () => {
    expect(parseCalendarYear(2026, ['2026-01-01', '2026-02-30'], [])).toEqual({
      ok: false,
      code: 'BAD_DATE',
      field: 'holidays',
      details: { index: 1, value: '2026-02-30' },
    });
    expect(parseCalendarYear(2026, ['2026-01-01'], ['2026/01/04'])).toMatchObject({
      code: 'BAD_DATE',
      field: 'workdays',
      details: { index: 0 },
    });
  });

  it('refuses a date outside the year', () => {
    expect(parseCalendarYear(2026, ['2025-12-31'], [])).toMatchObject({
      code: 'DATE_OUTSIDE_YEAR',
      field: 'holidays',
      details: { index: 0, value: '2025-12-31', year: 2026 },
    });
    expect(parseCalendarYear(2026, ['2026-01-01'], ['2027-01-02'])).toMatchObject({
      code: 'DATE_OUTSIDE_YEAR',
      field: 'workdays',
    });
  });

  it('refuses a make-up workday that is not on a weekend', () => {
    expect(parseCalendarYear(2026, ['2026-01-01'], ['2026-01-05'])).toEqual({
      ok: false,
      code: 'WORKDAY_NOT_WEEKEND',
      field: 'workdays',
      details: { index: 0, value: '2026-01-05' },
    });
  });

  it('refuses a day that is both a holiday and a make-up workday', () => {
    expect(parseCalendarYear(2026, ['2026-01-01', '2026-01-03'], ['2026-01-03'])).toEqual({
      ok: false,
      code: 'HOLIDAY_IS_WORKDAY',
      field: 'workdays',
      details: { index: 0, value: '2026-01-03', holidayIndex: 1 },
    });
  });

  it('refuses duplicates', () => {
    expect(parseCalendarYear(2026, ['2026-01-01', '2026-01-02', '2026-01-01'], [])).toEqual({
      ok: false,
      code: 'DUPLICATE_DATE',
      field: 'holidays',
      details: { index: 2, value: '2026-01-01', firstIndex: 0 },
    });
    expect(parseCalendarYear(2026, ['2026-01-01'], ['2026-01-04', '2026-01-04'])).toMatchObject({
      code: 'DUPLICATE_DATE',
      field: 'workdays',
    });
  });

  it('builds a calendar only from valid, distinct years', () => {
    expect(buildCalendar([CHINA_2026, CHINA_2026])).toEqual({
      ok: false,
      code: 'DUPLICATE_YEAR',
      field: 'year',
      details: { year: 2026 },
    });
    expect(buildCalendar([{ year: 2027, holidays: ['2026-01-01'], workdays: [] }])).toMatchObject({
      code: 'DATE_OUTSIDE_YEAR',
      field: 'holidays',
      details: { year: 2027 },
    });
    expect(cal2026.years).toEqual([2026]);
  });
});

const yearOf = (d: string) => Number(d.slice(0, 4));

describe('working-day arithmetic (properties)', () => {
  it('never ends a term on a non-working day', () => {
    fc.assert(
      fc.property(arbCalendar, arbDate, arbTerm, ({ cal }, from, n) => {
        const end = add(cal, from, n);
        const w = isWorkingDay(cal, end.date);
        if (w.ok) return w.value;
        // A year the calendar lacks: a plain weekday, and said to be provisional.
        return (
          w.code === 'CALENDAR_YEAR_MISSING' &&
          isoWeekday(parseIsoDate(end.date)!) <= 5 &&
          end.provisional &&
          end.missingYears.includes(yearOf(end.date))
        );
      }),
    );
  });

  it('is strictly increasing in the term and non-decreasing in the acceptance date', () => {
    fc.assert(
      fc.property(arbCalendar, arbDate, arbDate, arbTerm, ({ cal }, a, b, n) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(add(cal, early, n).date < add(cal, early, n + 1).date).toBe(true);
        expect(add(cal, early, n).date <= add(cal, late, n).date).toBe(true);
      }),
    );
  });

  it('gives back N when counting the working days up to the end of the term', () => {
    fc.assert(
      fc.property(arbCalendar, arbDate, arbTerm, ({ cal }, from, n) => {
        const end = add(cal, from, n);
        expect(workingDaysBetween(cal, from, end.date)).toEqual({
          ok: true,
          value: { count: n, provisional: end.provisional, missingYears: end.missingYears },
        });
      }),
    );
  });

  it('is provisional exactly when the walk crosses a year the calendar lacks, naming those years', () => {
    fc.assert(
      fc.property(arbCalendar, arbDate, arbTerm, ({ cal, years }, from, n) => {
        const end = add(cal, from, n);
        const dayAfter = formatIsoDate(parseIsoDate(from)! + 1);
        const crossed: number[] = [];
        for (let y = yearOf(dayAfter); y <= yearOf(end.date); y++)
          if (!years.includes(y)) crossed.push(y);
        expect(end.missingYears).toEqual(crossed);
        expect(end.provisional).toBe(crossed.length > 0);
      }),
    );
  });

  it('with no year at all, is always provisional and counts plain weekdays', () => {
    const empty = calendarOf();
    fc.assert(
      fc.property(arbDate, arbTerm, (from, n) => {
        const end = add(empty, from, n);
        expect(end.provisional).toBe(true);
        let weekdays = 0;
        for (let d = parseIsoDate(from)! + 1; d <= parseIsoDate(end.date)!; d++)
          if (isoWeekday(d) <= 5) weekdays++;
        expect(weekdays).toBe(n);
      }),
    );
  });
});
