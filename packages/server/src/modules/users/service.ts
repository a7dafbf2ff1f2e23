import type { createUserBody, resetPasswordBody, updateUserBody, User } from '@bianmin/contracts';
import { checkPasswordStrength, isCrossCenter, mayGrant, type Role } from '@bianmin/domain';
import type { z } from 'zod';
import { checkVersion, definedOnly } from '../../audit/change.ts';
import { write, type Actor, type Tx } from '../../audit/write.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import { hashPassword } from '../auth/password-hash.ts';
import * as repo from './repository.ts';

/** Center-bound accounts cannot hold a cross-center role, and nobody grants more than they may. */
function checkRoles(granter: SessionUser, roles: readonly Role[]) {
  for (const role of roles) {
    if (!mayGrant(granter.roles, role) || isCrossCenter([role]))
      throw fieldError('ROLE_NOT_GRANTABLE', 'roles');
  }
}

async function checkStaff(tx: Tx, staffId: number | null | undefined, centerId: number | null) {
  if (staffId == null) return;
  const staff = await repo.findStaffCenter(tx, staffId);
  if (!staff || staff.center_id !== centerId) throw fieldError('NOT_FOUND', 'staffId');
}

function checkStrength(password: string, username: string) {
  const strength = checkPasswordStrength(password, username);
  if (!strength.ok) throw fieldError(strength.code, 'password');
}

const visibleTo = (user: SessionUser) => (u: User) => inScope(user, u.centerId);

export const listUsers = (deps: Deps, centerId: number) => repo.listUsers(deps.db, centerId);

export async function createUser(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof createUserBody>,
): Promise<User> {
  checkRoles(user, body.roles);
  checkStrength(body.password, body.username);
  const passwordHash = await hashPassword(body.password);
  return write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    await checkStaff(tx, body.staffId, centerId);
    const created = await repo.insertUser(tx, {
      created_at: at,
      center_id: centerId,
      username: body.username,
      display_name: body.displayName,
      password_hash: passwordHash,
      roles: [...new Set(body.roles)],
      staff_id: body.staffId,
      must_change_password: true,
    });
    await audit({
      centerId,
      action: 'user.create',
      entityType: 'user',
      entityId: created.id,
      before: null,
      after: created,
    });
    return created;
  });
}

export function updateUser(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof updateUserBody>,
): Promise<User> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = checkVersion(await repo.getUser(tx, id, true), body.version, visibleTo(user));
    if (body.roles) {
      if (id === user.id) throw new AppError('CANNOT_CHANGE_SELF');
      checkRoles(user, body.roles);
    }
    await checkStaff(tx, body.staffId, before.centerId);
    const after = await repo.updateUser(
      tx,
      id,
      before.version,
      definedOnly({
        display_name: body.displayName,
        roles: body.roles ? [...new Set(body.roles)] : undefined,
        staff_id: body.staffId,
      }),
    );
    // New roles take effect at the next sign-in: end the account's sessions.
    if (body.roles) await repo.endSessions(tx, id);
    await audit({
      centerId: before.centerId,
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export function setDisabled(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  version: number,
  disabled: boolean,
): Promise<User> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = checkVersion(await repo.getUser(tx, id, true), version, visibleTo(user));
    if (id === user.id) throw new AppError('CANNOT_CHANGE_SELF');
    if (before.roles.some((r) => !mayGrant(user.roles, r))) throw new AppError('FORBIDDEN');
    const after = await repo.updateUser(tx, id, before.version, { disabled });
    if (disabled) await repo.endSessions(tx, id);
    const action = disabled ? 'user.disable' : 'user.enable';
    await audit({
      centerId: before.centerId,
      action,
      entityType: 'user',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** An admin sets a temporary password: the user must change it at next sign-in; sessions end. */
export async function resetPassword(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof resetPasswordBody>,
): Promise<User> {
  const target = await repo.getUser(deps.db, id);
  if (!target || !visibleTo(user)(target)) throw new AppError('NOT_FOUND');
  const strength = checkPasswordStrength(body.newPassword, target.username);
  if (!strength.ok) throw fieldError(strength.code, 'newPassword');
  const passwordHash = await hashPassword(body.newPassword);
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = checkVersion(await repo.getUser(tx, id, true), body.version, visibleTo(user));
    if (before.roles.some((r) => !mayGrant(user.roles, r))) throw new AppError('FORBIDDEN');
    const after = await repo.updateUser(tx, id, before.version, {
      password_hash: passwordHash,
      password_changed_at: deps.clock.now(),
      must_change_password: id !== user.id,
    });
    await repo.endSessions(tx, id);
    await audit({
      centerId: before.centerId,
      action: 'user.reset_password',
      entityType: 'user',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
