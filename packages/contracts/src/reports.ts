import { z } from 'zod';
import { assessmentItem } from './assessment.ts';
import { id, isoDate, isoDateTime, page, text, version } from './common.ts';

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
  version: z.number(),
});
export type PublicReport = z.infer<typeof publicReport>;

export const reportQuery = page.extend({
  centerId: id.optional(),
  stage: reportStage.optional(),
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
