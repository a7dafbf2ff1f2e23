/**
 * Money of the assessment: always integer fen (分), never floating-point yuan. The only division is
 * the proration of a partial month, rounded half up to a whole fen (四舍五入到分).
 */

/** Whether a value is a usable amount of fen: a safe integer, ≥ 0. */
export function isFen(v: number): boolean {
  return Number.isSafeInteger(v) && v >= 0;
}

/**
 * amount × numerator ÷ denominator, rounded half up to a whole fen, in exact integer arithmetic.
 * All three are non-negative integers and the denominator is positive; the product stays far below
 * 2^53 for any amount the policy admits (see MAX_MONTHLY_AMOUNT_FEN) and a month's working days.
 */
export function prorateFen(amountFen: number, numerator: number, denominator: number): number {
  const twice = 2 * amountFen * numerator + denominator;
  const den = 2 * denominator;
  return (twice - (twice % den)) / den;
}

/** Fen as yuan with two decimals: 30000 → '300.00', -5 → '-0.05'. */
export function formatYuan(fen: number): string {
  const abs = Math.abs(fen);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return fen < 0 ? `-${text}` : text;
}
