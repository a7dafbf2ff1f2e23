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

/**
 * Nobody manages an account holding a role he or she could not grant (a center admin leaves the
 * assessment group's, the supervising leader's and the director's accounts to the county admin).
 */
function checkManages(manager: SessionUser, target: User) {
  if (target.roles.some((r) => !mayGrant(manager.roles, r))) throw new AppError('FORBIDDEN');
}

/**
 * The staff record an account stands for: one of the account's center, and not already the record
 * of another account (one account per person; a unique index holds it under concurrency too).
 */
async function checkStaff(
  tx: Tx,
  staffId: number | null | undefined,
  centerId: number | null,
  accountId: number | null,
) {
  if (staffId == null) return;
  const staff = await repo.findStaffCenter(tx, staffId);
  if (!staff || staff.center_id !== centerId) throw fieldError('NOT_FOUND', 'staffId');
  const holder = await repo.findAccountOfStaff(tx, staffId);
  if (holder && holder.id !== accountId) throw fieldError('STAFF_HAS_ACCOUNT', 'staffId');
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
    await checkStaff(tx, body.staffId, centerId, null);
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
    // One's own name may be corrected; what one may do is checked below.
    if (id !== user.id) checkManages(user, before);
    // Nobody changes what he or she may do: neither the roles nor the person the account stands for.
    const relinks = body.staffId !== undefined && body.staffId !== before.staffId;
    if (id === user.id && body.roles) throw new AppError('CANNOT_CHANGE_SELF');
    if (id === user.id && relinks) throw fieldError('CANNOT_CHANGE_OWN_LINK', 'staffId');
    if (body.roles) checkRoles(user, body.roles);
    if (relinks) await checkStaff(tx, body.staffId, before.centerId, id);
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
    checkManages(user, before);
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
    checkManages(user, before);
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
