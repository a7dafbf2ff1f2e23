import type {
  createStaffBody,
  createWindowBody,
  createWindowUnitBody,
  ServiceWindow,
  Staff,
  updateStaffBody,
  updateWindowBody,
  updateWindowUnitBody,
  WindowUnit,
} from '@bianmin/contracts';
import { checkInPost, checkSupervisor } from '@bianmin/domain';
import type { z } from 'zod';
import { checkVersion, definedOnly } from '../../audit/change.ts';
import { write, type Actor, type Tx } from '../../audit/write.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { fieldError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import * as repo from './repository.ts';

const visibleTo = (user: SessionUser) => (row: { centerId: number }) => inScope(user, row.centerId);

/** A referenced record must exist in the same center; otherwise the named field is wrong. */
function sameCenter<T extends { centerId: number }>(
  row: T | undefined,
  centerId: number,
  field: string,
): T {
  if (!row || row.centerId !== centerId) throw fieldError('NOT_FOUND', field);
  return row;
}

// ---- window units ----

export const listWindowUnits = (deps: Deps, centerId: number) =>
  repo.listWindowUnits(deps.db, centerId);

export function createWindowUnit(
  deps: Deps,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof createWindowUnitBody>,
): Promise<WindowUnit> {
  return write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const unit = await repo.insertWindowUnit(tx, { center_id: centerId, ...body, created_at: at });
    await audit({
      centerId,
      action: 'window_unit.create',
      entityType: 'window_unit',
      entityId: unit.id,
      before: null,
      after: unit,
    });
    return unit;
  });
}

export function updateWindowUnit(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof updateWindowUnitBody>,
): Promise<WindowUnit> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = checkVersion(
      await repo.getWindowUnit(tx, id, true),
      body.version,
      visibleTo(user),
    );
    const { version: _, ...patch } = body;
    const after = await repo.updateWindowUnit(tx, id, before.version, definedOnly(patch));
    await audit({
      centerId: before.centerId,
      action: 'window_unit.update',
      entityType: 'window_unit',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

// ---- windows ----

export const listWindows = (deps: Deps, centerId: number) => repo.listWindows(deps.db, centerId);

async function activeUnit(tx: Tx, id: number, centerId: number) {
  const unit = sameCenter(await repo.getWindowUnit(tx, id), centerId, 'windowUnitId');
  if (!unit.active) throw fieldError('WINDOW_UNIT_INACTIVE', 'windowUnitId');
  return unit;
}

export function createWindow(
  deps: Deps,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof createWindowBody>,
): Promise<ServiceWindow> {
  return write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    await activeUnit(tx, body.windowUnitId, centerId);
    const window = await repo.insertWindow(tx, {
      created_at: at,
      center_id: centerId,
      window_unit_id: body.windowUnitId,
      number: body.number,
      name: body.name,
    });
    await audit({
      centerId,
      action: 'window.create',
      entityType: 'window',
      entityId: window.id,
      before: null,
      after: window,
    });
    return window;
  });
}

export function updateWindow(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof updateWindowBody>,
): Promise<ServiceWindow> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = checkVersion(await repo.getWindow(tx, id, true), body.version, visibleTo(user));
    if (body.windowUnitId !== undefined && body.windowUnitId !== before.windowUnitId) {
      await activeUnit(tx, body.windowUnitId, before.centerId);
    }
    const after = await repo.updateWindow(
      tx,
      id,
      before.version,
      definedOnly({
        window_unit_id: body.windowUnitId,
        number: body.number,
        name: body.name,
        active: body.active,
      }),
    );
    await audit({
      centerId: before.centerId,
      action: 'window.update',
      entityType: 'window',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

// ---- staff ----

export function listStaff(
  deps: Deps,
  centerId: number,
  q: string | undefined,
  includeLeft: boolean,
) {
  const today = deps.clock.now().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  return repo.listStaff(deps.db, centerId, { ...(q ? { q } : {}), includeLeft, today });
}

async function checkStaffRefs(
  tx: Tx,
  centerId: number,
  staffId: number | null,
  windowId: number | null | undefined,
  supervisorId: number | null | undefined,
) {
  if (windowId != null) sameCenter(await repo.getWindow(tx, windowId), centerId, 'windowId');
  if (supervisorId != null) {
    sameCenter(await repo.getStaff(tx, supervisorId), centerId, 'supervisorId');
    const cycle = checkSupervisor(staffId, supervisorId, await repo.supervisorMap(tx, centerId));
    if (!cycle.ok) throw fieldError(cycle.code, 'supervisorId');
    if (staffId === supervisorId) throw fieldError('SUPERVISOR_CYCLE', 'supervisorId');
  }
}

function checkDates(from: string, to: string | null) {
  const r = checkInPost({ inPostFrom: from, inPostTo: to });
  if (!r.ok) throw fieldError(r.code, 'inPostTo');
}

export function createStaff(
  deps: Deps,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof createStaffBody>,
): Promise<Staff> {
  return write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    checkDates(body.inPostFrom, body.inPostTo);
    await checkStaffRefs(tx, centerId, null, body.windowId, body.supervisorId);
    const staff = await repo.insertStaff(tx, centerId, {
      created_at: at,
      staff_no: body.staffNo,
      name: body.name,
      position: body.position,
      window_id: body.windowId,
      supervisor_id: body.supervisorId,
      in_post_from: body.inPostFrom,
      in_post_to: body.inPostTo,
    });
    await audit({
      centerId,
      action: 'staff.create',
      entityType: 'staff',
      entityId: staff.id,
      before: null,
      after: staff,
    });
    return staff;
  });
}

export function updateStaff(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof updateStaffBody>,
): Promise<Staff> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = checkVersion(await repo.getStaff(tx, id, true), body.version, visibleTo(user));
    checkDates(
      body.inPostFrom ?? before.inPostFrom,
      body.inPostTo === undefined ? before.inPostTo : body.inPostTo,
    );
    await checkStaffRefs(tx, before.centerId, id, body.windowId, body.supervisorId);
    const after = await repo.updateStaff(
      tx,
      id,
      before.version,
      definedOnly({
        name: body.name,
        position: body.position,
        window_id: body.windowId,
        supervisor_id: body.supervisorId,
        in_post_from: body.inPostFrom,
        in_post_to: body.inPostTo,
      }),
    );
    await audit({
      centerId: before.centerId,
      action: 'staff.update',
      entityType: 'staff',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
