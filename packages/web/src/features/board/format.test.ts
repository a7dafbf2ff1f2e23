import { describe, expect, it } from 'vitest';
import { formatDuration, monthLabel, overdueBy, ratePercent } from './format.ts';

describe('formatDuration', () => {
  it('names the two largest units', () => {
    const m = 60_000;
    expect(formatDuration(30_000)).toBe('不到 1 分钟');
    expect(formatDuration(12 * m)).toBe('12 分钟');
    expect(formatDuration(5 * 60 * m + 20 * m)).toBe('5 小时 20 分钟');
    expect(formatDuration(2 * 60 * m)).toBe('2 小时');
    expect(formatDuration(3 * 24 * 60 * m + 4 * 60 * m + 59 * m)).toBe('3 天 4 小时');
    expect(formatDuration(24 * 60 * m)).toBe('1 天');
  });
});

describe('overdueBy', () => {
  it('measures from the deadline to now, and only when past it', () => {
    expect(overdueBy('2026-03-02T09:30:00.000Z', '2026-03-03T11:30:00.000Z')).toBe('1 天 2 小时');
    expect(overdueBy('2026-03-04T09:30:00+08:00', '2026-03-03T11:30:00+08:00')).toBeNull();
    expect(overdueBy(null, '2026-03-03T11:30:00+08:00')).toBeNull();
  });
});

describe('monthLabel and ratePercent', () => {
  it('reads a month and a share', () => {
    expect(monthLabel('2026-03')).toBe('2026 年 3 月');
    expect(ratePercent(null)).toBeNull();
    expect(ratePercent(2 / 3)).toBe(66.7);
    expect(ratePercent(1)).toBe(100);
  });
});
