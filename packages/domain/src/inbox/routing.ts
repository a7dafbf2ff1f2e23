/**
 * Who gets an inbox item for each event (issue 11, DOMAIN.md §10 "the responsible person and the
 * leader are notified"). Pure: the facts of the event in, the recipients out — staff members by id
 * (their accounts receive it) and center roles (every active account of the center holding one).
 */
import type { Role } from '../auth/roles.ts';
import type { InboxKind } from './kinds.ts';

export interface InboxRecipients {
  readonly staffIds?: readonly (number | null)[];
  readonly roles?: readonly Role[];
  readonly userIds?: readonly number[];
}

/** The people an event is about, as far as the recipients depend on them. */
export interface EventFacts {
  /** The staff member holding the case (承办人), or the person a finding, leave, appeal is about. */
  readonly staffId?: number | null;
  /** That person's supervising leader (分管领导), from the staff record. */
  readonly supervisorStaffId?: number | null;
  /** A staff member given the work (a follow-up, a home visit). */
  readonly assigneeStaffId?: number | null;
  /**
   * A term the director sees to (a 差评 follow-up, which he assigns), rather than the assessment
   * group (reports, appeals): with nobody assigned, its term items go to the director.
   */
  readonly directorDecides?: boolean;
}

export const ASSESSMENT_GROUP: readonly Role[] = [
  'assessment_leader',
  'assessment_deputy',
  'assessment_member',
];

/**
 * The recipients of `kind`. A case's own warnings go to its holder; a red case also to the holder's
 * supervising leader and the director (`staff_case_red`, a separate item for them). Leave is
 * approved by the supervising leader (the director when the person has none).
 */
export function recipientsOf(kind: InboxKind, facts: EventFacts): InboxRecipients {
  const staff = { staffIds: [facts.staffId ?? null] };
  switch (kind) {
    case 'case_yellow':
    case 'case_red':
    case 'case_handover':
    case 'case_urged':
    case 'extension_decided':
    case 'finding_recorded':
    case 'leave_decided':
    case 'appeal_decided':
    case 'settlement_approved':
      return staff;
    case 'booking_assigned':
    case 'visit_assigned':
    case 'rating_follow_up_assigned':
      return { staffIds: [facts.assigneeStaffId ?? facts.staffId ?? null] };
    case 'staff_case_red':
      return { staffIds: [facts.supervisorStaffId ?? null], roles: ['director'] };
    case 'leave_requested':
      return facts.supervisorStaffId
        ? { staffIds: [facts.supervisorStaffId] }
        : { roles: ['director'] };
    case 'extension_requested':
    case 'rating_bad':
    case 'announcement_late':
    case 'digest':
      return { roles: ['director'] };
    case 'violation_candidate':
    case 'appeal_filed':
    case 'rating_contested':
      return { roles: ASSESSMENT_GROUP };
    case 'report_waiting':
      return { roles: [...ASSESSMENT_GROUP, 'director'] };
    case 'term_due_soon':
    case 'term_overdue':
      // Whoever must decide: the assignee when there is one, else the assessment group.
      return facts.assigneeStaffId
        ? { staffIds: [facts.assigneeStaffId], roles: ['director'] }
        : { roles: facts.directorDecides ? ['director'] : ASSESSMENT_GROUP };
  }
}

/**
 * The kinds that can reach a person: those sent to a staff member (when the account is one) and
 * those sent to a role the account holds. A supervising leader or director also gets what goes to
 * a person's leader. For the settings page: a clerk is not offered the director's kinds.
 */
export function kindsFor(
  who: { readonly roles: readonly Role[]; readonly hasStaff: boolean },
  kinds: readonly InboxKind[],
): InboxKind[] {
  const me = who.hasStaff ? 1 : null;
  const leads = who.roles.includes('supervising_leader') || who.roles.includes('director');
  return kinds.filter((kind) => {
    const r = recipientsOf(kind, {
      staffId: me,
      assigneeStaffId: me,
      supervisorStaffId: leads ? me : null,
    });
    return (
      (me !== null && (r.staffIds ?? []).includes(me)) ||
      (r.roles ?? []).some((role) => who.roles.includes(role))
    );
  });
}
