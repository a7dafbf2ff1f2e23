/**
 * Assessment periods (考核周期): the money is assessed every half year (每半年考核一次). The first half
 * (上半年) is January–June, the second (下半年) July–December. Months are written 'YYYY-MM'.
 */
import {
  daysFromCivil,
  daysInMonth,
  formatIsoDate,
  MAX_YEAR,
  MIN_YEAR,
} from '../calendar/civil.ts';
import type { IsoDate } from '../org/staff.ts';
import { ok, refuse, type Result } from '../shared/result.ts';

export interface HalfYear {
  readonly year: number;
  readonly half: 1 | 2;
}

/** A calendar month, 'YYYY-MM'. */
export type YearMonth = string;

/** A half-year is a year 1000–9999 and half 1 or 2. */
export function checkHalfYear(h: HalfYear): Result<HalfYear, 'BAD_HALF_YEAR'> {
  if (!Number.isInteger(h.year) || h.year < MIN_YEAR || h.year > MAX_YEAR)
    return refuse('BAD_HALF_YEAR', 'halfYear.year', { value: h.year });
  if (h.half !== 1 && h.half !== 2)
    return refuse('BAD_HALF_YEAR', 'halfYear.half', { value: h.half });
  return ok({ year: h.year, half: h.half });
}

/** The half-year of a (valid) ISO date. */
export function halfYearOf(date: IsoDate): HalfYear {
  return { year: Number(date.slice(0, 4)), half: Number(date.slice(5, 7)) <= 6 ? 1 : 2 };
}

/** The month 'YYYY-MM' of a (valid) ISO date. */
export function monthOf(date: IsoDate): YearMonth {
  return date.slice(0, 7);
}

/** The half-year a month 'YYYY-MM' belongs to. */
export function halfYearOfMonth(month: YearMonth): HalfYear {
  return halfYearOf(`${month}-01`);
}

/** A single number that orders half-years: year × 2 + (half − 1). */
export function halfYearIndex(h: HalfYear): number {
  return h.year * 2 + (h.half - 1);
}

export function halfYearFromIndex(index: number): HalfYear {
  return { year: Math.floor(index / 2), half: index % 2 === 0 ? 1 : 2 };
}

/** Negative when a is earlier, 0 when the same half-year, positive when later. */
export function compareHalfYears(a: HalfYear, b: HalfYear): number {
  return halfYearIndex(a) - halfYearIndex(b);
}

export function sameHalfYear(a: HalfYear, b: HalfYear): boolean {
  return compareHalfYears(a, b) === 0;
}

export function nextHalfYear(h: HalfYear): HalfYear {
  return halfYearFromIndex(halfYearIndex(h) + 1);
}

export function previousHalfYear(h: HalfYear): HalfYear {
  return halfYearFromIndex(halfYearIndex(h) - 1);
}

/** The half-years from `from` to `to`, both included, in order (empty when `to` is earlier). */
export function halfYearsBetween(from: HalfYear, to: HalfYear): HalfYear[] {
  const out: HalfYear[] = [];
  for (let i = halfYearIndex(from); i <= halfYearIndex(to); i++) out.push(halfYearFromIndex(i));
  return out;
}

/** The later of two half-years. */
export function laterHalfYear(a: HalfYear, b: HalfYear): HalfYear {
  return compareHalfYears(a, b) >= 0 ? a : b;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The six months of a half-year, 'YYYY-MM', in order. */
export function monthsOf(h: HalfYear): YearMonth[] {
  const first = h.half === 1 ? 1 : 7;
  return [0, 1, 2, 3, 4, 5].map((i) => `${h.year}-${pad2(first + i)}`);
}

/** First and last day of a month. */
export function monthRange(month: YearMonth): { first: IsoDate; last: IsoDate } {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return {
    first: formatIsoDate(daysFromCivil(year, m, 1)),
    last: formatIsoDate(daysFromCivil(year, m, daysInMonth(year, m))),
  };
}

/** First and last day of a half-year. */
export function halfYearRange(h: HalfYear): { first: IsoDate; last: IsoDate } {
  return h.half === 1
    ? { first: `${h.year}-01-01`, last: `${h.year}-06-30` }
    : { first: `${h.year}-07-01`, last: `${h.year}-12-31` };
}

/** '2026年上半年' / '2026年下半年'. */
export function formatHalfYear(h: HalfYear): string {
  return `${h.year}年${h.half === 1 ? '上' : '下'}半年`;
}

/** '2026-03' → '2026年3月'. */
export function formatMonth(month: YearMonth): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
}

/** A stable text key, '2026-H1' / '2026-H2' (for maps and storage). */
export function halfYearKey(h: HalfYear): string {
  return `${h.year}-H${h.half}`;
}
