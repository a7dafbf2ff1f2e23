import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

describe.each(DATABASES)('accounts on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const call: TestApp['call'] = (...args) => t.call(...args);
  const findUser = async (username: string) =>
    (await call(admin, 'GET', '/api/users'))
      .json()
      .find((u: { username: string }) => u.username === username);

  it('creates an account that must change its first password, and never shows the hash', async () => {
    const staff = (await call(admin, 'GET', '/api/staff?q=陈刚')).json()[0];
    const res = await call(admin, 'POST', '/api/users', {
      username: 'chengang',
      displayName: '陈刚',
      password: 'Temp-2026-pass',
      roles: ['window_staff'],
      staffId: staff.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: 'chengang',
      mustChangePassword: true,
      disabled: false,
    });
    expect(JSON.stringify(res.json())).not.toMatch(/argon|password_hash|Temp-2026/);
    const cookie = await t.login('chengang', 'Temp-2026-pass');
    const blocked = await call(cookie, 'GET', '/api/staff');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const change = await call(cookie, 'POST', '/api/auth/password', {
      currentPassword: 'Temp-2026-pass',
      newPassword: 'Qingshi-window-9',
    });
    expect(change.statusCode).toBe(204);
    expect((await call(cookie, 'GET', '/api/staff')).statusCode).toBe(200);
  });

  it('refuses roles the admin may not grant and weak passwords', async () => {
    const county = await call(admin, 'POST', '/api/users', {
      username: 'sneaky',
      displayName: '某人',
      password: 'Strong-pass-1',
      roles: ['county_admin'],
    });
    expect(county.statusCode).toBe(403);
    expect(county.json().error.code).toBe('ROLE_NOT_GRANTABLE');
    const weak = await call(admin, 'POST', '/api/users', {
      username: 'weakling',
      displayName: '某人',
      password: 'aaaaaaaaaaaa',
      roles: ['window_staff'],
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0].field).toBe('password');
    const dup = await call(admin, 'POST', '/api/users', {
      username: 'clerk',
      displayName: '重名',
      password: 'Strong-pass-1',
      roles: ['window_staff'],
    });
    expect(dup.statusCode).toBe(409);
  });

  it('disables an account, ending its sessions at once, and enables it again', async () => {
    const clerkCookie = await t.login('clerk');
    const clerk = await findUser('clerk');
    const off = await call(admin, 'POST', `/api/users/${clerk.id}/disable`, {
      version: clerk.version,
    });
    expect(off.json()).toMatchObject({ disabled: true });
    expect((await call(clerkCookie, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const on = await call(admin, 'POST', `/api/users/${clerk.id}/enable`, {
      version: off.json().version,
    });
    expect(on.json()).toMatchObject({ disabled: false });
    expect(await t.login('clerk')).toContain('bm_session=');
  });

  it('does not let an admin disable or demote themself', async () => {
    const me = await findUser('admin');
    expect(
      (await call(admin, 'POST', `/api/users/${me.id}/disable`, { version: me.version })).json()
        .error.code,
    ).toBe('CANNOT_CHANGE_SELF');
    expect(
      (
        await call(admin, 'PATCH', `/api/users/${me.id}`, {
          roles: ['window_staff'],
          version: me.version,
        })
      ).json().error.code,
    ).toBe('CANNOT_CHANGE_SELF');
  });

  it('resets a password: old sessions end, the user must choose a new one', async () => {
    const directorCookie = await t.login('director');
    const director = await findUser('director');
    const res = await call(admin, 'POST', `/api/users/${director.id}/reset-password`, {
      newPassword: 'Reset-2026-abc',
      version: director.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    expect((await call(directorCookie, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect(await t.login('director', 'Reset-2026-abc')).toContain('bm_session=');
  });

  it('changes roles, which take effect at the next sign-in', async () => {
    const dutyCookie = await t.login('duty');
    const duty = await findUser('duty');
    const res = await call(admin, 'PATCH', `/api/users/${duty.id}`, {
      roles: ['duty_officer', 'window_staff'],
      version: duty.version,
    });
    expect(res.json().roles).toEqual(['duty_officer', 'window_staff']);
    expect((await call(dutyCookie, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('cannot touch an account of another center', async () => {
    const other = await t.login('bs-admin');
    const clerk = await findUser('clerk');
    const res = await call(other, 'POST', `/api/users/${clerk.id}/disable`, {
      version: clerk.version,
    });
    expect(res.statusCode).toBe(404);
  });
});
