/**
 * What a case may be accepted as, and for how long (限时办结): the catalog (服务事项目录) bounds the
 * kind and the term — a clerk may promise less than the catalog, never more; a petition's term is
 * the statute's (信访工作条例, the center's petition days). An urgent case (急事急办，特事特办) gets
 * a shorter term: at most the policy's share of the catalog's. A longer term comes only through the
 * one extension a leader approves (`extend`).
 */
import { ok, refuse, type Result } from '../shared/result.ts';
import type { AcceptedKind, CasePolicy, CatalogTerm } from './model.ts';

/**
 * The kinds an item may be accepted as, by its kind in the catalog: a promised item may also be
 * finished on the spot (即办); a petition is a petition and a reported item needs the higher authority.
 */
export const ACCEPTABLE_KINDS: Record<AcceptedKind, readonly AcceptedKind[]> = {
  immediate: ['immediate'],
  promised: ['promised', 'immediate'],
  petition: ['petition'],
  reported: ['reported'],
};

/** The terms a case of one kind may get at acceptance. */
export interface TermBounds {
  /** The catalog's term (the statute's for a petition): the longest a clerk may promise. */
  readonly standard: number;
  /** The longest urgent term, shorter than `standard`; null when the term cannot be shortened. */
  readonly urgent: number | null;
  /** Working days, or calendar days for a petition. */
  readonly unit: 'working' | 'calendar';
}

export type TermBoundsRefusalCode = 'KIND_NOT_IN_CATALOG' | 'TERM_NOT_IN_CATALOG';
export type AcceptanceRefusalCode =
  | TermBoundsRefusalCode
  | 'BAD_TERM'
  | 'TERM_ABOVE_CATALOG'
  | 'URGENT_TERM_TOO_LONG'
  | 'NOT_SHORTER';

/** The longest urgent term for a standard term: the policy's share, rounded down, always shorter. */
export function urgentTermOf(standard: number, urgentTermPercent: number): number | null {
  const days = Math.min(standard - 1, Math.floor((standard * urgentTermPercent) / 100));
  return days >= 1 ? days : null;
}

/**
 * The terms of an item accepted as `kind`: null for an immediate case (30 minutes). A petition gets
 * the catalog's promise, never more than the statute; a promised or reported case the catalog's
 * promise (or, without one, its statutory term) — and none at all when the catalog has neither.
 */
export function termBounds(
  kind: AcceptedKind,
  item: CatalogTerm,
  policy: Pick<CasePolicy, 'petitionDays' | 'urgentTermPercent'>,
): Result<TermBounds | null, TermBoundsRefusalCode> {
  if (!ACCEPTABLE_KINDS[item.defaultKind].includes(kind))
    return refuse('KIND_NOT_IN_CATALOG', 'kind', {
      kind,
      allowed: ACCEPTABLE_KINDS[item.defaultKind],
    });
  let standard: number;
  switch (kind) {
    case 'immediate':
      return ok(null);
    case 'petition':
      standard = Math.min(item.promisedDays ?? policy.petitionDays, policy.petitionDays);
      break;
    case 'promised':
    case 'reported': {
      const days = item.promisedDays ?? item.legalDays;
      if (days === null) return refuse('TERM_NOT_IN_CATALOG', 'termDays');
      standard = days;
      break;
    }
  }
  return ok({
    standard,
    urgent: urgentTermOf(standard, policy.urgentTermPercent),
    unit: kind === 'petition' ? 'calendar' : 'working',
  });
}

/** The term a case is accepted with. */
export interface AcceptedTerm {
  /** null for an immediate case. */
  readonly termDays: number | null;
  /** The catalog's term before urgency shortened it; null for an immediate case. */
  readonly standardTermDays: number | null;
  readonly urgent: boolean;
}

/**
 * The term of an acceptance: what the clerk asked for (`termDays`, null for "as the catalog says"),
 * within the catalog's term — or, urgent, within the urgent term, which is also the default. An
 * immediate case has no term and is never urgent (30 minutes is as short as it gets).
 */
export function acceptanceTerm(
  f: { kind: AcceptedKind; termDays: number | null; urgent: boolean },
  item: CatalogTerm,
  policy: Pick<CasePolicy, 'petitionDays' | 'urgentTermPercent'>,
): Result<AcceptedTerm, AcceptanceRefusalCode> {
  const bounds = termBounds(f.kind, item, policy);
  if (!bounds.ok) return bounds;
  const b = bounds.value;
  if (b === null) return ok({ termDays: null, standardTermDays: null, urgent: false });
  if (f.urgent && b.urgent === null)
    return refuse('NOT_SHORTER', 'urgent', { standard: b.standard });
  const max = f.urgent ? (b.urgent ?? b.standard) : b.standard;
  const days = f.termDays ?? max;
  if (!Number.isInteger(days) || days < 1)
    return refuse('BAD_TERM', 'termDays', { value: days, min: 1, max });
  if (days > max)
    return refuse(f.urgent ? 'URGENT_TERM_TOO_LONG' : 'TERM_ABOVE_CATALOG', 'termDays', {
      value: days,
      max,
      standard: b.standard,
      unit: b.unit,
    });
  return ok({ termDays: days, standardTermDays: b.standard, urgent: f.urgent });
}
