import { describe, expect, it } from 'vitest';
import { classifyDay, type DayAttendance, type DayInput } from './day.ts';
import { at, dayInput, MIN, SUMMER, WINTER } from './fixtures.fixture.ts';

function classify(over: Partial<DayInput>): DayAttendance {
  const r = classifyDay(dayInput(over));
  if (!r.ok) throw new Error(`refused: ${r.code}`);
  return r.value;
}
const full = (date = WINTER, open = '08:30', close = '17:30') =>
  ({ signIn: at(date, open), signOut: at(date, close) }) as const;

describe('classifyDay: the calendar', () => {
  it('a plain weekday is worked', () => {
    const d = classify(full());
    expect(d).toMatchObject({ workingDay: true, status: 'present', unexcusedMinutes: 0 });
    expect(d.businessMs).toBe(9 * 60 * MIN);
  });
  it('a make-up Saturday (2026-02-28) is a working day', () => {
    const d = classify({ date: '2026-02-28' });
    expect(d).toMatchObject({ workingDay: true, status: 'absent', unexcusedMinutes: 540 });
  });
  it('a holiday (2026-10-01) is not, whatever was signed', () => {
    const d = classify({ date: '2026-10-01', signIn: at('2026-10-01', '10:00') });
    expect(d).toMatchObject({ workingDay: false, status: 'not_working_day', lateMinutes: 0 });
  });
  it('a plain Saturday is not worked', () => {
    expect(classify({ date: '2026-03-07' }).status).toBe('not_working_day');
  });
  it('a year the calendar lacks is refused, never guessed', () => {
    const r = classifyDay(dayInput({ date: '2027-03-01' }));
    expect(r).toMatchObject({ ok: false, code: 'CALENDAR_YEAR_MISSING', details: { year: 2027 } });
  });
  it('a malformed date is refused', () => {
    expect(classifyDay(dayInput({ date: '2026-02-30' }))).toMatchObject({ code: 'BAD_DATE' });
  });
});

describe('classifyDay: seasons', () => {
  it('winter opens 08:30: 08:30 on time, 08:31 late', () => {
    expect(classify({ signIn: at(WINTER, '08:30'), signOut: at(WINTER, '17:30') }).status).toBe(
      'present',
    );
    expect(classify({ signIn: at(WINTER, '08:31'), signOut: at(WINTER, '17:30') })).toMatchObject({
      status: 'late',
      lateMinutes: 1,
    });
  });
  it('summer opens 08:00 and closes 18:00', () => {
    const d = classify({ date: SUMMER, signIn: at(SUMMER, '08:30'), signOut: at(SUMMER, '17:30') });
    expect(d).toMatchObject({ status: 'late_and_left_early', lateMinutes: 30, earlyMinutes: 30 });
    expect(d.unexcusedMinutes).toBe(60);
    expect(d.businessMs).toBe(600 * MIN);
  });
  it('the season changes on 10-01 (10-08 is winter again)', () => {
    const d = classify({ date: '2026-10-08', ...full('2026-10-08') });
    expect(d.status).toBe('present');
  });
});

describe('classifyDay: lateness boundaries', () => {
  const out = at(WINTER, '17:30');
  it('no grace: exactly at opening is on time, 1 ms later is late (counted as 1 minute)', () => {
    expect(classify({ signIn: at(WINTER, '08:30'), signOut: out }).status).toBe('present');
    const d = classify({ signIn: at(WINTER, '08:30', 1), signOut: out });
    expect(d).toMatchObject({ status: 'late', late: true, lateMinutes: 1, lateMs: 1 });
  });
  it('signing in before opening is on time', () => {
    expect(classify({ signIn: at(WINTER, '07:00'), signOut: out }).status).toBe('present');
  });
  it('grace 5: 08:35 on time, 08:35 + 1 ms late for the whole gap', () => {
    const policy = { graceMinutes: 5 };
    expect(classify({ signIn: at(WINTER, '08:35'), signOut: out, policy }).status).toBe('present');
    expect(classify({ signIn: at(WINTER, '08:34'), signOut: out, policy }).late).toBe(false);
    const d = classify({ signIn: at(WINTER, '08:35', 1), signOut: out, policy });
    expect(d).toMatchObject({ status: 'late', lateMinutes: 6 });
    expect(classify({ signIn: at(WINTER, '08:36'), signOut: out, policy }).lateMinutes).toBe(6);
  });
  it('sign-in after closing: late for the whole day', () => {
    const d = classify({ signIn: at(WINTER, '18:00'), signOut: at(WINTER, '18:30') });
    expect(d).toMatchObject({ status: 'late', lateMinutes: 540, earlyMinutes: 0 });
  });
});

describe('classifyDay: leaving early boundaries', () => {
  const inn = at(WINTER, '08:30');
  it('no grace: at closing is fine, 1 ms before is early', () => {
    expect(classify({ signIn: inn, signOut: at(WINTER, '17:30') }).status).toBe('present');
    expect(classify({ signIn: inn, signOut: at(WINTER, '17:30', -1) })).toMatchObject({
      status: 'left_early',
      earlyMinutes: 1,
    });
  });
  it('grace 10: 17:20 fine, 17:20 − 1 ms early', () => {
    const policy = { graceMinutes: 10 };
    expect(classify({ signIn: inn, signOut: at(WINTER, '17:20'), policy }).status).toBe('present');
    expect(classify({ signIn: inn, signOut: at(WINTER, '17:21'), policy }).status).toBe('present');
    expect(classify({ signIn: inn, signOut: at(WINTER, '17:20', -1), policy })).toMatchObject({
      status: 'left_early',
      earlyMinutes: 11,
    });
  });
  it('late and early together', () => {
    const d = classify({ signIn: at(WINTER, '09:00'), signOut: at(WINTER, '17:00') });
    expect(d).toMatchObject({ status: 'late_and_left_early', late: true, leftEarly: true });
    expect([d.lateMinutes, d.earlyMinutes, d.unexcusedMinutes]).toEqual([30, 30, 60]);
  });
});

describe('classifyDay: approved leave and outings', () => {
  const out = at(WINTER, '17:30');
  it('leave covering part of the morning excuses only the covered part', () => {
    const absences = [
      { from: at(WINTER, '08:30'), to: at(WINTER, '09:30'), kind: 'personal_leave' as const },
    ];
    const d = classify({ signIn: at(WINTER, '10:00'), signOut: out, absences });
    expect(d).toMatchObject({ status: 'late', lateMinutes: 30, excusedMinutes: 60 });
  });
  it('leave covering the whole gap: not late', () => {
    const absences = [
      { from: at(WINTER, '08:00'), to: at(WINTER, '10:00'), kind: 'official_leave' as const },
    ];
    const d = classify({ signIn: at(WINTER, '10:00'), signOut: out, absences });
    expect(d).toMatchObject({ status: 'present', lateMinutes: 0, excusedMinutes: 90 });
  });
  it('a 1 ms hole in the cover makes the person late (no grace)', () => {
    const absences = [
      { from: at(WINTER, '08:30', 1), to: at(WINTER, '10:00'), kind: 'official_leave' as const },
    ];
    expect(classify({ signIn: at(WINTER, '10:00'), signOut: out, absences }).lateMs).toBe(1);
  });
  it('grace applies to the uncovered part', () => {
    const absences = [
      { from: at(WINTER, '08:30'), to: at(WINTER, '09:00'), kind: 'outing' as const },
    ];
    const policy = { graceMinutes: 5 };
    expect(classify({ signIn: at(WINTER, '09:05'), signOut: out, absences, policy }).late).toBe(
      false,
    );
    expect(
      classify({ signIn: at(WINTER, '09:06'), signOut: out, absences, policy }).lateMinutes,
    ).toBe(6);
  });
  it('an afternoon leave excuses leaving early', () => {
    const absences = [
      { from: at(WINTER, '15:00'), to: at(WINTER, '18:00'), kind: 'personal_leave' as const },
    ];
    const d = classify({ signIn: at(WINTER, '08:30'), signOut: at(WINTER, '15:00'), absences });
    expect(d).toMatchObject({ status: 'present', earlyMinutes: 0, excusedMinutes: 150 });
  });
  it('an outing in the middle of the day changes nothing but the excused time', () => {
    const absences = [
      { from: at(WINTER, '10:00'), to: at(WINTER, '11:00'), kind: 'outing' as const },
    ];
    const d = classify({ ...full(), absences });
    expect(d).toMatchObject({ status: 'present', unexcusedMinutes: 0, excusedMinutes: 60 });
  });
  it('overlapping approvals count once', () => {
    const absences = [
      { from: at(WINTER, '10:00'), to: at(WINTER, '11:00'), kind: 'outing' as const },
      { from: at(WINTER, '10:30'), to: at(WINTER, '11:30'), kind: 'personal_leave' as const },
    ];
    expect(classify({ ...full(), absences }).excusedMinutes).toBe(90);
  });
});

describe('classifyDay: absence and missing signs', () => {
  it('no signs and no leave: absent for the whole day', () => {
    expect(classify({})).toMatchObject({ status: 'absent', unexcusedMinutes: 540 });
  });
  it('a leave covering the whole business day: on leave', () => {
    const absences = [
      { from: at(WINTER, '00:00'), to: at(WINTER, '23:59'), kind: 'personal_leave' as const },
    ];
    expect(classify({ absences })).toMatchObject({ status: 'on_leave', excusedMinutes: 540 });
  });
  it('two leaves meeting exactly cover the day', () => {
    const absences = [
      { from: at(WINTER, '08:30'), to: at(WINTER, '12:00'), kind: 'personal_leave' as const },
      { from: at(WINTER, '12:00'), to: at(WINTER, '17:30'), kind: 'official_leave' as const },
    ];
    expect(classify({ absences }).status).toBe('on_leave');
  });
  it('a leave ending 1 ms early leaves the day absent, 1 ms unexcused', () => {
    const absences = [
      { from: at(WINTER, '08:30'), to: at(WINTER, '17:30', -1), kind: 'personal_leave' as const },
    ];
    expect(classify({ absences })).toMatchObject({ status: 'absent', unexcusedMs: 1 });
  });
  it('sign-in without sign-out: missing_sign_out, lateness still measured', () => {
    const d = classify({ signIn: at(WINTER, '08:40') });
    expect(d).toMatchObject({ status: 'missing_sign_out', late: true, lateMinutes: 10 });
    expect(d.earlyMinutes).toBe(0);
    expect(classify({ signIn: at(WINTER, '08:00') })).toMatchObject({
      status: 'missing_sign_out',
      late: false,
    });
  });
  it('sign-out without sign-in: missing_sign_in, early departure still measured', () => {
    const d = classify({ signOut: at(WINTER, '17:00') });
    expect(d).toMatchObject({ status: 'missing_sign_in', leftEarly: true, earlyMinutes: 30 });
  });
});

describe('classifyDay: refusals', () => {
  it('a sign on another date', () => {
    expect(classifyDay(dayInput({ signIn: at('2026-03-03', '08:30') }))).toMatchObject({
      code: 'SIGN_NOT_ON_DATE',
      field: 'signIn',
    });
  });
  it('sign-out before sign-in', () => {
    expect(
      classifyDay(dayInput({ signIn: at(WINTER, '09:00'), signOut: at(WINTER, '08:59') })),
    ).toMatchObject({ code: 'SIGN_OUT_BEFORE_SIGN_IN' });
  });
  it('bad grace', () => {
    expect(classifyDay(dayInput({ policy: { graceMinutes: -1 } }))).toMatchObject({
      code: 'BAD_POLICY',
    });
    expect(classifyDay(dayInput({ policy: { graceMinutes: 1.5 } }))).toMatchObject({
      code: 'BAD_POLICY',
    });
  });
  it('bad instant and bad absence', () => {
    expect(classifyDay(dayInput({ signIn: 1.5 }))).toMatchObject({ code: 'BAD_INSTANT' });
    const absences = [
      { from: at(WINTER, '10:00'), to: at(WINTER, '10:00'), kind: 'outing' as const },
    ];
    expect(classifyDay(dayInput({ absences }))).toMatchObject({ code: 'BAD_ABSENCE' });
  });
});
