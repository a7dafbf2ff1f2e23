import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at } from '../appointments/fixtures.fixture.ts';
import { SATISFACTION_LEVELS, type SatisfactionLevel } from './satisfaction.ts';
import {
  describeSatisfaction,
  percentOneDecimal,
  satisfactionStats,
  staffYearSatisfaction,
} from './stats.ts';

const r = (level: SatisfactionLevel, excluded = false) => ({ level, excluded });

describe('the satisfaction rate (满意率)', () => {
  it('counts 非常满意, 满意 and 基本满意 as satisfied, out of all counted', () => {
    const s = satisfactionStats([
      r('very_satisfied'),
      r('satisfied'),
      r('basically_satisfied'),
      r('dissatisfied'),
      r('very_dissatisfied', true),
    ]);
    expect(s).toMatchObject({ total: 4, satisfied: 3, bad: 1, excluded: 1, ratePercent: 75 });
    expect(s.byLevel).toEqual({
      very_satisfied: 1,
      satisfied: 1,
      basically_satisfied: 1,
      dissatisfied: 1,
      very_dissatisfied: 0,
    });
  });

  it('is none without ratings, and rounds half up to one decimal', () => {
    expect(satisfactionStats([]).ratePercent).toBeNull();
    expect(satisfactionStats([r('dissatisfied', true)]).ratePercent).toBeNull();
    expect(percentOneDecimal(2, 3)).toBe(66.7);
    expect(percentOneDecimal(1, 3)).toBe(33.3);
    expect(percentOneDecimal(1, 16)).toBe(6.3);
    expect(percentOneDecimal(7, 7)).toBe(100);
  });

  it('stays within 0–100 and the counts add up, whatever the ratings', () => {
    const rating = fc.record({
      level: fc.constantFrom(...SATISFACTION_LEVELS),
      excluded: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(rating, { maxLength: 60 }), (list) => {
        const s = satisfactionStats(list);
        const sum = Object.values(s.byLevel).reduce((a, b) => a + b, 0);
        expect(sum).toBe(s.total);
        expect(s.total + s.excluded).toBe(list.length);
        expect(s.satisfied + s.bad).toBe(s.total);
        if (s.ratePercent !== null) {
          expect(s.ratePercent).toBeGreaterThanOrEqual(0);
          expect(s.ratePercent).toBeLessThanOrEqual(100);
          expect(Math.abs(s.ratePercent - (100 * s.satisfied) / s.total)).toBeLessThanOrEqual(0.05);
        }
        // Excluding a rating never changes the others' counts.
        const kept = satisfactionStats(list.filter((x) => !x.excluded));
        expect(kept.byLevel).toEqual(s.byLevel);
      }),
    );
  });
});

describe('one person’s ratings of a year', () => {
  it('are those of the cases he or she closed in that year, Beijing time', () => {
    const list = [
      {
        staffId: 1,
        level: 'satisfied' as const,
        excluded: false,
        caseClosedAt: at('2026-03-02', '10:00'),
      },
      {
        staffId: 1,
        level: 'dissatisfied' as const,
        excluded: true,
        caseClosedAt: at('2026-05-02', '10:00'),
      },
      {
        staffId: 2,
        level: 'dissatisfied' as const,
        excluded: false,
        caseClosedAt: at('2026-05-02', '10:00'),
      },
      // 1 January 2027 at 07:00 in Beijing is still 31 December 2026 in UTC: counted in 2027.
      {
        staffId: 1,
        level: 'dissatisfied' as const,
        excluded: false,
        caseClosedAt: at('2027-01-01', '07:00'),
      },
    ];
    expect(staffYearSatisfaction(list, 1, 2026)).toMatchObject({
      total: 1,
      excluded: 1,
      ratePercent: 100,
    });
    expect(staffYearSatisfaction(list, 1, 2027)).toMatchObject({ total: 1, ratePercent: 0 });
    expect(staffYearSatisfaction(list, 3, 2026).ratePercent).toBeNull();
  });
});

describe('the figures in a line', () => {
  it('name the rate, the levels given and what was excluded', () => {
    const s = satisfactionStats([
      r('very_satisfied'),
      r('very_satisfied'),
      r('dissatisfied'),
      r('very_dissatisfied', true),
    ]);
    expect(describeSatisfaction(s)).toBe(
      '评价 3 条，满意率 66.7%（非常满意 2、不满意 1）；另有 1 条经考核小组认定为恶意评价，不计入',
    );
    expect(describeSatisfaction(satisfactionStats([r('satisfied')]))).toBe(
      '评价 1 条，满意率 100%（满意 1）',
    );
  });
});
