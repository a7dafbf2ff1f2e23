import { describe, expect, it } from 'vitest';
import { MS_PER_DAY, MS_PER_MINUTE } from '../calendar/civil.ts';
import {
  BOOKING_CHANNELS,
  checkChange,
  checkSlot,
  isNoShow,
  noShowAt,
  reminderAt,
  suspension,
  type BookingStatus,
} from './booking.ts';
import { at, P, request } from './fixtures.fixture.ts';

const MIN = MS_PER_MINUTE;
const DAY = MS_PER_DAY;

describe('checkSlot', () => {
  it('accepts an offered slot and gives its instants', () => {
    expect(checkSlot(request({ date: '2026-10-10', start: '17:00' }))).toEqual({
      ok: true,
      value: {
        date: '2026-10-10',
        start: '17:00',
        end: '17:30',
        startsAt: at('2026-10-10', '17:00'),
        endsAt: at('2026-10-10', '17:30'),
      },
    });
  });

  it.each([
    ['2026-09-25', '10:30', 'NOT_AFTER_TODAY', 'date'], // today, later in the day
    ['2026-09-24', '10:00', 'NOT_AFTER_TODAY', 'date'], // past
    ['2026-09-26', '10:00', 'CLOSED', 'date'], // holiday weekend
    ['2026-10-01', '10:00', 'CLOSED', 'date'], // 国庆
    ['2026-10-11', '10:00', 'CLOSED', 'date'], // Sunday after the make-up Saturday
    ['2026-10-16', '10:00', 'TOO_FAR_AHEAD', 'date'], // the 11th working day
    ['2026-10-18', '10:00', 'TOO_FAR_AHEAD', 'date'], // a Sunday beyond the window
    ['2026-09-28', '07:30', 'NOT_A_SLOT', 'start'], // before opening
    ['2026-09-28', '18:00', 'NOT_A_SLOT', 'start'], // at closing
    ['2026-10-08', '08:00', 'NOT_A_SLOT', 'start'], // summer opening, but winter hours now
    ['2026-10-08', '17:30', 'NOT_A_SLOT', 'start'], // winter closing
    ['2026-09-28', '08:15', 'NOT_A_SLOT', 'start'], // misaligned
    ['2026-09-28', '8:00', 'BAD_TIME', 'start'],
    ['2026-09-28', '24:00', 'BAD_TIME', 'start'],
    ['2026-02-30', '08:00', 'BAD_DATE', 'date'],
    ['28/09/2026', '08:00', 'BAD_DATE', 'date'],
  ])('refuses %s %s: %s', (date, start, reason, field) => {
    expect(checkSlot(request({ date, start }))).toEqual({
      ok: false,
      code: 'SLOT_NOT_OFFERED',
      field,
      details: { reason, date, start },
    });
  });

  it('refuses a day of a year without a calendar, naming where the calendar stops', () => {
    const r = checkSlot(
      request({ nowMs: at('2026-12-28', '09:00'), date: '2027-01-04', start: '09:00' }),
    );
    expect(r).toMatchObject({
      code: 'SLOT_NOT_OFFERED',
      details: { reason: 'CALENDAR_MISSING', calendarMissingFrom: '2027-01-01' },
    });
    expect(
      checkSlot(request({ nowMs: at('2026-12-28', '09:00'), date: '2026-12-31', start: '09:00' }))
        .ok,
    ).toBe(true);
  });

  it('takes the day in Shanghai: at 00:30 there the new day is already today', () => {
    const r = request({ date: '2026-09-30', start: '09:00' });
    expect(checkSlot({ ...r, nowMs: at('2026-09-29', '23:50') }).ok).toBe(true);
    expect(checkSlot({ ...r, nowMs: at('2026-09-30', '00:30') })).toMatchObject({
      details: { reason: 'NOT_AFTER_TODAY' },
    });
  });

  it('refuses a full slot, and takes the last place', () => {
    expect(checkSlot(request({ capacity: 2, taken: 1 })).ok).toBe(true);
    expect(checkSlot(request({ capacity: 2, taken: 2 }))).toEqual({
      ok: false,
      code: 'SLOT_FULL',
      field: 'start',
      details: { capacity: 2, taken: 2 },
    });
    expect(checkSlot(request({ capacity: 2, taken: 3 }))).toMatchObject({ code: 'SLOT_FULL' });
    expect(checkSlot(request({ capacity: 0, taken: 0 }))).toMatchObject({ code: 'SLOT_FULL' });
  });

  it('tells a slot not offered before a full one', () => {
    expect(checkSlot(request({ date: '2026-10-01', taken: 9 }))).toMatchObject({
      code: 'SLOT_NOT_OFFERED',
    });
  });

  it('refuses online booking while the phone is suspended, and nothing else then', () => {
    const until = at('2026-10-20', '10:00');
    expect(checkSlot(request({ suspension: { until }, taken: 9 }))).toEqual({
      ok: false,
      code: 'BOOKING_SUSPENDED',
      field: 'phone',
      details: { until },
    });
  });

  it.each(BOOKING_CHANNELS.filter((c) => c !== 'online'))(
    'lets staff book by %s for a suspended phone',
    (channel) => {
      const r = request({ channel, suspension: { until: at('2026-10-20', '10:00') } });
      expect(checkSlot(r).ok).toBe(true);
      expect(checkSlot({ ...r, taken: 2 })).toMatchObject({ code: 'SLOT_FULL' });
    },
  );

  it('does not refuse on a suspension that has ended', () => {
    const now = at('2026-09-25', '10:00');
    expect(checkSlot(request({ nowMs: now, suspension: { until: now } })).ok).toBe(true);
    expect(checkSlot(request({ nowMs: now, suspension: { until: now + 1 } })).ok).toBe(false);
  });
});

describe('checkChange', () => {
  const startsAt = at('2026-09-28', '09:00');

  it('allows cancelling or moving a booked slot until it starts', () => {
    expect(checkChange({ status: 'booked', startsAt }, startsAt - 1)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(checkChange({ status: 'booked', startsAt }, startsAt)).toEqual({
      ok: false,
      code: 'BOOKING_STARTED',
      field: 'startsAt',
      details: { startsAt },
    });
    expect(checkChange({ status: 'booked', startsAt }, startsAt + DAY)).toMatchObject({
      code: 'BOOKING_STARTED',
    });
  });

  it.each(['cancelled', 'arrived', 'no_show'] as BookingStatus[])(
    'refuses a booking already %s, even before its slot',
    (status) => {
      expect(checkChange({ status, startsAt }, startsAt - DAY)).toEqual({
        ok: false,
        code: 'BOOKING_CLOSED',
        field: 'status',
        details: { status },
      });
    },
  );
});

describe('no-shows', () => {
  const endsAt = at('2026-09-28', '09:30');

  it('a booked slot is a no-show from 30 minutes after it ended', () => {
    expect(noShowAt({ endsAt }, P)).toBe(at('2026-09-28', '10:00'));
    expect(isNoShow({ status: 'booked', endsAt }, endsAt + 30 * MIN - 1, P)).toBe(false);
    expect(isNoShow({ status: 'booked', endsAt }, endsAt + 30 * MIN, P)).toBe(true);
    expect(isNoShow({ status: 'booked', endsAt }, endsAt + 5 * DAY, P)).toBe(true);
  });

  it('follows the grace of the policy, down to none', () => {
    const p = { ...P, noShowGraceMinutes: 0 };
    expect(isNoShow({ status: 'booked', endsAt }, endsAt - 1, p)).toBe(false);
    expect(isNoShow({ status: 'booked', endsAt }, endsAt, p)).toBe(true);
  });

  it.each(['cancelled', 'arrived', 'no_show'] as BookingStatus[])(
    'a booking %s is not (again) a no-show',
    (status) => {
      expect(isNoShow({ status, endsAt }, endsAt + DAY, P)).toBe(false);
    },
  );
});

describe('suspension', () => {
  const t1 = at('2026-09-01', '09:00');
  const day = (n: number, time = '09:00') => at(`2026-09-${String(n).padStart(2, '0')}`, time);

  it('three no-shows within 30 days suspend until 30 days after the third', () => {
    const times = [day(1), day(10), day(20)];
    const until = day(20) + 30 * DAY;
    expect(suspension(times, day(20), P)).toEqual({ until });
    expect(suspension(times, until - 1, P)).toEqual({ until });
    expect(suspension(times, until, P)).toBeNull();
  });

  it('two no-shows are not enough', () => {
    expect(suspension([day(1), day(2)], day(3), P)).toBeNull();
    expect(suspension([], day(3), P)).toBeNull();
  });

  it('counts calendar days in Shanghai: the 30 dates ending with the last no-show', () => {
    // 09-01 08:00, 09-15, 09-30 23:59: 30 dates, 09-01 … 09-30, hold all three.
    const edge = [at('2026-09-01', '08:00'), day(15), at('2026-09-30', '23:59')];
    expect(suspension(edge, day(30, '23:59'), P)).not.toBeNull();
    // 10-01 00:00 is a 31st date: 09-01 falls out, though less than 30 × 24 hours have passed.
    const out = [at('2026-09-01', '23:59'), day(15), at('2026-10-01', '00:00')];
    expect(out[2]! - out[0]!).toBeLessThan(30 * DAY);
    expect(suspension(out, at('2026-10-01', '00:00'), P)).toBeNull();
  });

  it('is not fooled by UTC dates: 00:30 Shanghai is the previous day in UTC', () => {
    // 2026-09-01 00:30 Shanghai = 2026-08-31 16:30 UTC; it still counts as 09-01.
    const times = [at('2026-09-01', '00:30'), day(15), at('2026-09-30', '12:00')];
    expect(suspension(times, day(30, '12:00'), P)).not.toBeNull();
  });

  it('counts several no-shows on one day, in any order', () => {
    const times = [day(5, '10:00'), day(5, '09:00'), day(5, '09:00')];
    expect(suspension(times, day(6), P)).toEqual({ until: day(5, '10:00') + 30 * DAY });
  });

  it('takes the latest trigger: a fourth no-show in the window extends the suspension', () => {
    const times = [day(1), day(2), day(3), day(20)];
    expect(suspension(times, day(21), P)).toEqual({ until: day(20) + 30 * DAY });
  });

  it('a later lone no-show does not lift a suspension already running', () => {
    // 09-01, 09-02, 09-03 suspend until 10-03; a no-show on 10-02 (staff booking) has only
    // itself and 09-03 in its 30 days, but the suspension still stands.
    const base = [day(1), day(2), day(3)];
    const later = at('2026-10-02', '09:00');
    const now = at('2026-10-02', '12:00');
    expect(suspension(base, now, P)).toEqual({ until: day(3) + 30 * DAY });
    expect(suspension([...base, later], now, P)).toEqual({ until: day(3) + 30 * DAY });
  });

  it('ends, and a new run of no-shows suspends again', () => {
    const first = [day(1), day(2), day(3)];
    const second = [at('2026-11-01', '09:00'), at('2026-11-02', '09:00')];
    expect(suspension([...first, ...second], at('2026-11-02', '12:00'), P)).toBeNull();
    const third = at('2026-11-03', '09:00');
    expect(suspension([...first, ...second, third], third, P)).toEqual({
      until: third + 30 * DAY,
    });
  });

  it('ignores no-shows after now and instants that are not whole milliseconds', () => {
    expect(suspension([t1, day(2), day(10)], day(5), P)).toBeNull();
    expect(suspension([t1, day(2), NaN, 1.5], day(5), P)).toBeNull();
  });

  it('follows the policy: limit, window and suspension days', () => {
    const p = { ...P, noShowLimit: 1, suspendDays: 7 };
    expect(suspension([t1], t1, p)).toEqual({ until: t1 + 7 * DAY });
    const narrow = { ...P, noShowWindowDays: 1 };
    expect(suspension([day(1, '08:00'), day(1, '12:00'), day(1, '23:00')], day(2), narrow)).toEqual(
      { until: day(1, '23:00') + 30 * DAY },
    );
    expect(
      suspension([day(1, '23:00'), day(2, '00:00'), day(2, '01:00')], day(2), narrow),
    ).toBeNull();
  });
});

describe('reminderAt', () => {
  const startsAt = at('2026-10-08', '09:00');

  it('goes out at 09:00 Shanghai on the day before the slot', () => {
    expect(reminderAt({ startsAt, createdAt: at('2026-09-25', '10:00') }, P)).toBe(
      at('2026-10-07', '09:00'),
    );
    expect(reminderAt({ startsAt, createdAt: at('2026-10-06', '23:59') }, P)).toBe(
      at('2026-10-07', '09:00'),
    );
  });

  it('goes out the day before even when that day is a holiday, at the hour of the policy', () => {
    expect(reminderAt({ startsAt, createdAt: 0 }, { ...P, reminderFromHour: 17 })).toBe(
      at('2026-10-07', '17:00'),
    );
  });

  it('is not sent for a booking made the day before or the same day', () => {
    expect(reminderAt({ startsAt, createdAt: at('2026-10-07', '00:00') }, P)).toBeNull();
    expect(reminderAt({ startsAt, createdAt: at('2026-10-07', '08:00') }, P)).toBeNull();
    expect(reminderAt({ startsAt, createdAt: at('2026-10-08', '07:00') }, P)).toBeNull();
  });

  it('takes the day before in Shanghai, not UTC', () => {
    // A 08:30 slot is 00:30 UTC; a 23:30 Shanghai booking the evening before last is 15:30 UTC.
    const s = at('2026-10-09', '08:30');
    expect(reminderAt({ startsAt: s, createdAt: at('2026-10-07', '23:30') }, P)).toBe(
      at('2026-10-08', '09:00'),
    );
    expect(reminderAt({ startsAt: s, createdAt: at('2026-10-08', '00:10') }, P)).toBeNull();
  });
});
