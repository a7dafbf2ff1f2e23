import { describe, expect, it } from 'vitest';
import { INBOX_KIND_KEYS, INBOX_KINDS, isInboxKind, type InboxKind } from './kinds.ts';
import { ASSESSMENT_GROUP, kindsFor, recipientsOf, type InboxRecipients } from './routing.ts';

// The holder (or the person an event is about) is staff 11, the supervising leader 22, the
// assignee 33.
const FACTS = { staffId: 11, supervisorStaffId: 22, assigneeStaffId: 33 };
const GROUP = [...ASSESSMENT_GROUP];

/** Who gets each kind when every fact is known: every kind listed, so a new one must be added. */
const EXPECTED: Record<InboxKind, InboxRecipients> = {
  case_yellow: { staffIds: [11] },
  case_red: { staffIds: [11] },
  case_handover: { staffIds: [11] },
  case_urged: { staffIds: [11] },
  extension_decided: { staffIds: [11] },
  staff_case_red: { staffIds: [22], roles: ['director'] },
  extension_requested: { roles: ['director'] },
  booking_assigned: { staffIds: [33] },
  visit_assigned: { staffIds: [33] },
  leave_requested: { staffIds: [22] },
  leave_decided: { staffIds: [11] },
  finding_recorded: { staffIds: [11] },
  violation_candidate: { roles: GROUP },
  settlement_approved: { staffIds: [11] },
  appeal_filed: { roles: GROUP },
  appeal_decided: { staffIds: [11] },
  report_waiting: { roles: [...GROUP, 'director'] },
  rating_bad: { roles: ['director'] },
  rating_follow_up_assigned: { staffIds: [33] },
  rating_contested: { roles: GROUP },
  announcement_late: { roles: ['director'] },
  term_due_soon: { staffIds: [33], roles: ['director'] },
  term_overdue: { staffIds: [33], roles: ['director'] },
  digest: { roles: ['director'] },
};

describe('inbox kinds', () => {
  it('each has a short Chinese label, and the keys are the kinds', () => {
    expect([...INBOX_KIND_KEYS].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const k of INBOX_KIND_KEYS) {
      expect(INBOX_KINDS[k]).toMatch(/^[\u4e00-\u9fa5]{2,10}$/);
      expect(isInboxKind(k)).toBe(true);
    }
    expect(isInboxKind('toString')).toBe(false);
    expect(isInboxKind('case_green')).toBe(false);
  });
});

describe('who gets which item (recipientsOf)', () => {
  it.each(INBOX_KIND_KEYS)('%s', (kind) => {
    expect(recipientsOf(kind, FACTS)).toEqual(EXPECTED[kind]);
  });

  it('asks the director for leave when the person has no supervising leader', () => {
    expect(recipientsOf('leave_requested', { staffId: 11, supervisorStaffId: null })).toEqual({
      roles: ['director'],
    });
  });

  it('tells the director alone of a red case whose holder has no supervising leader', () => {
    expect(recipientsOf('staff_case_red', { staffId: 11 })).toEqual({
      staffIds: [null],
      roles: ['director'],
    });
  });

  it('gives assigned work to the holder when no one else is named', () => {
    for (const kind of ['booking_assigned', 'visit_assigned', 'rating_follow_up_assigned'] as const)
      expect(recipientsOf(kind, { staffId: 11 })).toEqual({ staffIds: [11] });
  });

  it('sends a term running out to the assessment group when nobody is assigned', () => {
    for (const kind of ['term_due_soon', 'term_overdue'] as const)
      expect(recipientsOf(kind, { staffId: 11 })).toEqual({ roles: GROUP });
  });

  it('sends the term of an unassigned 差评 follow-up to the director, who assigns it', () => {
    for (const kind of ['term_due_soon', 'term_overdue'] as const) {
      expect(recipientsOf(kind, { directorDecides: true })).toEqual({ roles: ['director'] });
      expect(recipientsOf(kind, { assigneeStaffId: 33, directorDecides: true })).toEqual({
        staffIds: [33],
        roles: ['director'],
      });
    }
  });

  it('names nobody for a person-bound kind without the person (a case without holder)', () => {
    for (const kind of ['case_yellow', 'case_red', 'case_urged'] as const)
      expect(recipientsOf(kind, {})).toEqual({ staffIds: [null] });
  });
});

describe('the kinds a person can receive (kindsFor)', () => {
  it('offers a clerk her own kinds, not the director’s or the group’s', () => {
    const clerk = kindsFor({ roles: ['window_staff'], hasStaff: true }, INBOX_KIND_KEYS);
    expect(clerk).toContain('case_red');
    expect(clerk).toContain('leave_decided');
    expect(clerk).not.toContain('extension_requested');
    expect(clerk).not.toContain('staff_case_red');
    expect(clerk).not.toContain('digest');
    expect(clerk).not.toContain('appeal_filed');
  });
  it('offers the director the digest and what waits for him, and a leader his staff’s red cases', () => {
    const director = kindsFor({ roles: ['director'], hasStaff: true }, INBOX_KIND_KEYS);
    for (const k of ['digest', 'extension_requested', 'staff_case_red', 'leave_requested'] as const)
      expect(director).toContain(k);
    const leader = kindsFor({ roles: ['supervising_leader'], hasStaff: true }, INBOX_KIND_KEYS);
    expect(leader).toContain('staff_case_red');
    expect(leader).toContain('leave_requested');
    expect(leader).not.toContain('digest');
    const group = kindsFor({ roles: ['assessment_member'], hasStaff: true }, INBOX_KIND_KEYS);
    expect(group).toContain('violation_candidate');
    expect(group).toContain('report_waiting');
  });
  it('offers an account without a staff record only what comes by its roles', () => {
    expect(kindsFor({ roles: ['center_admin'], hasStaff: false }, INBOX_KIND_KEYS)).toEqual([]);
  });
});
