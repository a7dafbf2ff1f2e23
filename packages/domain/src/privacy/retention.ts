import { MS_PER_DAY } from '../calendar/civil.ts';

/**
 * How long personal data is kept (个人信息保护法 第十九条: no longer than the purpose needs; issue 12,
 * docs/privacy.md). Each kind is kept whole for its days after the record's business ended — a case
 * closed, a booking or home visit closed, a complaint decided, evidence uploaded — and then masked
 * or removed by the nightly job, which audits what it did. The record itself stays: the case, its
 * notice, the statistics and the money settled on it do not change.
 */
export const RETENTION_KINDS = ['id_numbers', 'phones', 'reporters', 'evidence'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** The defaults, in days (0 keeps the kind for ever); each has its environment variable. */
export const RETENTION_DEFAULT_DAYS: Readonly<Record<RetentionKind, number>> = {
  // Three years after a case is closed: past the limits for review and suit over the decision.
  id_numbers: 3 * 365,
  // A year: reminders, ratings, follow-ups and the no-show rule are long over.
  phones: 365,
  // Three years after a complaint is decided: past the assessment and appeals that rest on it.
  reporters: 3 * 365,
  // Five years after upload: past every settlement and appeal of the half-year it proves.
  evidence: 5 * 365,
};

/** Records whose business ended before this instant have the kind masked; null: kept for ever. */
export function retentionCutoff(now: number, days: number): number | null {
  return days > 0 ? now - days * MS_PER_DAY : null;
}

/** A value masked by the job (or shown masked): it keeps its `*`s and is never masked again. */
export const isMasked = (value: string): boolean => value.includes('*');
