import { describe, expect, it } from 'vitest';
import { at, CAL } from '../appointments/fixtures.fixture.ts';
import { calloutState, checkCallout, checkResponseMinutes, needsReview } from './callouts.ts';

describe('a call-out’s state', () => {
  const notified = at('2026-04-04', '09:00');
  it('is on time when arrived within the response time, its last minute included', () => {
    expect(
      calloutState({ notifiedAt: notified, arrivedAt: at('2026-04-04', '10:00') }, 0, 60),
    ).toBe('on_time');
  });
  it('is late when arrived after it', () => {
    expect(
      calloutState({ notifiedAt: notified, arrivedAt: at('2026-04-04', '10:01') }, 0, 60),
    ).toBe('late');
  });
  it('is waiting, then unanswered, when nobody arrived', () => {
    const c = { notifiedAt: notified, arrivedAt: null };
    expect(calloutState(c, at('2026-04-04', '10:00'), 60)).toBe('waiting');
    expect(calloutState(c, at('2026-04-04', '10:00') + 1, 60)).toBe('unanswered');
    expect(calloutState(c, at('2026-04-04', '10:00') + 1, 90)).toBe('waiting');
  });
  it('needs the group’s review when unanswered or late only', () => {
    expect(
      ['waiting', 'on_time', 'late', 'unanswered'].map((s) => needsReview(s as never)),
    ).toEqual([false, false, true, true]);
  });
});

describe('recording a call-out', () => {
  const now = at('2026-04-05', '12:00');
  const ok = { date: '2026-04-05', notifiedAt: at('2026-04-05', '08:00'), arrivedAt: null };

  it('takes a holiday or a weekend, notified that day or the evening before', () => {
    expect(checkCallout(CAL, ok, now)).toEqual({ ok: true, value: 'holiday' });
    expect(
      checkCallout(CAL, { ...ok, date: '2026-03-07', notifiedAt: at('2026-03-06', '20:00') }, now),
    ).toEqual({ ok: true, value: 'weekend' });
  });

  it('refuses a working day, a make-up workday included', () => {
    expect(
      checkCallout(CAL, { ...ok, date: '2026-03-06', notifiedAt: at('2026-03-06', '08:00') }, now),
    ).toMatchObject({ code: 'CALLOUT_NOT_CLOSED_DAY', field: 'date' });
    expect(
      checkCallout(
        CAL,
        { ...ok, date: '2026-02-28', notifiedAt: at('2026-02-28', '08:00') },
        at('2026-03-01', '08:00'),
      ),
    ).toMatchObject({ code: 'CALLOUT_NOT_CLOSED_DAY', details: { kind: 'makeUpWorkday' } });
  });

  it('refuses a year missing from the calendar', () => {
    expect(checkCallout(CAL, { ...ok, date: '2027-01-02' }, now)).toMatchObject({
      code: 'CALENDAR_YEAR_MISSING',
      details: { year: 2027 },
    });
  });

  it('refuses a notice in the future or two days before', () => {
    expect(checkCallout(CAL, { ...ok, notifiedAt: now + 1 }, now)).toMatchObject({
      code: 'TIME_IN_FUTURE',
      field: 'notifiedAt',
    });
    expect(checkCallout(CAL, { ...ok, notifiedAt: at('2026-04-03', '20:00') }, now)).toMatchObject({
      code: 'CALLOUT_NOTIFIED_OFF_DAY',
    });
  });

  it('refuses an arrival before the notice or in the future', () => {
    expect(checkCallout(CAL, { ...ok, arrivedAt: ok.notifiedAt - 1 }, now)).toMatchObject({
      code: 'ARRIVAL_BEFORE_NOTICE',
      field: 'arrivedAt',
    });
    expect(checkCallout(CAL, { ...ok, arrivedAt: now + 1 }, now)).toMatchObject({
      code: 'TIME_IN_FUTURE',
      field: 'arrivedAt',
    });
  });
});

describe('the response time setting', () => {
  it.each([10, 60, 480])('takes %i', (n) => expect(checkResponseMinutes(n).ok).toBe(true));
  it.each([9, 481, 30.5, NaN])('refuses %s', (n) =>
    expect(checkResponseMinutes(n)).toMatchObject({ code: 'BAD_RESPONSE_MINUTES' }),
  );
});
