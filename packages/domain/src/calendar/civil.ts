/**
 * Civil-date arithmetic on plain integers. The domain may not use `Date` (nor read the process time
 * zone), so dates are counted as days since 1970-01-01 and converted with Howard Hinnant's
 * days-from-civil / civil-from-days algorithms (proleptic Gregorian calendar).
 *
 * Time zone: the center works in Asia/Shanghai, which is UTC+8 all year. China has observed no
 * daylight saving time since 1991, so a fixed offset is exact for every instant the system will
 * handle (anything from 1992 on); it is deliberately not looked up in a time-zone database.
 */
import type { IsoDate } from '../org/staff.ts';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
/** Asia/Shanghai = UTC+8, fixed (no DST since 1991). */
export const SHANGHAI_UTC_OFFSET_MS = 8 * 60 * MS_PER_MINUTE;

/** Supported date range: the four-digit years ISO 'YYYY-MM-DD' can write. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

/** A day counted from 1970-01-01 (day 0). */
export type DayNumber = number;

export interface Civil {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const floorDiv = (a: number, b: number): number => Math.floor(a / b);

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a (valid) civil date. */
export function daysFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const doy = floorDiv(153 * (month + (month > 2 ? -3 : 9)) + 2, 5) + day - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The civil date of a day number. */
export function civilFromDays(days: DayNumber): Civil {
  const z = days + 719_468;
  const era = floorDiv(z, 146_097);
  const doe = z - era * 146_097;
  const yoe = floorDiv(
    doe - floorDiv(doe, 1460) + floorDiv(doe, 36_524) - floorDiv(doe, 146_096),
    365,
  );
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const day = doy - floorDiv(153 * mp + 2, 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export const MIN_DAY: DayNumber = daysFromCivil(MIN_YEAR, 1, 1);
export const MAX_DAY: DayNumber = daysFromCivil(MAX_YEAR, 12, 31);

/** Day of the week, ISO numbering: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(days: DayNumber): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(days: DayNumber): boolean {
  return isoWeekday(days) >= 6;
}

export function yearOfDay(days: DayNumber): number {
  return civilFromDays(days).year;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of an ISO date, or undefined when the text is not a real calendar date. */
export function parseIsoDate(text: string): DayNumber | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return undefined;
  return daysFromCivil(year, month, day);
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== undefined;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The ISO date of a day number (years outside 1000–9999 are not representable; see MIN_DAY/MAX_DAY). */
export function formatIsoDate(days: DayNumber): IsoDate {
  const c = civilFromDays(days);
  return `${String(c.year).padStart(4, '0')}-${pad2(c.month)}-${pad2(c.day)}`;
}

/** Day of the week of an ISO date (1 = Monday … 7 = Sunday), or undefined for a bad date. */
export function weekdayOf(date: IsoDate): number | undefined {
  const d = parseIsoDate(date);
  return d === undefined ? undefined : isoWeekday(d);
}

/** Whether an instant (epoch ms) is a usable, whole number of milliseconds. */
export function isInstant(ms: number): boolean {
  return Number.isSafeInteger(ms);
}

/** The Asia/Shanghai day number of an instant. */
export function shanghaiDayOf(ms: number): DayNumber {
  return floorDiv(ms + SHANGHAI_UTC_OFFSET_MS, MS_PER_DAY);
}

/** The Asia/Shanghai civil date of an instant given as epoch milliseconds. */
export function shanghaiDateOf(ms: number): IsoDate {
  return formatIsoDate(shanghaiDayOf(ms));
}

/** The instant (epoch ms) of a Shanghai wall-clock time, in minutes after midnight, on a day. */
export function shanghaiInstantOfDay(days: DayNumber, minuteOfDay: number): number {
  return days * MS_PER_DAY - SHANGHAI_UTC_OFFSET_MS + minuteOfDay * MS_PER_MINUTE;
}

/**
 * The first instant of a month ('YYYY-MM') and of the next one, in Asia/Shanghai: the bounds of
 * "this month" for figures counted by instants (rated_at >= from and < to). Undefined when malformed.
 */
export function shanghaiMonthBounds(month: string): readonly [number, number] | undefined {
  const first = parseIsoDate(`${month}-01`);
  if (first === undefined || !/^\d{4}-\d{2}$/.test(month)) return undefined;
  const { year, month: m } = civilFromDays(first);
  const next = first + daysInMonth(year, m);
  return [shanghaiInstantOfDay(first, 0), shanghaiInstantOfDay(next, 0)];
}

const HH_MM = /^(\d{2}):(\d{2})$/;

/**
 * Minutes after midnight of an 'HH:MM' time (00:00–23:59), or undefined when malformed. '24:00' is
 * not accepted: a closing time at midnight would put a deadline on the next calendar day.
 */
export function parseHhMm(text: string): number | undefined {
  const m = HH_MM.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 23) return undefined;
  return h * 60 + min;
}

const MM_DD = /^(\d{2})-(\d{2})$/;

/**
 * The position in the year of an 'MM-DD' month-day, as month * 100 + day (so they sort), or
 * undefined when malformed. 02-29 is accepted (it exists in leap years).
 */
export function parseMonthDay(text: string): number | undefined {
  const m = MM_DD.exec(text);
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) return undefined;
  return month * 100 + day;
}

/** The month-day key (month * 100 + day) of a day number. */
export function monthDayOf(days: DayNumber): number {
  const c = civilFromDays(days);
  return c.month * 100 + c.day;
}
