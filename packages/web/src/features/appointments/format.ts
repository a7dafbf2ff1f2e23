/** The bookings pages' pure parts: how a day and a slot read, and what a clerk may do with a booking. */
import type { BookingHandOff } from '../cases/intake.ts';
import { t } from '../../locale/zh-CN.ts';
import type {
  AppointmentSettings,
  BookingRow,
  BookingSlots,
  UpdateAppointmentSettingsBody,
} from './api.ts';

const L = t.appointments;

type BookingDay = BookingSlots['days'][number];

/** A calendar date as a clerk says it on the phone: "5月12日 周二". */
export function dayLabel(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return L.day(m, d, L.weekdays[weekday]!);
}

/** "2026-05-12 09:00–09:30": the day and the slot of a booking. */
export const whenOf = (b: Pick<BookingRow, 'date' | 'start' | 'end'>) =>
  `${b.date} ${L.slot(b.start, b.end)}`;

/** Places still free on a day, all its slots together. */
export const placesOfDay = (day: BookingDay) =>
  day.slots.reduce((sum, s) => sum + Math.max(0, s.left), 0);

/** The day a picker opens on: the wanted one if offered, else the first with a free place. */
export function openingDay(slots: BookingSlots, wanted?: string | null): string | null {
  if (wanted && slots.days.some((d) => d.date === wanted)) return wanted;
  return (slots.days.find((d) => placesOfDay(d) > 0) ?? slots.days[0])?.date ?? null;
}

/** Which row actions a booking offers now (`nowMs` and `today` as the server counts them). */
export interface BookingActions {
  /** Turn it into a case: a booked one, or a 未到 that turns up late the same day. */
  intake: boolean;
  /** Until its slot starts. */
  move: boolean;
  cancel: boolean;
  /** Once its slot is over. */
  noShow: boolean;
}

export function bookingActions(
  b: Pick<BookingRow, 'status' | 'date' | 'startsAt' | 'endsAt'>,
  nowMs: number,
  today: string,
): BookingActions {
  const booked = b.status === 'booked';
  const beforeStart = booked && nowMs < Date.parse(b.startsAt);
  return {
    intake: booked || (b.status === 'no_show' && b.date === today),
    move: beforeStart,
    cancel: beforeStart,
    noShow: booked && nowMs >= Date.parse(b.endsAt),
  };
}

/** What the intake needs of a booking to register its visitor. */
export const handOffOf = (b: BookingRow): BookingHandOff => ({
  id: b.id,
  code: b.code,
  itemId: b.itemId,
  itemName: b.itemName,
  applicantName: b.applicantName,
  phoneMasked: b.phoneMasked,
  date: b.date,
  start: b.start,
  end: b.end,
});

/** The settings form: the policy's numbers, and each window's places per slot by its id. */
export interface SettingsValues {
  slotMinutes: number;
  daysAhead: number;
  noShowLimit: number;
  noShowWindowDays: number;
  suspendDays: number;
  capacity: Record<string, number | null>;
}

export const settingsValues = (s: AppointmentSettings): SettingsValues => ({
  slotMinutes: s.slotMinutes,
  daysAhead: s.daysAhead,
  noShowLimit: s.noShowLimit,
  noShowWindowDays: s.noShowWindowDays,
  suspendDays: s.suspendDays,
  capacity: Object.fromEntries(s.windows.map((w) => [String(w.windowId), w.bookingCapacity])),
});

/** What "保存" sends: the numbers, the windows whose places changed (a cleared box keeps its number). */
export function settingsBody(
  v: SettingsValues,
  before: AppointmentSettings,
): UpdateAppointmentSettingsBody {
  const windows = before.windows.flatMap((w) => {
    const n = v.capacity[String(w.windowId)];
    return typeof n === 'number' && n !== w.bookingCapacity
      ? [{ windowId: w.windowId, bookingCapacity: n }]
      : [];
  });
  return {
    slotMinutes: v.slotMinutes as UpdateAppointmentSettingsBody['slotMinutes'],
    daysAhead: v.daysAhead,
    noShowLimit: v.noShowLimit,
    noShowWindowDays: v.noShowWindowDays,
    suspendDays: v.suspendDays,
    windows,
    version: before.version,
  };
}
