import { describe, expect, it } from 'vitest';
import {
  appealDeadline,
  applyOutcome,
  checkAppealFiled,
  checkDecider,
  checkDecisionReason,
} from './appeals.ts';
import { CAL_2026, finding, value } from './fixtures.fixture.ts';
import { SOURCE_POLICY_2023 } from './policy.ts';

const P = SOURCE_POLICY_2023;

describe('appeal deadline: 10 working days after the decision, to the end of the last day', () => {
  it('counts working days, the decision day not counted', () => {
    // Fri 03-06: Mon 9 … Fri 13 (5), Mon 16 … Fri 20 (10).
    expect(appealDeadline('2026-03-06', P, CAL_2026)).toEqual({
      ok: true,
      value: {
        decisionDate: '2026-03-06',
        lastDay: '2026-03-20',
        termWorkingDays: 10,
        policyId: 'source-2023',
        provisional: false,
        missingYears: [],
      },
    });
  });

  it('across the National Day holiday and its make-up Saturday', () => {
    // Tue 09-29: 09-30 (1), Oct 1–7 off, 10-08 (2), 10-09 (3), Sat 10-10 (4), 12–16 (5–9), 10-19 (10).
    expect(value(appealDeadline('2026-09-29', P, CAL_2026)).lastDay).toBe('2026-10-19');
  });

  it('follows the policy’s term', () => {
    expect(
      value(appealDeadline('2026-03-06', { ...P, appealTermWorkingDays: 1 }, CAL_2026)).lastDay,
    ).toBe('2026-03-09');
  });

  it('is provisional, as a case deadline is, when the term runs into a year the calendar lacks', () => {
    // Thu 12-24: 25 (1), 28–31 (2–5), then 2027 in plain weekdays: Fri 1 (6), 4–7 (7–10).
    expect(value(appealDeadline('2026-12-24', P, CAL_2026))).toMatchObject({
      lastDay: '2027-01-07',
      provisional: true,
      missingYears: [2027],
    });
    // An appeal filed in the new year within the provisional term is taken.
    const d = value(appealDeadline('2026-12-24', P, CAL_2026));
    expect(checkAppealFiled('2027-01-05', d)).toEqual({ ok: true, value: '2027-01-05' });
    expect(appealDeadline('2026-13-01', P, CAL_2026)).toMatchObject({
      code: 'BAD_DATE',
      field: 'decisionDate',
    });
  });

  it('an appeal on the last day is in time, the day after is not', () => {
    const d = value(appealDeadline('2026-03-06', P, CAL_2026));
    expect(checkAppealFiled('2026-03-06', d)).toEqual({ ok: true, value: '2026-03-06' });
    expect(checkAppealFiled('2026-03-20', d)).toEqual({ ok: true, value: '2026-03-20' });
    expect(checkAppealFiled('2026-03-21', d)).toEqual({
      ok: false,
      code: 'APPEAL_TERM_EXPIRED',
      field: 'filedOn',
      details: { lastDay: '2026-03-20', termWorkingDays: 10 },
    });
    expect(checkAppealFiled('2026-03-05', d)).toMatchObject({ code: 'FILED_BEFORE_DECISION' });
    expect(checkAppealFiled('20260310', d)).toMatchObject({ code: 'BAD_DATE' });
  });
});

describe('who decides', () => {
  it('not the person who recorded the finding', () => {
    expect(checkDecider(5, 5)).toEqual({
      ok: false,
      code: 'RECORDER_CANNOT_DECIDE',
      field: 'deciderStaffId',
      details: { staffId: 5 },
    });
    expect(checkDecider(6, 5)).toEqual({ ok: true, value: 6 });
  });
  it('with reasons', () => {
    expect(checkDecisionReason('  ')).toMatchObject({ code: 'REASON_REQUIRED' });
    expect(checkDecisionReason(' 经复核，当日系公务外出，有审批记录 ')).toEqual({
      ok: true,
      value: '经复核，当日系公务外出，有审批记录',
    });
    expect(checkDecisionReason('理'.repeat(2001))).toMatchObject({ code: 'REASON_TOO_LONG' });
  });
});

describe('outcomes', () => {
  const f = finding('F1', '2026-03-12', 'county');

  it('upheld leaves the finding as it is', () => {
    expect(applyOutcome(f, 'upheld')).toEqual({ ok: true, value: f });
  });
  it('revoked marks it revoked', () => {
    expect(applyOutcome(f, 'revoked')).toEqual({ ok: true, value: { ...f, revoked: true } });
  });
  it('changed sets the new level and/or circulation (county → town; circulated → not)', () => {
    expect(value(applyOutcome(f, 'changed', { level: 'town' }))).toEqual({ ...f, level: 'town' });
    expect(value(applyOutcome(f, 'changed', { circulated: false }))).toEqual({
      ...f,
      circulated: false,
    });
    expect(value(applyOutcome(f, 'changed', { level: 'city', circulated: true }))).toEqual({
      ...f,
      level: 'city',
    });
  });
  it('refuses what makes no sense', () => {
    expect(applyOutcome(f, 'changed')).toMatchObject({ code: 'CHANGE_REQUIRED', field: 'change' });
    expect(applyOutcome(f, 'changed', {})).toMatchObject({ code: 'CHANGE_REQUIRED' });
    expect(applyOutcome(f, 'changed', { level: 'county', circulated: true })).toMatchObject({
      code: 'NOTHING_CHANGED',
    });
    expect(applyOutcome(f, 'upheld', { level: 'town' })).toMatchObject({
      code: 'CHANGE_NOT_EXPECTED',
    });
    expect(applyOutcome(f, 'changed', { level: 'village' as 'town' })).toMatchObject({
      code: 'BAD_LEVEL',
    });
    expect(applyOutcome({ ...f, revoked: true }, 'revoked')).toMatchObject({
      code: 'ALREADY_REVOKED',
    });
    expect(applyOutcome(f, 'annulled' as 'revoked')).toMatchObject({ code: 'BAD_OUTCOME' });
  });
});
