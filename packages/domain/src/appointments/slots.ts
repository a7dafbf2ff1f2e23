/**
 * The days and slots one may book (预约时段): from the next working day up to `daysAhead` working
 * days ahead in the center's calendar (make-up workdays included, holidays and weekends excluded),
 * cut into slots of `slotMinutes` within the hours of the season. All dates and times are
 * Asia/Shanghai, whatever the process time zone.
 */
import {
  formatIsoDate,
  MS_PER_MINUTE,
  parseHhMm,
  parseIsoDate,
  shanghaiDayOf,
  shanghaiInstantOfDay,
  type DayNumber,
} from '../calendar/civil.ts';
import type { Timetable } from '../calendar/business-hours.ts';
import { openingDays, type OpeningDay } from '../calendar/opening.ts';
import { kindOfDay, type WorkingCalendar } from '../calendar/working-calendar.ts';
import type { IsoDate } from '../org/staff.ts';
import type { AppointmentPolicy } from './policy.ts';

/** One slot of one day. */
export interface Slot {
  readonly date: IsoDate;
  /** 'HH:MM', Shanghai. */
  readonly start: string;
  readonly end: string;
  /** Epoch milliseconds. */
  readonly startsAt: number;
  readonly endsAt: number;
}

export interface BookableDays {
  /** The open days one may book, in date order (each with its hours). */
  readonly days: OpeningDay[];
  /**
   * The first date the window reached whose year has no calendar entered, or null. Nothing from
   * that date on is bookable ("该年度工作日历尚未录入，暂不能预约"), so `days` may then hold fewer
   * than `daysAhead` days.
   */
  readonly calendarMissingFrom: IsoDate | null;
}

/** The walk behind `bookableDays`, on day numbers. */
export interface BookingWindow {
  /** The Shanghai day of `nowMs`: never bookable. */
  readonly today: DayNumber;
  /** The last day of the window (today when nothing is bookable). */
  readonly last: DayNumber;
  /** The first day of a year without a calendar, when the walk stopped there. */
  readonly missingFrom: DayNumber | null;
}

/** Whether the center works on a day by its calendar (false for a year the calendar lacks). */
export function worksOn(cal: WorkingCalendar, day: DayNumber): boolean {
  const kind = kindOfDay(cal, day);
  return kind === 'workday' || kind === 'makeUpWorkday';
}

/**
 * Walks from the day after today to the `daysAhead`-th working day, stopping early at the first day
 * whose year the calendar lacks. The walk always ends: every year after the calendar's last is
 * missing.
 */
export function bookingWindow(
  cal: WorkingCalendar,
  nowMs: number,
  policy: AppointmentPolicy,
): BookingWindow {
  const today = shanghaiDayOf(nowMs);
  let last = today;
  for (let day = today + 1, found = 0; found < policy.daysAhead; day++) {
    if (kindOfDay(cal, day) === undefined) return { today, last, missingFrom: day };
    if (worksOn(cal, day)) {
      found += 1;
      last = day;
    }
  }
  return { today, last, missingFrom: null };
}

/**
 * The days one may book at `nowMs`: the working days from the next working day after today
 * (Shanghai) up to `policy.daysAhead` working days ahead. A day of a year without a calendar is not
 * bookable: the walk stops there and names it in `calendarMissingFrom`.
 */
export function bookableDays(
  cal: WorkingCalendar,
  tt: Timetable,
  nowMs: number,
  policy: AppointmentPolicy,
): BookableDays {
  const w = bookingWindow(cal, nowMs, policy);
  const days = openingDays(cal, tt, nowMs, w.last - w.today + 1)
    .slice(1)
    .filter((d) => d.open && !d.calendarMissing);
  return {
    days,
    calendarMissingFrom: w.missingFrom === null ? null : formatIsoDate(w.missingFrom),
  };
}

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The slots of an open day: `slotMinutes` each from its opening time, the last one ending at or
 * before its closing time (a remainder shorter than a slot is not offered). None on a closed day.
 */
export function slotsOfDay(day: OpeningDay, policy: AppointmentPolicy): Slot[] {
  const d = parseIsoDate(day.date);
  const open = day.openAt === null ? undefined : parseHhMm(day.openAt);
  const close = day.closeAt === null ? undefined : parseHhMm(day.closeAt);
  if (!day.open || d === undefined || open === undefined || close === undefined) return [];
  const slots: Slot[] = [];
  for (let m = open; m + policy.slotMinutes <= close; m += policy.slotMinutes) {
    const startsAt = shanghaiInstantOfDay(d, m);
    slots.push({
      date: day.date,
      start: hhmm(m),
      end: hhmm(m + policy.slotMinutes),
      startsAt,
      endsAt: startsAt + policy.slotMinutes * MS_PER_MINUTE,
    });
  }
  return slots;
}

/** Every slot one may book at `nowMs`, in time order, with the calendar gap if the window hit one. */
export function offeredSlots(
  cal: WorkingCalendar,
  tt: Timetable,
  nowMs: number,
  policy: AppointmentPolicy,
): { slots: Slot[]; calendarMissingFrom: IsoDate | null } {
  const { days, calendarMissingFrom } = bookableDays(cal, tt, nowMs, policy);
  return { slots: days.flatMap((d) => slotsOfDay(d, policy)), calendarMissingFrom };
}

/** A count of places as given: a whole number, 0 for anything negative or not a number. */
const places = (n: number): number => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

/**
 * Places left in a slot: the capacity (the sum over the item's windows) minus the bookings taken,
 * never negative and never more than the capacity. A negative or fractional capacity counts as its
 * whole part, at least 0; a taken count that is not a finite number counts as full.
 */
export function placesLeft(capacity: number, taken: number): number {
  const cap = places(capacity);
  if (!Number.isFinite(taken)) return 0;
  return Math.max(0, cap - Math.max(0, Math.ceil(taken)));
}

/** The slots with the places left in each: `taken` maps a slot's `startsAt` to its bookings. */
export function slotsWithRoom(
  slots: readonly Slot[],
  capacity: number,
  taken: ReadonlyMap<number, number>,
): (Slot & { readonly left: number })[] {
  return slots.map((s) => ({ ...s, left: placesLeft(capacity, taken.get(s.startsAt) ?? 0) }));
}
