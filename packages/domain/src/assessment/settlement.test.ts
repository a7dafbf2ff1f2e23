/**
 * Worked examples of the settlement, one per rule (docs/money.md names them). People are in post
 * from 2026-01-01 unless said otherwise, so a whole half-year's pool is 6 × 300 = 1800 yuan.
 */
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../calendar/working-calendar.ts';
import { applyOutcome } from './appeals.ts';
import { ratingCapOf } from './findings.ts';
import {
  CAL_2026,
  finding,
  H,
  linesTotal,
  person,
  POLICIES,
  settleInOrder,
  settleOne,
  value,
  type Ctx,
} from './fixtures.fixture.ts';
import { SOURCE_POLICY_2023 } from './policy.ts';
import { lineEffectFen, settle, type Settlement } from './settlement.ts';

const JAN_2026: Ctx = { person: person('2026-01-01') };

/** The totals of a settlement in yuan-readable fen, for compact expectations. */
const totals = (s: Settlement) => ({
  pool: s.poolFen,
  owed: s.owedFen,
  carriedIn: s.carriedInFen,
  applied: s.appliedFen,
  adjustment: s.adjustmentFen,
  carriedOut: s.carriedOutFen,
  writtenOff: s.writtenOffFen,
  payable: s.payableFen,
});

const T = (t: Partial<ReturnType<typeof totals>>) => ({
  pool: 180_000,
  owed: 0,
  carriedIn: 0,
  applied: 0,
  adjustment: 0,
  carriedOut: 0,
  writtenOff: 0,
  payable: 180_000,
  ...t,
});

const linesOf = (s: Settlement, kind: Settlement['lines'][number]['kind']) =>
  s.lines.filter((l) => l.kind === kind);

describe('the deduction table, row by row (2026年上半年, pool 1800 yuan)', () => {
  it('town inspection (镇级巡查): forfeits the month — 300 yuan', () => {
    const s = settleOne(JAN_2026, [finding('F1', '2026-03-05', 'town')], H(2026, 1), []);
    expect(totals(s)).toEqual(T({ owed: 30_000, applied: 30_000, payable: 150_000 }));
    expect(linesOf(s, 'forfeit_month')).toEqual([
      {
        kind: 'forfeit_month',
        amountFen: 30_000,
        findingId: 'F1',
        findingIds: ['F1'],
        month: '2026-03',
        policyId: 'source-2023',
        debtKey: 'month:2026-03',
        text: '2026年3月 2026-03-05 镇级巡查（考核内容第三项，编号 F1），没收当月考核金额 300.00 元（依据 2023-01-01 起施行的绩效考核制度）',
      },
    ]);
  });

  it('joint check (协查): forfeits the month — 300 yuan', () => {
    const s = settleOne(JAN_2026, [finding('F1', '2026-04-14', 'joint_check')], H(2026, 1), []);
    expect(totals(s)).toEqual(T({ owed: 30_000, applied: 30_000, payable: 150_000 }));
    expect(linesOf(s, 'forfeit_month')[0]?.month).toBe('2026-04');
  });

  it('substantiated public report (群众举报): forfeits the month — 300 yuan', () => {
    const s = settleOne(JAN_2026, [finding('F1', '2026-06-02', 'public_report')], H(2026, 1), []);
    expect(totals(s)).toEqual(T({ owed: 30_000, applied: 30_000, payable: 150_000 }));
    expect(linesOf(s, 'forfeit_month')[0]?.text).toContain('群众举报（经查实）');
  });

  it('county inspection, circulated (县级通报): 3 months — 900 yuan', () => {
    const s = settleOne(JAN_2026, [finding('F1', '2026-03-12', 'county')], H(2026, 1), []);
    expect(totals(s)).toEqual(T({ owed: 90_000, applied: 90_000, payable: 90_000 }));
    expect(linesOf(s, 'deduction')).toEqual([
      {
        kind: 'deduction',
        amountFen: 90_000,
        findingId: 'F1',
        findingIds: ['F1'],
        month: '2026-03',
        policyId: 'source-2023',
        debtKey: 'finding:F1',
        text:
          '2026-03-12 县级巡查通报（考核内容第三项，编号 F1），按 3 个月标准扣除 900.00 元' +
          '（300.00 元 × 3，依据 2023-01-01 起施行的绩效考核制度）',
      },
    ]);
  });

  it('city inspection, circulated (市级通报): 9 months — 2700 yuan, 1800 now, 900 carried into 2026年下半年', () => {
    const [h1, h2] = settleInOrder(JAN_2026, [H(2026, 1), H(2026, 2)], () => [
      finding('F1', '2026-05-20', 'city'),
    ]);
    expect(totals(h1!)).toEqual(
      T({ owed: 270_000, applied: 180_000, carriedOut: 90_000, payable: 0 }),
    );
    expect(linesOf(h1!, 'carry_out')[0]?.text).toBe(
      '2026-05-20 市级巡查通报（考核内容第三项，编号 F1）的扣款尚余 900.00 元，本期考核金额不足扣除，' +
        '结转下期（2026年下半年）继续扣除',
    );
    expect(totals(h2!)).toEqual(T({ carriedIn: 90_000, applied: 90_000, payable: 90_000 }));
    expect(linesOf(h2!, 'carry_in')[0]?.text).toBe(
      '上期（2026年上半年）结转：2026-05-20 市级巡查通报（考核内容第三项，编号 F1）的扣款尚未扣完的 900.00 元',
    );
  });

  it('province inspection, circulated (省级通报): 12 months — 3600 yuan over two half-years, and the 2026 rating is capped', () => {
    const findings = [finding('F1', '2026-03-10', 'province')];
    const [h1, h2] = settleInOrder(JAN_2026, [H(2026, 1), H(2026, 2)], () => findings);
    expect(totals(h1!)).toEqual(
      T({ owed: 360_000, applied: 180_000, carriedOut: 180_000, payable: 0 }),
    );
    expect(totals(h2!)).toEqual(T({ carriedIn: 180_000, applied: 180_000, payable: 0 }));
    expect(ratingCapOf(findings, 2026)).toEqual({ maxRating: '基本称职', findingIds: ['F1'] });
    expect(ratingCapOf(findings, 2027)).toBeNull();
  });

  it('a county finding NOT circulated forfeits its month like a town finding (fixed here)', () => {
    const s = settleOne(
      JAN_2026,
      [finding('F1', '2026-03-12', 'county', { circulated: false })],
      H(2026, 1),
      [],
    );
    expect(totals(s)).toEqual(T({ owed: 30_000, applied: 30_000, payable: 150_000 }));
    expect(linesOf(s, 'deduction')).toEqual([]);
    expect(linesOf(s, 'forfeit_month')[0]?.text).toBe(
      '2026年3月 2026-03-12 县级巡查（未通报）（考核内容第三项，编号 F1）（县、市、省级巡查未通报的，' +
        '按镇级处理），没收当月考核金额 300.00 元（依据 2023-01-01 起施行的绩效考核制度）',
    );
  });

  it('a revoked finding counts for nothing', () => {
    const s = settleOne(
      JAN_2026,
      [finding('F1', '2026-03-12', 'province', { revoked: true })],
      H(2026, 1),
      [],
    );
    expect(totals(s)).toEqual(T({}));
  });
});

describe('combinations', () => {
  it('several forfeiting findings in one month forfeit it once — 300 yuan, all named', () => {
    const s = settleOne(
      JAN_2026,
      [
        finding('F3', '2026-03-20', 'public_report', { item: 5 }),
        finding('F1', '2026-03-05', 'town'),
        finding('F2', '2026-03-10', 'joint_check', { item: 1 }),
      ],
      H(2026, 1),
      [],
    );
    expect(totals(s)).toEqual(T({ owed: 30_000, applied: 30_000, payable: 150_000 }));
    const [line] = linesOf(s, 'forfeit_month');
    expect(line?.findingIds).toEqual(['F1', 'F2', 'F3']);
    expect(line?.text).toBe(
      '2026年3月 2026-03-05 镇级巡查（考核内容第三项，编号 F1）；2026-03-10 镇级协查（考核内容第一项，编号 F2）；' +
        '2026-03-20 群众举报（经查实）（考核内容第五项，编号 F3），同月共 3 项，只没收一次，没收当月考核金额 300.00 元（依据 2023-01-01 起施行的绩效考核制度）',
    );
  });

  it('forfeiting findings in two months forfeit both months — 600 yuan', () => {
    const s = settleOne(
      JAN_2026,
      [finding('F1', '2026-03-05', 'town'), finding('F2', '2026-04-05', 'town')],
      H(2026, 1),
      [],
    );
    expect(totals(s)).toEqual(T({ owed: 60_000, applied: 60_000, payable: 120_000 }));
  });

  it('a town finding and a county finding in the same month: both — 300 + 900 = 1200 yuan', () => {
    const s = settleOne(
      JAN_2026,
      [finding('F1', '2026-03-05', 'town'), finding('F2', '2026-03-12', 'county')],
      H(2026, 1),
      [],
    );
    expect(totals(s)).toEqual(T({ owed: 120_000, applied: 120_000, payable: 60_000 }));
    expect(s.lines.map((l) => [l.kind, l.amountFen]).slice(6)).toEqual([
      ['forfeit_month', 30_000],
      ['deduction', 90_000],
    ]);
  });

  it('two county findings deduct 900 each (N-month deductions add up)', () => {
    const s = settleOne(
      JAN_2026,
      [finding('F1', '2026-03-12', 'county'), finding('F2', '2026-03-13', 'county')],
      H(2026, 1),
      [],
    );
    expect(totals(s)).toEqual(T({ owed: 180_000, applied: 180_000, payable: 0 }));
  });

  it('a finding on a half-year boundary: 06-30 belongs to 上半年, 07-01 to 下半年', () => {
    const findings = [finding('F1', '2026-06-30', 'county'), finding('F2', '2026-07-01', 'county')];
    const [h1, h2] = settleInOrder(JAN_2026, [H(2026, 1), H(2026, 2)], () => findings);
    expect(linesOf(h1!, 'deduction').map((l) => l.findingId)).toEqual(['F1']);
    expect(linesOf(h2!, 'deduction').map((l) => l.findingId)).toEqual(['F2']);
    expect(totals(h1!)).toEqual(T({ owed: 90_000, applied: 90_000, payable: 90_000 }));
    expect(totals(h2!)).toEqual(T({ owed: 90_000, applied: 90_000, payable: 90_000 }));
  });

  it('carry-over across two half-years: province 3600 + city 2700 against 1800 pools, oldest first', () => {
    const findings = [finding('F2', '2026-05-20', 'city'), finding('F1', '2026-03-10', 'province')];
    const all = settleInOrder(
      JAN_2026,
      [H(2026, 1), H(2026, 2), H(2027, 1), H(2027, 2)],
      () => findings,
    );
    expect(all.map(totals)).toEqual([
      T({ owed: 630_000, applied: 180_000, carriedOut: 450_000, payable: 0 }),
      T({ carriedIn: 450_000, applied: 180_000, carriedOut: 270_000, payable: 0 }),
      T({ carriedIn: 270_000, applied: 180_000, carriedOut: 90_000, payable: 0 }),
      T({ carriedIn: 90_000, applied: 90_000, payable: 90_000 }),
    ]);
    // Province first (the older finding): 1800 in 上半年, 1800 in 下半年; then the city finding.
    expect(all.map((s) => s.debts.map((r) => [r.key, r.appliedFen]))).toEqual([
      [
        ['finding:F1', 180_000],
        ['finding:F2', 0],
      ],
      [
        ['finding:F1', 180_000],
        ['finding:F2', 0],
      ],
      [['finding:F2', 180_000]],
      [['finding:F2', 90_000]],
    ]);
  });
});

describe('joiners and leavers (the real 2026 calendar)', () => {
  it('a mid-period joiner: in post from Mon 2026-03-16, March is 12 of 22 working days — 163.64 yuan', () => {
    const s = settleOne({ person: person('2026-03-16') }, [], H(2026, 1), []);
    expect(linesOf(s, 'pool_month').map((l) => [l.month, l.amountFen])).toEqual([
      ['2026-03', 16_364],
      ['2026-04', 30_000],
      ['2026-05', 30_000],
      ['2026-06', 30_000],
    ]);
    expect(linesOf(s, 'pool_month')[0]?.text).toBe(
      '2026年3月 在岗 12 个工作日（2026-03-16 至 2026-03-31；当月共 22 个工作日），' +
        '300.00 元 × 12 ÷ 22 = 163.64 元（按月四舍五入到分；依据 2023-01-01 起施行的绩效考核制度）',
    );
    expect(totals(s)).toEqual(T({ pool: 106_364, payable: 106_364 }));
  });

  it('a town finding in the joiner’s partial month forfeits the partial amount — 163.64 yuan', () => {
    const s = settleOne(
      { person: person('2026-03-16') },
      [finding('F1', '2026-03-20', 'town')],
      H(2026, 1),
      [],
    );
    expect(totals(s)).toEqual(T({ pool: 106_364, owed: 16_364, applied: 16_364, payable: 90_000 }));
  });

  it('a leaver with write-off: leaves 2026-10-16 (8 of 18 October working days) with a province finding', () => {
    const ctx: Ctx = { person: person('2026-01-01', '2026-10-16') };
    const findings = [finding('F1', '2026-09-10', 'province')];
    const [h1, h2] = settleInOrder(ctx, [H(2026, 1), H(2026, 2)], () => findings);
    expect(totals(h1!)).toEqual(T({}));
    // July–September 900 + October 300 × 8 ÷ 18 = 133.33: pool 1033.33.
    expect(linesOf(h2!, 'pool_month').at(-1)?.amountFen).toBe(13_333);
    expect(totals(h2!)).toEqual(
      T({
        pool: 103_333,
        owed: 360_000,
        applied: 103_333,
        carriedOut: 0,
        writtenOff: 256_667,
        payable: 0,
      }),
    );
    expect(linesOf(h2!, 'write_off')).toEqual([
      expect.objectContaining({
        amountFen: 256_667,
        findingId: 'F1',
        text:
          '2026-10-16 离岗，2026-09-10 省级巡查通报（考核内容第三项，编号 F1）的扣款尚余 2566.67 元' +
          '无考核金额可扣，予以核销（记录在案）',
      }),
    ]);
    expect(linesOf(h2!, 'carry_out')).toEqual([]);
  });

  it('after leaving there is nothing to settle but adjustments (no pool, no carry)', () => {
    const ctx: Ctx = { person: person('2026-01-01', '2026-10-16') };
    const all = settleInOrder(ctx, [H(2026, 1), H(2026, 2), H(2027, 1)], () => [
      finding('F1', '2026-09-10', 'province'),
    ]);
    expect(totals(all[2]!)).toEqual(T({ pool: 0, payable: 0 }));
    expect(all[2]!.lines).toEqual([]);
  });
});

describe('frozen settlements and adjustments', () => {
  it('a late finding after freezing: county 900 dated 2026-05-12, recorded after 上半年 was frozen → −900 in 下半年', () => {
    const late = finding('F9', '2026-05-12', 'county');
    const [h1, h2] = settleInOrder(JAN_2026, [H(2026, 1), H(2026, 2)], (_h, i) =>
      i === 0 ? [] : [late],
    );
    expect(totals(h1!)).toEqual(T({}));
    expect(totals(h2!)).toEqual(
      T({ owed: 90_000, applied: 90_000, adjustment: -90_000, payable: 90_000 }),
    );
    expect(linesOf(h2!, 'adjustment')).toEqual([
      expect.objectContaining({
        amountFen: -90_000,
        findingId: 'F9',
        halfYear: H(2026, 1),
        text:
          '更正（属2026年上半年）：2026-05-12 县级巡查通报（考核内容第三项，编号 F9）的扣款，' +
          '该违规在2026年上半年结算冻结后才录入。截至上期实际已扣 0.00 元，按现行认定应扣 900.00 元' +
          '（依据 2023-01-01 起施行的绩效考核制度），' +
          '少扣 900.00 元，本期补扣（考核金额不足的结转下期）',
      }),
    ]);
    // The frozen settlement is untouched.
    expect(totals(h1!)).toEqual(T({}));
  });

  it('a late province finding larger than the pool: the shortfall is owed, carried, and finally absorbed', () => {
    const late = finding('F9', '2026-03-10', 'province');
    const all = settleInOrder(
      JAN_2026,
      [H(2026, 1), H(2026, 2), H(2027, 1), H(2027, 2)],
      (_h, i) => (i === 0 ? [] : [late]),
    );
    // Ideal: 上半年 0 paid (1800 deducted, 1800 carried), 下半年 0 paid, then 1800 each.
    // Actual: 1800 paid in 上半年, then the 1800 + 1800 it should have deducted catch up.
    expect(all.map(totals)).toEqual([
      T({}),
      T({
        owed: 180_000,
        carriedIn: 180_000,
        adjustment: -180_000,
        applied: 180_000,
        carriedOut: 180_000,
        payable: 0,
      }),
      T({ owed: 180_000, adjustment: -180_000, applied: 180_000, payable: 0 }),
      T({}),
    ]);
    // The 2027 carry-in shows what was recorded and why it is re-based.
    expect(linesOf(all[2]!, 'carry_in').map((l) => l.amountFen)).toEqual([180_000, -180_000]);
    expect(linesOf(all[2]!, 'adjustment')[0]?.text).toContain('以前更正时未能扣完的部分');
    const paid = all.reduce((a, s) => a + s.payableFen, 0);
    expect(paid).toBe(180_000 * 4 - 360_000);
  });

  it('an appeal reversal after freezing: province 3600 revoked → 1800 given back and the carried 1800 dropped', () => {
    const f = finding('F1', '2026-03-10', 'province');
    const revoked = value(applyOutcome(f, 'revoked'));
    const [h1, h2] = settleInOrder(JAN_2026, [H(2026, 1), H(2026, 2)], (_h, i) =>
      i === 0 ? [f] : [revoked],
    );
    expect(totals(h1!)).toEqual(
      T({ owed: 360_000, applied: 180_000, carriedOut: 180_000, payable: 0 }),
    );
    expect(totals(h2!)).toEqual(T({ adjustment: 180_000, payable: 360_000 }));
    expect(h2!.lines.filter((l) => l.kind !== 'pool_month')).toEqual([
      expect.objectContaining({
        kind: 'carry_in',
        amountFen: 180_000,
        text: '上期（2026年上半年）结转：2026-03-10 省级巡查通报（考核内容第三项，编号 F1）的扣款尚未扣完的 1800.00 元',
      }),
      expect.objectContaining({
        kind: 'carry_in',
        amountFen: -180_000,
        text:
          '按现行认定重算结转：2026-03-10 省级巡查通报（考核内容第三项，编号 F1）的扣款 应结转 0.00 元，' +
          '上期结算单记载 1800.00 元，减少 1800.00 元（该项认定已撤销或已改变处理，不再扣除）',
      }),
      expect.objectContaining({
        kind: 'adjustment',
        amountFen: 180_000,
        findingId: 'F1',
        text:
          '更正（属2026年上半年）：2026-03-10 省级巡查通报（考核内容第三项，编号 F1）的扣款，该违规已撤销。' +
          '截至上期实际已扣 1800.00 元，按现行认定应扣 0.00 元，多扣 1800.00 元，予以退还',
      }),
    ]);
    expect(ratingCapOf([revoked], 2026)).toBeNull();
  });

  it('an appeal changing county → town after freezing: 900 given back, the month (300) forfeited instead, net +600', () => {
    const f = finding('F1', '2026-03-12', 'county');
    const changed = value(applyOutcome(f, 'changed', { level: 'town' }));
    const [h1, h2] = settleInOrder(JAN_2026, [H(2026, 1), H(2026, 2)], (_h, i) =>
      i === 0 ? [f] : [changed],
    );
    expect(totals(h1!)).toEqual(T({ owed: 90_000, applied: 90_000, payable: 90_000 }));
    expect(totals(h2!)).toEqual(T({ adjustment: 60_000, payable: 240_000 }));
    expect(linesOf(h2!, 'adjustment').map((l) => [l.debtKey, l.amountFen])).toEqual([
      ['month:2026-03', -30_000],
      ['finding:F1', 90_000],
    ]);
    expect(linesOf(h2!, 'adjustment')[1]?.text).toContain(
      '该违规已改变处理（现按当月没收处理，见该月的没收行）',
    );
    // 900 paid + 2400 = 3300 = what the ideal pays: 1500 + 1800.
    expect(h1!.payableFen + h2!.payableFen).toBe(150_000 + 180_000);
  });

  it('a late finding of a leaver: the shortfall is written off once, and not owed again after leaving', () => {
    const ctx: Ctx = { person: person('2026-01-01', '2026-10-16') };
    const late = finding('F9', '2026-03-10', 'province');
    const all = settleInOrder(ctx, [H(2026, 1), H(2026, 2), H(2027, 1)], (_h, i) =>
      i === 0 ? [] : [late],
    );
    // 下半年: the ideal carry 1800 takes the whole pool (1033.33), 766.67 of it is written off, and
    // the 1800 missed in 上半年 finds no pool left: written off too.
    expect(totals(all[1]!)).toEqual(
      T({
        pool: 103_333,
        owed: 180_000,
        carriedIn: 180_000,
        adjustment: -180_000,
        applied: 103_333,
        writtenOff: 256_667,
        payable: 0,
      }),
    );
    expect(all[1]!.debts[0]).toMatchObject({ deficitWrittenOffFen: 180_000 });
    expect(totals(all[2]!)).toEqual(T({ pool: 0, payable: 0 }));
    expect(all[2]!.lines).toEqual([]);
  });

  it('a departure recorded after its half-year was frozen: the carry stops, and the line says why', () => {
    const f = finding('F1', '2026-03-10', 'province');
    const [h1] = settleInOrder(JAN_2026, [H(2026, 1)], () => [f]);
    expect(h1!.carriedOutFen).toBe(180_000);
    // The person had in fact left on 2026-06-30; recorded only now.
    const h2 = settleOne({ person: person('2026-01-01', '2026-06-30') }, [f], H(2026, 2), [h1!]);
    expect(totals(h2)).toEqual(T({ pool: 0, payable: 0 }));
    expect(
      linesOf(h2, 'carry_in').map((l) => [l.amountFen, l.text.endsWith('予以核销）')]),
    ).toEqual([
      [180_000, false],
      [-180_000, true],
    ]);
  });

  it('an appeal won after leaving is paid back by a settlement without a pool', () => {
    const ctx: Ctx = { person: person('2026-01-01', '2026-10-16') };
    const f = finding('F1', '2026-09-10', 'province');
    const all = settleInOrder(ctx, [H(2026, 1), H(2026, 2), H(2027, 1)], (_h, i) =>
      i < 2 ? [f] : [{ ...f, revoked: true }],
    );
    expect(totals(all[1]!)).toMatchObject({ applied: 103_333, writtenOff: 256_667, payable: 0 });
    expect(totals(all[2]!)).toEqual(T({ pool: 0, adjustment: 103_333, payable: 103_333 }));
  });

  it('a revocation that changes nothing already deducted gives nothing back (a second finding of a forfeited month)', () => {
    const a = finding('F1', '2026-03-05', 'town');
    const b = finding('F2', '2026-03-20', 'town');
    const [, h2] = settleInOrder(JAN_2026, [H(2026, 1), H(2026, 2)], (_h, i) =>
      i === 0 ? [a, b] : [a, { ...b, revoked: true }],
    );
    expect(totals(h2!)).toEqual(T({}));
  });

  it('re-settling with the same facts gives the same settlement (idempotent before freezing)', () => {
    const findings = [finding('F1', '2026-03-10', 'province'), finding('F2', '2026-04-01', 'town')];
    const a = settleOne(JAN_2026, findings, H(2026, 1), []);
    const b = settleOne(JAN_2026, [...findings].reverse(), H(2026, 1), []);
    expect(b).toEqual(a);
  });
});

describe('policy versions', () => {
  const V2 = {
    ...SOURCE_POLICY_2023,
    id: 'v2-2026',
    effectiveFrom: '2026-07-01',
    monthlyAmountFen: 40_000,
    deductionMonths: { county: 2, city: 6, province: 12 },
  };
  const ctx: Ctx = { person: person('2026-01-01'), policies: [V2, SOURCE_POLICY_2023] };

  it('a deduction follows the version in force on the finding’s date; the pool the one on each month’s first day', () => {
    const findings = [finding('F1', '2026-06-30', 'county'), finding('F2', '2026-07-01', 'county')];
    const [h1, h2] = settleInOrder(ctx, [H(2026, 1), H(2026, 2)], () => findings);
    expect(linesOf(h1!, 'deduction')[0]).toMatchObject({
      amountFen: 90_000,
      policyId: 'source-2023',
    });
    expect(linesOf(h2!, 'deduction')[0]).toMatchObject({
      amountFen: 80_000,
      policyId: 'v2-2026',
      text:
        '2026-07-01 县级巡查通报（考核内容第三项，编号 F2），按 2 个月标准扣除 800.00 元' +
        '（400.00 元 × 2，依据 2026-07-01 起施行的绩效考核制度）',
    });
    expect(h2!.poolFen).toBe(240_000);
  });

  it('a forfeited month names the version whose amount it took: the one in force on the month’s first day', () => {
    // A version taking effect mid-month: July is still paid (and forfeited) at the 2023 amount,
    // August at the new one. Each forfeit line names its version, as the pool line of its month does.
    const MID = { ...V2, id: 'v2-mid', effectiveFrom: '2026-07-15' };
    const mid: Ctx = { person: person('2026-01-01'), policies: [SOURCE_POLICY_2023, MID] };
    const [, h2] = settleInOrder(mid, [H(2026, 1), H(2026, 2)], () => [
      finding('F1', '2026-07-20', 'town'),
      finding('F2', '2026-08-03', 'joint_check'),
    ]);
    const [july, august] = linesOf(h2!, 'forfeit_month');
    expect(july).toMatchObject({
      amountFen: 30_000,
      policyId: 'source-2023',
      text:
        '2026年7月 2026-07-20 镇级巡查（考核内容第三项，编号 F1），没收当月考核金额 300.00 元' +
        '（依据 2023-01-01 起施行的绩效考核制度）',
    });
    expect(august).toMatchObject({
      amountFen: 40_000,
      policyId: 'v2-mid',
      text:
        '2026年8月 2026-08-03 镇级协查（考核内容第三项，编号 F2），没收当月考核金额 400.00 元' +
        '（依据 2026-07-15 起施行的绩效考核制度）',
    });
    const pool = linesOf(h2!, 'pool_month');
    expect(pool[0]?.text).toContain('依据 2023-01-01 起施行的绩效考核制度');
    expect(pool[1]?.text).toContain('依据 2026-07-15 起施行的绩效考核制度');
  });
});

describe('refusals', () => {
  const base = {
    person: person('2026-01-01'),
    policies: POLICIES,
    calendar: CAL_2026,
    findings: [],
    halfYear: H(2026, 2),
    frozen: [] as Settlement[],
  };

  it('an earlier half-year in post not frozen yet', () => {
    expect(settle(base)).toEqual({
      ok: false,
      code: 'PREVIOUS_HALF_YEAR_NOT_SETTLED',
      field: 'frozen',
      details: { halfYear: H(2026, 1) },
    });
  });

  it('a half-year already frozen, or a later one frozen', () => {
    const h1 = settleOne(JAN_2026, [], H(2026, 1), []);
    expect(settle({ ...base, halfYear: H(2026, 1), frozen: [h1] })).toMatchObject({
      code: 'ALREADY_SETTLED',
    });
    const h2 = settleOne(JAN_2026, [], H(2026, 2), [h1]);
    expect(settle({ ...base, halfYear: H(2026, 1), frozen: [h2] })).toMatchObject({
      code: 'LATER_HALF_YEAR_SETTLED',
    });
    expect(settle({ ...base, frozen: [h1, h1] })).toMatchObject({ code: 'DUPLICATE_SETTLEMENT' });
    expect(settle({ ...base, frozen: [{ ...h1, personId: 2 }] })).toMatchObject({
      code: 'SETTLEMENT_OF_ANOTHER_PERSON',
    });
  });

  it('a half-year before the person took up the post', () => {
    expect(settle({ ...base, halfYear: H(2025, 2) })).toMatchObject({
      code: 'BEFORE_LEDGER_START',
      field: 'halfYear',
    });
  });

  it('a finding outside the time in post, of another person, or given twice', () => {
    const h = H(2026, 1);
    expect(
      settle({ ...base, halfYear: h, findings: [finding('F1', '2025-12-31', 'town')] }),
    ).toEqual({
      ok: false,
      code: 'FINDING_NOT_IN_POST',
      field: 'findings.0.date',
      details: { findingId: 'F1', date: '2025-12-31' },
    });
    expect(
      settle({
        ...base,
        halfYear: h,
        findings: [finding('F1', '2026-03-01', 'town', { personId: 2 })],
      }),
    ).toMatchObject({ code: 'FINDING_OF_ANOTHER_PERSON', field: 'findings.0.personId' });
    expect(
      settle({
        ...base,
        halfYear: h,
        findings: [finding('F1', '2026-03-01', 'town'), finding('F1', '2026-03-02', 'town')],
      }),
    ).toMatchObject({ code: 'DUPLICATE_FINDING_ID', field: 'findings.1.id' });
    expect(
      settle({
        ...base,
        halfYear: h,
        findings: [{ ...finding('F1', '2026-03-01', 'town'), item: 9 as 1 }],
      }),
    ).toMatchObject({ code: 'BAD_ITEM', field: 'findings.0.item' });
  });

  it('a partial month in a year the calendar lacks: CALENDAR_YEAR_MISSING with the year, never a guess', () => {
    const empty = value(buildCalendar([]));
    expect(
      settle({ ...base, person: person('2027-03-16'), calendar: empty, halfYear: H(2027, 1) }),
    ).toEqual({
      ok: false,
      code: 'CALENDAR_YEAR_MISSING',
      field: 'calendar',
      details: { year: 2027 },
    });
    // Whole months need no calendar.
    expect(
      settle({ ...base, person: person('2027-01-01'), calendar: empty, halfYear: H(2027, 1) }).ok,
    ).toBe(true);
  });

  it('bad policies are refused with the field', () => {
    expect(
      settle({
        ...base,
        halfYear: H(2026, 1),
        policies: [{ ...SOURCE_POLICY_2023, monthlyAmountFen: 300.5 }],
      }),
    ).toMatchObject({ code: 'BAD_AMOUNT', field: 'policies.0.monthlyAmountFen' });
  });
});

describe('totals are the sums of their lines', () => {
  it('in every worked example above (spot check)', () => {
    const all = settleInOrder(JAN_2026, [H(2026, 1), H(2026, 2)], () => [
      finding('F1', '2026-03-05', 'town'),
      finding('F2', '2026-03-12', 'province'),
    ]);
    for (const s of all) {
      expect(s.poolFen).toBe(linesTotal(s, 'pool_month'));
      expect(s.carriedInFen).toBe(linesTotal(s, 'carry_in'));
      expect(s.carriedOutFen).toBe(linesTotal(s, 'carry_out'));
      expect(s.owedFen).toBe(linesTotal(s, 'forfeit_month') + linesTotal(s, 'deduction'));
    }
  });

  it('the lines, each with its effect on what is paid, add up to the amount paid: 1800 − 300 = 1500', () => {
    // A town finding: the pool lines (+1800) and the forfeited month (−300) read 1500, the amount
    // paid — not 2100, as the sheet showed when every amount kept the same sign.
    const s = settleOne(JAN_2026, [finding('F1', '2026-03-05', 'town')], H(2026, 1), []);
    expect(s.lines.map(lineEffectFen)).toEqual([
      30_000, 30_000, 30_000, 30_000, 30_000, 30_000, -30_000,
    ]);
    expect(s.lines.reduce((n, l) => n + lineEffectFen(l), 0)).toBe(s.payableFen);
    expect(s.payableFen).toBe(150_000);
    // With a carry: province 3600 against 1800 pools: −3600 + 1800 carried out → 0, then the
    // carried 1800 (−) against the next pool (+1800) → 0; a give-back is paid on top.
    const [h1, h2] = settleInOrder(JAN_2026, [H(2026, 1), H(2026, 2)], (_, i) => [
      finding('F1', '2026-03-10', 'province', { revoked: i === 1 }),
    ]);
    for (const x of [h1!, h2!])
      expect(x.lines.reduce((n, l) => n + lineEffectFen(l), 0)).toBe(x.payableFen);
    expect([h1!.payableFen, h2!.payableFen]).toEqual([0, 360_000]);
  });
});
