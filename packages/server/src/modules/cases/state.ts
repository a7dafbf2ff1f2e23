import {
  awaitedOf,
  bounceCount,
  caseDeadline,
  type AcceptedKind,
  type CaseState,
  type CaseStatus,
  type Extension,
  type TermContext,
} from '@bianmin/domain';
import type { Selectable } from 'kysely';
import type { CasesTable, StoredExtension, StoredHandover, StoredPause } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';

export type CaseRow = Selectable<CasesTable>;

const ms = (d: Date | null) => (d === null ? null : d.getTime());
const iso = (n: number) => new Date(n).toISOString();
const isoOrNull = (n: number | null) => (n === null ? null : iso(n));

/** A stored case as the domain's state machine sees it. */
export function stateOf(row: CaseRow): CaseState {
  return {
    status: row.status as CaseStatus,
    acceptedKind: row.accepted_kind as AcceptedKind | null,
    receivedAt: row.received_at.getTime(),
    firstResponderStaffId: row.first_responder_staff_id,
    holder: {
      staffId: row.holder_staff_id,
      windowId: row.window_id,
      businessSection: row.at_business_section,
    },
    handovers: row.handovers.map((h) => ({
      at: Date.parse(h.at),
      // Hand-overs stored before 0010 were all done by their holder.
      byStaffId: h.byStaffId === undefined ? h.fromStaffId : h.byStaffId,
      fromStaffId: h.fromStaffId,
      fromWindowId: h.fromWindowId,
      to: { staffId: h.toStaffId, windowId: h.toWindowId, businessSection: h.toBusinessSection },
      method: h.method,
      note: h.note,
    })),
    supplementAt: ms(row.supplement_at),
    acceptedAt: ms(row.accepted_at),
    clockStartAt: ms(row.clock_start_at),
    deemedAccepted: row.deemed_accepted,
    termDays: row.term_days,
    standardTermDays: row.standard_term_days,
    urgent: row.urgent,
    petition: row.petition,
    petitionDecision: row.petition_decision && {
      at: Date.parse(row.petition_decision.at),
      accepted: row.petition_decision.accepted,
    },
    extension: row.extension && extensionOf(row.extension),
    pauses: row.pauses.map((p) => ({
      from: Date.parse(p.from),
      to: p.to === null ? null : Date.parse(p.to),
      reason: p.reason,
      note: p.note,
    })),
    submission: row.submission && {
      at: Date.parse(row.submission.at),
      authority: row.submission.authority,
      dueDate: row.submission.dueDate,
      outcome: row.submission.outcome
        ? { ...row.submission.outcome, at: Date.parse(row.submission.outcome.at) }
        : null,
    },
    closedAt: ms(row.closed_at),
  };
}

/** A stored extension; one granted on a request also says when it was asked for (0020). */
function extensionOf({ requestedAt, ...e }: StoredExtension): Extension {
  return {
    ...e,
    at: Date.parse(e.at),
    ...(requestedAt === undefined ? {} : { requestedAt: Date.parse(requestedAt) }),
  };
}

const termError = (code: string) =>
  new AppError(code === 'DATE_OUT_OF_RANGE' ? 'DATE_OUT_OF_RANGE' : 'BAD_TERM');

/**
 * The columns a state stores, with what follows from it: the deadline and yellow instant as of
 * `now`, and what the case awaits outside its term with its due and yellow instants (so lists and
 * the board are plain SQL), whether it finished on time, the bounce count.
 */
export function columnsOf(state: CaseState, ctx: TermContext, now: number) {
  const d = caseDeadline(state, ctx, state.closedAt ?? now);
  if (!d.ok) throw termError(d.code);
  const deadline = d.value;
  const w = awaitedOf(state, ctx);
  if (!w.ok) throw termError(w.code);
  const awaited = w.value;
  const handovers: StoredHandover[] = state.handovers.map((h) => ({
    at: iso(h.at),
    byStaffId: h.byStaffId,
    fromStaffId: h.fromStaffId,
    fromWindowId: h.fromWindowId,
    toStaffId: h.to.staffId,
    toWindowId: h.to.windowId,
    toBusinessSection: h.to.businessSection,
    method: h.method,
    note: h.note,
  }));
  const pauses: StoredPause[] = state.pauses.map((p) => ({
    from: iso(p.from),
    to: isoOrNull(p.to),
    reason: p.reason,
    note: p.note,
  }));
  return {
    status: state.status,
    accepted_kind: state.acceptedKind,
    holder_staff_id: state.holder.staffId,
    window_id: state.holder.windowId,
    at_business_section: state.holder.businessSection,
    handovers: JSON.stringify(handovers),
    bounce_count: bounceCount(state),
    supplement_at: isoOrNull(state.supplementAt),
    accepted_at: isoOrNull(state.acceptedAt),
    clock_start_at: isoOrNull(state.clockStartAt),
    deemed_accepted: state.deemedAccepted,
    term_days: state.termDays,
    standard_term_days: state.standardTermDays,
    urgent: state.urgent,
    petition: state.petition,
    petition_decision: JSON.stringify(
      state.petitionDecision && { ...state.petitionDecision, at: iso(state.petitionDecision.at) },
    ),
    awaiting: awaited?.what ?? null,
    awaiting_due_at: awaited && iso(awaited.due.at),
    awaiting_yellow_at: awaited && iso(awaited.due.yellowAt),
    extension: JSON.stringify(
      state.extension && {
        ...state.extension,
        at: iso(state.extension.at),
        ...(state.extension.requestedAt === undefined
          ? {}
          : { requestedAt: iso(state.extension.requestedAt) }),
      },
    ),
    pauses: JSON.stringify(pauses),
    submission: JSON.stringify(
      state.submission && {
        ...state.submission,
        at: iso(state.submission.at),
        outcome: state.submission.outcome && {
          ...state.submission.outcome,
          at: iso(state.submission.outcome.at),
        },
      },
    ),
    deadline_at: deadline && iso(deadline.at),
    yellow_at: deadline && iso(deadline.yellowAt),
    deadline_provisional: deadline?.provisional ?? false,
    missing_years: JSON.stringify(deadline?.missingYears ?? []),
    closed_at: isoOrNull(state.closedAt),
    on_time:
      state.closedAt !== null && deadline !== null && state.status === 'completed'
        ? state.closedAt <= deadline.at
        : null,
  };
}
