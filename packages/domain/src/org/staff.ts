import { ok, refuse, type Result } from '../shared/result.ts';

/** ISO calendar date, YYYY-MM-DD. */
export type IsoDate = string;

export interface InPost {
  readonly inPostFrom: IsoDate;
  readonly inPostTo: IsoDate | null;
}

/** A staff member's time in post must not end before it starts. */
export function checkInPost(p: InPost): Result<InPost, 'IN_POST_RANGE'> {
  if (p.inPostTo !== null && p.inPostTo < p.inPostFrom) return refuse('IN_POST_RANGE', 'inPostTo');
  return ok(p);
}

/** Whether the person is in post on a given date. */
export function isInPost(p: InPost, on: IsoDate): boolean {
  return p.inPostFrom <= on && (p.inPostTo === null || on <= p.inPostTo);
}

/**
 * A supervising leader may not be the person themself, nor anyone the person (directly or through
 * others) supervises: approvals must never come back round to the one who asks.
 */
export function checkSupervisor(
  staffId: number | null,
  supervisorId: number | null,
  supervisorOf: ReadonlyMap<number, number | null>,
): Result<number | null, 'SUPERVISOR_CYCLE'> {
  if (supervisorId === null || staffId === null) return ok(supervisorId);
  let cursor: number | null = supervisorId;
  const seen = new Set<number>();
  while (cursor !== null && !seen.has(cursor)) {
    if (cursor === staffId) return refuse('SUPERVISOR_CYCLE', 'supervisorId');
    seen.add(cursor);
    cursor = supervisorOf.get(cursor) ?? null;
  }
  return ok(supervisorId);
}
