import { describe, expect, it } from 'vitest';
import { parseIsoDate, type DayNumber } from '../calendar/civil.ts';
import type { Result } from '../shared/result.ts';
import { classifyDay, type ApprovedAbsence } from './day.ts';
import { at, CAL, MIN, TT } from './fixtures.fixture.ts';
import {
  businessDaysOf,
  classifyStoredDay,
  summarizeStoredAttendance,
  type BusinessDays,
  type StoredSigns,
} from './stored.ts';

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`refused: ${r.code}`);
  return r.value;
};
const dayOf = (date: string): DayNumber => parseIsoDate(date)!;
const signs = (entries: [string, string | null, string | null][]) =>
  new Map<DayNumber, StoredSigns>(
    entries.map(([date, i, o]) => [
      dayOf(date),
      { signIn: i === null ? null : at(date, i), signOut: o === null ? null : at(date, o) },
    ]),
  );

// 2026-02-26 (Thu) … 2026-03-03 (Tue): Sat 02-28 is a make-up workday, Sun 03-01 is off.
const WEEK: BusinessDays = value(businessDaysOf(CAL, TT, '2026-02-26', '2026-03-03'));

describe('businessDaysOf', () => {
  it('lists the working days of the range with their hours', () => {
    expect(WEEK.worked).toEqual(
      ['2026-02-26', '2026-02-27', '2026-02-28', '2026-03-02', '2026-03-03'].map(dayOf),
    );
    expect(WEEK.open[0]).toBe(at('2026-02-26', '08:30'));
    expect(WEEK.close[0]).toBe(at('2026-02-26', '17:30'));
    expect(WEEK.unknown).toEqual([]);
  });
  it('takes the season of each day (summer hours from 05-01) and skips holidays', () => {
    const may = value(businessDaysOf(CAL, TT, '2026-04-30', '2026-05-06'));
    expect(may.worked).toEqual([dayOf('2026-04-30'), dayOf('2026-05-06')]);
    expect(may.open).toEqual([at('2026-04-30', '08:30'), at('2026-05-06', '08:00')]);
    expect(may.close).toEqual([at('2026-04-30', '17:30'), at('2026-05-06', '18:00')]);
  });
  it('notes the days of a year the calendar lacks, and refuses a malformed date', () => {
    const r = value(businessDaysOf(CAL, TT, '2026-12-30', '2027-01-02'));
    expect(r.unknown).toEqual(['2027-01-01', '2027-01-02'].map(dayOf));
    expect(businessDaysOf(CAL, TT, '2026-02-30', '2026-03-01')).toMatchObject({ code: 'BAD_DATE' });
  });
});

describe('summarizeStoredAttendance', () => {
  const person = {
    from: '2026-02-26',
    to: '2026-03-03',
    signs: signs([
      ['2026-02-26', '08:30', '17:30'], // on time, at the limits
      ['2026-02-27', '08:45', '17:30'], // 15 minutes late
      ['2026-03-01', '10:00', '11:00'], // Sunday: not counted, whatever was signed
      ['2026-03-02', '08:00', null], // no sign-out
    ]),
    // 2026-02-28: no sign, no leave → absent; 2026-03-03: a whole-day leave.
    absences: [
      { from: at('2026-03-03', '00:00'), to: at('2026-03-04', '00:00'), kind: 'personal_leave' },
    ] satisfies ApprovedAbsence[],
  };
  it('counts the working days only, every counted day in `days`', () => {
    expect(value(summarizeStoredAttendance(WEEK, person))).toEqual({
      days: 6,
      workingDays: 5,
      present: 1,
      late: 1,
      leftEarly: 0,
      absent: 1,
      onLeave: 1,
      missingSignOut: 1,
      missingSignIn: 0,
      lateMinutes: 15,
      earlyMinutes: 0,
      unexcusedMinutes: 15 + 9 * 60,
    });
  });
  it('counts only the dates asked for; none when from > to', () => {
    const two = value(
      summarizeStoredAttendance(WEEK, { ...person, from: '2026-02-28', to: '2026-03-01' }),
    );
    expect(two).toMatchObject({ days: 2, workingDays: 1, absent: 1, unexcusedMinutes: 540 });
    const none = value(
      summarizeStoredAttendance(WEEK, { ...person, from: '2026-03-01', to: '2026-02-28' }),
    );
    expect(none).toMatchObject({ days: 0, workingDays: 0, absent: 0 });
  });
  it('applies the grace of the policy', () => {
    const lenient = value(
      summarizeStoredAttendance(WEEK, { ...person, policy: { graceMinutes: 15 } }),
    );
    expect(lenient).toMatchObject({ late: 0, present: 2, lateMinutes: 0 });
  });
  it('refuses what classifyDay refuses, on the first such date, naming it', () => {
    const wrong = signs([['2026-02-27', '08:30', '17:30']]);
    wrong.set(dayOf('2026-03-02'), { signIn: at('2026-03-03', '08:30'), signOut: null });
    expect(summarizeStoredAttendance(WEEK, { ...person, signs: wrong })).toEqual({
      ok: false,
      code: 'SIGN_NOT_ON_DATE',
      field: 'signIn',
      details: { value: at('2026-03-03', '08:30'), date: '2026-03-02' },
    });
    const bad = [{ from: 2, to: 1, kind: 'outing' as const }];
    expect(summarizeStoredAttendance(WEEK, { ...person, absences: bad })).toMatchObject({
      code: 'BAD_ABSENCE',
      details: { index: 0, date: '2026-02-26' },
    });
    expect(
      summarizeStoredAttendance(WEEK, { ...person, policy: { graceMinutes: -1 } }),
    ).toMatchObject({ code: 'BAD_POLICY' });
  });
  it('refuses a year the calendar lacks, and counted dates outside the range', () => {
    const newYear = value(businessDaysOf(CAL, TT, '2026-12-30', '2027-01-02'));
    const p = { from: '2026-12-30', to: '2027-01-02', signs: new Map(), absences: [] };
    expect(summarizeStoredAttendance(newYear, p)).toMatchObject({
      code: 'CALENDAR_YEAR_MISSING',
      details: { year: 2027, date: '2027-01-01' },
    });
    expect(summarizeStoredAttendance(WEEK, { ...person, to: '2026-03-04' })).toMatchObject({
      code: 'BAD_DATE',
      field: 'to',
    });
  });
});

describe('classifyStoredDay', () => {
  it('gives what classifyDay gives, working day or not', () => {
    for (const [date, i, o] of [
      ['2026-02-27', '08:45', '17:29'],
      ['2026-03-01', '10:00', '11:00'],
    ] as const) {
      const s = { signIn: at(date, i), signOut: at(date, o) };
      const expected = classifyDay({ date, calendar: CAL, timetable: TT, ...s });
      expect(classifyStoredDay(WEEK, dayOf(date), s, [])).toEqual(expected);
    }
    expect(value(classifyStoredDay(WEEK, dayOf('2026-02-27'), undefined, []))).toMatchObject({
      status: 'absent',
      unexcusedMs: 540 * MIN,
    });
  });
  it('refuses a day outside the range', () => {
    expect(classifyStoredDay(WEEK, dayOf('2026-03-04'), undefined, [])).toMatchObject({
      code: 'BAD_DATE',
    });
  });
});
