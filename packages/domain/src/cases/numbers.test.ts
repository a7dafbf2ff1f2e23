import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbDate } from '../calendar/arbitraries.fixture.ts';
import { NOTICE_TYPES } from './model.ts';
import {
  displayReceiptNo,
  formatNoticeNo,
  formatReceiptNo,
  normalizeReceiptNo,
  NOTICE_WORDS,
} from './numbers.ts';

describe('receipt numbers (受理编号)', () => {
  it('are center (3) + date (8) + sequence (4), digits only', () => {
    expect(formatReceiptNo(1, '2026-03-02', 7)).toBe('001202603020007');
    expect(formatReceiptNo(123, '2026-12-31', 9999)).toBe('123202612319999');
    expect(formatReceiptNo(0, '2026-01-01', 0)).toBe('000202601010000');
  });

  it('are printed with dashes', () => {
    expect(displayReceiptNo('001202603020007')).toBe('001-20260302-0007');
    // Anything that is not a stored receipt number is shown as it is.
    expect(displayReceiptNo('00120260302007')).toBe('00120260302007');
    expect(displayReceiptNo('')).toBe('');
  });

  it('normalise what an applicant typed: dashes, spaces, full-width digits', () => {
    expect(normalizeReceiptNo('001-20260302-0007')).toBe('001202603020007');
    expect(normalizeReceiptNo(' 001 20260302 0007 ')).toBe('001202603020007');
    expect(normalizeReceiptNo('００１－２０２６０３０２－０００７')).toBe('001202603020007');
    expect(normalizeReceiptNo('００１２０２６０３０２０００７')).toBe('001202603020007');
    expect(normalizeReceiptNo('001—20260302—0007')).toBe('001202603020007');
    expect(normalizeReceiptNo('０１２３４５６７８９')).toBe('0123456789');
    expect(normalizeReceiptNo('')).toBe('');
    expect(normalizeReceiptNo('abc')).toBe('');
  });

  it('round-trip through display and normalisation (property)', () => {
    const fullWidth = (s: string) =>
      s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        arbDate,
        fc.integer({ min: 0, max: 9999 }),
        (center, date, seq) => {
          const no = formatReceiptNo(center, date, seq);
          expect(no).toMatch(/^\d{15}$/);
          expect(no.slice(3, 11)).toBe(date.replaceAll('-', ''));
          expect(Number(no.slice(0, 3))).toBe(center);
          expect(Number(no.slice(11))).toBe(seq);
          const shown = displayReceiptNo(no);
          expect(shown).toMatch(/^\d{3}-\d{8}-\d{4}$/);
          expect(normalizeReceiptNo(shown)).toBe(no);
          expect(normalizeReceiptNo(fullWidth(shown))).toBe(no);
          expect(normalizeReceiptNo(shown.replaceAll('-', ' '))).toBe(no);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('notice numbers', () => {
  it('name the kind with its word and pad the sequence', () => {
    expect(formatNoticeNo('promised', 2026, 12)).toBe('〔2026〕承字第0012号');
    expect(formatNoticeNo('supplement', 2026, 1)).toBe('〔2026〕补字第0001号');
    expect(formatNoticeNo('extension', 2027, 12345)).toBe('〔2027〕延字第12345号');
  });

  it('every notice type has its own word', () => {
    expect(Object.keys(NOTICE_WORDS).sort()).toEqual([...NOTICE_TYPES].sort());
    expect(new Set(NOTICE_TYPES.map((t) => NOTICE_WORDS[t])).size).toBe(NOTICE_TYPES.length);
    expect(NOTICE_WORDS).toEqual({
      inquiry: '咨',
      supplement: '补',
      returned: '退',
      immediate: '即',
      promised: '承',
      petition: '访',
      reported: '报',
      extension: '延',
    });
  });

  it('different types, years or sequences never give the same number', () => {
    const seen = new Set<string>();
    for (const t of NOTICE_TYPES)
      for (const year of [2026, 2027])
        for (const seq of [1, 12, 999, 1000]) seen.add(formatNoticeNo(t, year, seq));
    expect(seen.size).toBe(NOTICE_TYPES.length * 2 * 4);
  });
});
