/**
 * The center's opening hours, with seasonal timetables (e.g. summer hours from 05-01, winter hours
 * from 10-01). Times are Asia/Shanghai wall-clock times.
 */
import type { IsoDate } from '../org/staff.ts';
import { ok, refuse, type Result } from '../shared/result.ts';
import { monthDayOf, parseHhMm, parseIsoDate, parseMonthDay, type DayNumber } from './civil.ts';

/** Opening and closing time, 'HH:MM' (Asia/Shanghai). */
export interface BusinessHours {
  readonly open: string;
  readonly close: string;
}

/** Hours in force from a month-day ('MM-DD') until the next season starts, wrapping round the year. */
export interface Season {
  readonly from: string;
  readonly hours: BusinessHours;
}

interface TimetableEntry {
  /** month * 100 + day */
  readonly from: number;
  /** Minutes after midnight. */
  readonly open: number;
  readonly close: number;
  readonly season: Season;
}

declare const timetableBrand: unique symbol;

/** A checked, non-empty list of seasons sorted by `from`; made only by `buildTimetable`. */
export interface Timetable {
  readonly [timetableBrand]: true;
  readonly seasons: readonly Season[];
  readonly entries: readonly TimetableEntry[];
}

export type TimetableRefusalCode =
  'EMPTY_TIMETABLE' | 'BAD_MONTH_DAY' | 'DUPLICATE_FROM' | 'BAD_TIME' | 'CLOSE_NOT_AFTER_OPEN';

/**
 * Checks a timetable: at least one season, each `from` a real 'MM-DD' given once, each time a real
 * 'HH:MM' (00:00–23:59) with closing after opening. Refusals name the field ('seasons', 'from',
 * 'open', 'close') and give the season's index in details.
 */
export function buildTimetable(
  seasons: readonly Season[],
): Result<Timetable, TimetableRefusalCode> {
  if (seasons.length === 0) return refuse('EMPTY_TIMETABLE', 'seasons');
  const entries: TimetableEntry[] = [];
  const seen = new Map<number, number>();
  for (const [index, { from: fromText, hours }] of seasons.entries()) {
    const from = parseMonthDay(fromText);
    if (from === undefined) return refuse('BAD_MONTH_DAY', 'from', { index, value: fromText });
    const firstIndex = seen.get(from);
    if (firstIndex !== undefined)
      return refuse('DUPLICATE_FROM', 'from', { index, value: fromText, firstIndex });
    seen.set(from, index);
    const open = parseHhMm(hours.open);
    if (open === undefined) return refuse('BAD_TIME', 'open', { index, value: hours.open });
    const close = parseHhMm(hours.close);
    if (close === undefined) return refuse('BAD_TIME', 'close', { index, value: hours.close });
    if (close <= open)
      return refuse('CLOSE_NOT_AFTER_OPEN', 'close', { index, value: hours.close });
    const season = { from: fromText, hours: { open: hours.open, close: hours.close } };
    entries.push({ from, open, close, season });
  }
  entries.sort((a, b) => a.from - b.from);
  const timetable = { seasons: entries.map((e) => e.season), entries };
  return ok(timetable as unknown as Timetable);
}

/** The season in force on a day (undefined only for an empty timetable, which cannot be built). */
function entryOn(tt: Timetable, day: DayNumber): TimetableEntry | undefined {
  const md = monthDayOf(day);
  // The latest season starting on or before the day; before the year's first start, the year's
  // last season is still in force (it began the previous year).
  let chosen = tt.entries[tt.entries.length - 1];
  for (const e of tt.entries) if (e.from <= md) chosen = e;
  return chosen;
}

/** Opening and closing minute (after midnight, Shanghai) in force on a day. */
export function hoursOnDay(tt: Timetable, day: DayNumber): { open: number; close: number } {
  const e = entryOn(tt, day);
  return e ? { open: e.open, close: e.close } : { open: 0, close: 0 };
}

/** The business hours in force on a date: the season with the latest `from` not after it, wrapping round. */
export function hoursOn(tt: Timetable, date: IsoDate): Result<BusinessHours, 'BAD_DATE'> {
  const day = parseIsoDate(date);
  if (day === undefined) return refuse('BAD_DATE', 'date', { value: date });
  const e = entryOn(tt, day);
  return e ? ok(e.season.hours) : refuse('BAD_DATE', 'date', { value: date });
}
