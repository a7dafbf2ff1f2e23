/**
 * The follow-up of a 差评 (DOMAIN.md §10): the center calls the applicant back, fixes what was wrong
 * on the spot or within a term, and replies. Both terms run in working days from the day of the
 * rating (that day not counted) and end at the center's closing time, as every term does
 * (民法典 第二百零一、二百零三条): contact within 1 working day and rectification within 15 — the
 * national rule for named bad ratings. Both are figures of the performance policy (1 to 15 working
 * days, the rectification never shorter than the contact; `ratingContactWorkingDays`,
 * `ratingFixWorkingDays` in assessment/policy.ts): the version in force on the day of the rating
 * applies. How long a closed case may be rated stays a center setting (`windowDays`).
 *
 * Steps: opened with the rating (待指派) → the director assigns it to a staff member (已指派) → the
 * assignee records the call-back (已回访) → the rectification and the reply to the applicant
 * (已答复, the applicant gets an SMS and sees it on the query page) → the director closes it (已办结).
 */
import type { Timetable } from '../calendar/business-hours.ts';
import { deadline, type Deadline } from '../calendar/term.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { DEFAULT_DECIDING_TERMS, MAX_RATING_FOLLOW_UP_WORKING_DAYS } from '../assessment/policy.ts';
import { ok, refuse, type Result } from '../shared/result.ts';
import {
  DEFAULT_RATING_WINDOW_DAYS,
  RATING_WINDOW_MAX_DAYS,
  RATING_WINDOW_MIN_DAYS,
} from './satisfaction.ts';

/** The center's own rating setting. */
export interface RatingSettings {
  /** A closed case may be rated for this many calendar days (7–90; 30). */
  readonly windowDays: number;
}

/** The two follow-up terms, in working days, from the policy in force on the day of the rating. */
export interface FollowUpTermDays {
  /** Call the applicant back within this many working days (1–15; 1). */
  readonly contactWorkingDays: number;
  /** Rectify and reply within this many working days (1–15, at least the contact term; 15). */
  readonly fixWorkingDays: number;
}

export const DEFAULT_RATING_SETTINGS: RatingSettings = { windowDays: DEFAULT_RATING_WINDOW_DAYS };
export const DEFAULT_FOLLOW_UP_TERMS: FollowUpTermDays = {
  contactWorkingDays: DEFAULT_DECIDING_TERMS.ratingContactWorkingDays,
  fixWorkingDays: DEFAULT_DECIDING_TERMS.ratingFixWorkingDays,
};
export const FOLLOW_UP_MIN_DAYS = 1;
export const FOLLOW_UP_MAX_DAYS = MAX_RATING_FOLLOW_UP_WORKING_DAYS;

/** Settings within their bounds, or the first field that is not. */
export function checkRatingSettings(
  s: RatingSettings,
): Result<RatingSettings, 'RATING_SETTINGS_RANGE'> {
  const inRange = (n: number, min: number, max: number) =>
    Number.isInteger(n) && n >= min && n <= max;
  if (!inRange(s.windowDays, RATING_WINDOW_MIN_DAYS, RATING_WINDOW_MAX_DAYS))
    return refuse('RATING_SETTINGS_RANGE', 'windowDays', {
      min: RATING_WINDOW_MIN_DAYS,
      max: RATING_WINDOW_MAX_DAYS,
    });
  return ok(s);
}

export interface FollowUpTerms {
  readonly contactDue: Deadline;
  readonly fixDue: Deadline;
}

/** The two due instants of a 差评 given at `ratedAt`. */
export function followUpTerms(
  cal: WorkingCalendar,
  tt: Timetable,
  ratedAt: number,
  s: FollowUpTermDays,
): Result<FollowUpTerms, 'BAD_INSTANT' | 'BAD_TERM' | 'DATE_OUT_OF_RANGE'> {
  const contactDue = deadline(cal, tt, ratedAt, s.contactWorkingDays);
  if (!contactDue.ok) return contactDue;
  const fixDue = deadline(cal, tt, ratedAt, s.fixWorkingDays);
  if (!fixDue.ok) return fixDue;
  return ok({ contactDue: contactDue.value, fixDue: fixDue.value });
}

export const FOLLOW_UP_STATUSES = ['open', 'assigned', 'contacted', 'replied', 'closed'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const FOLLOW_UP_STATUS_LABELS: Readonly<Record<FollowUpStatus, string>> = {
  open: '待指派',
  assigned: '已指派',
  contacted: '已回访',
  replied: '已答复',
  closed: '已办结',
};

/** A follow-up as the rules see it. */
export interface FollowUpFacts {
  readonly contactDueAt: number;
  readonly fixDueAt: number;
  readonly assignedTo: number | null;
  readonly contactedAt: number | null;
  readonly repliedAt: number | null;
  readonly closedAt: number | null;
}

export function followUpStatus(f: FollowUpFacts): FollowUpStatus {
  if (f.closedAt !== null) return 'closed';
  if (f.repliedAt !== null) return 'replied';
  if (f.contactedAt !== null) return 'contacted';
  return f.assignedTo === null ? 'open' : 'assigned';
}

/**
 * Which terms are missed: the call-back not made by its due time (or made after it), the reply not
 * given by the rectification due time (or given after it). A step done late stays late.
 */
export function followUpOverdue(
  f: FollowUpFacts,
  nowMs: number,
): { contact: boolean; fix: boolean } {
  const late = (doneAt: number | null, dueAt: number) =>
    doneAt === null ? nowMs > dueAt : doneAt > dueAt;
  return { contact: late(f.contactedAt, f.contactDueAt), fix: late(f.repliedAt, f.fixDueAt) };
}

export type FollowUpStep = 'assign' | 'contact' | 'reply' | 'close';
export type FollowUpRefusal =
  | 'FOLLOW_UP_CLOSED'
  | 'FOLLOW_UP_NOT_ASSIGNED'
  | 'FOLLOW_UP_NOT_CONTACTED'
  | 'FOLLOW_UP_NOT_REPLIED'
  | 'FOLLOW_UP_ALREADY_REPLIED'
  | 'FOLLOW_UP_TIME_IN_FUTURE'
  | 'FOLLOW_UP_TIME_BEFORE_RATING';

/**
 * Whether a step may be taken now. Assigning (again) is possible until the reply; the call-back
 * needs an assignee, and its time is neither in the future nor before the rating; the reply needs
 * the call-back; closing needs the reply. Nothing changes once closed.
 */
export function checkFollowUpStep(
  f: FollowUpFacts,
  step: FollowUpStep,
  c: { nowMs: number; ratedAt: number; contactedAt?: number },
): Result<true, FollowUpRefusal> {
  if (f.closedAt !== null) return refuse('FOLLOW_UP_CLOSED');
  switch (step) {
    case 'assign':
      return f.repliedAt === null ? ok(true) : refuse('FOLLOW_UP_ALREADY_REPLIED');
    case 'contact': {
      if (f.assignedTo === null) return refuse('FOLLOW_UP_NOT_ASSIGNED');
      if (f.repliedAt !== null) return refuse('FOLLOW_UP_ALREADY_REPLIED');
      const at = c.contactedAt ?? c.nowMs;
      if (at > c.nowMs) return refuse('FOLLOW_UP_TIME_IN_FUTURE', 'contactedAt');
      if (at < c.ratedAt) return refuse('FOLLOW_UP_TIME_BEFORE_RATING', 'contactedAt');
      return ok(true);
    }
    case 'reply':
      if (f.contactedAt === null) return refuse('FOLLOW_UP_NOT_CONTACTED');
      return f.repliedAt === null ? ok(true) : refuse('FOLLOW_UP_ALREADY_REPLIED');
    case 'close':
      return f.repliedAt === null ? refuse('FOLLOW_UP_NOT_REPLIED') : ok(true);
  }
}
