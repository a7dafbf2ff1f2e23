/**
 * Booking codes (预约码): 8 readable characters, shown 'ABCD-EFGH'. 31 characters to the power 8 is
 * about 8.5e11 codes.
 */
import { READABLE_CODE_ALPHABET, readableCode } from '../shared/readable-code.ts';

export const BOOKING_CODE_ALPHABET = READABLE_CODE_ALPHABET;
export const BOOKING_CODE_LENGTH = 8;

const BOOKING_CODE = readableCode(BOOKING_CODE_LENGTH);

/** A new booking code from an injected random source (see `readableCode`). */
export const newBookingCode = (randomInt: (max: number) => number): string =>
  BOOKING_CODE.make(randomInt);
/** The 8-character code a person typed or read out, or null when it is not one. */
export const normalizeBookingCode = (input: string): string | null => BOOKING_CODE.normalize(input);
/** A code for display, 'ABCD-EFGH'; text that is not a code comes back unchanged. */
export const formatBookingCode = (code: string): string => BOOKING_CODE.format(code);
