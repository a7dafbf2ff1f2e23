import { INBOX_KIND_KEYS, type InboxKind } from '@bianmin/domain';
import { z } from 'zod';
import { mobile } from './appointments.ts';
import { isoDateTime, page, version } from './common.ts';

// ── 待办与提醒 (the inbox, issue 11; docs/inbox.md) ───────────────────────────────────────────────

export const inboxKind = z.enum(INBOX_KIND_KEYS as [InboxKind, ...InboxKind[]]);

/** One's own items: all or unread only, of one kind or every kind, newest first. */
export const inboxQuery = page.extend({
  filter: z.enum(['all', 'unread']).default('all'),
  kind: inboxKind.optional(),
});

export const inboxItem = z.object({
  id: z.number(),
  centerId: z.number().nullable(),
  kind: inboxKind,
  title: z.string(),
  body: z.string(),
  /** The console page of the thing: '/staff/cases/123'. */
  link: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }),
  createdAt: isoDateTime,
  readAt: isoDateTime.nullable(),
});
export type InboxItem = z.infer<typeof inboxItem>;

export const inboxPage = z.object({
  items: z.array(inboxItem),
  /** The number of items the filter matches. */
  total: z.number(),
  /** The number of one's unread items (whatever the filter). */
  unread: z.number(),
});
export type InboxPage = z.infer<typeof inboxPage>;

export const inboxCount = z.object({ unread: z.number() });
export type InboxCount = z.infer<typeof inboxCount>;

export const inboxReadAll = z.object({
  /** How many items this marked read. */
  marked: z.number(),
});

/** Which items also come by text message, to which mobile; and the morning digest. */
export const inboxPrefs = z.object({
  smsMobile: z.string().nullable(),
  smsKinds: z.array(inboxKind),
  /** The director's 每日督办摘要 in the inbox (SMS too when `digest` is among smsKinds). */
  digest: z.boolean(),
  version,
});
export type InboxPrefs = z.infer<typeof inboxPrefs>;

export const updateInboxPrefsBody = z.object({
  version,
  smsMobile: mobile.nullable(),
  smsKinds: z.array(inboxKind).max(INBOX_KIND_KEYS.length),
  digest: z.boolean(),
});
export type UpdateInboxPrefs = z.infer<typeof updateInboxPrefsBody>;
