import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPolicies,
  checkPolicy,
  policyBasis,
  policyInForce,
  SOURCE_POLICY_2023,
  type PerformancePolicy,
} from './policy.ts';

const P = SOURCE_POLICY_2023;
const V2: PerformancePolicy = {
  ...P,
  id: 'v2',
  effectiveFrom: '2026-07-01',
  monthlyAmountFen: 40_000,
};
const V3: PerformancePolicy = {
  ...P,
  id: 'v3',
  effectiveFrom: '2027-01-01',
  monthlyAmountFen: 50_000,
};

describe('the source policy', () => {
  it('has the figures of the regulation', () => {
    expect(P).toEqual({
      id: 'source-2023',
      effectiveFrom: '2023-01-01',
      monthlyAmountFen: 30_000,
      deductionMonths: { county: 3, city: 9, province: 12 },
      provinceCapsRating: true,
      appealTermWorkingDays: 10,
      reportDecisionWorkingDays: 15,
      appealDecisionWorkingDays: 15,
      ratingContactWorkingDays: 1,
      ratingFixWorkingDays: 15,
    });
    expect(checkPolicy(P)).toEqual({ ok: true, value: P });
    expect(policyBasis(P)).toBe('依据 2023-01-01 起施行的绩效考核制度');
  });
});

describe('checkPolicy', () => {
  const bad = (p: Partial<PerformancePolicy> | Record<string, unknown>) =>
    checkPolicy({ ...P, ...p });

  it('refuses, naming the field', () => {
    expect(bad({ id: ' ' })).toMatchObject({ code: 'BAD_POLICY_ID', field: 'id' });
    expect(bad({ effectiveFrom: '2023-02-30' })).toMatchObject({
      code: 'BAD_DATE',
      field: 'effectiveFrom',
    });
    expect(bad({ monthlyAmountFen: 0 })).toMatchObject({
      code: 'BAD_AMOUNT',
      field: 'monthlyAmountFen',
    });
    expect(bad({ monthlyAmountFen: 300.5 })).toMatchObject({ code: 'BAD_AMOUNT' });
    expect(bad({ monthlyAmountFen: -30_000 })).toMatchObject({ code: 'BAD_AMOUNT' });
    expect(bad({ monthlyAmountFen: 100_000_001 })).toMatchObject({ code: 'BAD_AMOUNT' });
    expect(bad({ deductionMonths: { county: 0, city: 9, province: 12 } })).toMatchObject({
      code: 'BAD_MONTHS',
      field: 'deductionMonths.county',
    });
    expect(bad({ deductionMonths: { county: 3, city: 9.5, province: 12 } })).toMatchObject({
      code: 'BAD_MONTHS',
      field: 'deductionMonths.city',
    });
    expect(bad({ deductionMonths: { county: 3, city: 2, province: 12 } })).toMatchObject({
      code: 'DEDUCTION_MONTHS_NOT_ASCENDING',
      field: 'deductionMonths.city',
    });
    expect(bad({ deductionMonths: { county: 3, city: 9, province: 6 } })).toMatchObject({
      code: 'DEDUCTION_MONTHS_NOT_ASCENDING',
      field: 'deductionMonths.province',
    });
    expect(bad({ provinceCapsRating: 'yes' })).toMatchObject({
      code: 'BAD_FLAG',
      field: 'provinceCapsRating',
    });
    expect(bad({ appealTermWorkingDays: 0 })).toMatchObject({
      code: 'BAD_TERM',
      field: 'appealTermWorkingDays',
    });
    expect(bad({ appealTermWorkingDays: 1001 })).toMatchObject({ code: 'BAD_TERM' });
  });

  it('accepts equal months at two levels and the bounds', () => {
    expect(bad({ deductionMonths: { county: 3, city: 3, province: 3 } }).ok).toBe(true);
    expect(bad({ monthlyAmountFen: 1, appealTermWorkingDays: 1 }).ok).toBe(true);
  });
});

describe('the terms for deciding', () => {
  const bad = (p: Partial<PerformancePolicy>) => checkPolicy({ ...P, ...p });

  it('keeps reports and appeals within 1–60 working days', () => {
    for (const field of ['reportDecisionWorkingDays', 'appealDecisionWorkingDays'] as const) {
      expect(bad({ [field]: 0 })).toMatchObject({ code: 'BAD_TERM', field });
      expect(bad({ [field]: 61 })).toMatchObject({ code: 'BAD_TERM', field, details: { max: 60 } });
      expect(bad({ [field]: 2.5 })).toMatchObject({ code: 'BAD_TERM', field });
      expect(bad({ [field]: 1 }).ok).toBe(true);
      expect(bad({ [field]: 60 }).ok).toBe(true);
    }
  });

  // Moved from the ratings' settings (ratings/follow-up.test.ts): the same bounds, now of the policy.
  it('keeps the 差评 call-back and rectification within 1–15, rectification not shorter', () => {
    expect(bad({ ratingContactWorkingDays: 0 })).toMatchObject({
      code: 'BAD_TERM',
      field: 'ratingContactWorkingDays',
    });
    expect(bad({ ratingFixWorkingDays: 16 })).toMatchObject({
      code: 'BAD_TERM',
      field: 'ratingFixWorkingDays',
    });
    expect(bad({ ratingContactWorkingDays: 5, ratingFixWorkingDays: 3 })).toMatchObject({
      code: 'FIX_BEFORE_CONTACT',
      field: 'ratingFixWorkingDays',
      details: { contact: 5, fix: 3 },
    });
    expect(bad({ ratingContactWorkingDays: 5, ratingFixWorkingDays: 5 }).ok).toBe(true);
    expect(bad({ ratingContactWorkingDays: 15, ratingFixWorkingDays: 15 }).ok).toBe(true);
  });
});

describe('checkPolicies', () => {
  it('sorts by effective date and refuses empty lists, duplicate ids and duplicate dates', () => {
    expect(checkPolicies([V3, P, V2])).toEqual({ ok: true, value: [P, V2, V3] });
    expect(checkPolicies([])).toMatchObject({ code: 'NO_POLICY' });
    expect(checkPolicies([P, { ...V2, id: P.id }])).toMatchObject({
      code: 'DUPLICATE_POLICY_ID',
      field: 'policies.1.id',
    });
    expect(checkPolicies([P, { ...V2, effectiveFrom: P.effectiveFrom }])).toMatchObject({
      code: 'DUPLICATE_EFFECTIVE_FROM',
      field: 'policies.1.effectiveFrom',
    });
    expect(checkPolicies([P, { ...V2, monthlyAmountFen: 0 }])).toMatchObject({
      code: 'BAD_AMOUNT',
      field: 'policies.1.monthlyAmountFen',
    });
  });
});

describe('policyInForce', () => {
  const all = [V3, P, V2];
  it('is the version with the latest effective date on or before the date', () => {
    expect(policyInForce(all, '2022-12-31')).toEqual({
      ok: false,
      code: 'NO_POLICY_IN_FORCE',
      field: 'date',
      details: { date: '2022-12-31' },
    });
    expect(policyInForce(all, '2023-01-01')).toEqual({ ok: true, value: P });
    expect(policyInForce(all, '2026-06-30')).toEqual({ ok: true, value: P });
    expect(policyInForce(all, '2026-07-01')).toEqual({ ok: true, value: V2 });
    expect(policyInForce(all, '2026-12-31')).toEqual({ ok: true, value: V2 });
    expect(policyInForce(all, '2030-01-01')).toEqual({ ok: true, value: V3 });
  });

  it('does not depend on the order of the list, even with a tie (property)', () => {
    const tie = { ...V2, id: 'v2b' };
    fc.assert(
      fc.property(
        fc.shuffledSubarray([P, V2, V3, tie], { minLength: 4, maxLength: 4 }),
        fc.constantFrom('2022-06-01', '2023-01-01', '2026-06-30', '2026-07-01', '2027-01-01'),
        (list, date) => {
          expect(policyInForce(list, date)).toEqual(policyInForce([P, V2, V3, tie], date));
        },
      ),
      { numRuns: 200 },
    );
    expect(policyInForce([V2, tie], '2026-07-01')).toEqual({ ok: true, value: tie });
  });
});
