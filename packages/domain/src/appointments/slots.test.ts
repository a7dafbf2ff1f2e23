import { describe, expect, it } from 'vitest';
import { calendarOf } from '../calendar/arbitraries.fixture.ts';
import { CHINA_2026 } from '../calendar/china-2026.fixture.ts';
import { MS_PER_MINUTE } from '../calendar/civil.ts';
import { openingDays } from '../calendar/opening.ts';
import { at, CAL, P, TT } from './fixtures.fixture.ts';
import { bookableDays, offeredSlots, placesLeft, slotsOfDay, slotsWithRoom } from './slots.ts';

const datesFrom = (nowMs: number, policy = P, cal = CAL) =>
  bookableDays(cal, TT, nowMs, policy).days.map((d) => d.date);

/** The opening of one date of 2026. */
const dayOf = (date: string) => openingDays(CAL, TT, at(date, '00:00'), 1)[0]!;

describe('bookableDays on the 2026 calendar', () => {
  it('from the 中秋 holiday Friday 09-25: Monday 28th on, past 国庆, with make-up Saturday 10-10', () => {
    const r = bookableDays(CAL, TT, at('2026-09-25', '10:00'), P);
    expect(r.calendarMissingFrom).toBeNull();
    expect(r.days.map((d) => [d.date, d.kind])).toEqual([
      ['2026-09-28', 'workday'],
      ['2026-09-29', 'workday'],
      ['2026-09-30', 'workday'],
      ['2026-10-08', 'workday'],
      ['2026-10-09', 'workday'],
      ['2026-10-10', 'makeUpWorkday'],
      ['2026-10-12', 'workday'],
      ['2026-10-13', 'workday'],
      ['2026-10-14', 'workday'],
      ['2026-10-15', 'workday'],
    ]);
  });

  it('counts make-up Sunday 09-20 as a working day, skips the weekend before', () => {
    expect(datesFrom(at('2026-09-17', '16:00'), { ...P, daysAhead: 3 })).toEqual([
      '2026-09-18',
      '2026-09-20',
      '2026-09-21',
    ]);
  });

  it('never offers today, even early in the morning of a working day', () => {
    expect(datesFrom(at('2026-09-28', '00:00'), { ...P, daysAhead: 1 })).toEqual(['2026-09-29']);
  });

  it('takes "today" in Shanghai: 23:50 there is still that day, 00:30 is the next', () => {
    // 2026-09-29T15:50Z: Tuesday evening in Shanghai — Wednesday 30th is the next working day.
    expect(datesFrom(at('2026-09-29', '23:50'), { ...P, daysAhead: 2 })).toEqual([
      '2026-09-30',
      '2026-10-08',
    ]);
    // 2026-09-29T16:30Z, still the 29th in UTC, but Wednesday 30th in Shanghai.
    expect(datesFrom(at('2026-09-30', '00:30'), { ...P, daysAhead: 2 })).toEqual([
      '2026-10-08',
      '2026-10-09',
    ]);
  });

  it('gives each day the hours of its season', () => {
    const days = bookableDays(CAL, TT, at('2026-09-25', '10:00'), P).days;
    expect(days[2]).toMatchObject({ date: '2026-09-30', openAt: '08:00', closeAt: '18:00' });
    expect(days[3]).toMatchObject({ date: '2026-10-08', openAt: '08:30', closeAt: '17:30' });
  });

  it('stops at a year without a calendar and names its first day', () => {
    // Monday 2026-12-28: 29, 30, 31 are worked; 2027 is not entered.
    const r = bookableDays(CAL, TT, at('2026-12-28', '09:00'), P);
    expect(r.days.map((d) => d.date)).toEqual(['2026-12-29', '2026-12-30', '2026-12-31']);
    expect(r.calendarMissingFrom).toBe('2027-01-01');
  });

  it('offers nothing on the last day of the year, and nothing at all in a missing year', () => {
    expect(bookableDays(CAL, TT, at('2026-12-31', '09:00'), P)).toEqual({
      days: [],
      calendarMissingFrom: '2027-01-01',
    });
    expect(bookableDays(CAL, TT, at('2027-03-01', '09:00'), P)).toEqual({
      days: [],
      calendarMissingFrom: '2027-03-02',
    });
  });

  it('does not name a missing year the window does not reach', () => {
    const r = bookableDays(CAL, TT, at('2026-12-14', '09:00'), { ...P, daysAhead: 5 });
    expect(r).toMatchObject({ calendarMissingFrom: null });
    expect(r.days.map((d) => d.date)).toEqual([
      '2026-12-15',
      '2026-12-16',
      '2026-12-17',
      '2026-12-18',
      '2026-12-21',
    ]);
  });

  it('walks into the next year when it is entered', () => {
    const with2027 = calendarOf(CHINA_2026, {
      year: 2027,
      holidays: ['2027-01-01'],
      workdays: [],
    });
    const r = bookableDays(with2027, TT, at('2026-12-30', '09:00'), { ...P, daysAhead: 3 });
    expect(r.days.map((d) => d.date)).toEqual(['2026-12-31', '2027-01-04', '2027-01-05']);
    expect(r.calendarMissingFrom).toBeNull();
  });
});

describe('slotsOfDay', () => {
  it('cuts summer hours 08:00–18:00 into 20 half hours', () => {
    const slots = slotsOfDay(dayOf('2026-09-30'), P);
    expect(slots).toHaveLength(20);
    expect(slots[0]).toEqual({
      date: '2026-09-30',
      start: '08:00',
      end: '08:30',
      startsAt: 1_790_726_400_000, // 2026-09-30T00:00:00Z
      endsAt: 1_790_728_200_000, // 2026-09-30T00:30:00Z
    });
    expect(slots.at(-1)).toMatchObject({ start: '17:30', end: '18:00' });
  });

  it('cuts winter hours 08:30–17:30 into 18, and into 9 hours with 60-minute slots', () => {
    expect(slotsOfDay(dayOf('2026-10-08'), P)).toHaveLength(18);
    const hours = slotsOfDay(dayOf('2026-10-08'), { ...P, slotMinutes: 60 });
    expect(hours.map((s) => s.start)).toEqual([
      '08:30',
      '09:30',
      '10:30',
      '11:30',
      '12:30',
      '13:30',
      '14:30',
      '15:30',
      '16:30',
    ]);
  });

  it('does not offer a remainder shorter than a slot', () => {
    const day = { ...dayOf('2026-10-08'), closeAt: '10:10' };
    expect(slotsOfDay(day, P).map((s) => `${s.start}-${s.end}`)).toEqual([
      '08:30-09:00',
      '09:00-09:30',
      '09:30-10:00',
    ]);
    expect(slotsOfDay({ ...day, closeAt: '08:50' }, P)).toEqual([]);
  });

  it('has none on a closed day', () => {
    expect(slotsOfDay(dayOf('2026-10-01'), P)).toEqual([]);
    expect(slotsOfDay(dayOf('2026-10-11'), P)).toEqual([]);
  });

  it('makes slots end to end, each slotMinutes long', () => {
    const slots = slotsOfDay(dayOf('2026-10-08'), { ...P, slotMinutes: 20 });
    expect(slots).toHaveLength(27);
    for (const [i, s] of slots.entries()) {
      expect(s.endsAt - s.startsAt).toBe(20 * MS_PER_MINUTE);
      if (i > 0) expect(s.startsAt).toBe(slots[i - 1]!.endsAt);
    }
  });
});

describe('offeredSlots', () => {
  it('lists the slots of the bookable days in time order', () => {
    const { slots, calendarMissingFrom } = offeredSlots(CAL, TT, at('2026-09-25', '10:00'), P);
    // 3 summer days of 20 slots, 7 winter days of 18.
    expect(slots).toHaveLength(3 * 20 + 7 * 18);
    expect(calendarMissingFrom).toBeNull();
    expect(slots[0]).toMatchObject({ date: '2026-09-28', start: '08:00' });
    expect(slots.at(-1)).toMatchObject({ date: '2026-10-15', start: '17:00', end: '17:30' });
  });
});

describe('places left', () => {
  const slots = slotsOfDay(dayOf('2026-10-08'), P).slice(0, 3);
  const [a, b, c] = slots.map((s) => s.startsAt) as [number, number, number];

  it('subtracts the bookings taken per slot, never below 0', () => {
    const taken = new Map([
      [a, 1],
      [b, 3],
      [c, 5],
    ]);
    expect(slotsWithRoom(slots, 3, taken).map((s) => [s.start, s.left])).toEqual([
      ['08:30', 2],
      ['09:00', 0],
      ['09:30', 0],
    ]);
  });

  it('gives the full capacity to a slot nobody booked, and ignores other instants', () => {
    const r = slotsWithRoom(slots, 2, new Map([[a + 1, 2]]));
    expect(r.map((s) => s.left)).toEqual([2, 2, 2]);
    expect(r[0]).toMatchObject(slots[0]!);
  });

  it('offers nothing with no capacity', () => {
    expect(slotsWithRoom(slots, 0, new Map()).map((s) => s.left)).toEqual([0, 0, 0]);
  });

  it.each([
    [2, 0, 2],
    [2, 2, 0],
    [2, -1, 2], // a negative count is no bookings, never extra room
    [-2, 0, 0],
    [2.7, 0, 2],
    [NaN, 0, 0],
    [Infinity, 0, 0],
    [3, 0.5, 2], // part of a booking is a booking
    [3, NaN, 0], // an unknown count is full
    [3, Infinity, 0],
  ])('placesLeft(capacity %s, taken %s) = %s', (capacity, taken, left) => {
    expect(placesLeft(capacity, taken)).toBe(left);
  });
});
