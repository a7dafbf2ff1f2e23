/**
 * Booking codes (预约码) a person can read out on the phone: 8 characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L), shown in two groups of four, 'ABCD-EFGH'. 31 characters to the power
 * 8 is about 8.5e11 codes. A code identifies a booking; it is not a secret on its own.
 */

/** Digits 2–9 and the letters without I, L and O. */
export const BOOKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const BOOKING_CODE_LENGTH = 8;

const CODE = new RegExp(`^[${BOOKING_CODE_ALPHABET}]{${BOOKING_CODE_LENGTH}}$`);

/**
 * A new code from an injected random source: `randomInt(max)` must return a whole number from 0 to
 * max - 1, uniformly (the server passes `crypto.randomInt`). A source breaking that contract is a
 * programming error, not a refusal: it throws a RangeError rather than make weak codes.
 */
export function newBookingCode(randomInt: (max: number) => number): string {
  const n = BOOKING_CODE_ALPHABET.length;
  let code = '';
  for (let i = 0; i < BOOKING_CODE_LENGTH; i++) {
    const k = randomInt(n);
    if (!Number.isInteger(k) || k < 0 || k >= n)
      throw new RangeError(`randomInt(${n}) returned ${k}`);
    code += BOOKING_CODE_ALPHABET[k];
  }
  return code;
}

/**
 * The 8-character code a person typed or read out, or null when it is not one: full-width forms
 * (from a Chinese input method) are folded, case is ignored, and spaces and dashes anywhere are
 * dropped. Look-alikes are not guessed (0, O, 1, I and L are never in a code).
 */
export function normalizeBookingCode(input: string): string | null {
  const code = input
    .normalize('NFKC')
    .replace(/[\s\-\u2010-\u2015\u2212]/g, '')
    .toUpperCase();
  return CODE.test(code) ? code : null;
}

/** A code for display, 'ABCD-EFGH'; text that is not a code comes back unchanged. */
export function formatBookingCode(code: string): string {
  const c = normalizeBookingCode(code);
  return c === null ? code : `${c.slice(0, 4)}-${c.slice(4)}`;
}
