import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Two secrets (a query code, a mobile) compared in the same time whatever they are: both sides are
 * hashed to the same length first, so neither the length nor the first differing character shows.
 */
export const sameSecret = (given: string, stored: string): boolean =>
  timingSafeEqual(
    createHash('sha256').update(given).digest(),
    createHash('sha256').update(stored).digest(),
  );
