import { describe, expect, it } from 'vitest';
import { checkReceiptInput, dateText } from './receipt.ts';

describe('the receipt number as an applicant types it', () => {
  it('accepts dashes, spaces and full-width digits', () => {
    expect(checkReceiptInput(' 001-20260302-0007 ')).toEqual({ value: '001202603020007' });
    expect(checkReceiptInput('００１ 20260302 0007')).toEqual({ value: '001202603020007' });
  });

  it('says what is wrong in plain words', () => {
    expect(checkReceiptInput('')).toEqual({ error: '请输入受理编号' });
    expect(checkReceiptInput('AB12')).toEqual({ error: '受理编号只有数字，请核对' });
  });
});

describe('dates on the result', () => {
  it('gives a date as it is and an instant as its day in Beijing', () => {
    expect(dateText('2026-11-26')).toBe('2026年11月26日');
    expect(dateText('2026-06-30T16:10:00.000Z')).toBe('2026年7月1日');
    expect(dateText(null)).toBeNull();
  });
});
