import { FOLLOW_UP_STATUSES, RATING_TEXT_MAX, SATISFACTION_LEVELS } from '@bianmin/domain';
import { z } from 'zod';
import { publicCaseQuery } from './cases.ts';
import { centerScope, id, isoDateTime, page, text, version } from './common.ts';

// ── 好差评 Ratings by applicants (DOMAIN.md §10, docs/ratings.md) ────────────────────────────────

export const satisfactionLevel = z.enum(SATISFACTION_LEVELS);
/** 网上（查询页）, 短信链接, 窗口（评价器或纸质评价卡，由工作人员录入）. */
export const RATING_CHANNELS = ['portal', 'sms_link', 'window'] as const;
export const ratingChannel = z.enum(RATING_CHANNELS);
export const followUpStatus = z.enum(FOLLOW_UP_STATUSES);

/** What an applicant (or a clerk copying a card) enters. The reasons are checked per level. */
export const ratingInput = z.object({
  level: satisfactionLevel,
  reasons: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  text: z.string().trim().max(RATING_TEXT_MAX).default(''),
});

/** The follow-up as the applicant sees it: how far it is, and the answer — never who did it. */
export const publicFollowUp = z.object({
  status: followUpStatus,
  contactDueAt: isoDateTime,
  fixDueAt: isoDateTime,
  contactedAt: isoDateTime.nullable(),
  rectification: z.string(),
  reply: z.string(),
  repliedAt: isoDateTime.nullable(),
});

/** A case's rating as its applicant reads it on the query page or behind the SMS link. */
export const publicRatingState = z.object({
  receiptNo: z.string(),
  centerName: z.string(),
  itemName: z.string(),
  closedAt: isoDateTime.nullable(),
  /** May be rated now. */
  rateable: z.boolean(),
  /** Why not, when not rated and not rateable: still open, or the rating window is over. */
  notRateable: z.enum(['not_closed', 'window_over']).nullable(),
  /** The last instant of the rating window (when closed). */
  until: isoDateTime.nullable(),
  rating: z
    .object({
      level: satisfactionLevel,
      reasons: z.array(z.string()),
      text: z.string(),
      ratedAt: isoDateTime,
      followUp: publicFollowUp.nullable(),
    })
    .nullable(),
});
export type PublicRatingState = z.infer<typeof publicRatingState>;

export const publicRatingQuery = publicCaseQuery;
export const publicRatingBody = publicCaseQuery.extend(ratingInput.shape);
export type PublicRatingBody = z.input<typeof publicRatingBody>;
/** The SMS link's token: 32 random bytes, base64url. */
export const ratingTokenParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, '评价链接不正确'),
});
export type RatingInputBody = z.input<typeof ratingInput>;

// ── Staff ───────────────────────────────────────────────────────────────────────────────────────

export const followUp = z.object({
  id: z.number(),
  status: followUpStatus,
  contactDueAt: isoDateTime,
  fixDueAt: isoDateTime,
  /** Relied on a year without a calendar (counted Monday to Friday). */
  dueProvisional: z.boolean(),
  assignedToStaffId: z.number().nullable(),
  assignedToName: z.string().nullable(),
  assignedByName: z.string().nullable(),
  assignedAt: isoDateTime.nullable(),
  contactedAt: isoDateTime.nullable(),
  contactNote: z.string(),
  contactedByName: z.string().nullable(),
  rectification: z.string(),
  reply: z.string(),
  repliedAt: isoDateTime.nullable(),
  repliedByName: z.string().nullable(),
  closedAt: isoDateTime.nullable(),
  closedByName: z.string().nullable(),
  contactOverdue: z.boolean(),
  fixOverdue: z.boolean(),
  version: z.number(),
});
export type FollowUp = z.infer<typeof followUp>;

export const ratingContest = z.object({
  id: z.number(),
  staffId: z.number(),
  staffName: z.string(),
  reason: z.string(),
  filedAt: isoDateTime,
  decision: z.enum(['upheld', 'rejected']).nullable(),
  decisionReason: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  version: z.number(),
});
export type RatingContest = z.infer<typeof ratingContest>;

export const satisfactionRating = z.object({
  id: z.number(),
  caseId: z.number(),
  receiptNo: z.string(),
  itemName: z.string(),
  /** The applicant, masked (张*). */
  applicantShown: z.string(),
  /** The mobile, masked (138****5678), when the case has one. */
  phoneMasked: z.string().nullable(),
  level: satisfactionLevel,
  reasons: z.array(z.string()),
  text: z.string(),
  channel: ratingChannel,
  enteredByName: z.string().nullable(),
  ratedAt: isoDateTime,
  caseClosedAt: isoDateTime,
  /** Whom it rates: the staff member who closed the case. */
  staffId: z.number().nullable(),
  staffName: z.string().nullable(),
  /** Excluded from every figure by an upheld contest (恶意评价). */
  excluded: z.boolean(),
  followUp: followUp.nullable(),
  contest: ratingContest.nullable(),
});
export type SatisfactionRating = z.infer<typeof satisfactionRating>;

export const satisfactionStatsView = z.object({
  total: z.number(),
  byLevel: z.record(satisfactionLevel, z.number()),
  satisfied: z.number(),
  bad: z.number(),
  excluded: z.number(),
  /** 满意率 in per cent (one decimal); null without ratings. */
  ratePercent: z.number().nullable(),
});
export type SatisfactionStatsView = z.infer<typeof satisfactionStatsView>;

export const ratingList = z.object({
  items: z.array(satisfactionRating),
  /** How many ratings the filter matched (the list shown, over all its pages). */
  total: z.number(),
  /**
   * The figures of all the ratings of the period — the month asked for, else all time — and of the
   * staff member when one is asked for, whatever else the list is narrowed to (差评, follow-ups,
   * contests): a 满意率 of the 差评 alone would say nothing. Upheld contests are not counted.
   */
  stats: satisfactionStatsView,
  /** The month the figures are of (YYYY-MM), null for all time. */
  statsMonth: z.string().nullable(),
});
export type RatingList = z.infer<typeof ratingList>;

const monthParam = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 年-月，如 2026-03')
  .optional();

export const ratingQuery = centerScope.extend({
  /** Rated in this month (YYYY-MM). */
  month: monthParam,
  level: satisfactionLevel.optional(),
  /** Only 差评 (不满意, 非常不满意). */
  bad: z.enum(['true', 'false']).optional(),
  /** Only 差评 whose follow-up is not closed; 'overdue': only those past a term. */
  followUp: z.enum(['open', 'overdue']).optional(),
  staffId: id.optional(),
  /** Only ratings with a contest awaiting the assessment group. */
  contest: z.enum(['pending']).optional(),
  ...page.shape,
});

/** A rating entered by staff from a paper card or the window's evaluator (评价器). */
export const enterRatingBody = ratingInput;
export const assignFollowUpBody = z.object({ version, staffId: id });
export const contactFollowUpBody = z.object({
  version,
  /** When the applicant was reached; now when absent. Never in the future. */
  contactedAt: isoDateTime.optional(),
  note: text(500),
});
export const replyFollowUpBody = z.object({
  version,
  /** What was put right (整改情况). */
  rectification: text(1000),
  /** The answer the applicant reads (and is told of by SMS). */
  reply: text(500),
});
export const closeFollowUpBody = z.object({ version });
export const contestRatingBody = z.object({ reason: text(500) });
export const decideContestBody = z.object({
  version,
  decision: z.enum(['upheld', 'rejected']),
  reason: text(500),
});

export const ratingSettings = z.object({
  /**
   * The follow-up terms of a 差评 given today: figures of the performance policy in force (制度管理,
   * issue 11), shown here, changed only by adopting a new version of the regulation.
   */
  contactWorkingDays: z.number().int().min(1).max(15),
  fixWorkingDays: z.number().int().min(1).max(15),
  windowDays: z.number().int().min(7).max(90),
  version: z.number(),
});
export type RatingSettingsView = z.infer<typeof ratingSettings>;
/** The center's own setting: how long a closed case may be rated. */
export const updateRatingSettingsBody = z.object({
  windowDays: z.number().int().min(7).max(90),
  version: z.number(),
});

/** What concerns the signed-in person: ratings of cases he or she closed, follow-ups given to him or her. */
export const myRatings = z.object({
  staffId: z.number().nullable(),
  aboutMe: z.array(satisfactionRating),
  assignedToMe: z.array(satisfactionRating),
});
export type MyRatings = z.infer<typeof myRatings>;
