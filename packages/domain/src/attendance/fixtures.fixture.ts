/** Test fixture (not exported from the package): the 2026 calendar and timetable, and time helpers. */
import { calendarOf, timetableOf } from '../calendar/arbitraries.fixture.ts';
import { CHINA_2026, SEASONS } from '../calendar/china-2026.fixture.ts';
import { MS_PER_MINUTE, parseHhMm, parseIsoDate, shanghaiInstantOfDay } from '../calendar/civil.ts';
import type { DayInput } from './day.ts';

export const CAL = calendarOf(CHINA_2026);
export const TT = timetableOf(SEASONS);
export const MIN = MS_PER_MINUTE;

/** The instant of a Shanghai wall-clock time on a date, plus an offset in ms. */
export function at(date: string, hhmm: string, plusMs = 0): number {
  const d = parseIsoDate(date);
  const m = parseHhMm(hhmm);
  if (d === undefined || m === undefined) throw new Error(`bad fixture time ${date} ${hhmm}`);
  return shanghaiInstantOfDay(d, m) + plusMs;
}

/** A Monday in winter hours (08:30–17:30) and a Wednesday in summer hours (08:00–18:00). */
export const WINTER = '2026-03-02';
export const SUMMER = '2026-07-01';

export const dayInput = (over: Partial<DayInput> & { date?: string }): DayInput => ({
  date: WINTER,
  calendar: CAL,
  timetable: TT,
  ...over,
});
