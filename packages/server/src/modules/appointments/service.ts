import type {
  AppointmentSettings,
  BookingRow as BookingView,
  createBookingBody,
  updateAppointmentSettingsBody,
} from '@bianmin/contracts';
import { formatBookingCode, maskPhone, shanghaiDateOf } from '@bianmin/domain';
import type { z } from 'zod';
import { checkVersion } from '../../audit/change.ts';
import { write, type Actor, type Audit, type Tx } from '../../audit/write.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import {
  auditView,
  bookableItem,
  cancelRow,
  endOf,
  insertBooking,
  markNoShow,
  moveRow,
  policyOf,
  slotsAnswer,
  slotsOf,
} from './booking.ts';
import * as repo from './repository.ts';

// ── Staff ────────────────────────────────────────────────────────────────────────────────────────

export function staffView(row: repo.BookingRow): BookingView {
  return {
    id: row.id,
    code: formatBookingCode(row.code),
    itemId: row.item_id,
    itemCode: row.item_code,
    itemName: row.item_name,
    windowUnitName: row.unit_name,
    date: row.slot_date,
    start: row.slot_start,
    end: endOf(row),
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    applicantName: row.applicant_name,
    phoneMasked: maskPhone(row.phone),
    channel: row.channel,
    status: row.status,
    caseId: row.case_id,
    receiptNo: row.receipt_no,
    note: row.note,
    createdAt: row.created_at.toISOString(),
    createdByName: row.created_by_name,
    closedAt: row.closed_at?.toISOString() ?? null,
    closedByName: row.closed_by_name,
    moves: row.moves,
    version: row.version,
  };
}

export async function staffSlots(deps: Deps, centerId: number, itemId: number) {
  const item = bookableItem(await repo.findItem(deps.db, centerId, { id: itemId }));
  const policy = policyOf(await repo.findSettings(deps.db, centerId));
  return slotsAnswer(
    item,
    policy,
    await slotsOf(deps.db, centerId, item, policy, deps.clock.now()),
  );
}

export async function list(
  deps: Deps,
  centerId: number,
  q: Parameters<typeof repo.listBookings>[2] & { page: number; pageSize: number },
) {
  const { rows, total } = await repo.listBookings(deps.db, centerId, q, q);
  return { items: rows.map(staffView), total };
}

/** A booking that came by phone, letter or e-mail, entered by staff: the same booking as online. */
export async function create(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof createBookingBody>,
): Promise<BookingView> {
  const id = await write(deps.db, deps.clock, actor, async (tx, audit) => {
    const item = bookableItem(await repo.findItem(tx, centerId, { id: body.itemId }));
    return insertBooking(tx, audit, deps, {
      centerId,
      item,
      date: body.date,
      start: body.start,
      name: body.name,
      phone: body.phone,
      channel: body.channel,
      note: body.note,
      byUserId: actor.userId,
      // Lists name the staff member as people know them; the login stays in the audit trail.
      byName: user.displayName,
    });
  });
  return staffView((await repo.getBooking(deps.db, id))!);
}

async function staffChange(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  version: number,
  change: (tx: Tx, audit: Audit, row: repo.BookingRow) => Promise<void>,
): Promise<BookingView> {
  await write(deps.db, deps.clock, actor, async (tx, audit) => {
    const row = checkVersion(await repo.getBooking(tx, id, true), version, (r) =>
      inScope(user, r.center_id),
    );
    await change(tx, audit, row);
  });
  return staffView((await repo.getBooking(deps.db, id))!);
}

export const cancel = (deps: Deps, user: SessionUser, actor: Actor, id: number, version: number) =>
  staffChange(deps, user, actor, id, version, (tx, audit, row) =>
    cancelRow(tx, audit, deps, row, user.displayName),
  );

export const move = (
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: { version: number; date: string; start: string },
) =>
  staffChange(deps, user, actor, id, body.version, (tx, audit, row) =>
    moveRow(tx, audit, deps, row, { date: body.date, start: body.start, channel: row.channel }),
  );

/** Staff record a no-show once the slot is over (the sweep does it later by itself). */
export const noShow = (deps: Deps, user: SessionUser, actor: Actor, id: number, version: number) =>
  staffChange(deps, user, actor, id, version, async (tx, audit, row) => {
    const now = deps.clock.now();
    if (row.status !== 'booked') throw new AppError('BOOKING_CLOSED');
    if (row.ends_at > now) throw new AppError('NOT_YET_NO_SHOW');
    await markNoShow(tx, audit, row, now, user.displayName);
  });

/**
 * At the window the booking becomes the case's intake, in the case's own transaction: first the
 * booking is locked and checked (booked, or a late arrival the same day after a recorded no-show),
 * its mobile filling the case's when the clerk typed none; then it is marked arrived with the case.
 */
export async function bookingForIntake(tx: Tx, centerId: number, bookingId: number, at: Date) {
  const row = await repo.getBooking(tx, bookingId, true);
  if (!row || row.center_id !== centerId) throw fieldError('NOT_FOUND', 'bookingId');
  const lateSameDay = row.status === 'no_show' && row.slot_date === shanghaiDateOf(at.getTime());
  if (row.status !== 'booked' && !lateSameDay) throw fieldError('BOOKING_NOT_BOOKED', 'bookingId');
  return row;
}

export async function arriveWithCase(
  tx: Tx,
  audit: Audit,
  row: repo.BookingRow,
  caseId: number,
  at: Date,
  byName: string,
): Promise<void> {
  await repo.updateBooking(tx, row.id, {
    status: 'arrived',
    case_id: caseId,
    closed_at: at,
    closed_by_name: byName,
  });
  await audit({
    centerId: row.center_id,
    action: 'booking.arrive',
    entityType: 'booking',
    entityId: row.id,
    before: auditView(row),
    after: auditView({ ...row, status: 'arrived', case_id: caseId }),
  });
}

export async function settings(deps: Deps, centerId: number): Promise<AppointmentSettings> {
  const [s, windows] = await Promise.all([
    repo.getSettings(deps.db, centerId),
    repo.windowCapacities(deps.db, centerId),
  ]);
  return {
    slotMinutes: s.slot_minutes as AppointmentSettings['slotMinutes'],
    daysAhead: s.days_ahead,
    noShowLimit: s.no_show_limit,
    noShowWindowDays: s.no_show_window_days,
    suspendDays: s.suspend_days,
    windows: windows.map((w) => ({
      windowId: w.id,
      number: w.number,
      name: w.name,
      windowUnitName: w.unit_name,
      active: w.active,
      bookingCapacity: w.booking_capacity,
    })),
    version: s.version,
  };
}

export async function updateSettings(
  deps: Deps,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof updateAppointmentSettingsBody>,
): Promise<AppointmentSettings> {
  await write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = await settings({ ...deps, db: tx }, centerId);
    if (before.version !== body.version)
      throw new AppError('VERSION_CONFLICT', { details: { currentVersion: before.version } });
    await repo.updateSettings(tx, centerId, {
      slot_minutes: body.slotMinutes,
      days_ahead: body.daysAhead,
      no_show_limit: body.noShowLimit,
      no_show_window_days: body.noShowWindowDays,
      suspend_days: body.suspendDays,
    });
    for (const [i, w] of (body.windows ?? []).entries()) {
      const done = await repo.setWindowCapacity(tx, centerId, w.windowId, w.bookingCapacity);
      if (Number(done.numUpdatedRows) === 0) throw fieldError('NOT_FOUND', `windows.${i}`);
    }
    const after = await settings({ ...deps, db: tx }, centerId);
    await audit({
      centerId,
      action: 'appointments.settings',
      entityType: 'appointment_settings',
      entityId: centerId,
      before,
      after,
    });
  });
  return settings(deps, centerId);
}
