import { describe, expect, it } from 'vitest';
import { calendarOf, timetableOf } from './arbitraries.fixture.ts';
import { CHINA_2026, SEASONS } from './china-2026.fixture.ts';
import { parseHhMm, parseIsoDate, shanghaiInstantOfDay } from './civil.ts';
import { openingDays } from './opening.ts';

const cal = calendarOf(CHINA_2026);
const tt = timetableOf(SEASONS);
/** The instant of a Beijing wall-clock time. */
const beijing = (date: string, time: string) =>
  shanghaiInstantOfDay(parseIsoDate(date)!, parseHhMm(time)!);
/** The week from a Beijing morning. */
const week = (date: string) => openingDays(cal, tt, beijing(date, '09:00'), 7);

describe('when the center is open', () => {
  it('opens on workdays at the hours of the season, and says why it is closed', () => {
    // Monday 28 September 2026 (summer hours) to Sunday 4 October: 国庆节 from Thursday.
    expect(week('2026-09-28').map((d) => [d.date, d.kind, d.openAt, d.closeAt])).toEqual([
      ['2026-09-28', 'workday', '08:00', '18:00'],
      ['2026-09-29', 'workday', '08:00', '18:00'],
      ['2026-09-30', 'workday', '08:00', '18:00'],
      ['2026-10-01', 'holiday', null, null],
      ['2026-10-02', 'holiday', null, null],
      ['2026-10-03', 'holiday', null, null],
      ['2026-10-04', 'holiday', null, null],
    ]);
  });

  it('opens on a make-up Saturday, with the winter hours from October', () => {
    const saturday = week('2026-10-08')[2]!;
    expect(saturday).toEqual({
      date: '2026-10-10',
      kind: 'makeUpWorkday',
      open: true,
      openAt: '08:30',
      closeAt: '17:30',
      calendarMissing: false,
    });
    expect(week('2026-10-08')[3]).toMatchObject({
      date: '2026-10-11',
      kind: 'weekend',
      open: false,
    });
  });

  it('takes "today" in Beijing whatever the instant: 23:30 UTC is the next morning there', () => {
    // 2026-03-01T23:30:00Z
    const [today] = openingDays(cal, tt, beijing('2026-03-02', '07:30'), 1);
    expect(today).toMatchObject({ date: '2026-03-02', kind: 'workday', open: true });
  });

  it('guesses Monday to Friday in a year without a calendar, and says it is a guess', () => {
    // Thursday 31 December 2026 to Wednesday 6 January 2027.
    const days = week('2026-12-31');
    expect(days[0]).toMatchObject({ kind: 'workday', calendarMissing: false });
    expect(days.slice(1).map((d) => [d.date, d.kind, d.open, d.calendarMissing])).toEqual([
      ['2027-01-01', null, true, true],
      ['2027-01-02', null, false, true],
      ['2027-01-03', null, false, true],
      ['2027-01-04', null, true, true],
      ['2027-01-05', null, true, true],
      ['2027-01-06', null, true, true],
    ]);
    expect(days[1]).toMatchObject({ openAt: '08:30', closeAt: '17:30' });
  });
});
