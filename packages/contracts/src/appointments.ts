import { z } from 'zod';
import { centerScope, id, isoDate, isoDateTime, page, text, version } from './common.ts';
import { statsMonth } from './stats-filters.ts';

// ── 预约 Appointments (DOMAIN.md §3): online by citizens, or entered by staff ────────────────────

/** How a booking reached the center; online ones are made by the citizen on the portal. */
export const BOOKING_CHANNELS = ['online', 'phone', 'letter', 'email'] as const;
export const bookingChannel = z.enum(BOOKING_CHANNELS);
/** A booking staff enter for someone who called, wrote or e-mailed. */
export const staffBookingChannel = z.enum(['phone', 'letter', 'email']);
export const BOOKING_STATUSES = ['booked', 'cancelled', 'arrived', 'no_show'] as const;
export const bookingStatus = z.enum(BOOKING_STATUSES);
export type BookingStatusValue = z.infer<typeof bookingStatus>;

/** A mainland mobile number: the reminder goes to it. */
export const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号码');
/** 'HH:MM', Beijing time. */
export const clockTime = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间应为 时:分，如 09:30');
/** As printed (ABCD-EFGH) or typed (abcdefgh, with spaces). */
export const bookingCodeInput = z.string().trim().min(1).max(20);

export const bookingSlot = z.object({
  start: z.string(),
  end: z.string(),
  /** Places still free in this slot. */
  left: z.number().int(),
});
export const bookingDay = z.object({
  date: isoDate,
  kind: z.enum(['workday', 'makeUpWorkday']),
  slots: z.array(bookingSlot),
});
/** The days and slots one may book for an item. */
export const bookingSlots = z.object({
  itemCode: z.string(),
  itemName: z.string(),
  windowUnitName: z.string(),
  days: z.array(bookingDay),
  /** From this day on the official calendar is not entered yet: no bookings can be promised. */
  calendarMissingFrom: isoDate.nullable(),
  slotMinutes: z.number().int(),
});
export type BookingSlots = z.infer<typeof bookingSlots>;

// ── The portal (no account) ──

export const portalSlotsQuery = z.object({ item: z.string().trim().min(1).max(32) });

export const publicBookingBody = z.object({
  centerCode: z.string().trim().min(1).max(32),
  itemCode: z.string().trim().min(1).max(32),
  date: isoDate,
  start: clockTime,
  name: text(50),
  phone: mobile,
  smsCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '请填写短信中的 6 位数字'),
});
export type PublicBookingBody = z.input<typeof publicBookingBody>;

/** Find one's booking again: its code and the mobile it was made with. */
export const publicBookingKey = z.object({ code: bookingCodeInput, phone: mobile });
export const publicBookingMoveBody = publicBookingKey.extend({ date: isoDate, start: clockTime });

/** A booking as its maker sees it (name and mobile masked; the code is what proves it is theirs). */
export const publicBooking = z.object({
  code: z.string(),
  status: bookingStatus,
  centerCode: z.string(),
  centerName: z.string(),
  centerAddress: z.string(),
  centerPhone: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  windowUnitName: z.string(),
  windows: z.array(z.string()),
  date: isoDate,
  start: z.string(),
  end: z.string(),
  nameMasked: z.string(),
  phoneMasked: z.string(),
  /** The papers to bring (一次性告知). */
  materials: z.array(z.string()),
  /** Cancel or move is possible until the slot starts. */
  canChange: z.boolean(),
});
export type PublicBooking = z.infer<typeof publicBooking>;

// ── Staff ──

export const bookingQuery = centerScope.extend({
  date: isoDate.optional(),
  /** Slots in this month (办件统计, docs/statistics.md). */
  month: statsMonth.optional(),
  status: bookingStatus.optional(),
  /** Booking code, name or mobile (any part). */
  q: z.string().trim().max(50).optional(),
  ...page.shape,
});

export const bookingRow = z.object({
  id: z.number(),
  code: z.string(),
  itemId: z.number(),
  itemCode: z.string(),
  itemName: z.string(),
  windowUnitName: z.string(),
  date: isoDate,
  start: z.string(),
  end: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  applicantName: z.string(),
  phoneMasked: z.string(),
  channel: bookingChannel,
  status: bookingStatus,
  caseId: z.number().nullable(),
  receiptNo: z.string().nullable(),
  note: z.string(),
  createdAt: isoDateTime,
  createdByName: z.string(),
  closedAt: isoDateTime.nullable(),
  closedByName: z.string().nullable(),
  moves: z.number().int(),
  version: z.number(),
});
export type BookingRow = z.infer<typeof bookingRow>;
export const bookingList = z.object({ items: z.array(bookingRow), total: z.number() });

export const staffSlotsQuery = centerScope.extend({ itemId: id });

export const createBookingBody = z.object({
  itemId: id,
  date: isoDate,
  start: clockTime,
  name: text(50),
  phone: mobile,
  channel: staffBookingChannel,
  note: z.string().trim().max(500).default(''),
});
export type CreateBookingBody = z.input<typeof createBookingBody>;
export const moveBookingBody = z.object({ version, date: isoDate, start: clockTime });
export const closeBookingBody = z.object({ version });

export const appointmentPolicyFields = z.object({
  slotMinutes: z.union([z.literal(15), z.literal(20), z.literal(30), z.literal(60)]),
  daysAhead: z.number().int().min(1).max(30),
  noShowLimit: z.number().int().min(1).max(20),
  noShowWindowDays: z.number().int().min(1).max(365),
  suspendDays: z.number().int().min(0).max(365),
});
export const windowCapacity = z.object({
  windowId: z.number(),
  number: z.string(),
  name: z.string(),
  windowUnitName: z.string(),
  active: z.boolean(),
  bookingCapacity: z.number().int().min(0).max(50),
});
export const appointmentSettings = appointmentPolicyFields.extend({
  windows: z.array(windowCapacity),
  version: z.number(),
});
export type AppointmentSettings = z.infer<typeof appointmentSettings>;
export const updateAppointmentSettingsBody = appointmentPolicyFields.partial().extend({
  windows: z
    .array(z.object({ windowId: id, bookingCapacity: z.number().int().min(0).max(50) }))
    .max(200)
    .optional(),
  version,
});
