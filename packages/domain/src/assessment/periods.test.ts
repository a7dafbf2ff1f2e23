import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, formatIsoDate } from '../calendar/civil.ts';
import {
  checkHalfYear,
  compareHalfYears,
  formatHalfYear,
  formatMonth,
  halfYearFromIndex,
  halfYearIndex,
  halfYearOf,
  halfYearOfMonth,
  halfYearRange,
  halfYearsBetween,
  laterHalfYear,
  monthOf,
  monthRange,
  monthsOf,
  nextHalfYear,
  previousHalfYear,
  type HalfYear,
} from './periods.ts';

const H = (year: number, half: 1 | 2): HalfYear => ({ year, half });

describe('half-years', () => {
  it('上半年 is January–June, 下半年 July–December; the boundary is between 06-30 and 07-01', () => {
    expect(halfYearOf('2026-01-01')).toEqual(H(2026, 1));
    expect(halfYearOf('2026-06-30')).toEqual(H(2026, 1));
    expect(halfYearOf('2026-07-01')).toEqual(H(2026, 2));
    expect(halfYearOf('2026-12-31')).toEqual(H(2026, 2));
    expect(halfYearOfMonth('2026-06')).toEqual(H(2026, 1));
    expect(halfYearOfMonth('2026-07')).toEqual(H(2026, 2));
  });

  it('has six months each', () => {
    expect(monthsOf(H(2026, 1))).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(monthsOf(H(2026, 2))).toEqual([
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
  });

  it('follows on across the year end, both ways', () => {
    expect(nextHalfYear(H(2026, 1))).toEqual(H(2026, 2));
    expect(nextHalfYear(H(2026, 2))).toEqual(H(2027, 1));
    expect(previousHalfYear(H(2027, 1))).toEqual(H(2026, 2));
    expect(previousHalfYear(H(2026, 2))).toEqual(H(2026, 1));
  });

  it('orders and lists', () => {
    expect(compareHalfYears(H(2026, 1), H(2026, 2))).toBeLessThan(0);
    expect(compareHalfYears(H(2027, 1), H(2026, 2))).toBeGreaterThan(0);
    expect(compareHalfYears(H(2026, 2), H(2026, 2))).toBe(0);
    expect(halfYearsBetween(H(2025, 2), H(2027, 1))).toEqual([
      H(2025, 2),
      H(2026, 1),
      H(2026, 2),
      H(2027, 1),
    ]);
    expect(halfYearsBetween(H(2027, 1), H(2026, 1))).toEqual([]);
    expect(laterHalfYear(H(2023, 1), H(2025, 2))).toEqual(H(2025, 2));
    expect(laterHalfYear(H(2025, 2), H(2023, 1))).toEqual(H(2025, 2));
  });

  it('formats in Chinese', () => {
    expect(formatHalfYear(H(2026, 1))).toBe('2026年上半年');
    expect(formatHalfYear(H(2026, 2))).toBe('2026年下半年');
    expect(formatMonth('2026-03')).toBe('2026年3月');
    expect(formatMonth('2026-12')).toBe('2026年12月');
  });

  it('knows month and half-year ranges, leap February included', () => {
    expect(monthRange('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthRange('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(halfYearRange(H(2026, 2))).toEqual({ first: '2026-07-01', last: '2026-12-31' });
    expect(monthOf('2026-03-16')).toBe('2026-03');
  });

  it('checks a half-year', () => {
    expect(checkHalfYear(H(2026, 1)).ok).toBe(true);
    expect(checkHalfYear({ year: 2026, half: 3 as 1 })).toMatchObject({
      code: 'BAD_HALF_YEAR',
      field: 'halfYear.half',
    });
    expect(checkHalfYear({ year: 2026.5, half: 1 })).toMatchObject({
      code: 'BAD_HALF_YEAR',
      field: 'halfYear.year',
    });
    expect(checkHalfYear({ year: 999, half: 1 })).toMatchObject({ code: 'BAD_HALF_YEAR' });
  });

  it('every date lies in the half-year it is assigned, whose months include its month (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: daysFromCivil(2000, 1, 1), max: daysFromCivil(2100, 12, 31) }),
        (d) => {
          const date = formatIsoDate(d);
          const h = halfYearOf(date);
          const { first, last } = halfYearRange(h);
          expect(first <= date && date <= last).toBe(true);
          expect(monthsOf(h)).toContain(monthOf(date));
          expect(halfYearFromIndex(halfYearIndex(h))).toEqual(h);
          expect(compareHalfYears(previousHalfYear(nextHalfYear(h)), h)).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
