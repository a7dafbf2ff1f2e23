/**
 * Extension requests (延期申请) and urging (催办), issue 11; decision 0016.
 *
 * The one extension of a term (行政许可法 第四十二条, `extend`) is asked for by the person holding
 * the case and given by a leader who may approve extensions: the holder files a request (days,
 * reason) while the term runs; the approver approves it — the extension then counts as granted at
 * the request's instant, so the approver's delay never defeats a request filed in time — or refuses
 * it with a reason; the holder may withdraw it while it waits. One request waits at a time.
 *
 * Urging: a leader presses the holder of an open case; each urge is recorded and counted.
 */
import { ok, refuse, type Result } from '../shared/result.ts';
import { holdsOrOversees, type CaseActor } from './actors.ts';
import { isOpen, type CasePolicy, type CaseState, type Holder } from './model.ts';
import { caseDeadline, type TermContext } from './term.ts';
import { extend, type CaseRefusalCode } from './transitions.ts';

export const EXTENSION_REQUEST_STATUSES = ['pending', 'approved', 'refused', 'withdrawn'] as const;
export type ExtensionRequestStatus = (typeof EXTENSION_REQUEST_STATUSES)[number];

export const EXTENSION_DECISIONS = ['approve', 'refuse'] as const;
export type ExtensionDecisionKind = (typeof EXTENSION_DECISIONS)[number];

/** A request as the rules see it. */
export interface ExtensionRequestFacts {
  readonly status: ExtensionRequestStatus;
  readonly requestedAt: number;
  /** The staff member who asked (the holder at the time). */
  readonly requestedByStaffId: number | null;
  readonly days: number;
  readonly reason: string;
}

/** Who asks: the signed-in person as far as holding a case goes. */
export type ExtensionRequester = Pick<CaseActor, 'staffId' | 'businessSection'>;

export type ExtensionRequestRefusalCode =
  | CaseRefusalCode
  | 'EXTENSION_NOT_HOLDER'
  | 'EXTENSION_PENDING'
  | 'EXTENSION_REASON_REQUIRED'
  | 'EXTENSION_REQUEST_TOO_LATE'
  | 'EXTENSION_REQUEST_DECIDED'
  | 'EXTENSION_CASE_CLOSED'
  | 'EXTENSION_NOT_REQUESTER'
  | 'NOT_APPROVER'
  | 'SELF_EXTENSION_APPROVAL'
  | 'DECISION_REASON_REQUIRED';

/** Longest extension the case may get: working days, calendar days for a petition; null: none. */
export function extensionMaxDays(
  state: Pick<CaseState, 'acceptedKind'>,
  policy: CasePolicy,
): number | null {
  switch (state.acceptedKind) {
    case null:
    case 'immediate':
      return null;
    case 'petition':
      return policy.petitionExtensionMaxDays;
    case 'promised':
    case 'reported':
      return policy.extensionMaxWorkingDays;
  }
}

/**
 * Whether `who` holds the case in person: its staff holder, or (a joint case at the business
 * section) a member of the section. Unlike the commands, the director does not stand in: the request
 * is the holder's own account of why the time is not enough.
 */
export function holdsInPerson(holder: Holder, who: ExtensionRequester): boolean {
  return holdsOrOversees(holder, { ...who, director: false, approver: false });
}

/** What the new deadline would be, as the request form shows it. */
export interface ExtensionPreview {
  /** The longest extension allowed. */
  readonly maxDays: number;
  /** The deadline now. */
  readonly deadlineAt: number;
  /** The deadline after an extension of the asked days. */
  readonly newDeadlineAt: number;
}

/**
 * A request the holder files at `at`: the holder in person; no other request waiting; a reason;
 * and the case must allow the extension right now — running, not immediate, not extended before,
 * within its term, the days within the policy (the checks of `extend` itself).
 */
export function checkExtensionRequest(
  state: CaseState,
  f: { at: number; days: number; reason: string; requester: ExtensionRequester; pending: boolean },
  ctx: TermContext,
): Result<ExtensionPreview, ExtensionRequestRefusalCode> {
  if (!holdsInPerson(state.holder, f.requester)) return refuse('EXTENSION_NOT_HOLDER');
  if (f.pending) return refuse('EXTENSION_PENDING');
  const tried = extend(state, { at: f.at, days: f.days, approverName: '', reason: f.reason }, ctx);
  if (!tried.ok)
    return tried.code === 'EXTEND_TOO_LATE'
      ? refuse('EXTENSION_REQUEST_TOO_LATE', undefined, tried.details)
      : tried;
  if (f.reason.trim() === '') return refuse('EXTENSION_REASON_REQUIRED', 'reason');
  const before = caseDeadline(state, ctx, f.at);
  const after = caseDeadline(tried.value, ctx, f.at);
  if (!before.ok) return before;
  if (!after.ok) return after;
  return ok({
    maxDays: extensionMaxDays(state, ctx.policy) ?? 0,
    deadlineAt: before.value?.at ?? f.at,
    newDeadlineAt: after.value?.at ?? f.at,
  });
}

/** What the case page offers the holder: may a request be filed now, and what each length gives. */
export type ExtensionOutlook =
  | {
      readonly canRequest: true;
      readonly maxDays: number;
      readonly deadlineAt: number;
      /** The deadline after 1, 2 … maxDays days. */
      readonly previews: readonly { readonly days: number; readonly deadlineAt: number }[];
    }
  | { readonly canRequest: false; readonly code: ExtensionRequestRefusalCode };

export function extensionOutlook(
  state: CaseState,
  f: { at: number; requester: ExtensionRequester; pending: boolean },
  ctx: TermContext,
): ExtensionOutlook {
  const max = extensionMaxDays(state, ctx.policy) ?? 0;
  const previews: { days: number; deadlineAt: number }[] = [];
  let deadlineAt = f.at;
  for (let days = 1; days <= Math.max(max, 1); days++) {
    const r = checkExtensionRequest(state, { ...f, days, reason: '—' }, ctx);
    if (!r.ok) return { canRequest: false, code: r.code };
    deadlineAt = r.value.deadlineAt;
    previews.push({ days, deadlineAt: r.value.newDeadlineAt });
  }
  return { canRequest: true, maxDays: max, deadlineAt, previews };
}

/**
 * Who may decide a request: one who may approve extensions (`actor.approver`), never on his or her
 * own request.
 */
export function checkExtensionDecider(
  actor: Pick<CaseActor, 'staffId' | 'approver'>,
  req: Pick<ExtensionRequestFacts, 'requestedByStaffId'>,
): Result<true, 'NOT_APPROVER' | 'SELF_EXTENSION_APPROVAL'> {
  if (!actor.approver) return refuse('NOT_APPROVER');
  if (actor.staffId !== null && actor.staffId === req.requestedByStaffId)
    return refuse('SELF_EXTENSION_APPROVAL');
  return ok(true);
}

/**
 * Approving: the case gets the extension asked for, judged as of the request's instant (a request
 * filed within the term is not defeated by a late decision). A case closed meanwhile gets nothing.
 * The extension records both instants: when it was approved (`at`) and when it was asked for.
 */
export function approveExtension(
  state: CaseState,
  req: ExtensionRequestFacts,
  f: { at: number; approverName: string },
  ctx: TermContext,
): Result<CaseState, ExtensionRequestRefusalCode> {
  if (req.status !== 'pending')
    return refuse('EXTENSION_REQUEST_DECIDED', undefined, { status: req.status });
  if (!isOpen(state.status))
    return refuse('EXTENSION_CASE_CLOSED', undefined, { status: state.status });
  const next = extend(
    state,
    { at: req.requestedAt, days: req.days, approverName: f.approverName, reason: req.reason },
    ctx,
  );
  if (!next.ok) return next;
  const granted = next.value.extension;
  if (granted === null) return refuse('CASE_STATE');
  return ok({
    ...next.value,
    extension: { ...granted, at: Math.max(f.at, req.requestedAt), requestedAt: req.requestedAt },
  });
}

/** Refusing needs a reason the holder can read; only a waiting request is decided. */
export function checkExtensionRefusal(
  req: Pick<ExtensionRequestFacts, 'status'>,
  f: { reason: string },
): Result<true, 'EXTENSION_REQUEST_DECIDED' | 'DECISION_REASON_REQUIRED'> {
  if (req.status !== 'pending')
    return refuse('EXTENSION_REQUEST_DECIDED', undefined, { status: req.status });
  if (f.reason.trim() === '') return refuse('DECISION_REASON_REQUIRED', 'reason');
  return ok(true);
}

/** Withdrawing: the one who asked, while the request waits. */
export function checkExtensionWithdrawal(
  req: Pick<ExtensionRequestFacts, 'status' | 'requestedByStaffId'>,
  f: { staffId: number | null },
): Result<true, 'EXTENSION_REQUEST_DECIDED' | 'EXTENSION_NOT_REQUESTER'> {
  if (f.staffId === null || f.staffId !== req.requestedByStaffId)
    return refuse('EXTENSION_NOT_REQUESTER');
  if (req.status !== 'pending')
    return refuse('EXTENSION_REQUEST_DECIDED', undefined, { status: req.status });
  return ok(true);
}

// ── 催办 ────────────────────────────────────────────────────────────────────

/**
 * A case may be urged while it is still someone's work (open: running, paused, with the higher
 * authority, or a petition awaiting the decision to accept); a closed case is not.
 */
export function checkUrge(state: Pick<CaseState, 'status'>): Result<true, 'URGE_CASE_CLOSED'> {
  return isOpen(state.status)
    ? ok(true)
    : refuse('URGE_CASE_CLOSED', undefined, { status: state.status });
}

/** How often each case was urged, and when last. */
export function urgeCounts(
  urges: readonly { readonly caseId: number; readonly at: number }[],
): Map<number, { count: number; lastAt: number }> {
  const counts = new Map<number, { count: number; lastAt: number }>();
  for (const u of urges) {
    const c = counts.get(u.caseId);
    counts.set(u.caseId, {
      count: (c?.count ?? 0) + 1,
      lastAt: Math.max(c?.lastAt ?? u.at, u.at),
    });
  }
  return counts;
}
