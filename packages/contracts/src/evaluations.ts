import { z } from 'zod';
import { satisfactionStatsView } from './ratings.ts';
import { findingLevel } from './assessment.ts';
import { id, isoDateTime, text } from './common.ts';

/** 年度综合考评 (DOMAIN.md §7): the year's summary per person, the proposal and the decision. */

export const evaluationRating = z.enum(['优秀', '称职', '基本称职', '不称职']);
export type RatingValue = z.infer<typeof evaluationRating>;

export const evaluationYearParams = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
});
export const evaluationStaffParams = evaluationYearParams.extend({ staffId: id });

export const attendanceCounts = z.object({
  workingDays: z.number(),
  present: z.number(),
  late: z.number(),
  leftEarly: z.number(),
  absent: z.number(),
  onLeave: z.number(),
  missingSignIn: z.number(),
  missingSignOut: z.number(),
});

export const evaluationFindingRef = z.object({
  id: z.number(),
  date: z.string(),
  level: findingLevel,
  circulated: z.boolean(),
  item: z.number(),
  description: z.string(),
});

export const evaluationSummary = z.object({
  /** null: no attendance data for the person (shown as 考勤数据暂缺). */
  attendance: attendanceCounts.nullable(),
  findings: z.object({
    total: z.number(),
    byLevel: z.record(z.string(), z.number()),
    /** Items 1–8, index 0 = item 1. */
    byItem: z.array(z.number()),
    circulated: z.number(),
    serious: z.number(),
  }),
  overdueCases: z.number(),
  complaints: z.number(),
  /**
   * Ratings by applicants (好差评) of the cases the person closed in the year, contests upheld as
   * malicious excluded; null when there are none. `ratingsNote` says it in a line (暂无评价数据).
   */
  ratings: satisfactionStatsView.nullable(),
  ratingsNote: z.string(),
});

export const evaluationRevision = z.object({
  id: z.number(),
  revision: z.number(),
  rating: evaluationRating,
  reason: z.string(),
  proposedRating: evaluationRating,
  appealId: z.number().nullable(),
  decidedByName: z.string(),
  decidedAt: isoDateTime,
});

/** An overdue-case candidate of the year the group has not confirmed or dismissed yet. */
export const openCandidateRef = z.object({
  id: z.number(),
  receiptNo: z.string(),
  itemName: z.string().nullable(),
  kind: z.enum(['open_overdue', 'completed_late']),
  deadlineAt: isoDateTime,
});

export const personEvaluation = z.object({
  staffId: z.number(),
  staffNo: z.string(),
  staffName: z.string(),
  windowName: z.string().nullable(),
  year: z.number(),
  inPostFrom: z.string(),
  inPostTo: z.string().nullable(),
  summary: evaluationSummary,
  proposal: z.object({ rating: evaluationRating, reasons: z.array(z.string()) }),
  /** The cap of the year (省级通报), with the findings causing it, or null. */
  cap: z
    .object({ maxRating: evaluationRating, findings: z.array(evaluationFindingRef) })
    .nullable(),
  /** The rating in force: the latest revision, or null while undecided. */
  decided: evaluationRevision.nullable(),
  revisions: z.array(evaluationRevision),
  /** Whether a rating appeal of this person is pending. */
  appealPending: z.boolean(),
  /**
   * Overdue-case candidates of the year still undecided: deciding the rating before them needs an
   * explicit confirmation (`confirmOpenCandidates`).
   */
  openCandidates: z.array(openCandidateRef),
});
export type PersonEvaluation = z.infer<typeof personEvaluation>;

export const evaluationSheet = z.object({
  year: z.number(),
  /** The rating may be decided from 1 December of the year on; before, why not. */
  decidable: z.boolean(),
  blockedReason: z.string().nullable(),
  people: z.array(personEvaluation),
});
export type EvaluationSheet = z.infer<typeof evaluationSheet>;

export const decideEvaluationBody = z.object({
  rating: evaluationRating,
  reason: text(2000),
  /**
   * The ids of the person's open candidates of the year that the decider has seen and decides the
   * rating before: each open one must be listed, or the decision is refused (OPEN_CANDIDATES).
   */
  confirmOpenCandidates: z.array(id).max(200).default([]),
});
