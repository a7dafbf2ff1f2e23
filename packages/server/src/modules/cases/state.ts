import {
  bounceCount,
  caseDeadline,
  type AcceptedKind,
  type CaseState,
  type CaseStatus,
  type TermContext,
} from '@bianmin/domain';
import type { Selectable } from 'kysely';
import type { CasesTable, StoredHandover, StoredPause } from '../../db/schema.ts';
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
    urgent: row.urgent,
    extension: row.extension && { ...row.extension, at: Date.parse(row.extension.at) },
    pauses: row.pauses.map((p) => ({
      from: Date.parse(p.from),
      to: p.to === null ? null : Date.parse(p.to),
      reason: p.reason,
      note: p.note,
    })),
    submission: row.submission && { ...row.submission, at: Date.parse(row.submission.at) },
    closedAt: ms(row.closed_at),
  };
}

/**
 * The columns a state stores, with what follows from it: the deadline and yellow instant as of
 * `now` (so lists and the board are plain SQL), whether it finished on time, the bounce count.
 */
export function columnsOf(state: CaseState, ctx: TermContext, now: number) {
  const d = caseDeadline(state, ctx, state.closedAt ?? now);
  if (!d.ok) throw new AppError(d.code === 'DATE_OUT_OF_RANGE' ? 'DATE_OUT_OF_RANGE' : 'BAD_TERM');
  const deadline = d.value;
  const handovers: StoredHandover[] = state.handovers.map((h) => ({
    at: iso(h.at),
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
    urgent: state.urgent,
    extension: JSON.stringify(
      state.extension && { ...state.extension, at: iso(state.extension.at) },
    ),
    pauses: JSON.stringify(pauses),
    submission: JSON.stringify(
      state.submission && { ...state.submission, at: iso(state.submission.at) },
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
