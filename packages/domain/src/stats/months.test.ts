import { describe, expect, it } from 'vitest';
import { sh } from '../cases/fixtures.fixture.ts';
import { addMonths, isMonth, monthLabel, monthOfInstant, monthsEnding } from './months.ts';

describe('months of the statistics', () => {
  it('lists the 12 months ending with a month, oldest first, across a year end', () => {
    expect(monthsEnding('2026-03', 12)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });

  it('reads the month of an instant in Asia/Shanghai', () => {
    // 2026-03-31 23:59 Beijing is still March; 00:00 on 1 April is April (16:00 UTC the day before).
    expect(monthOfInstant(sh('2026-03-31', '23:59'))).toBe('2026-03');
    expect(monthOfInstant(sh('2026-04-01', '00:00'))).toBe('2026-04');
  });

  it('knows a month when it sees one', () => {
    expect(isMonth('2026-03')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-3')).toBe(false);
    expect(monthLabel('2026-03')).toBe('2026 年 3 月');
  });
});
