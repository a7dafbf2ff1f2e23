/**
 * Months of the statistics ('YYYY-MM', Asia/Shanghai). A month's instants are those from its first
 * midnight to the next month's (calendar/civil.ts `shanghaiMonthBounds`).
 */
import { shanghaiDateOf, shanghaiMonthBounds } from '../calendar/civil.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether a text is a month 'YYYY-MM' (years 1000–9999). */
export const isMonth = (text: string): boolean =>
  MONTH.test(text) && shanghaiMonthBounds(text) !== undefined;

/** The month (Asia/Shanghai) of an instant. */
export const monthOfInstant = (ms: number): string => shanghaiDateOf(ms).slice(0, 7);

/** The month `n` months after `month` (before, when `n` is negative). */
export function addMonths(month: string, n: number): string {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The `count` months ending with `month`, oldest first: the trend of the last 12 months. */
export function monthsEnding(month: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(month, i - count + 1));
}

/** "2026 年 3 月". */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)} 年 ${String(Number(month.slice(5, 7)))} 月`;
}
