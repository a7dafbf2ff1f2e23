/**
 * PostgreSQL type OIDs whose JavaScript form must be the same on PGlite and on `pg`.
 * - int8 (ids, counts): a number. Values beyond 2^53 cannot occur in this schema (identity ids and
 *   row counts), and the parser refuses rather than rounds if one ever does.
 * - numeric (money): a string, exact; the domain converts with care.
 * - date: the 'YYYY-MM-DD' string, never a Date at local midnight (which shifts with TZ).
 * - timestamptz: a Date.
 */
export const OID = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
  TIMESTAMPTZ: 1184,
  TIMESTAMP: 1114,
} as const;

export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} is beyond 2^53`);
  return n;
}

export const parseNumeric = (value: string): string => value;
export const parseDate = (value: string): string => value;
export const parseTimestamptz = (value: string): Date => new Date(value);
