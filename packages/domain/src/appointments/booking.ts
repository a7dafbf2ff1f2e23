/**
 * The rules of one booking (预约): whether a slot may be booked now, whether a booking may still be
 * cancelled or moved, when it becomes a no-show, when the phone's online booking is suspended, and
 * when the day-before reminder goes out. Time is always a parameter (`nowMs`, epoch milliseconds);
 * days are Asia/Shanghai days.
 */
import type { Timetable } from '../calendar/business-hours.ts';
import { openingDays } from '../calendar/opening.ts';
import {
  formatIsoDate,
  MS_PER_DAY,
  MS_PER_MINUTE,
  parseHhMm,
  parseIsoDate,
  shanghaiDayOf,
  shanghaiInstantOfDay,
} from '../calendar/civil.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { IsoDate } from '../org/staff.ts';
import { ok, refuse, type Result } from '../shared/result.ts';
import type { AppointmentPolicy } from './policy.ts';
import { bookingWindow, placesLeft, slotsOfDay, worksOn, type Slot } from './slots.ts';

export type BookingStatus = 'booked' | 'cancelled' | 'arrived' | 'no_show';
export const BOOKING_STATUSES: readonly BookingStatus[] = [
  'booked',
  'cancelled',
  'arrived',
  'no_show',
];

/** How the booking came in: online by the person, or entered by staff (phone, letter, e-mail, window). */
export type BookingChannel = 'online' | 'phone' | 'letter' | 'email' | 'window';
export const BOOKING_CHANNELS: readonly BookingChannel[] = [
  'online',
  'phone',
  'letter',
  'email',
  'window',
];

/** An online-booking suspension in force: online booking is refused while `nowMs < until`. */
export interface Suspension {
  readonly until: number;
}

/**
 * Why a slot is not offered, in `details.reason` of SLOT_NOT_OFFERED, so the screen can say which:
 * the date or time is malformed; the day is today or past; the day's year has no calendar
 * (`details.calendarMissingFrom`); the center is closed that day; the day is beyond the window;
 * or the start is not the start of one of the day's slots (outside hours, misaligned).
 */
export type SlotNotOfferedReason =
  | 'BAD_DATE'
  | 'BAD_TIME'
  | 'NOT_AFTER_TODAY'
  | 'CALENDAR_MISSING'
  | 'CLOSED'
  | 'TOO_FAR_AHEAD'
  | 'NOT_A_SLOT';

export interface SlotRequest {
  readonly cal: WorkingCalendar;
  readonly tt: Timetable;
  readonly nowMs: number;
  readonly policy: AppointmentPolicy;
  /** The requested day and slot start, 'YYYY-MM-DD' and 'HH:MM' (Shanghai). */
  readonly date: IsoDate;
  readonly start: string;
  /** Places in the slot: the sum over the item's windows. */
  readonly capacity: number;
  /** Bookings already taken in that slot (every booking of it not cancelled). */
  readonly taken: number;
  readonly channel: BookingChannel;
  /** The phone's suspension, from `suspension()`; null when none. */
  readonly suspension: Suspension | null;
}

export type CheckSlotRefusalCode = 'SLOT_NOT_OFFERED' | 'SLOT_FULL' | 'BOOKING_SUSPENDED';

/** The requested slot if it is one of `offeredSlots` at nowMs, else SLOT_NOT_OFFERED and why. */
function offeredSlot(r: SlotRequest): Result<Slot, 'SLOT_NOT_OFFERED'> {
  const notOffered = (reason: SlotNotOfferedReason, extra?: Record<string, unknown>) =>
    refuse(
      'SLOT_NOT_OFFERED',
      reason === 'BAD_TIME' || reason === 'NOT_A_SLOT' ? 'start' : 'date',
      {
        reason,
        date: r.date,
        start: r.start,
        ...extra,
      },
    );
  const day = parseIsoDate(r.date);
  if (day === undefined) return notOffered('BAD_DATE');
  if (parseHhMm(r.start) === undefined) return notOffered('BAD_TIME');
  const w = bookingWindow(r.cal, r.nowMs, r.policy);
  if (day <= w.today) return notOffered('NOT_AFTER_TODAY');
  if (w.missingFrom !== null && day >= w.missingFrom)
    return notOffered('CALENDAR_MISSING', { calendarMissingFrom: formatIsoDate(w.missingFrom) });
  if (day > w.last) return notOffered('TOO_FAR_AHEAD');
  const [opening] = openingDays(r.cal, r.tt, shanghaiInstantOfDay(day, 0), 1);
  if (opening === undefined || !worksOn(r.cal, day)) return notOffered('CLOSED');
  const slot = slotsOfDay(opening, r.policy).find((s) => s.start === r.start);
  return slot ? ok(slot) : notOffered('NOT_A_SLOT');
}

/**
 * Whether the slot may be booked now. Refusals, in this order:
 * - BOOKING_SUSPENDED (field 'phone', details.until): an online booking while the phone's online
 *   booking is suspended. Bookings entered by staff (any other channel) are not refused for that.
 * - SLOT_NOT_OFFERED (field 'date' or 'start', details.reason): not one of `offeredSlots` at nowMs.
 * - SLOT_FULL (field 'start', details capacity and taken): no place left (see `placesLeft`).
 * On success, the slot with its instants.
 */
export function checkSlot(r: SlotRequest): Result<Slot, CheckSlotRefusalCode> {
  if (r.channel === 'online' && r.suspension !== null && r.nowMs < r.suspension.until)
    return refuse('BOOKING_SUSPENDED', 'phone', { until: r.suspension.until });
  const slot = offeredSlot(r);
  if (!slot.ok) return slot;
  if (placesLeft(r.capacity, r.taken) === 0)
    return refuse('SLOT_FULL', 'start', { capacity: r.capacity, taken: r.taken });
  return slot;
}

/**
 * Whether a booking may be cancelled or moved now: while it is 'booked' and its slot has not
 * started. BOOKING_CLOSED when it is no longer booked (cancelled, arrived, no-show), else
 * BOOKING_STARTED from the slot's start on.
 */
export function checkChange(
  b: { readonly status: BookingStatus; readonly startsAt: number },
  nowMs: number,
): Result<void, 'BOOKING_CLOSED' | 'BOOKING_STARTED'> {
  if (b.status !== 'booked') return refuse('BOOKING_CLOSED', 'status', { status: b.status });
  if (nowMs >= b.startsAt) return refuse('BOOKING_STARTED', 'startsAt', { startsAt: b.startsAt });
  return ok(undefined);
}

/** The instant from which a booking still 'booked' is a no-show: its slot's end plus the grace. */
export function noShowAt(b: { readonly endsAt: number }, policy: AppointmentPolicy): number {
  return b.endsAt + policy.noShowGraceMinutes * MS_PER_MINUTE;
}

/** Whether a booking is a no-show at nowMs: still 'booked' at or after `noShowAt`. */
export function isNoShow(
  b: { readonly status: BookingStatus; readonly endsAt: number },
  nowMs: number,
  policy: AppointmentPolicy,
): boolean {
  return b.status === 'booked' && nowMs >= noShowAt(b, policy);
}

/**
 * Whether online booking is suspended for a phone at nowMs, given the instants of its no-shows (the
 * server should pass each no-show booking's `startsAt`).
 *
 * A no-show at t triggers a suspension when at least `noShowLimit` of the phone's no-shows (t
 * itself included) fall on the `noShowWindowDays` Shanghai dates ending with t's date; that
 * suspension lasts until t + `suspendDays` days. The answer is the latest end among all triggers,
 * when nowMs is before it; null otherwise. Taking every trigger, not only the last no-show's, keeps
 * the rule monotone: a further no-show (booked by staff meanwhile) never lifts or shortens a
 * suspension. Instants after nowMs (not yet happened) and instants that are not whole milliseconds
 * are ignored; the order of the list does not matter.
 */
export function suspension(
  noShowTimes: readonly number[],
  nowMs: number,
  policy: AppointmentPolicy,
): Suspension | null {
  const times = noShowTimes.filter((t) => Number.isSafeInteger(t) && t <= nowMs);
  times.sort((a, b) => a - b);
  let until: number | null = null;
  let first = 0;
  for (const [i, t] of times.entries()) {
    const windowStart = shanghaiDayOf(t) - policy.noShowWindowDays + 1;
    while (shanghaiDayOf(times[first] ?? t) < windowStart) first += 1;
    if (i - first + 1 >= policy.noShowLimit) until = t + policy.suspendDays * MS_PER_DAY;
  }
  return until !== null && nowMs < until ? { until } : null;
}

/**
 * When the day-before reminder should go out: at `reminderFromHour`:00 Shanghai on the day before
 * the slot's date. Null when the booking got its slot (was made, or last moved — pass that instant
 * as `createdAt`) on or after the start of that day: its confirmation was recent enough, no second
 * message. Always before `startsAt`, and after `createdAt` when not null.
 */
export function reminderAt(
  b: { readonly startsAt: number; readonly createdAt: number },
  policy: AppointmentPolicy,
): number | null {
  const dayBefore = shanghaiDayOf(b.startsAt) - 1;
  if (b.createdAt >= shanghaiInstantOfDay(dayBefore, 0)) return null;
  return shanghaiInstantOfDay(dayBefore, policy.reminderFromHour * 60);
}
