import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, formatIsoDate } from '../calendar/civil.ts';
import { buildCalendar } from '../calendar/working-calendar.ts';
import { CAL_2026, H, value } from './fixtures.fixture.ts';
import { monthRange } from './periods.ts';
import { SOURCE_POLICY_2023, type PerformancePolicy } from './policy.ts';
import { poolMonthText, poolOf, poolTotal } from './pool.ts';

const P = [SOURCE_POLICY_2023];
const EMPTY = value(buildCalendar([]));
const post = (inPostFrom: string, inPostTo: string | null = null) => ({ inPostFrom, inPostTo });

describe('the pool of a half-year', () => {
  it('a whole half-year in post: 6 × 300 = 1800 yuan, no calendar needed', () => {
    const lines = value(poolOf(post('2025-05-06'), P, EMPTY, H(2026, 1)));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toEqual({
      month: '2026-01',
      inPostFrom: '2026-01-01',
      inPostTo: '2026-01-31',
      wholeMonth: true,
      inPostWorkingDays: null,
      workingDays: null,
      amountFen: 30_000,
      policyId: 'source-2023',
      policyEffectiveFrom: '2023-01-01',
      monthlyAmountFen: 30_000,
    });
    expect(poolTotal(lines)).toBe(180_000);
    expect(poolMonthText(lines[0]!)).toBe(
      '2026年1月 全月在岗，考核金额 300.00 元（依据 2023-01-01 起施行的绩效考核制度）',
    );
  });

  it('a joiner on Mon 2026-03-16: 12 of March’s 22 working days → 163.64 yuan (rounded half up per month)', () => {
    const [march, ...rest] = value(poolOf(post('2026-03-16'), P, CAL_2026, H(2026, 1)));
    expect(march).toMatchObject({
      month: '2026-03',
      inPostFrom: '2026-03-16',
      inPostTo: '2026-03-31',
      wholeMonth: false,
      inPostWorkingDays: 12,
      workingDays: 22,
      amountFen: 16_364,
    });
    expect(rest.map((l) => l.month)).toEqual(['2026-04', '2026-05', '2026-06']);
  });

  it('a leaver on Fri 2026-10-16: October has 18 working days (National Day off, Sat 10-10 worked), 8 in post → 133.33', () => {
    const lines = value(poolOf(post('2026-01-01', '2026-10-16'), P, CAL_2026, H(2026, 2)));
    expect(lines.map((l) => l.month)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10']);
    expect(lines[3]).toMatchObject({ inPostWorkingDays: 8, workingDays: 18, amountFen: 13_333 });
  });

  it('Spring Festival February 2026: 16 working days (make-up Saturdays 02-14 and 02-28 counted)', () => {
    const [feb] = value(poolOf(post('2026-02-24'), P, CAL_2026, H(2026, 1))).filter(
      (l) => l.month === '2026-02',
    );
    expect(feb).toMatchObject({ inPostWorkingDays: 5, workingDays: 16, amountFen: 9_375 });
    // With an amount that lands on half a fen: 300.08 × 5 ÷ 16 = 93.775 → 93.78.
    const odd = [{ ...SOURCE_POLICY_2023, monthlyAmountFen: 30_008 }];
    expect(value(poolOf(post('2026-02-24'), odd, CAL_2026, H(2026, 1)))[0]?.amountFen).toBe(9_378);
  });

  it('in post only on days off: a month with 0 working days in post brings 0 (joined Sat 2026-01-31)', () => {
    const [jan] = value(poolOf(post('2026-01-31'), P, CAL_2026, H(2026, 1)));
    expect(jan).toMatchObject({
      month: '2026-01',
      inPostWorkingDays: 0,
      workingDays: 21,
      amountFen: 0,
    });
    const oct = value(poolOf(post('2026-01-01', '2026-10-01'), P, CAL_2026, H(2026, 2))).at(-1);
    expect(oct).toMatchObject({ month: '2026-10', inPostWorkingDays: 0, amountFen: 0 });
  });

  it('a one-day post on a working day', () => {
    const lines = value(poolOf(post('2026-03-16', '2026-03-16'), P, CAL_2026, H(2026, 1)));
    expect(lines).toEqual([
      expect.objectContaining({ inPostWorkingDays: 1, workingDays: 22, amountFen: 1_364 }),
    ]);
  });

  it('months not in post, or before the regulation took effect, are not in the pool', () => {
    expect(value(poolOf(post('2026-07-01'), P, CAL_2026, H(2026, 1)))).toEqual([]);
    expect(value(poolOf(post('2020-01-01', '2025-12-31'), P, CAL_2026, H(2026, 1)))).toEqual([]);
    expect(value(poolOf(post('2022-01-01'), P, EMPTY, H(2022, 2)))).toEqual([]);
    expect(value(poolOf(post('2022-01-01'), P, EMPTY, H(2023, 1)))).toHaveLength(6);
  });

  it('each month takes the standard amount of the version in force on its first day', () => {
    const v2: PerformancePolicy = {
      ...SOURCE_POLICY_2023,
      id: 'v2',
      effectiveFrom: '2026-04-01',
      monthlyAmountFen: 40_000,
    };
    const v2mid: PerformancePolicy = { ...v2, effectiveFrom: '2026-04-15' };
    const amounts = (ps: PerformancePolicy[]) =>
      value(poolOf(post('2025-01-01'), ps, EMPTY, H(2026, 1))).map((l) => [
        l.month,
        l.amountFen,
        l.policyId,
      ]);
    expect(amounts([SOURCE_POLICY_2023, v2])).toEqual([
      ['2026-01', 30_000, 'source-2023'],
      ['2026-02', 30_000, 'source-2023'],
      ['2026-03', 30_000, 'source-2023'],
      ['2026-04', 40_000, 'v2'],
      ['2026-05', 40_000, 'v2'],
      ['2026-06', 40_000, 'v2'],
    ]);
    expect(amounts([v2mid, SOURCE_POLICY_2023]).slice(3, 5)).toEqual([
      ['2026-04', 30_000, 'source-2023'],
      ['2026-05', 40_000, 'v2'],
    ]);
  });

  it('a partial month in a year the calendar lacks is refused with the year, never guessed', () => {
    expect(poolOf(post('2027-03-16'), P, CAL_2026, H(2027, 1))).toEqual({
      ok: false,
      code: 'CALENDAR_YEAR_MISSING',
      field: 'calendar',
      details: { year: 2027 },
    });
  });

  it('refuses a bad time in post', () => {
    expect(poolOf(post('2026-02-30'), P, CAL_2026, H(2026, 1))).toMatchObject({
      code: 'BAD_DATE',
      field: 'inPostFrom',
    });
    expect(poolOf(post('2026-03-01', '2026-13-01'), P, CAL_2026, H(2026, 1))).toMatchObject({
      code: 'BAD_DATE',
      field: 'inPostTo',
    });
    expect(poolOf(post('2026-03-01', '2026-02-01'), P, CAL_2026, H(2026, 1))).toMatchObject({
      code: 'IN_POST_RANGE',
    });
  });

  it('one person leaving on day d and another joining on d+1 share the month to within a fen (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: daysFromCivil(2026, 1, 1), max: daysFromCivil(2026, 12, 30) }),
        (d) => {
          const leave = formatIsoDate(d);
          const join = formatIsoDate(d + 1);
          if (leave.slice(0, 7) !== join.slice(0, 7)) return;
          const h = H(Number(leave.slice(0, 4)), Number(leave.slice(5, 7)) <= 6 ? 1 : 2);
          const a = value(poolOf(post('2025-01-01', leave), P, CAL_2026, h)).find(
            (l) => l.month === leave.slice(0, 7),
          );
          const b = value(poolOf(post(join), P, CAL_2026, h)).find(
            (l) => l.month === leave.slice(0, 7),
          );
          expect(a && b).toBeTruthy();
          expect((a?.inPostWorkingDays ?? 0) + (b?.inPostWorkingDays ?? 0)).toBe(a?.workingDays);
          expect(Math.abs((a?.amountFen ?? 0) + (b?.amountFen ?? 0) - 30_000)).toBeLessThanOrEqual(
            1,
          );
          expect(monthRange(a!.month).first).toBe(a!.inPostFrom);
        },
      ),
      { numRuns: 300 },
    );
  });
});
