import { describe, expect, it } from 'vitest';
import { evaluationYear, findingLevelCounts, yearOptions } from './format.tsx';

describe('year-end evaluation helpers', () => {
  it('opens on the current year from 1 December, otherwise on the previous one', () => {
    expect(evaluationYear('2026-11-30')).toBe(2025);
    expect(evaluationYear('2026-12-01')).toBe(2026);
    expect(evaluationYear('2027-01-05')).toBe(2026);
  });

  it('offers the years from the first assessed one, newest first', () => {
    expect(yearOptions('2026-05-01')).toEqual([2026, 2025, 2024, 2023]);
  });

  it('names the levels that occur, in Chinese', () => {
    expect(findingLevelCounts({ town: 2, county: 0, province: 1 })).toBe('镇级 2 · 省级 1');
    expect(findingLevelCounts({ town: 0 })).toBe('');
  });
});
