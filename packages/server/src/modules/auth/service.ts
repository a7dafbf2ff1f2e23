import { randomBytes } from 'node:crypto';
import type { ChangePasswordBody, Me } from '@bianmin/contracts';
import {
  checkPasswordStrength,
  permissionsOf,
  scopesFor,
  THROTTLE_POLICIES,
  type Role,
  type ThrottleScope,
} from '@bianmin/domain';
import { sha256, write, type Actor } from '../../audit/write.ts';
import { databaseTrouble } from '../../db/trouble.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import * as repo from './repository.ts';
import { countAttempt } from './throttle.ts';

const newToken = () => randomBytes(32).toString('base64url');

interface Attempt {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
  deviceToken: string | null;
  requestId: string;
}

function throttleKeys(
  username: string,
  ip: string,
  deviceId: string | null,
): Map<ThrottleScope, string> {
  const user = username.toLowerCase();
  const keys = new Map<ThrottleScope, string>();
  for (const scope of scopesFor(deviceId !== null)) {
    switch (scope) {
      case 'device':
        keys.set(scope, `d:${deviceId}`);
        break;
      case 'accountIp':
        keys.set(scope, `ai:${user}|${ip}`);
        break;
      case 'ip':
        keys.set(scope, `ip:${ip}`);
        break;
      case 'account':
        keys.set(scope, `a:${user}`);
        break;
    }
  }
  return keys;
}

export interface LoginResult {
  sessionToken: string;
  deviceToken: string;
  userId: number;
}

/**
 * Sign in. Every failure — unknown user, wrong password, disabled account — gives the same answer
 * and costs the same time; waits grow with repeated failures (domain/auth/throttle.ts).
 */
export async function login(deps: Deps, attempt: Attempt): Promise<LoginResult> {
  const { db, clock } = deps;
  const now = clock.now();
  const user = await repo.findUserByUsername(db, attempt.username);
  const device = attempt.deviceToken
    ? await repo.findTrustedDevice(db, sha256(attempt.deviceToken))
    : undefined;
  const trustedDeviceId = device && user && device.user_id === user.id ? device.id : null;
  const keys = throttleKeys(attempt.username, attempt.ip, trustedDeviceId);
  // Counted before the password is checked, atomically (see throttle.ts).
  const wait = await countAttempt(
    db,
    new Map([...keys].map(([scope, key]) => [key, THROTTLE_POLICIES[scope]])),
    now,
  );
  if (wait > 0) throw new AppError('LOGIN_THROTTLED', { details: { retryAfterSeconds: wait } });

  const passwordOk = await verifyPassword(user?.password_hash ?? null, attempt.password);
  if (!user || !passwordOk || user.disabled) throw new AppError('LOGIN_FAILED');

  const sessionToken = newToken();
  const deviceToken = trustedDeviceId ? (attempt.deviceToken as string) : newToken();
  const actor: Actor = {
    userId: user.id,
    name: `${user.display_name}（${user.username}）`,
    ip: attempt.ip,
    requestId: attempt.requestId,
  };
  await write(db, clock, actor, async (tx, audit) => {
    await tx
      .insertInto('sessions')
      .values({
        id: sha256(sessionToken),
        user_id: user.id,
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + deps.config.sessionMaxHours * 3600_000),
        ip: attempt.ip,
        // A header is not checked like the body: no control characters reach the database.
        user_agent: attempt.userAgent?.replace(/\p{Cc}/gu, '').slice(0, 300) ?? null,
      })
      .execute();
    if (trustedDeviceId) {
      await tx
        .updateTable('trusted_devices')
        .set({ last_used_at: now })
        .where('id', '=', trustedDeviceId)
        .execute();
    } else {
      await tx
        .insertInto('trusted_devices')
        .values({
          id: sha256(deviceToken),
          user_id: user.id,
          last_used_at: now,
          created_at: now,
        })
        .execute();
    }
    await tx.updateTable('users').set({ last_login_at: now }).where('id', '=', user.id).execute();
    await tx
      .deleteFrom('login_throttle')
      .where('key', 'in', [...keys.values()])
      .execute();
    await audit({
      centerId: user.center_id,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: { ip: attempt.ip, trustedDevice: trustedDeviceId !== null },
    });
  });
  return { sessionToken, deviceToken, userId: user.id };
}

export type SessionLookup = { user: SessionUser } | { expired: true } | null;

/** The user behind a session cookie; idle and absolute timeouts end the session server-side. */
export async function sessionUser(deps: Deps, token: string): Promise<SessionLookup> {
  const { db, clock, config } = deps;
  const id = sha256(token);
  const row = await repo.findSessionUser(db, id);
  if (!row) return null;
  const now = clock.now().getTime();
  const idleMs = config.idleTimeoutMinutes * 60_000;
  if (row.disabled || now - row.last_seen_at.getTime() > idleMs || now > row.expires_at.getTime()) {
    await repo.deleteSession(db, id);
    return row.disabled ? null : { expired: true };
  }
  // Sliding expiry, written at most once a minute to spare the database. While the disk is full
  // (writes refused, reads go on) the session simply is not extended.
  if (now - row.last_seen_at.getTime() > 60_000)
    await repo.touchSession(db, id, clock.now()).catch((e: unknown) => {
      if (databaseTrouble(e) !== 'DISK_FULL') throw e;
    });
  const roles = row.roles as Role[];
  return {
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      centerId: row.center_id,
      staffId: row.staff_id,
      roles,
      permissions: permissionsOf(roles),
      mustChangePassword: row.must_change_password,
      sessionId: id,
    },
  };
}

export async function logout(deps: Deps, user: SessionUser, actor: Actor): Promise<void> {
  await write(deps.db, deps.clock, actor, async (tx, audit) => {
    await tx.deleteFrom('sessions').where('id', '=', user.sessionId).execute();
    await audit({
      centerId: user.centerId,
      action: 'auth.logout',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: null,
    });
  });
}

export async function me(deps: Deps, user: SessionUser): Promise<Me> {
  const center =
    user.centerId === null
      ? undefined
      : await deps.db
          .selectFrom('centers')
          .select('name')
          .where('id', '=', user.centerId)
          .executeTakeFirst();
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    centerId: user.centerId,
    centerName: center?.name ?? null,
    staffId: user.staffId,
    roles: user.roles,
    permissions: [...user.permissions],
    mustChangePassword: user.mustChangePassword,
    idleTimeoutMinutes: deps.config.idleTimeoutMinutes,
  };
}

/** A new password ends every other session of the user; this one stays signed in. */
export async function changePassword(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  body: ChangePasswordBody,
): Promise<void> {
  const row = await deps.db
    .selectFrom('users')
    .select(['password_hash', 'version'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, body.currentPassword)))
    throw fieldError('WRONG_PASSWORD', 'currentPassword');
  const strength = checkPasswordStrength(body.newPassword, user.username);
  if (!strength.ok) throw fieldError(strength.code, 'newPassword');
  const passwordHash = await hashPassword(body.newPassword);
  await write(deps.db, deps.clock, actor, async (tx, audit) => {
    await tx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        password_changed_at: deps.clock.now(),
        must_change_password: false,
        version: row.version + 1,
      })
      .where('id', '=', user.id)
      .execute();
    await tx
      .deleteFrom('sessions')
      .where('user_id', '=', user.id)
      .where('id', '<>', user.sessionId)
      .execute();
    await audit({
      centerId: user.centerId,
      action: 'auth.password_change',
      entityType: 'user',
      entityId: user.id,
      before: { mustChangePassword: user.mustChangePassword },
      after: { mustChangePassword: false, otherSessionsEnded: true },
    });
  });
}
