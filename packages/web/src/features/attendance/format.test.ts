import { describe, expect, it } from 'vitest';
import { dayjs } from '../../lib/time.ts';
import { formatRange, thisMonth, toCenterInstant } from './format.ts';

describe('attendance formats', () => {
  it('reads a picked time as Beijing time, whatever the computer’s zone', () => {
    const picked = dayjs('2026-03-02 14:05');
    expect(toCenterInstant(picked)).toBe('2026-03-02T14:05:00+08:00');
    expect(new Date(toCenterInstant(picked)).toISOString()).toBe('2026-03-02T06:05:00.000Z');
  });

  it('shows a one-day range with its date once, a longer one in full', () => {
    expect(formatRange('2026-03-02T06:00:00.000Z', '2026-03-02T07:30:00.000Z')).toBe(
      '2026-03-02 14:00 – 15:30',
    );
    expect(formatRange('2026-03-05T00:30:00.000Z', '2026-03-06T09:30:00.000Z')).toBe(
      '2026-03-05 08:30 – 2026-03-06 17:30',
    );
    // 23:00 UTC is already the next day in Beijing.
    expect(formatRange('2026-03-02T23:00:00.000Z', '2026-03-03T01:00:00.000Z')).toBe(
      '2026-03-03 07:00 – 09:00',
    );
  });

  it('names the month as YYYY-MM', () => {
    expect(thisMonth()).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
  });
});
