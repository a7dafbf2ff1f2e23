import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  daysFromCivil,
  formatIsoDate,
  isoWeekday,
  MAX_DAY,
  MIN_DAY,
  MS_PER_DAY,
  parseHhMm,
  parseIsoDate,
  parseMonthDay,
  shanghaiDateOf,
  shanghaiInstantOfDay,
  shanghaiMonthBounds,
  weekdayOf,
} from './civil.ts';

/** An independent oracle: the platform's own time-zone data, through Intl (not `Date`). */
function intlDate(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
  }).formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('weekday')}`;
}
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

describe('civil dates on integers', () => {
  it('counts days from 1970-01-01', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(2000, 3, 1)).toBe(11_017);
    expect(daysFromCivil(2026, 2, 25)).toBe(20_509);
    expect(formatIsoDate(20_509)).toBe('2026-02-25');
  });

  it('knows the days of the week of the 2026 notice', () => {
    expect(weekdayOf('2026-01-01')).toBe(4); // Thursday
    expect(weekdayOf('2026-01-04')).toBe(7); // Sunday
    expect(weekdayOf('2026-02-14')).toBe(6); // Saturday
    expect(weekdayOf('2026-02-23')).toBe(1); // Monday
    expect(weekdayOf('2026-09-20')).toBe(7);
    expect(weekdayOf('2026-10-10')).toBe(6);
    expect(weekdayOf('2026-02-30')).toBeUndefined();
  });

  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(parseIsoDate('2024-02-29')).toBeDefined();
    expect(parseIsoDate('2026-02-29')).toBeUndefined();
    expect(parseIsoDate('1900-02-29')).toBeUndefined();
    expect(parseIsoDate('2000-02-29')).toBeDefined();
    for (const bad of ['2026-2-01', '2026-13-01', '2026-00-10', '2026-04-31', '26-01-01', '', 'x'])
      expect(parseIsoDate(bad)).toBeUndefined();
    expect(parseIsoDate('2026-01-01T00:00')).toBeUndefined();
  });

  it('bounds a month in Beijing time, December into January and February of a leap year', () => {
    // 2026-11-30T16:00Z and 2026-12-31T16:00Z: midnight in Beijing on 1 December and 1 January.
    expect(shanghaiMonthBounds('2026-12')).toEqual([1796054400000, 1798732800000]);
    // 2028-01-31T16:00Z and 2028-02-29T16:00Z: February 2028 has 29 days.
    expect(shanghaiMonthBounds('2028-02')).toEqual([1832947200000, 1835452800000]);
    expect(shanghaiMonthBounds('2026-13')).toBeUndefined();
    expect(shanghaiMonthBounds('2026-1')).toBeUndefined();
  });

  it('reads HH:MM and MM-DD', () => {
    expect(parseHhMm('08:30')).toBe(510);
    expect(parseHhMm('23:59')).toBe(1439);
    expect(parseHhMm('24:00')).toBeUndefined();
    expect(parseHhMm('8:30')).toBeUndefined();
    expect(parseHhMm('12:60')).toBeUndefined();
    expect(parseMonthDay('05-01')).toBe(501);
    expect(parseMonthDay('02-29')).toBe(229);
    expect(parseMonthDay('02-30')).toBeUndefined();
    expect(parseMonthDay('13-01')).toBeUndefined();
  });

  it('round-trips every day number (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY, max: MAX_DAY }), (d) => {
        const c = civilFromDays(d);
        return daysFromCivil(c.year, c.month, c.day) === d && parseIsoDate(formatIsoDate(d)) === d;
      }),
    );
  });

  it('agrees with the platform calendar on dates and weekdays (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 100_000 }), (d) => {
        expect(intlDate(d * MS_PER_DAY, 'UTC')).toBe(
          `${formatIsoDate(d)} ${WEEKDAYS[isoWeekday(d) - 1]}`,
        );
      }),
    );
  });

  it('converts instants to Asia/Shanghai dates like the time-zone database, since 1992 (property)', () => {
    const from1992 = daysFromCivil(1992, 1, 1) * MS_PER_DAY;
    const to2200 = daysFromCivil(2200, 1, 1) * MS_PER_DAY;
    fc.assert(
      fc.property(fc.integer({ min: from1992, max: to2200 }), (ms) => {
        expect(intlDate(ms, 'Asia/Shanghai').slice(0, 10)).toBe(shanghaiDateOf(ms));
      }),
    );
  });

  it('puts Shanghai midnight at 16:00 UTC the day before', () => {
    const day = daysFromCivil(2026, 10, 1);
    expect(shanghaiInstantOfDay(day, 0)).toBe(1_790_784_000_000); // 2026-09-30T16:00:00Z
    expect(shanghaiDateOf(1_790_784_000_000)).toBe('2026-10-01');
    expect(shanghaiDateOf(1_790_783_999_999)).toBe('2026-09-30');
  });
});
