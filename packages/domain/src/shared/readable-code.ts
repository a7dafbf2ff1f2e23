/**
 * Codes a person can read out on the phone and type on a keypad (booking codes, tracking codes): from
 * an alphabet without look-alikes (no 0/O, 1/I/L), shown in groups of four, 'ABCD-EFGH-JK'. A code
 * identifies a record; it is not a secret on its own.
 */

/** Digits 2–9 and the letters without I, L and O. */
export const READABLE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export interface ReadableCode {
  readonly length: number;
  /**
   * A new code from an injected random source: `randomInt(max)` must return a whole number from 0
   * to max - 1, uniformly (the server passes `crypto.randomInt`). A source breaking that contract is
   * a programming error, not a refusal: it throws a RangeError rather than make weak codes.
   */
  make(randomInt: (max: number) => number): string;
  /**
   * The code a person typed or read out, or null when it is not one: full-width forms (from a
   * Chinese input method) are folded, case is ignored, spaces and dashes anywhere are dropped.
   * Look-alikes are not guessed (0, O, 1, I and L are never in a code).
   */
  normalize(input: string): string | null;
  /** For display, in groups of four; text that is not a code comes back unchanged. */
  format(code: string): string;
}

export function readableCode(length: number): ReadableCode {
  const alphabet = READABLE_CODE_ALPHABET;
  const pattern = new RegExp(`^[${alphabet}]{${length}}$`);
  const normalize = (input: string) => {
    const code = input
      .normalize('NFKC')
      .replace(/[\s\-\u2010-\u2015\u2212]/g, '')
      .toUpperCase();
    return pattern.test(code) ? code : null;
  };
  return {
    length,
    make(randomInt) {
      const n = alphabet.length;
      let code = '';
      for (let i = 0; i < length; i++) {
        const k = randomInt(n);
        if (!Number.isInteger(k) || k < 0 || k >= n)
          throw new RangeError(`randomInt(${n}) returned ${k}`);
        code += alphabet[k];
      }
      return code;
    },
    normalize,
    format(code) {
      const c = normalize(code);
      return c === null ? code : (c.match(/.{1,4}/g) ?? [c]).join('-');
    },
  };
}
