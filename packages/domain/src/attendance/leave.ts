/**
 * Leave and outing requests (考核内容 4): during hours only with the supervising leader's approval.
 *
 * Rules fixed here: the approver must be exactly the person's supervising leader as recorded in
 * `supervisorOf` (not a leader further up, not a deputy); nobody approves their own request, even a
 * person without a supervisor; a reason is required (blank text is no reason); the range is
 * [from, to) with to > from; an outing must lie within one day's business hours (Asia/Shanghai,
 * season in force that day): open ≤ from and to ≤ close on the same date. Leaves may span days.
 * Checks run in this order: instants, range, reason, self-approval, supervisor, outing hours.
 */
import { hoursOnDay, type Timetable } from '../calendar/business-hours.ts';
import { isInstant, shanghaiDayOf, shanghaiInstantOfDay } from '../calendar/civil.ts';
import { ok, refuse, type Result } from '../shared/result.ts';
import type { AbsenceKind, ApprovedAbsence } from './day.ts';

export interface LeaveRequest {
  readonly staffId: number;
  readonly approverStaffId: number;
  readonly from: number;
  readonly to: number;
  readonly kind: AbsenceKind;
  readonly reason: string;
}

export interface LeaveContext {
  /** staffId → supervising leader's staffId (null: none). */
  readonly supervisorOf: ReadonlyMap<number, number | null>;
  readonly timetable: Timetable;
}

export type LeaveRefusalCode =
  | 'BAD_INSTANT'
  | 'RANGE_REVERSED'
  | 'REASON_REQUIRED'
  | 'SELF_APPROVAL'
  | 'NOT_SUPERVISOR'
  | 'OUTING_NOT_WITHIN_HOURS';

export function checkLeaveRequest(
  req: LeaveRequest,
  ctx: LeaveContext,
): Result<ApprovedAbsence, LeaveRefusalCode> {
  if (!isInstant(req.from)) return refuse('BAD_INSTANT', 'from', { value: req.from });
  if (!isInstant(req.to)) return refuse('BAD_INSTANT', 'to', { value: req.to });
  if (req.to <= req.from) return refuse('RANGE_REVERSED', 'to');
  if (req.reason.trim() === '') return refuse('REASON_REQUIRED', 'reason');
  if (req.approverStaffId === req.staffId) return refuse('SELF_APPROVAL', 'approverStaffId');
  const supervisor = ctx.supervisorOf.get(req.staffId) ?? null;
  if (supervisor !== req.approverStaffId)
    return refuse('NOT_SUPERVISOR', 'approverStaffId', { supervisor });
  if (req.kind === 'outing') {
    const day = shanghaiDayOf(req.from);
    const hours = hoursOnDay(ctx.timetable, day);
    const open = shanghaiInstantOfDay(day, hours.open);
    const close = shanghaiInstantOfDay(day, hours.close);
    if (req.from < open || req.to > close)
      return refuse('OUTING_NOT_WITHIN_HOURS', 'to', { open, close });
  }
  return ok({ from: req.from, to: req.to, kind: req.kind });
}
