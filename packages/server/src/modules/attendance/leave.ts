import type {
  LeaveRequest,
  approveLeaveBody,
  cancelLeaveBody,
  createLeaveBody,
  rejectLeaveBody,
} from '@bianmin/contracts';
import { checkLeaveRequest, type Refusal } from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { checkVersion } from '../../audit/change.ts';
import { write, type Actor } from '../../audit/write.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, refusalError } from '../../http/errors.ts';
import { loadTermContext } from '../cases/term-context.ts';
import * as inbox from '../inbox/hooks.ts';
import { ATTENDANCE_LABELS, attendanceFieldError } from './repository.ts';

type Db = Kysely<Database>;

/**
 * Leave (因公 / 因私) and outings during hours (中途外出). Decisions:
 * - A request is for the signed-in user's own staff record. Its approver is the person's supervising
 *   leader at the time of the request (stored on it); a person without one is refused
 *   (NO_SUPERVISOR) — nobody approves their own request.
 * - The request is checked with `checkLeaveRequest` when filed (reason, range, outing within one
 *   day's business hours) and again at approval, with the stored approver as the supervisor:
 *   only that person may approve or reject (not the requester, not another leader).
 * - A request may be filed for a past time (补请假): approval is the control, not the filing time.
 * - A request may not overlap another pending or approved request of the same person.
 * - Decided requests (approved, rejected, cancelled) are final (database trigger); only the requester
 *   cancels, and only while pending. A rejection needs a reason.
 */

const requests = (db: Db) =>
  db
    .selectFrom('leave_requests as l')
    .innerJoin('staff as s', 's.id', 'l.staff_id')
    .innerJoin('staff as a', 'a.id', 'l.approver_staff_id')
    .selectAll('l')
    .select(['s.name as staff_name', 'a.name as approver_name']);

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof requests>['executeTakeFirst']>>>;

const view = (r: Row): LeaveRequest => ({
  id: r.id,
  centerId: r.center_id,
  staffId: r.staff_id,
  staffName: r.staff_name,
  approverStaffId: r.approver_staff_id,
  approverName: r.approver_name,
  kind: r.kind,
  from: r.from_at.toISOString(),
  to: r.to_at.toISOString(),
  reason: r.reason,
  status: r.status,
  requestedAt: r.requested_at.toISOString(),
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at?.toISOString() ?? null,
  decisionNote: r.decision_note,
  version: r.version,
});

/** A domain refusal: about an input field (from, to, reason), or about who decides (no field). */
function refused(r: Refusal): never {
  throw refusalError(r, { labels: ATTENDANCE_LABELS, onField: r.field !== 'approverStaffId' });
}

async function getRow(db: Db, id: number, lock = false) {
  const q = requests(db).where('l.id', '=', id);
  return (lock ? q.forUpdate('l') : q).executeTakeFirst();
}

export async function create(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  body: z.infer<typeof createLeaveBody>,
): Promise<LeaveRequest> {
  if (user.staffId === null) throw new AppError('NO_STAFF_FOR_ATTENDANCE');
  const staffId = user.staffId;
  const id = await write(deps.db, deps.clock, actor, async (tx, audit) => {
    const staff = await tx
      .selectFrom('staff')
      .select(['id', 'center_id', 'supervisor_id'])
      .where('id', '=', staffId)
      .forUpdate()
      .executeTakeFirst();
    if (!staff || staff.center_id !== user.centerId) throw new AppError('NO_STAFF_FOR_ATTENDANCE');
    const from = Date.parse(body.from);
    const to = Date.parse(body.to);
    if (to <= from) throw attendanceFieldError('RANGE_REVERSED', 'to');
    if (body.reason.trim() === '') throw attendanceFieldError('REASON_REQUIRED', 'reason');
    if (staff.supervisor_id === null) throw new AppError('NO_SUPERVISOR');
    const { tt } = await loadTermContext(tx, staff.center_id);
    const checked = checkLeaveRequest(
      {
        staffId,
        approverStaffId: staff.supervisor_id,
        from,
        to,
        kind: body.kind,
        reason: body.reason,
      },
      { supervisorOf: new Map([[staffId, staff.supervisor_id]]), timetable: tt },
    );
    if (!checked.ok) refused(checked);
    const overlap = await tx
      .selectFrom('leave_requests')
      .select('id')
      .where('staff_id', '=', staffId)
      .where('status', 'in', ['pending', 'approved'])
      .where('from_at', '<', new Date(to))
      .where('to_at', '>', new Date(from))
      .executeTakeFirst();
    if (overlap) throw new AppError('LEAVE_OVERLAP', { details: { requestId: overlap.id } });
    const now = deps.clock.now();
    const row = await tx
      .insertInto('leave_requests')
      .values({
        center_id: staff.center_id,
        staff_id: staffId,
        approver_staff_id: staff.supervisor_id,
        kind: body.kind,
        from_at: new Date(from),
        to_at: new Date(to),
        reason: body.reason,
        requested_by_user_id: user.id,
        requested_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      centerId: staff.center_id,
      action: 'leave.create',
      entityType: 'leave_request',
      entityId: row.id,
      before: null,
      after: row,
    });
    await inbox.leaveRequested(tx, audit, now, row, user.id);
    return row.id;
  });
  return view((await getRow(deps.db, id))!);
}

export async function mine(deps: Deps, user: SessionUser) {
  if (user.staffId === null) return { items: [] };
  const rows = await requests(deps.db)
    .where('l.staff_id', '=', user.staffId)
    .orderBy('l.from_at', 'desc')
    .limit(200)
    .execute();
  return { items: rows.map(view) };
}

/** Requests the user is the approver of: pending ones first, then the last decided ones. */
export async function awaitingMe(deps: Deps, user: SessionUser) {
  if (user.staffId === null) return { items: [] };
  const rows = await requests(deps.db)
    .where('l.approver_staff_id', '=', user.staffId)
    .orderBy('l.from_at', 'desc')
    .limit(200)
    .execute();
  const order = (r: Row) => (r.status === 'pending' ? 0 : 1);
  return { items: rows.sort((a, b) => order(a) - order(b)).map(view) };
}

type Decision =
  | { kind: 'approve'; body: z.infer<typeof approveLeaveBody> }
  | { kind: 'reject'; body: z.infer<typeof rejectLeaveBody> };

export async function decide(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  d: Decision,
): Promise<LeaveRequest> {
  await write(deps.db, deps.clock, actor, async (tx, audit) => {
    const found = await getRow(tx, id, true);
    if (!found || found.center_id !== user.centerId) throw new AppError('NOT_FOUND');
    // Who decides comes first: the requester and other leaders are refused whatever they send.
    if (found.staff_id === user.staffId) throw new AppError('SELF_APPROVAL');
    if (found.approver_staff_id !== user.staffId) throw new AppError('NOT_SUPERVISOR');
    const row = checkVersion(found, d.body.version, () => true);
    if (row.status !== 'pending') throw new AppError('LEAVE_STATE');
    const { tt } = await loadTermContext(tx, row.center_id);
    const checked = checkLeaveRequest(
      {
        staffId: row.staff_id,
        approverStaffId: user.staffId ?? -1,
        from: row.from_at.getTime(),
        to: row.to_at.getTime(),
        kind: row.kind,
        reason: row.reason,
      },
      { supervisorOf: new Map([[row.staff_id, row.approver_staff_id]]), timetable: tt },
    );
    if (!checked.ok) refused(checked);
    const now = deps.clock.now();
    const after = await tx
      .updateTable('leave_requests')
      .set({
        status: d.kind === 'approve' ? 'approved' : 'rejected',
        decided_by_user_id: user.id,
        decided_by_name: user.displayName,
        decided_at: now,
        decision_note: d.body.note === '' ? null : d.body.note,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const { staff_name: _s, approver_name: _a, ...before } = row;
    await audit({
      centerId: row.center_id,
      action: d.kind === 'approve' ? 'leave.approve' : 'leave.reject',
      entityType: 'leave_request',
      entityId: id,
      before,
      after,
    });
    await inbox.leaveDecided(tx, audit, now, after, { userId: user.id, name: user.displayName });
  });
  return view((await getRow(deps.db, id))!);
}

export async function cancel(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof cancelLeaveBody>,
): Promise<LeaveRequest> {
  await write(deps.db, deps.clock, actor, async (tx, audit) => {
    const found = await getRow(tx, id, true);
    if (!found || found.center_id !== user.centerId) throw new AppError('NOT_FOUND');
    if (found.staff_id !== user.staffId) throw new AppError('NOT_YOUR_REQUEST');
    const row = checkVersion(found, body.version, () => true);
    if (row.status !== 'pending') throw new AppError('LEAVE_STATE');
    const now = deps.clock.now();
    const after = await tx
      .updateTable('leave_requests')
      .set({
        status: 'cancelled',
        decided_by_user_id: user.id,
        decided_by_name: user.displayName,
        decided_at: now,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const { staff_name: _s, approver_name: _a, ...before } = row;
    await audit({
      centerId: row.center_id,
      action: 'leave.cancel',
      entityType: 'leave_request',
      entityId: id,
      before,
      after,
    });
  });
  return view((await getRow(deps.db, id))!);
}
