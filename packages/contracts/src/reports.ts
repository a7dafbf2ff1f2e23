import { z } from 'zod';
import { assessmentItem } from './assessment.ts';
import { id, isoDate, isoDateTime, page, text, version } from './common.ts';
import { statsMonth } from './stats-filters.ts';

// ── 群众举报 ────────────────────────────────────────────────────────────────

export const reportChannel = z.enum(['hotline', 'online', 'letter', 'visit']);
export const reportStatus = z.enum(['received', 'substantiated', 'unsubstantiated']);
/** 待核查 / 属实 / 不属实 / 已答复: the status, with 'replied' once the reporter was answered. */
export const reportStage = z.enum(['received', 'substantiated', 'unsubstantiated', 'replied']);
export const replyMethod = z.enum(['phone', 'sms', 'letter', 'visit', 'online']);

export const createReportBody = z.object({
  channel: reportChannel,
  reporterName: text(50),
  reporterContact: text(100),
  /** What happened, as the reporter told it. */
  details: text(2000),
  /** Whom the report is about, when known. */
  staffId: id.nullable().default(null),
  occurredOn: isoDate.nullable().default(null),
  item: assessmentItem.nullable().default(null),
});

export const decideReportBody = z.object({
  version,
  outcome: z.enum(['substantiated', 'unsubstantiated']),
  /** What the check established, or why the report is not substantiated. */
  reason: z.string().trim().max(1000),
  /** What the group established; each, when sent, replaces what was registered. */
  staffId: id.nullable().optional(),
  occurredOn: isoDate.nullable().optional(),
  item: assessmentItem.nullable().optional(),
  /** A serious case, to be referred for discipline procedures. */
  serious: z.boolean().default(false),
});

export const replyReportBody = z.object({
  /** When the reporter was told; now when left out. */
  repliedAt: isoDateTime.optional(),
  replyMethod,
  replyContent: text(2000),
});

export const reportReply = z.object({
  repliedAt: isoDateTime,
  replyMethod,
  replyContent: z.string(),
  recordedByName: z.string(),
  recordedAt: isoDateTime,
});

export const publicReport = z.object({
  id: z.number(),
  centerId: z.number(),
  receivedAt: isoDateTime,
  channel: reportChannel,
  /** The reporter, masked: the full values only through the audited reveal. */
  reporterNameMasked: z.string(),
  reporterContactMasked: z.string(),
  details: z.string(),
  staffId: z.number().nullable(),
  staffName: z.string().nullable(),
  occurredOn: isoDate.nullable(),
  item: z.number().nullable(),
  registeredByName: z.string(),
  status: reportStatus,
  stage: reportStage,
  decisionReason: z.string().nullable(),
  findingId: z.number().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  reply: reportReply.nullable(),
  /** Made on the portal without a name (no SMS reply; the tracking code is the way back). */
  anonymous: z.boolean(),
  /** Whom it is about, in the reporter's words (portal reports). */
  about: z.string(),
  /** The group decides by then (15 working days from registration); null on older reports. */
  decideDueAt: isoDateTime.nullable(),
  version: z.number(),
});
export type PublicReport = z.infer<typeof publicReport>;

export const reportQuery = page.extend({
  centerId: id.optional(),
  stage: reportStage.optional(),
  /** Received in this month (办件统计, docs/statistics.md). */
  month: statsMonth.optional(),
  /** Only those decided after their term, or undecided past it. */
  overdue: z.enum(['true']).optional(),
});
export const reportPage = z.object({ items: z.array(publicReport), total: z.number() });

export const reporterIdentity = z.object({ reporterName: z.string(), reporterContact: z.string() });

// ── 纪检移送 ────────────────────────────────────────────────────────────────

export const createReferralBody = z.object({
  findingId: id,
  referredTo: text(100),
  referredOn: isoDate,
  note: z.string().trim().max(1000).default(''),
});

export const referralOutcomeBody = z.object({
  version,
  outcome: text(1000),
  outcomeOn: isoDate,
});

export const referral = z.object({
  id: z.number(),
  centerId: z.number(),
  findingId: z.number(),
  staffId: z.number(),
  staffName: z.string(),
  findingDate: isoDate,
  findingLevel: z.string(),
  item: z.number(),
  description: z.string(),
  referredTo: z.string(),
  referredOn: isoDate,
  note: z.string(),
  referredByName: z.string(),
  outcome: z.string().nullable(),
  outcomeOn: isoDate.nullable(),
  outcomeByName: z.string().nullable(),
  version: z.number(),
});
export type Referral = z.infer<typeof referral>;

export const referralQuery = z.object({
  centerId: id.optional(),
  findingId: id.optional(),
  open: z.enum(['true', 'false']).optional(),
});

// ── 网上投诉举报 The portal's complaint form (no account, 24 hours) ─────────────────────────────

/** A tracking code as printed (ABCD-EFGH-JK) or typed (lower case, spaces). */
export const trackingCodeInput = z.string().trim().min(1).max(30);

export const onlineReportBody = z
  .object({
    centerCode: z.string().trim().min(1).max(32),
    /** Anonymous: no name, no mobile, no SMS; the tracking code is the only way back. */
    anonymous: z.boolean(),
    name: z.string().trim().max(50).default(''),
    /** A mainland mobile, confirmed by an SMS code: the result is sent to it. */
    phone: z.string().trim().max(20).default(''),
    smsCode: z.string().trim().max(10).default(''),
    /** What happened: who (a window, a name, a description), when, what. */
    details: text(2000),
    /** Whom it is about, in the reporter's words (a window number, a name). */
    about: z.string().trim().max(100).default(''),
    occurredOn: isoDate.nullable().default(null),
  })
  .superRefine((b, ctx) => {
    if (b.anonymous) return;
    if (b.name === '')
      ctx.addIssue({ code: 'custom', path: ['name'], message: '请填写姓名，或选择匿名' });
    if (!/^1[3-9]\d{9}$/.test(b.phone))
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: '请填写 11 位手机号码，或选择匿名',
      });
    if (!/^\d{6}$/.test(b.smsCode))
      ctx.addIssue({ code: 'custom', path: ['smsCode'], message: '请填写短信中的 6 位数字' });
  });
export type OnlineReportBody = z.input<typeof onlineReportBody>;

/** What the reporter gets back: the code to follow the report with. */
export const onlineReportReceipt = z.object({
  trackingCode: z.string(),
  centerName: z.string(),
  receivedAt: isoDateTime,
  /** The group decides by then (15 working days, DOMAIN.md §5); the reply follows within 2. */
  decideBy: isoDate.nullable(),
  /** An SMS will carry the result (named reports with a mobile). */
  smsReply: z.boolean(),
});
export type OnlineReportReceipt = z.infer<typeof onlineReportReceipt>;

/** A report as its reporter follows it by the tracking code: nothing about the reporter. */
export const reportTracking = z.object({
  trackingCode: z.string(),
  centerName: z.string(),
  centerPhone: z.string(),
  receivedAt: isoDateTime,
  /** 核查中 / 已办结 (decided) / 已答复 (the reply is here). */
  stage: z.enum(['received', 'decided', 'replied']),
  decideBy: isoDate.nullable(),
  /** Past its decision date, still not decided. */
  overdue: z.boolean(),
  /** The formal reply (查处结果), in full, once given. */
  reply: z.object({ repliedAt: isoDateTime, content: z.string() }).nullable(),
});
export type ReportTracking = z.infer<typeof reportTracking>;
export const reportTrackingBody = z.object({ trackingCode: trackingCodeInput });
