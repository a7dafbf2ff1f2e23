import { VISIT_CATEGORIES } from '@bianmin/domain';
import { z } from 'zod';
import { mobile } from './appointments.ts';
import { centerScope, id, isoDate, isoDateTime, page, text, version } from './common.ts';
import { statsMonth } from './stats-filters.ts';

// ── 上门服务 Home visits (DOMAIN.md §3) ─────────────────────────────────────────────────────────

/** 老年人 / 残疾人 / 患病 / 企业 / 重点、招商引资企业（踏勘）: the domain's list. */
export const visitCategory = z.enum(VISIT_CATEGORIES);
export type VisitCategoryValue = z.infer<typeof visitCategory>;
export const VISIT_CHANNELS = ['online', 'phone', 'letter', 'email', 'walk_in'] as const;
export const visitChannel = z.enum(VISIT_CHANNELS);
/** A request staff enter for someone who called, wrote, e-mailed or came in. */
export const staffVisitChannel = z.enum(['phone', 'letter', 'email', 'walk_in']);
export const VISIT_STATUSES = ['requested', 'scheduled', 'visited', 'cancelled'] as const;
export const visitStatus = z.enum(VISIT_STATUSES);
export type VisitStatusValue = z.infer<typeof visitStatus>;
export const dayKindValue = z.enum(['workday', 'makeUpWorkday', 'weekend', 'holiday']);

const preferredDates = z.array(isoDate).min(1).max(3);

/** What a request says, whoever typed it. */
const visitRequestFields = z.object({
  category: visitCategory,
  name: text(50),
  phone: mobile,
  address: text(200),
  /** A catalog item by its code (portal) — optional: the person may not know its name. */
  itemText: z.string().trim().max(100).default(''),
  reason: text(500),
  preferredDates,
});

// ── The portal (no account) ──

/** The days one may name as preferred. */
export const visitDatesAnswer = z.object({
  dates: z.array(z.object({ date: isoDate, kind: z.enum(['workday', 'makeUpWorkday']) })),
  /** From this day on the official calendar is not entered yet. */
  calendarMissingFrom: isoDate.nullable(),
  maxPreferredDates: z.number().int(),
});
export type VisitDatesAnswer = z.infer<typeof visitDatesAnswer>;

export const publicVisitBody = visitRequestFields.extend({
  centerCode: z.string().trim().min(1).max(32),
  itemCode: z.string().trim().max(32).default(''),
  smsCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '请填写短信中的 6 位数字'),
});
export type PublicVisitBody = z.input<typeof publicVisitBody>;

export const visitReceipt = z.object({
  trackingCode: z.string(),
  centerName: z.string(),
  centerPhone: z.string(),
  requestedAt: isoDateTime,
  preferredDates: z.array(isoDate),
});
export type VisitReceipt = z.infer<typeof visitReceipt>;

/** Follow one's request: the tracking code and the mobile it was made with. */
export const visitTrackBody = z.object({ code: z.string().trim().min(1).max(30), phone: mobile });

/** A request as its maker sees it: staff by family name only, the mobile masked. */
export const visitTracking = z.object({
  trackingCode: z.string(),
  centerName: z.string(),
  centerPhone: z.string(),
  status: visitStatus,
  category: visitCategory,
  itemName: z.string(),
  addressMasked: z.string(),
  phoneMasked: z.string(),
  requestedAt: isoDateTime,
  preferredDates: z.array(isoDate),
  scheduledDate: isoDate.nullable(),
  scheduledKind: dayKindValue.nullable(),
  /** 王*、李*: who is coming. */
  staffMasked: z.array(z.string()),
  arrivedAt: isoDateTime.nullable(),
  outcome: z.string().nullable(),
  /** The receipt number of the case the visit opened, when there is one. */
  receiptNo: z.string().nullable(),
  cancelReason: z.string().nullable(),
});
export type VisitTracking = z.infer<typeof visitTracking>;

// ── Staff ──

export const visitQuery = centerScope.extend({
  status: visitStatus.optional(),
  /** Asked for in this month (办件统计, docs/statistics.md). */
  month: statsMonth.optional(),
  /** Tracking code, name, mobile or address (any part). */
  q: z.string().trim().max(50).optional(),
  ...page.shape,
});

export const visitStaff = z.object({ staffId: z.number(), name: z.string() });

export const visitRow = z.object({
  id: z.number(),
  trackingCode: z.string(),
  category: visitCategory,
  urgent: z.boolean(),
  requesterName: z.string(),
  phoneMasked: z.string(),
  address: z.string(),
  itemId: z.number().nullable(),
  itemName: z.string(),
  itemText: z.string(),
  reason: z.string(),
  preferredDates: z.array(isoDate),
  channel: visitChannel,
  status: visitStatus,
  scheduledDate: isoDate.nullable(),
  scheduledKind: dayKindValue.nullable(),
  staff: z.array(visitStaff),
  arrivedAt: isoDateTime.nullable(),
  visitors: z.array(visitStaff),
  outcome: z.string().nullable(),
  caseId: z.number().nullable(),
  receiptNo: z.string().nullable(),
  cancelReason: z.string().nullable(),
  requestedAt: isoDateTime,
  enteredByName: z.string(),
  reschedules: z.number().int(),
  version: z.number(),
});
export type VisitRow = z.infer<typeof visitRow>;
export const visitList = z.object({ items: z.array(visitRow), total: z.number() });

export const createVisitBody = visitRequestFields.extend({
  channel: staffVisitChannel,
  itemId: id.nullable().default(null),
});
export type CreateVisitBody = z.input<typeof createVisitBody>;

const staffIds = z.array(id).min(1).max(5);
export const scheduleVisitBody = z.object({ version, date: isoDate, staffIds });
export const recordVisitBody = z.object({
  version,
  arrivedAt: isoDateTime,
  visitorIds: staffIds,
  outcome: text(1000),
  /** The receipt number of a case of this center the visit opened or served. */
  receiptNo: z.string().trim().max(40).default(''),
});
export const cancelVisitBody = z.object({ version, reason: text(200) });

// ── 节假日召回 Holiday call-outs ──

export const CALLOUT_STATES = ['waiting', 'on_time', 'late', 'unanswered'] as const;
export const calloutState = z.enum(CALLOUT_STATES);

export const calloutRow = z.object({
  id: z.number(),
  date: isoDate,
  dayKind: dayKindValue,
  matter: z.string(),
  staffId: z.number(),
  staffName: z.string(),
  notifiedAt: isoDateTime,
  respondBy: isoDateTime,
  arrivedAt: isoDateTime.nullable(),
  state: calloutState,
  note: z.string(),
  recordedByName: z.string(),
  version: z.number(),
});
export type CalloutRow = z.infer<typeof calloutRow>;
export const calloutList = z.object({
  items: z.array(calloutRow),
  total: z.number(),
  responseMinutes: z.number().int(),
});
export type CalloutList = z.infer<typeof calloutList>;

export const calloutQuery = centerScope.extend({
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...page.shape,
});

export const createCalloutBody = z.object({
  date: isoDate,
  matter: text(200),
  /** Each person notified is a call-out of their own (each one's arrival counts). */
  staffIds: staffIds,
  notifiedAt: isoDateTime,
  arrivedAt: isoDateTime.nullable().default(null),
  note: z.string().trim().max(500).default(''),
});
export const calloutArrivalBody = z.object({
  version,
  arrivedAt: isoDateTime,
  note: z.string().trim().max(500).optional(),
});

export const calloutSettings = z.object({ responseMinutes: z.number().int(), version: z.number() });
export const updateCalloutSettingsBody = z.object({
  responseMinutes: z.number().int().min(10).max(480),
  version,
});
