import { z } from 'zod';
import { centerScope, isoDate, isoDateTime, page, text, version } from './common.ts';

// ── 办结公告 Completion announcements (DOMAIN.md §4) ─────────────────────────────────────────────

/**
 * 待公告 (due by the end of the first working day after completion), 已公告 (on the public board for
 * the publication period), 不予公告 (withheld, with the reason).
 */
export const ANNOUNCEMENT_STATUSES = ['pending', 'published', 'withheld'] as const;
export const announcementStatus = z.enum(ANNOUNCEMENT_STATUSES);

export const announcement = z.object({
  id: z.number(),
  caseId: z.number(),
  receiptNo: z.string(),
  itemName: z.string(),
  /** As the board shows it: a person masked (张*), an enterprise in full. */
  applicantShown: z.string(),
  completedAt: isoDateTime,
  /** The result in one line, as published. */
  resultLine: z.string(),
  status: announcementStatus,
  /** Published by then, or it is late (counted on the director's board). */
  dueAt: isoDateTime,
  publishedAt: isoDateTime.nullable(),
  publishedByName: z.string().nullable(),
  /** On the board until this instant (the center's publication period from publishing). */
  until: isoDateTime.nullable(),
  withheldReason: z.string().nullable(),
  withheldByName: z.string().nullable(),
  /** Published after its due time, or still pending past it. */
  late: z.boolean(),
  version: z.number(),
});
export type Announcement = z.infer<typeof announcement>;
export const announcementList = z.object({ items: z.array(announcement), total: z.number() });
export const announcementQuery = centerScope.extend({
  status: announcementStatus.optional(),
  ...page.shape,
});
export const publishAnnouncementBody = z.object({
  version,
  /** The result line as it will be published (staff may shorten or neutralise it). */
  resultLine: z.string().trim().min(1).max(100).optional(),
});
export const withholdAnnouncementBody = z.object({ version, reason: text(200) });

export const announcementSettings = z.object({
  /** Calendar days an announcement stays on the board (DOMAIN.md §4: 7). */
  publishDays: z.number().int().min(1).max(90),
  version: z.number(),
});
export type AnnouncementSettings = z.infer<typeof announcementSettings>;
export const updateAnnouncementSettingsBody = z.object({
  publishDays: z.number().int().min(1).max(90),
  version,
});

/** One line of the public board (政务公告栏) as anyone reads it on the portal. */
export const portalAnnouncement = z.object({
  receiptNo: z.string(),
  itemName: z.string(),
  applicantShown: z.string(),
  completedOn: isoDate,
  resultLine: z.string(),
  publishedOn: isoDate,
  until: isoDate,
});
export type PortalAnnouncement = z.infer<typeof portalAnnouncement>;
export const portalAnnouncements = z.object({
  centerName: z.string(),
  items: z.array(portalAnnouncement),
});
export type PortalAnnouncements = z.infer<typeof portalAnnouncements>;
