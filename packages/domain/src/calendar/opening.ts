/**
 * When a center is open, day by day, as the public is told: its working-day calendar says whether a
 * day is worked, its timetable the hours of that season.
 */
import type { IsoDate } from '../org/staff.ts';
import { hoursOnDay } from './business-hours.ts';
import type { Timetable } from './business-hours.ts';
import { formatIsoDate, isWeekend, shanghaiDayOf, type DayNumber } from './civil.ts';
import { kindOfDay, type DayKind, type WorkingCalendar } from './working-calendar.ts';

export interface OpeningDay {
  readonly date: IsoDate;
  /** null when the calendar has no entry for the day's year. */
  readonly kind: DayKind | null;
  readonly open: boolean;
  /** 'HH:MM' (Shanghai); null on a closed day. */
  readonly openAt: string | null;
  readonly closeAt: string | null;
  /**
   * The official calendar of that year is not entered yet: the day is a guess (Monday to Friday
   * open), to be said as a guess — a holiday of that year may still close the center.
   */
  readonly calendarMissing: boolean;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function openingOnDay(cal: WorkingCalendar, tt: Timetable, day: DayNumber): OpeningDay {
  const kind = kindOfDay(cal, day) ?? null;
  const open = kind === null ? !isWeekend(day) : kind === 'workday' || kind === 'makeUpWorkday';
  const hours = hoursOnDay(tt, day);
  return {
    date: formatIsoDate(day),
    kind,
    open,
    openAt: open ? hhmm(hours.open) : null,
    closeAt: open ? hhmm(hours.close) : null,
    calendarMissing: kind === null,
  };
}

/** The opening of `days` days from the Shanghai date of the instant `nowMs` (today first). */
export function openingDays(
  cal: WorkingCalendar,
  tt: Timetable,
  nowMs: number,
  days: number,
): OpeningDay[] {
  const today = shanghaiDayOf(nowMs);
  return Array.from({ length: days }, (_, i) => openingOnDay(cal, tt, today + i));
}
