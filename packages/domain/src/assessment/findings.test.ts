import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkFinding,
  debtsOf,
  deductionRuleOf,
  describeFinding,
  FINDING_LEVELS,
  itemName,
  ratingCapOf,
  type Finding,
  type MonthAmount,
} from './findings.ts';
import { finding, value } from './fixtures.fixture.ts';
import { SOURCE_POLICY_2023, type PerformancePolicy } from './policy.ts';

const P = [SOURCE_POLICY_2023];
const FULL = (): MonthAmount => ({ amountFen: 30_000, policyId: 'source-2023' });

describe('the deduction rule of each row of the table', () => {
  it('town, joint check and public report forfeit the month, circulated or not', () => {
    for (const level of ['town', 'joint_check', 'public_report'] as const)
      for (const circulated of [true, false])
        expect(deductionRuleOf({ level, circulated })).toEqual({ kind: 'forfeit_month' });
  });
  it('county, city and province deduct N months when circulated, and forfeit the month when not (fixed here)', () => {
    for (const level of ['county', 'city', 'province'] as const) {
      expect(deductionRuleOf({ level, circulated: true })).toEqual({ kind: 'months', level });
      expect(deductionRuleOf({ level, circulated: false })).toEqual({ kind: 'forfeit_month' });
    }
  });
});

describe('checkFinding', () => {
  const f = finding('F1', '2026-03-05', 'town');
  it('accepts a well-formed finding and refuses, naming the field', () => {
    expect(checkFinding(f)).toEqual({ ok: true, value: f });
    expect(checkFinding({ ...f, id: '' })).toMatchObject({ code: 'BAD_FINDING_ID', field: 'id' });
    expect(checkFinding({ ...f, personId: 1.5 })).toMatchObject({
      code: 'BAD_PERSON',
      field: 'personId',
    });
    expect(checkFinding({ ...f, date: '2026-02-29' })).toMatchObject({
      code: 'BAD_DATE',
      field: 'date',
    });
    expect(checkFinding({ ...f, level: 'village' as 'town' })).toMatchObject({
      code: 'BAD_LEVEL',
      field: 'level',
    });
    expect(checkFinding({ ...f, item: 0 as 1 })).toMatchObject({ code: 'BAD_ITEM', field: 'item' });
    expect(checkFinding({ ...f, item: 9 as 1 })).toMatchObject({ code: 'BAD_ITEM' });
    expect(checkFinding({ ...f, circulated: 1 as unknown as boolean })).toMatchObject({
      code: 'BAD_FLAG',
      field: 'circulated',
    });
    expect(checkFinding({ ...f, revoked: null as unknown as boolean })).toMatchObject({
      code: 'BAD_FLAG',
      field: 'revoked',
    });
  });
  it('names the items and describes a finding', () => {
    expect(itemName(1)).toBe('考核内容第一项');
    expect(itemName(8)).toBe('考核内容第八项');
    expect(describeFinding(finding('F3', '2026-03-12', 'county'))).toBe(
      '2026-03-12 县级巡查通报（考核内容第三项，编号 F3）',
    );
    expect(
      describeFinding(finding('F4', '2026-03-12', 'city', { circulated: false, item: 7 })),
    ).toBe('2026-03-12 市级巡查（未通报）（考核内容第七项，编号 F4）');
    expect(describeFinding(finding('F5', '2026-03-12', 'town', { circulated: true }))).toBe(
      '2026-03-12 镇级巡查（考核内容第三项，编号 F5）',
    );
  });
});

describe('debtsOf', () => {
  it('N × the standard amount for each circulated finding: 900 / 2700 / 3600', () => {
    const debts = value(
      debtsOf(
        [
          finding('C', '2026-03-01', 'county'),
          finding('M', '2026-03-02', 'city'),
          finding('P', '2026-03-03', 'province'),
        ],
        P,
        FULL,
      ),
    );
    expect(debts.map((d) => [d.key, d.amountFen])).toEqual([
      ['finding:C', 90_000],
      ['finding:M', 270_000],
      ['finding:P', 360_000],
    ]);
  });

  it('one forfeit per month, whatever the number of forfeiting findings, at the pool month’s amount', () => {
    const debts = value(
      debtsOf(
        [
          finding('A', '2026-03-20', 'town'),
          finding('B', '2026-03-02', 'public_report'),
          finding('C', '2026-03-10', 'county', { circulated: false }),
          finding('D', '2026-04-01', 'joint_check'),
        ],
        P,
        (m) => (m === '2026-03' ? { amountFen: 16_364, policyId: 'source-2023' } : FULL()),
      ),
    );
    expect(debts.map((d) => [d.key, d.amountFen, d.findingIds])).toEqual([
      ['month:2026-03', 16_364, ['B', 'C', 'A']],
      ['month:2026-04', 30_000, ['D']],
    ]);
  });

  it('a forfeit of a month outside the pool is 0, and says so', () => {
    const [d] = value(debtsOf([finding('A', '2026-03-20', 'town')], P, () => undefined));
    expect(d).toMatchObject({ amountFen: 0, policyId: null });
    expect(d?.text).toContain('该月不在考核金额范围内');
  });

  it('revoked findings count for nothing', () => {
    expect(
      value(debtsOf([finding('A', '2026-03-20', 'province', { revoked: true })], P, FULL)),
    ).toEqual([]);
  });

  it('the policy on the finding’s date gives the figures; before every policy there is none', () => {
    const v2: PerformancePolicy = {
      ...SOURCE_POLICY_2023,
      id: 'v2',
      effectiveFrom: '2026-07-01',
      monthlyAmountFen: 40_000,
      deductionMonths: { county: 2, city: 6, province: 10 },
    };
    const debts = value(
      debtsOf(
        [finding('A', '2026-06-30', 'province'), finding('B', '2026-07-01', 'province')],
        [v2, ...P],
        FULL,
      ),
    );
    expect(debts.map((d) => [d.amountFen, d.policyId])).toEqual([
      [360_000, 'source-2023'],
      [400_000, 'v2'],
    ]);
    expect(debtsOf([finding('A', '2022-12-31', 'town')], P, FULL)).toMatchObject({
      code: 'NO_POLICY_IN_FORCE',
      details: { findingId: 'A', date: '2022-12-31' },
    });
  });

  it('oldest first, a forfeited month before a deduction of its first day, whatever the input order (property)', () => {
    const arbFinding = fc
      .record({
        id: fc.integer({ min: 0, max: 30 }),
        day: fc.integer({ min: 1, max: 28 }),
        month: fc.integer({ min: 1, max: 6 }),
        level: fc.constantFrom(...FINDING_LEVELS),
        circulated: fc.boolean(),
        revoked: fc.boolean(),
      })
      .map((r): Finding => ({
        id: `F${r.id}`,
        personId: 1,
        date: `2026-0${r.month}-${String(r.day).padStart(2, '0')}`,
        level: r.level,
        circulated: r.circulated,
        item: 1,
        revoked: r.revoked,
      }));
    fc.assert(
      fc.property(fc.uniqueArray(arbFinding, { selector: (f) => f.id, maxLength: 12 }), (list) => {
        const a = value(debtsOf(list, P, FULL));
        const b = value(debtsOf([...list].reverse(), P, FULL));
        expect(b).toEqual(a);
        for (let i = 1; i < a.length; i++) expect(a[i - 1]!.date <= a[i]!.date).toBe(true);
        const active = list.filter((f) => !f.revoked);
        const months = new Set(
          active
            .filter((f) => deductionRuleOf(f).kind === 'forfeit_month')
            .map((f) => f.date.slice(0, 7)),
        );
        expect(a.filter((d) => d.kind === 'forfeit_month')).toHaveLength(months.size);
        expect(a.filter((d) => d.kind === 'deduction')).toHaveLength(
          active.length - a.flatMap((d) => (d.kind === 'forfeit_month' ? d.findingIds : [])).length,
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('ratingCapOf', () => {
  it('a circulated province finding of the year caps the rating at 基本称职, naming the findings', () => {
    const list = [
      finding('P2', '2026-11-01', 'province'),
      finding('P1', '2026-02-01', 'province'),
      finding('C', '2026-02-01', 'county'),
    ];
    expect(ratingCapOf(list, 2026)).toEqual({ maxRating: '基本称职', findingIds: ['P1', 'P2'] });
    expect(ratingCapOf(list, 2025)).toBeNull();
  });
  it('not when the province finding was not circulated, or revoked, or its version does not cap', () => {
    expect(
      ratingCapOf([finding('P', '2026-02-01', 'province', { circulated: false })], 2026),
    ).toBeNull();
    expect(
      ratingCapOf([finding('P', '2026-02-01', 'province', { revoked: true })], 2026),
    ).toBeNull();
    const noCap = [{ ...SOURCE_POLICY_2023, provinceCapsRating: false }];
    expect(ratingCapOf([finding('P', '2026-02-01', 'province')], 2026, noCap)).toBeNull();
    expect(ratingCapOf([finding('P', '2026-02-01', 'province')], 2026, P)).not.toBeNull();
  });
});
