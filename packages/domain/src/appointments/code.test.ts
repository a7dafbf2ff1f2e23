import { describe, expect, it } from 'vitest';
import {
  BOOKING_CODE_ALPHABET,
  formatBookingCode,
  newBookingCode,
  normalizeBookingCode,
} from './code.ts';

/** A random source replaying the given indexes. */
const replay = (ks: number[]) => {
  let i = 0;
  return (max: number) => {
    expect(max).toBe(31);
    return ks[i++ % ks.length]!;
  };
};

describe('booking codes', () => {
  it('uses 31 characters without 0, O, 1, I or L', () => {
    expect(BOOKING_CODE_ALPHABET).toHaveLength(31);
    expect(new Set(BOOKING_CODE_ALPHABET).size).toBe(31);
    for (const c of '01OIL') expect(BOOKING_CODE_ALPHABET).not.toContain(c);
  });

  it('builds 8 characters from the random source', () => {
    expect(newBookingCode(replay([0, 1, 2, 3, 27, 28, 29, 30]))).toBe('2345WXYZ');
    expect(newBookingCode(replay([8]))).toBe('AAAAAAAA');
  });

  it.each([31, -1, 0.5, NaN])('throws on a random source returning %s', (k) => {
    expect(() => newBookingCode(() => k)).toThrow(RangeError);
  });

  it('shows the code in two groups of four', () => {
    expect(formatBookingCode('ABCDEFGH')).toBe('ABCD-EFGH');
    expect(formatBookingCode('abcd efgh')).toBe('ABCD-EFGH');
    expect(formatBookingCode('not a code')).toBe('not a code');
  });

  it.each([
    ['ABCD-EFGH', 'ABCDEFGH'],
    ['abcd-efgh', 'ABCDEFGH'],
    [' ab cd  ef gh ', 'ABCDEFGH'],
    ['AB-CD-EF-GH', 'ABCDEFGH'],
    ['ABCD—EFGH', 'ABCDEFGH'], // an em dash
    ['ＡＢＣＤ－ＥＦＧＨ', 'ABCDEFGH'], // full-width, from a Chinese input method
    ['ABCD\u3000EFGH', 'ABCDEFGH'], // ideographic space
    ['2345wxyz', '2345WXYZ'],
  ])('reads %j as %s', (input, code) => {
    expect(normalizeBookingCode(input)).toBe(code);
  });

  it.each([
    '',
    'ABCDEFG',
    'ABCDEFGHJ',
    'ABCD0FGH',
    'ABCDOFGH',
    'ABCD1FGH',
    'ABCDIFGH',
    'ABCDLFGH',
    'ABCD_EFGH',
    'ABCD.EFGH',
    'ABCDÉFGH',
  ])('refuses %j', (input) => {
    expect(normalizeBookingCode(input)).toBeNull();
  });

  it('reads back every code it makes, and its display form', () => {
    let seed = 7;
    const lcg = (max: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % max;
    for (let n = 0; n < 200; n++) {
      const code = newBookingCode(lcg);
      expect(normalizeBookingCode(code)).toBe(code);
      expect(normalizeBookingCode(formatBookingCode(code))).toBe(code);
      expect(normalizeBookingCode(formatBookingCode(code).toLowerCase())).toBe(code);
    }
  });
});
