import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, CAL as cal, TT as tt } from '../appointments/fixtures.fixture.ts';
import {
  checkFollowUpStep,
  checkRatingSettings,
  DEFAULT_FOLLOW_UP_TERMS as D,
  DEFAULT_RATING_SETTINGS,
  followUpOverdue,
  followUpStatus,
  followUpTerms,
  type FollowUpFacts,
} from './follow-up.ts';

describe('the terms of a 差评 follow-up', () => {
  it('are the next working day and the 15th, at closing time', () => {
    // Monday 2 March 2026 at 10:00 (winter hours, closing 17:30).
    const t = followUpTerms(cal, tt, at('2026-03-02', '10:00'), D);
    expect(t.ok && t.value.contactDue.at).toBe(at('2026-03-03', '17:30'));
    expect(t.ok && t.value.fixDue.date).toBe('2026-03-23');
  });

  it('skip a holiday: a rating on 30 September is called back on 8 October', () => {
    const t = followUpTerms(cal, tt, at('2026-09-30', '16:00'), D);
    expect(t.ok && t.value.contactDue.date).toBe('2026-10-08');
    // 8, 9, 10 (make-up Saturday), 12–16, 19–23, 26, 27 → the 15th working day is 27 October.
    expect(t.ok && t.value.fixDue.date).toBe('2026-10-27');
  });

  it('count a rating given at night on a holiday from the next working day', () => {
    const t = followUpTerms(cal, tt, at('2026-10-03', '21:00'), D);
    expect(t.ok && t.value.contactDue.date).toBe('2026-10-08');
  });

  it('follow the policy’s terms (local practice: 5 working days)', () => {
    const t = followUpTerms(cal, tt, at('2026-03-02', '10:00'), {
      contactWorkingDays: 2,
      fixWorkingDays: 5,
    });
    expect(t.ok && t.value.contactDue.date).toBe('2026-03-04');
    expect(t.ok && t.value.fixDue.date).toBe('2026-03-09');
  });

  it('never put the rectification before the call-back', () => {
    const day = fc.integer({ min: 0, max: 330 });
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 0, max: 14 }),
        (d, c, extra) => {
          const ratedAt = at('2026-01-05', '09:00') + d * 86_400_000;
          const s = { contactWorkingDays: c, fixWorkingDays: Math.min(15, c + extra) };
          const t = followUpTerms(cal, tt, ratedAt, s);
          if (!t.ok) return;
          expect(t.value.contactDue.at).toBeGreaterThan(ratedAt);
          expect(t.value.fixDue.at).toBeGreaterThanOrEqual(t.value.contactDue.at);
        },
      ),
    );
  });
});

describe('the settings', () => {
  // The two terms are figures of the performance policy now: their bounds are checked there
  // (assessment/policy.test.ts, 'the terms for deciding').
  it('keep the window within 7–90 days', () => {
    const S = DEFAULT_RATING_SETTINGS;
    expect(D).toEqual({ contactWorkingDays: 1, fixWorkingDays: 15 });
    expect(checkRatingSettings(S).ok).toBe(true);
    expect(checkRatingSettings({ ...S, windowDays: 6 })).toMatchObject({ field: 'windowDays' });
    expect(checkRatingSettings({ ...S, windowDays: 91 })).toMatchObject({ field: 'windowDays' });
  });
});

const open: FollowUpFacts = {
  contactDueAt: at('2026-03-03', '17:30'),
  fixDueAt: at('2026-03-23', '17:30'),
  assignedTo: null,
  contactedAt: null,
  repliedAt: null,
  closedAt: null,
};
const ratedAt = at('2026-03-02', '10:00');

describe('the steps of a follow-up', () => {
  it('go 待指派 → 已指派 → 已回访 → 已答复 → 已办结', () => {
    const nowMs = at('2026-03-03', '09:00');
    expect(followUpStatus(open)).toBe('open');
    expect(checkFollowUpStep(open, 'contact', { nowMs, ratedAt })).toMatchObject({
      code: 'FOLLOW_UP_NOT_ASSIGNED',
    });
    const assigned = { ...open, assignedTo: 4 };
    expect(followUpStatus(assigned)).toBe('assigned');
    expect(checkFollowUpStep(assigned, 'reply', { nowMs, ratedAt })).toMatchObject({
      code: 'FOLLOW_UP_NOT_CONTACTED',
    });
    expect(checkFollowUpStep(assigned, 'contact', { nowMs, ratedAt }).ok).toBe(true);
    const contacted = { ...assigned, contactedAt: nowMs };
    expect(followUpStatus(contacted)).toBe('contacted');
    expect(checkFollowUpStep(contacted, 'close', { nowMs, ratedAt })).toMatchObject({
      code: 'FOLLOW_UP_NOT_REPLIED',
    });
    const replied = { ...contacted, repliedAt: nowMs };
    expect(followUpStatus(replied)).toBe('replied');
    expect(checkFollowUpStep(replied, 'reply', { nowMs, ratedAt })).toMatchObject({
      code: 'FOLLOW_UP_ALREADY_REPLIED',
    });
    expect(checkFollowUpStep(replied, 'assign', { nowMs, ratedAt })).toMatchObject({
      code: 'FOLLOW_UP_ALREADY_REPLIED',
    });
    expect(checkFollowUpStep(replied, 'close', { nowMs, ratedAt }).ok).toBe(true);
    const closed = { ...replied, closedAt: nowMs };
    expect(followUpStatus(closed)).toBe('closed');
    for (const step of ['assign', 'contact', 'reply', 'close'] as const)
      expect(checkFollowUpStep(closed, step, { nowMs, ratedAt })).toMatchObject({
        code: 'FOLLOW_UP_CLOSED',
      });
  });

  it('refuse a call-back time in the future or before the rating', () => {
    const a = { ...open, assignedTo: 4 };
    const nowMs = at('2026-03-03', '09:00');
    expect(
      checkFollowUpStep(a, 'contact', { nowMs, ratedAt, contactedAt: nowMs + 60_000 }),
    ).toMatchObject({ code: 'FOLLOW_UP_TIME_IN_FUTURE', field: 'contactedAt' });
    expect(
      checkFollowUpStep(a, 'contact', { nowMs, ratedAt, contactedAt: ratedAt - 1 }),
    ).toMatchObject({ code: 'FOLLOW_UP_TIME_BEFORE_RATING' });
    expect(checkFollowUpStep(a, 'contact', { nowMs, ratedAt, contactedAt: ratedAt }).ok).toBe(true);
  });
});

describe('overdue follow-ups', () => {
  it('are late until the step is done, and stay late when done after the term', () => {
    const before = open.contactDueAt - 1;
    const after = open.contactDueAt + 1;
    expect(followUpOverdue(open, before)).toEqual({ contact: false, fix: false });
    expect(followUpOverdue(open, after)).toEqual({ contact: true, fix: false });
    expect(followUpOverdue({ ...open, contactedAt: before }, after).contact).toBe(false);
    expect(followUpOverdue({ ...open, contactedAt: after }, after + 1).contact).toBe(true);
    expect(followUpOverdue(open, open.fixDueAt + 1).fix).toBe(true);
    expect(followUpOverdue({ ...open, repliedAt: open.fixDueAt }, open.fixDueAt + 1).fix).toBe(
      false,
    );
  });

  it('never turn late again once done in time, whatever the hour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 10 }), (later) => {
        const done = { ...open, contactedAt: open.contactDueAt, repliedAt: open.fixDueAt };
        expect(followUpOverdue(done, open.fixDueAt + later)).toEqual({
          contact: false,
          fix: false,
        });
      }),
    );
  });
});
