/**
 * A smoother day at the window (issue 11): the deadline an acceptance would give, before it is
 * confirmed, and the lists exported to Excel with the filters they show.
 */
import { z } from 'zod';
import { findingQuery } from './assessment.ts';
import { acceptedKind, caseQuery } from './cases.ts';
import { id, isoDateTime } from './common.ts';

/**
 * What accepting would give now: for a case on the case page (`caseId`), or for a visitor at the
 * window not registered yet (`itemId`). The same rules as the acceptance itself, nothing stored.
 */
export const deadlinePreviewQuery = z.object({
  centerId: id.optional(),
  caseId: id.optional(),
  itemId: id.optional(),
  kind: acceptedKind,
  /** Empty: the catalog's term (urgent: the urgent term), as the acceptance takes it. */
  termDays: z.coerce.number().int().min(1).max(1000).optional(),
  urgent: z.enum(['true', 'false']).optional(),
});
export type DeadlinePreviewQuery = z.infer<typeof deadlinePreviewQuery>;

export const deadlinePreview = z.object({
  kind: acceptedKind,
  /** The term the case would get (null: an immediate case, 30 minutes). */
  termDays: z.number().nullable(),
  /** Working days; a petition counts calendar days; an immediate case minutes. */
  unit: z.enum(['working', 'calendar', 'minutes']),
  urgent: z.boolean(),
  /** When the term starts: now, or the day of receipt when the supplement period has passed. */
  clockStartAt: isoDateTime,
  /** Counted from receipt (行政许可法 第三十二条: no supplement notice in time). */
  deemedAccepted: z.boolean(),
  deadlineAt: isoDateTime,
  /** Counted partly on plain weekdays: the calendar lacks these years. */
  provisional: z.boolean(),
  missingYears: z.array(z.number()),
});
export type DeadlinePreview = z.infer<typeof deadlinePreview>;

/** The cases list's filters, all of them, without the page: what 导出 Excel writes. */
export const caseExportQuery = caseQuery.omit({ page: true, pageSize: true });
export type CaseExportQuery = z.infer<typeof caseExportQuery>;

/** The findings list's filters without the page. */
export const findingExportQuery = findingQuery.omit({ page: true, pageSize: true });
export type FindingExportQuery = z.infer<typeof findingExportQuery>;

/** The most rows one export writes; a list longer than that says so on the sheet. */
export const EXPORT_MAX_ROWS = 10000;
