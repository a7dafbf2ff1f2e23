/**
 * The case state machine. Each command is a function of the case and the facts of the moment
 * (including "now" and, where a term is involved, the center's calendar) returning the new case or
 * a typed refusal. Which command may run in which status is one table, `ALLOWED_FROM`.
 */
import { shanghaiDateOf } from '../calendar/civil.ts';
import { isIsoDate } from '../calendar/civil.ts';
import { ok, refuse, type Refusal, type Result } from '../shared/result.ts';
import { acceptanceTerm, type AcceptanceRefusalCode } from './acceptance.ts';
import {
  OPEN_STATUSES,
  type AcceptedKind,
  type AuthorityResult,
  type CaseState,
  type CaseStatus,
  type CatalogTerm,
  type HandoverMethod,
  type Holder,
  type NoticeType,
  type PauseReason,
} from './model.ts';
import {
  caseDeadline,
  clockStart,
  supplementDue,
  type TermContext,
  type TermRefusalCode,
} from './term.ts';

export const CASE_COMMANDS = [
  'handOver',
  'answer',
  'requestSupplement',
  'return',
  'accept',
  'pause',
  'resume',
  'extend',
  'expedite',
  'submit',
  'recordOutcome',
  'complete',
] as const;
export type CaseCommand = (typeof CASE_COMMANDS)[number];

/** The transition table: the statuses each command may start from. */
export const ALLOWED_FROM: Record<CaseCommand, readonly CaseStatus[]> = {
  // A case goes to the window that can do it, whenever that turns out (首问负责): while it is open.
  handOver: OPEN_STATUSES,
  answer: ['received'],
  requestSupplement: ['received'],
  return: ['received', 'awaiting_materials', 'in_progress', 'paused', 'with_authority'],
  accept: ['received', 'awaiting_materials'],
  pause: ['in_progress'],
  resume: ['paused'],
  extend: ['in_progress', 'paused'],
  expedite: ['in_progress'],
  submit: ['in_progress'],
  recordOutcome: ['with_authority'],
  complete: ['in_progress', 'paused', 'with_authority'],
};

/** The notice a command issues to the applicant, if any. */
export function noticeOf(command: CaseCommand, kind: AcceptedKind | null): NoticeType | null {
  switch (command) {
    case 'answer':
      return 'inquiry';
    case 'requestSupplement':
      return 'supplement';
    case 'return':
      return 'returned';
    case 'accept':
      return kind;
    case 'extend':
      return 'extension';
    case 'handOver':
    case 'pause':
    case 'resume':
    case 'expedite':
    case 'submit':
    case 'recordOutcome':
    case 'complete':
      return null;
  }
}

export type CaseRefusalCode =
  | 'CASE_STATE'
  | 'SUPPLEMENT_TOO_LATE'
  | 'HANDOVER_TO_HOLDER'
  | 'BAD_TERM'
  | 'NOT_FOR_IMMEDIATE'
  | 'ALREADY_EXTENDED'
  | 'EXTEND_TOO_LATE'
  | 'PAUSE_TOO_LATE'
  | 'EXTENSION_TOO_LONG'
  | 'NOT_SHORTER'
  | 'EXPEDITE_TOO_LATE'
  | 'NOT_REPORTED'
  | 'BAD_DUE_DATE'
  | 'OUTCOME_RECORDED'
  | 'OUTCOME_REQUIRED'
  | AcceptanceRefusalCode
  | TermRefusalCode;

type Step = Result<CaseState, CaseRefusalCode>;

function refuseState(state: CaseState, command: CaseCommand): Refusal<'CASE_STATE'> {
  return refuse('CASE_STATE', undefined, { status: state.status, command });
}
const allowed = (state: CaseState, command: CaseCommand) =>
  ALLOWED_FROM[command].includes(state.status);

/** The pauses with an ongoing one ended at `at`. */
const closePauses = (state: CaseState, at: number) =>
  state.pauses.map((p) => (p.to === null ? { ...p, to: Math.max(p.from, at) } : p));

/**
 * A new case: a visitor received by a staff member at a window, not yet classified. A petition
 * matter (the item's kind) starts the time to decide whether to accept it.
 */
export function receive(input: {
  at: number;
  staffId: number | null;
  windowId: number | null;
  petition?: boolean;
}): CaseState {
  return {
    status: 'received',
    acceptedKind: null,
    receivedAt: input.at,
    firstResponderStaffId: input.staffId,
    holder: { staffId: input.staffId, windowId: input.windowId, businessSection: false },
    handovers: [],
    supplementAt: null,
    acceptedAt: null,
    clockStartAt: null,
    deemedAccepted: false,
    termDays: null,
    standardTermDays: null,
    urgent: false,
    petition: input.petition ?? false,
    petitionDecision: null,
    extension: null,
    pauses: [],
    submission: null,
    closedAt: null,
  };
}

const sameHolder = (a: Holder, b: Holder) =>
  a.businessSection === b.businessSection && a.staffId === b.staffId;

/**
 * 首问负责: the case goes to another window (escorted, or settled by phone) or to the business section,
 * at any time while it is open. `byStaffId` is who did it: the holder, or the director for the holder.
 */
export function handOver(
  state: CaseState,
  f: { at: number; to: Holder; method: HandoverMethod; note: string; byStaffId: number | null },
): Step {
  if (!allowed(state, 'handOver')) return refuseState(state, 'handOver');
  if (sameHolder(state.holder, f.to)) return refuse('HANDOVER_TO_HOLDER', 'toStaffId');
  return ok({
    ...state,
    holder: f.to,
    handovers: [
      ...state.handovers,
      {
        at: f.at,
        byStaffId: f.byStaffId,
        fromStaffId: state.holder.staffId,
        fromWindowId: state.holder.windowId,
        to: f.to,
        method: f.method,
        note: f.note,
      },
    ],
  });
}

/**
 * How often a case bounced between windows: hand-overs that moved it to a different window (or to
 * the business section and back count as two).
 */
export function bounceCount(state: Pick<CaseState, 'handovers'>): number {
  return state.handovers.filter(
    (h) => h.to.businessSection || h.fromWindowId === null || h.to.windowId !== h.fromWindowId,
  ).length;
}

/** An inquiry (咨询件) answered on the spot: closed, with its notice. */
export function answer(state: CaseState, f: { at: number }): Step {
  if (!allowed(state, 'answer')) return refuseState(state, 'answer');
  return ok({ ...state, status: 'answered', closedAt: f.at });
}

/**
 * Papers incomplete (补充件): the notice lists every missing paper at once. It is due within the
 * supplement period after receipt; later, the case already counts as accepted (art. 32).
 */
export function requestSupplement(state: CaseState, f: { at: number }, ctx: TermContext): Step {
  if (!allowed(state, 'requestSupplement')) return refuseState(state, 'requestSupplement');
  const due = supplementDue(state.receivedAt, ctx);
  if (!due.ok) return due;
  if (f.at > due.value.at)
    return refuse('SUPPLEMENT_TOO_LATE', undefined, { dueAt: due.value.at, date: due.value.date });
  return ok({ ...state, status: 'awaiting_materials', supplementAt: f.at });
}

/** The decision on a petition, made now when it is still pending. */
const decided = (state: CaseState, at: number, accepted: boolean) =>
  state.petition && state.petitionDecision === null ? { at, accepted } : state.petitionDecision;

/**
 * Returned (退回件), with written reasons: closed; an ongoing pause ends. For a petition not yet
 * accepted this is the decision not to accept it.
 */
export function returnCase(state: CaseState, f: { at: number }): Step {
  if (!allowed(state, 'return')) return refuseState(state, 'return');
  return ok({
    ...state,
    status: 'returned',
    pauses: closePauses(state, f.at),
    closedAt: f.at,
    petitionDecision: decided(state, f.at, false),
  });
}

/**
 * Formal acceptance (受理件). Immediate cases count 30 minutes; promised and reported cases a term
 * of working days; petitions calendar days — within what the catalog allows (`acceptanceTerm`):
 * the kind the item is, a term no longer than the catalog's, shorter when urgent. The term starts
 * now, or on the day of receipt when no supplement notice came in time (art. 32). For a petition
 * this is also the decision to accept it.
 */
export function accept(
  state: CaseState,
  f: {
    at: number;
    kind: AcceptedKind;
    /** What the clerk asked for; null: the catalog's term (the urgent term when urgent). */
    termDays: number | null;
    urgent: boolean;
    item: CatalogTerm;
  },
  ctx: TermContext,
): Step {
  if (!allowed(state, 'accept')) return refuseState(state, 'accept');
  const term = acceptanceTerm(f, f.item, ctx.policy);
  if (!term.ok) return term;
  const start = clockStart(state, f.at, ctx);
  if (!start.ok) return start;
  const next: CaseState = {
    ...state,
    status: 'in_progress',
    acceptedKind: f.kind,
    acceptedAt: f.at,
    clockStartAt: start.value.at,
    deemedAccepted: start.value.deemed,
    ...term.value,
    petitionDecision: decided(state, f.at, true),
  };
  const check = caseDeadline(next, ctx, f.at);
  return check.ok ? ok(next) : check;
}

/** Refuses when the case is already past its deadline at `at` (nothing can stop a clock that ran out). */
function pastDeadline<C extends 'EXTEND_TOO_LATE' | 'PAUSE_TOO_LATE'>(
  state: CaseState,
  at: number,
  ctx: TermContext,
  code: C,
): Refusal<C | TermRefusalCode> | undefined {
  const d = caseDeadline(state, ctx, at);
  if (!d.ok) return d;
  if (d.value !== null && at > d.value.at) return refuse(code, undefined, { deadline: d.value.at });
  return undefined;
}

/**
 * Time that does not count starts (hearing, testing, expert review, waiting for the applicant). Only
 * within the term: an overdue case cannot be paused into looking on time.
 */
export function pause(
  state: CaseState,
  f: { at: number; reason: PauseReason; note: string },
  ctx: TermContext,
): Step {
  if (!allowed(state, 'pause')) return refuseState(state, 'pause');
  if (state.acceptedKind === 'immediate') return refuse('NOT_FOR_IMMEDIATE');
  const late = pastDeadline(state, f.at, ctx, 'PAUSE_TOO_LATE');
  if (late) return late;
  return ok({
    ...state,
    status: 'paused',
    pauses: [...state.pauses, { from: f.at, to: null, reason: f.reason, note: f.note }],
  });
}

/** The clock runs again. */
export function resume(state: CaseState, f: { at: number }): Step {
  if (!allowed(state, 'resume')) return refuseState(state, 'resume');
  return ok({ ...state, status: 'in_progress', pauses: closePauses(state, f.at) });
}

/**
 * The one extension of a term (延期), approved by a leader with written reasons: at most the
 * policy's working days, or for a petition its calendar days; only within the term (art. 42: the
 * extension is decided before the term runs out, so an overdue case stays overdue).
 */
export function extend(
  state: CaseState,
  f: { at: number; days: number; approverName: string; reason: string },
  ctx: TermContext,
): Step {
  if (!allowed(state, 'extend')) return refuseState(state, 'extend');
  if (state.acceptedKind === 'immediate') return refuse('NOT_FOR_IMMEDIATE');
  if (state.extension !== null) return refuse('ALREADY_EXTENDED');
  const late = pastDeadline(state, f.at, ctx, 'EXTEND_TOO_LATE');
  if (late) return late;
  const max =
    state.acceptedKind === 'petition'
      ? ctx.policy.petitionExtensionMaxDays
      : ctx.policy.extensionMaxWorkingDays;
  if (!Number.isInteger(f.days) || f.days < 1 || f.days > max)
    return refuse('EXTENSION_TOO_LONG', 'days', { value: f.days, max });
  const next: CaseState = {
    ...state,
    extension: { at: f.at, days: f.days, approverName: f.approverName, reason: f.reason },
  };
  const check = caseDeadline(next, ctx, f.at);
  return check.ok ? ok(next) : check;
}

/**
 * 急事急办，特事特办: a shorter term. The new deadline must still lie ahead, or the case would be
 * overdue the moment it was made urgent.
 */
export function expedite(
  state: CaseState,
  f: { at: number; termDays: number },
  ctx: TermContext,
): Step {
  if (!allowed(state, 'expedite')) return refuseState(state, 'expedite');
  if (state.acceptedKind === 'immediate') return refuse('NOT_FOR_IMMEDIATE');
  const current = state.termDays ?? 0;
  if (!Number.isInteger(f.termDays) || f.termDays < 1 || f.termDays >= current)
    return refuse('NOT_SHORTER', 'termDays', { value: f.termDays, current });
  const next: CaseState = { ...state, termDays: f.termDays, urgent: true };
  const d = caseDeadline(next, ctx, f.at);
  if (!d.ok) return d;
  if (d.value === null || d.value.at <= f.at)
    return refuse('EXPEDITE_TOO_LATE', 'termDays', { deadline: d.value?.at ?? null });
  return ok(next);
}

/** A reported case (上报件) goes to the higher authority, whose own due date is tracked. */
export function submit(
  state: CaseState,
  f: { at: number; authority: string; dueDate: string },
): Step {
  if (!allowed(state, 'submit')) return refuseState(state, 'submit');
  if (state.acceptedKind !== 'reported') return refuse('NOT_REPORTED');
  if (!isIsoDate(f.dueDate) || f.dueDate < shanghaiDateOf(f.at))
    return refuse('BAD_DUE_DATE', 'dueDate', { value: f.dueDate });
  return ok({
    ...state,
    status: 'with_authority',
    submission: { at: f.at, authority: f.authority, dueDate: f.dueDate, outcome: null },
  });
}

/**
 * The higher authority answered a reported case: approved, refused or something else, with a note
 * (the document number, what it asks). Once; the case stays with the authority until completed.
 */
export function recordOutcome(
  state: CaseState,
  f: { at: number; result: AuthorityResult; note: string },
): Step {
  if (!allowed(state, 'recordOutcome')) return refuseState(state, 'recordOutcome');
  const submission = state.submission;
  if (submission === null) return refuse('NOT_REPORTED');
  if (submission.outcome !== null) return refuse('OUTCOME_RECORDED');
  return ok({
    ...state,
    submission: { ...submission, outcome: { at: f.at, result: f.result, note: f.note } },
  });
}

/**
 * Completed (办结) with its result: closed; an ongoing pause ends. A reported case is completed only
 * once the higher authority's answer is recorded.
 */
export function complete(state: CaseState, f: { at: number }): Step {
  if (!allowed(state, 'complete')) return refuseState(state, 'complete');
  if (state.acceptedKind === 'reported' && !state.submission?.outcome)
    return refuse('OUTCOME_REQUIRED');
  return ok({ ...state, status: 'completed', pauses: closePauses(state, f.at), closedAt: f.at });
}

/**
 * Whether a closed accepted case finished within its term (pauses and extension counted). `null`
 * for cases that never ran a term.
 */
export function finishedOnTime(
  state: CaseState,
  ctx: TermContext,
): Result<boolean | null, TermRefusalCode> {
  if (state.closedAt === null || state.clockStartAt === null) return ok(null);
  const d = caseDeadline(state, ctx, state.closedAt);
  if (!d.ok) return d;
  return ok(d.value === null ? null : state.closedAt <= d.value.at);
}
