import { describe, expect, it } from 'vitest';
import { at, CAL } from '../appointments/fixtures.fixture.ts';
import {
  checkArrival,
  checkPreferredDates,
  checkVisitDate,
  maskStaffName,
  VISIT_CODE,
  VISIT_STATUSES,
  visitDates,
  visitTransition,
  type VisitAction,
} from './visits.ts';

describe('the days one may ask for a visit on', () => {
  it('are the next 15 working days, the National Day holiday and make-up days as the calendar says', () => {
    // Wednesday 30 September 2026; 1–7 October off, Saturday 10 October worked.
    const { dates, calendarMissingFrom } = visitDates(CAL, at('2026-09-30', '10:00'));
    expect(calendarMissingFrom).toBeNull();
    expect(dates).toHaveLength(15);
    expect(dates.slice(0, 4)).toEqual(['2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']);
    expect(dates).not.toContain('2026-10-11');
  });

  it('stop at a year without a calendar and name its first day', () => {
    const { dates, calendarMissingFrom } = visitDates(CAL, at('2026-12-24', '09:00'));
    expect(dates).toEqual(['2026-12-25', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31']);
    expect(calendarMissingFrom).toBe('2027-01-01');
  });
});

describe('preferred dates', () => {
  const now = at('2026-03-02', '09:00'); // Monday

  it('takes one to three working days ahead, answered in order', () => {
    expect(checkPreferredDates(CAL, now, ['2026-03-05', '2026-03-03'])).toEqual({
      ok: true,
      value: ['2026-03-03', '2026-03-05'],
    });
  });

  it.each([[[]], [['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']]])(
    'refuses %j: one to three dates',
    (dates) => {
      expect(checkPreferredDates(CAL, now, dates)).toMatchObject({
        ok: false,
        code: 'VISIT_DATES_COUNT',
        field: 'preferredDates',
      });
    },
  );

  it('refuses the same date twice, on the second', () => {
    expect(checkPreferredDates(CAL, now, ['2026-03-03', '2026-03-03'])).toMatchObject({
      code: 'VISIT_DATE_DUPLICATE',
      field: 'preferredDates.1',
    });
  });

  it.each([
    ['2026-03-02', 'past'],
    ['2026-02-27', 'past'],
    ['2026-03-07', 'closed'],
    ['2026-04-06', 'closed'],
    ['2026-03-24', 'too_far'],
  ])('refuses %s (%s)', (date, reason) => {
    expect(checkPreferredDates(CAL, now, [date])).toMatchObject({
      code: 'VISIT_DATE_NOT_OFFERED',
      field: 'preferredDates.0',
      details: { reason },
    });
  });

  it('takes the 15th working day and not the 16th', () => {
    const { dates } = visitDates(CAL, now);
    expect(checkPreferredDates(CAL, now, [dates.at(-1)!]).ok).toBe(true);
    expect(dates.at(-1)).toBe('2026-03-23');
    expect(checkPreferredDates(CAL, now, ['2026-03-24'])).toMatchObject({
      details: { reason: 'too_far' },
    });
  });

  it('says a year is missing from the calendar instead of guessing', () => {
    expect(checkPreferredDates(CAL, at('2026-12-24', '09:00'), ['2027-01-04'])).toMatchObject({
      code: 'CALENDAR_YEAR_MISSING',
      details: { year: 2027 },
    });
  });

  it('refuses a malformed date', () => {
    expect(checkPreferredDates(CAL, now, ['2026-02-30'])).toMatchObject({ code: 'BAD_DATE' });
  });
});

describe('the state machine', () => {
  const table: Record<string, Record<VisitAction, string | null>> = {
    requested: { schedule: 'scheduled', reschedule: null, record: null, cancel: 'cancelled' },
    scheduled: { schedule: null, reschedule: 'scheduled', record: 'visited', cancel: 'cancelled' },
    visited: { schedule: null, reschedule: null, record: null, cancel: null },
    cancelled: { schedule: null, reschedule: null, record: null, cancel: null },
  };
  for (const status of VISIT_STATUSES)
    for (const [action, next] of Object.entries(table[status]!))
      it(`${status} + ${action} → ${next ?? 'refused'}`, () => {
        const r = visitTransition(status, action as VisitAction);
        if (next === null) expect(r).toMatchObject({ ok: false, code: 'VISIT_STATE' });
        else expect(r).toEqual({ ok: true, value: next });
      });
});

describe('the visit date staff set', () => {
  const now = at('2026-03-06', '16:00'); // Friday
  it('may be today or any later day, the kind said', () => {
    expect(checkVisitDate(CAL, now, '2026-03-06')).toEqual({ ok: true, value: 'workday' });
    expect(checkVisitDate(CAL, now, '2026-03-07')).toEqual({ ok: true, value: 'weekend' });
    expect(checkVisitDate(CAL, now, '2026-04-05')).toEqual({ ok: true, value: 'holiday' });
  });
  it('is not in the past, nor in a year without a calendar', () => {
    expect(checkVisitDate(CAL, now, '2026-03-05')).toMatchObject({ code: 'VISIT_DATE_PAST' });
    expect(checkVisitDate(CAL, now, '2027-01-04')).toMatchObject({
      code: 'CALENDAR_YEAR_MISSING',
      details: { year: 2027 },
    });
  });
});

describe('the arrival', () => {
  it('lies between the request and now', () => {
    const req = at('2026-03-02', '09:00');
    const now = at('2026-03-04', '11:00');
    expect(checkArrival(req, at('2026-03-04', '10:30'), now).ok).toBe(true);
    expect(checkArrival(req, now, now).ok).toBe(true);
    expect(checkArrival(req, now + 1, now)).toMatchObject({ code: 'TIME_IN_FUTURE' });
    expect(checkArrival(req, req - 1, now)).toMatchObject({ code: 'ARRIVAL_BEFORE_REQUEST' });
    // To the minute: 09:00 recorded for a request at 09:00:40 counts; 08:59 does not.
    expect(checkArrival(req + 40_000, req, now).ok).toBe(true);
    expect(checkArrival(req + 40_000, req - 60_000, now)).toMatchObject({
      code: 'ARRIVAL_BEFORE_REQUEST',
    });
  });
});

describe('codes and names', () => {
  it('makes 10-character codes shown in groups of four', () => {
    const code = VISIT_CODE.make(() => 5);
    expect(code).toBe('7777777777');
    expect(VISIT_CODE.format(code)).toBe('7777-7777-77');
    expect(VISIT_CODE.normalize('7777 7777-77')).toBe(code);
  });
  it('shows the family name of the staff member only', () => {
    expect(maskStaffName('王芳')).toBe('王*');
    expect(maskStaffName('欧阳小明')).toBe('欧*');
    expect(maskStaffName('王')).toBe('王');
    expect(maskStaffName(' ')).toBe('');
  });
});
