/**
 * What the assessment group may enter as a finding, and when it may void one (docs/money.md,
 * "Entering and voiding findings"; decision 0014).
 *
 * - A finding is dated the day of the violation. That day may not lie after today (Asia/Shanghai),
 *   must fall in the person's time in post at a window, and must fall under a version of the
 *   performance regulation: a finding outside these could never be settled, and would only stop
 *   the half-year's approval later. Such a date is refused when the finding is entered.
 * - A finding entered by mistake may be voided (作废) with written reasons while no approved
 *   settlement has taken it into account and the person's rating of its year is not decided; after
 *   that, only an appeal changes it (the money is then corrected forward, decision 0008). It is
 *   voided by another member of the group: never by the one who recorded it (so no one can make a
 *   finding disappear alone), never by the person it is about.
 * - Whoever decides about a person's conduct (a violation candidate, a void) must not be that
 *   person.
 */
import type { InPost, IsoDate } from '../org/staff.ts';
import { ok, refuse, type Result } from '../shared/result.ts';
import type { HalfYear } from './periods.ts';
import { sortPolicies, type PerformancePolicy } from './policy.ts';

export type FindingDateRefusalCode =
  'DATE_IN_FUTURE' | 'FINDING_NOT_IN_POST' | 'NO_POLICY_IN_FORCE';

/**
 * Whether a finding about a person may carry this date. Refusals (field 'date'):
 * 'DATE_IN_FUTURE' after `today`; 'FINDING_NOT_IN_POST' outside the time in post (details: date,
 * inPostFrom, inPostTo); 'NO_POLICY_IN_FORCE' before the first version of the regulation took
 * effect (details: date, firstEffectiveFrom, null when there is no version at all).
 */
export function checkFindingDate(input: {
  readonly date: IsoDate;
  readonly today: IsoDate;
  readonly inPost: InPost;
  readonly policies: readonly PerformancePolicy[];
}): Result<IsoDate, FindingDateRefusalCode> {
  const { date, today, inPost } = input;
  if (date > today) return refuse('DATE_IN_FUTURE', 'date', { date, today });
  if (date < inPost.inPostFrom || (inPost.inPostTo !== null && date > inPost.inPostTo))
    return refuse('FINDING_NOT_IN_POST', 'date', {
      date,
      inPostFrom: inPost.inPostFrom,
      inPostTo: inPost.inPostTo,
    });
  const first = sortPolicies(input.policies)[0];
  if (first === undefined || date < first.effectiveFrom)
    return refuse('NO_POLICY_IN_FORCE', 'date', {
      date,
      firstEffectiveFrom: first?.effectiveFrom ?? null,
    });
  return ok(date);
}

/** Someone deciding about a person's conduct must not be that person ('DECISION_ABOUT_SELF'). */
export function checkNotAboutSelf(
  subjectStaffId: number | null,
  deciderStaffId: number | null,
): Result<true, 'DECISION_ABOUT_SELF'> {
  if (subjectStaffId !== null && subjectStaffId === deciderStaffId)
    return refuse('DECISION_ABOUT_SELF', undefined, { staffId: subjectStaffId });
  return ok(true);
}

export interface VoidFacts {
  readonly finding: {
    readonly id: string;
    readonly staffId: number;
    readonly revoked: boolean;
    readonly voided: boolean;
    readonly recordedByUserId: number | null;
    readonly recordedByStaffId: number | null;
  };
  /** Who voids it. */
  readonly by: { readonly userId: number; readonly staffId: number | null };
  /** An appeal against the finding (itself or through a settlement line) is pending. */
  readonly appealPending: boolean;
  /** The person's approved settlements: their debts name every finding they took into account. */
  readonly frozen: readonly {
    readonly halfYear: HalfYear;
    readonly debts: readonly { readonly findingIds: readonly string[] }[];
  }[];
  /** The person's rating of the year of the finding has been decided. */
  readonly rated: boolean;
}

export type VoidRefusalCode =
  | 'ALREADY_VOIDED'
  | 'ALREADY_REVOKED'
  | 'RECORDER_CANNOT_VOID'
  | 'DECISION_ABOUT_SELF'
  | 'APPEAL_PENDING'
  | 'FINDING_SETTLED'
  | 'FINDING_RATED';

/**
 * Whether a finding may be voided now, by this member. Refusals, in this order: already voided or
 * revoked; the member recorded it ('RECORDER_CANNOT_VOID') or it is about the member
 * ('DECISION_ABOUT_SELF'); an appeal is pending (the group decides the appeal instead); an approved
 * settlement took it into account ('FINDING_SETTLED', details.halfYear) or the rating of its year is
 * decided ('FINDING_RATED') — from then on only an appeal changes it.
 */
export function checkVoidFinding(facts: VoidFacts): Result<true, VoidRefusalCode> {
  const { finding: f, by } = facts;
  if (f.voided) return refuse('ALREADY_VOIDED');
  if (f.revoked) return refuse('ALREADY_REVOKED');
  if (
    f.recordedByUserId === by.userId ||
    (f.recordedByStaffId !== null && f.recordedByStaffId === by.staffId)
  )
    return refuse('RECORDER_CANNOT_VOID');
  const self = checkNotAboutSelf(f.staffId, by.staffId);
  if (!self.ok) return self;
  if (facts.appealPending) return refuse('APPEAL_PENDING');
  const settled = facts.frozen.find((s) => s.debts.some((d) => d.findingIds.includes(f.id)));
  if (settled) return refuse('FINDING_SETTLED', undefined, { halfYear: settled.halfYear });
  if (facts.rated) return refuse('FINDING_RATED');
  return ok(true);
}
