/**
 * The appointment policy (预约服务制): the figures a center sets for booking. The defaults are the
 * fixed points of the regulation as this system reads it: 30-minute slots, bookable up to 10 working
 * days ahead, three no-shows within 30 days suspend online booking for that phone for 30 days.
 */
import { ok, refuse, type Result } from '../shared/result.ts';

export interface AppointmentPolicy {
  /** Length of a slot in minutes: 15, 20, 30 or 60. */
  readonly slotMinutes: number;
  /** How many working days ahead one may book, counting the next working day as the first. */
  readonly daysAhead: number;
  /** So many no-shows … */
  readonly noShowLimit: number;
  /** … within this many calendar days (Shanghai dates, the day of the last one included) … */
  readonly noShowWindowDays: number;
  /** … suspend online booking for that phone for this many days after the last of them. */
  readonly suspendDays: number;
  /** A booking still 'booked' this many minutes after its slot ended is a no-show. */
  readonly noShowGraceMinutes: number;
  /** The reminder goes out on the Shanghai day before the slot, from this hour (0–23). */
  readonly reminderFromHour: number;
}

export const DEFAULT_APPOINTMENT_POLICY: AppointmentPolicy = {
  slotMinutes: 30,
  daysAhead: 10,
  noShowLimit: 3,
  noShowWindowDays: 30,
  suspendDays: 30,
  noShowGraceMinutes: 30,
  reminderFromHour: 9,
};

/** Slot lengths that divide an hour or are one, so slots start on the clock a person expects. */
export const SLOT_MINUTES_ALLOWED: readonly number[] = [15, 20, 30, 60];

export type AppointmentPolicyRefusalCode =
  | 'BAD_SLOT_MINUTES'
  | 'BAD_DAYS_AHEAD'
  | 'BAD_NO_SHOW_LIMIT'
  | 'BAD_NO_SHOW_WINDOW_DAYS'
  | 'BAD_SUSPEND_DAYS'
  | 'BAD_NO_SHOW_GRACE_MINUTES'
  | 'BAD_REMINDER_FROM_HOUR';

/** The whole-number fields and their ranges, in the order they are checked. */
const RANGES = [
  ['daysAhead', 'BAD_DAYS_AHEAD', 1, 30],
  ['noShowLimit', 'BAD_NO_SHOW_LIMIT', 1, 100],
  ['noShowWindowDays', 'BAD_NO_SHOW_WINDOW_DAYS', 1, 366],
  ['suspendDays', 'BAD_SUSPEND_DAYS', 1, 366],
  ['noShowGraceMinutes', 'BAD_NO_SHOW_GRACE_MINUTES', 0, 24 * 60],
  ['reminderFromHour', 'BAD_REMINDER_FROM_HOUR', 0, 23],
] as const satisfies readonly (readonly [
  keyof AppointmentPolicy,
  AppointmentPolicyRefusalCode,
  number,
  number,
])[];

/**
 * Checks an appointment policy as a center entered it. Each refusal's code and `field` name the
 * field, with the value and the allowed range in details: slotMinutes one of 15/20/30/60, daysAhead
 * 1–30, noShowLimit 1–100, noShowWindowDays and suspendDays 1–366, noShowGraceMinutes 0–1440,
 * reminderFromHour 0–23, all whole numbers.
 */
export function checkAppointmentPolicy(
  p: AppointmentPolicy,
): Result<AppointmentPolicy, AppointmentPolicyRefusalCode> {
  if (!SLOT_MINUTES_ALLOWED.includes(p.slotMinutes))
    return refuse('BAD_SLOT_MINUTES', 'slotMinutes', {
      value: p.slotMinutes,
      allowed: SLOT_MINUTES_ALLOWED,
    });
  for (const [field, code, min, max] of RANGES) {
    const value: unknown = p[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      return refuse(code, field, { value, min, max });
  }
  return ok(p);
}
