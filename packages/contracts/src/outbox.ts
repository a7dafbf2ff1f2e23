import { z } from 'zod';
import { id, isoDateTime, page } from './common.ts';

// ── 短信记录 (messages out) ─────────────────────────────────────────────────

export const outboxState = z.enum(['pending', 'sent', 'failed']);
export type OutboxState = z.infer<typeof outboxState>;

export const outboxQuery = page.extend({
  centerId: id.optional(),
  state: outboxState.optional(),
});

export const outboxMessage = z.object({
  id: z.number(),
  centerId: z.number().nullable(),
  createdAt: isoDateTime,
  /** 138****5678: the full number never leaves the server. */
  recipientMasked: z.string(),
  template: z.string(),
  /** The template's Chinese name (预约成功, 短信验证码 …). */
  templateName: z.string(),
  /** The text; a verification code masked unless nothing was sent out of the building (log). */
  text: z.string(),
  state: outboxState,
  attempts: z.number(),
  /** When a pending message is (re)tried next. */
  nextAttemptAt: isoDateTime.nullable(),
  lastError: z.string().nullable(),
  /** The gateway that handled it last: log, aliyun, tencent. */
  provider: z.string().nullable(),
  sentAt: isoDateTime.nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  /** A failed message staff may send again (never a verification code: it has expired). */
  retryable: z.boolean(),
});
export type OutboxMessage = z.infer<typeof outboxMessage>;

export const outboxPage = z.object({
  items: z.array(outboxMessage),
  total: z.number(),
  /** No SMS gateway configured: messages are only recorded here, nothing was sent. */
  providerIsLog: z.boolean(),
});
export type OutboxPage = z.infer<typeof outboxPage>;

// ── 短信验证码 ──────────────────────────────────────────────────────────────

/** What a code proves: a booking, a report, a rating, managing one's booking, a home visit. */
export const smsPurpose = z.enum(['booking', 'report', 'rating', 'manage', 'visit']);
export type SmsPurpose = z.infer<typeof smsPurpose>;

export const smsCodeBody = z.object({
  centerCode: z.string().trim().min(1).max(32),
  phone: z.string().trim().min(1).max(20),
  purpose: smsPurpose,
});

/** The same answer for any number (nobody learns whether a number is known). */
export const smsCodeAnswer = z.object({ resendAfterSeconds: z.number() });
