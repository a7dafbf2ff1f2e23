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
    // The director's account is the county admin's to manage (an oversight role).
    const county = await t.login('county');
    const res = await call(county, 'POST', `/api/users/${director.id}/reset-password`, {
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

  it('keeps one account per staff member, on creation and on relinking', async () => {
    const staff = (await call(admin, 'GET', '/api/staff?q=李娜')).json()[0];
    const second = await call(admin, 'POST', '/api/users', {
      username: 'lina2',
      displayName: '李娜',
      password: 'Temp-2026-pass',
      roles: ['window_staff'],
      staffId: staff.id,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.fields[0]).toMatchObject({
      field: 'staffId',
      code: 'STAFF_HAS_ACCOUNT',
    });
    const yewu = await findUser('yewu');
    const relink = await call(admin, 'PATCH', `/api/users/${yewu.id}`, {
      staffId: staff.id,
      version: yewu.version,
    });
    expect(relink.statusCode).toBe(409);
    expect(relink.json().error.fields[0].code).toBe('STAFF_HAS_ACCOUNT');
    // Saving an account with the link it already has is no relinking.
    const same = await call(admin, 'PATCH', `/api/users/${yewu.id}`, {
      displayName: '郑浩',
      staffId: yewu.staffId,
      version: yewu.version,
    });
    expect(same.statusCode).toBe(200);
  });

  it('holds one account per staff member in the database too, when two admins race', async () => {
    const staff = (await call(admin, 'GET', '/api/staff?q=刘洋')).json()[0];
    const create = (username: string) =>
      call(admin, 'POST', '/api/users', {
        username,
        displayName: '刘洋',
        password: 'Temp-2026-pass',
        roles: ['window_staff'],
        staffId: staff.id,
      });
    const answers = await Promise.all([create('liuyang-a'), create('liuyang-b')]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const refused = answers.find((r) => r.statusCode === 409)!;
    expect(refused.json().error.fields[0]).toMatchObject({
      field: 'staffId',
      code: 'STAFF_HAS_ACCOUNT',
    });
    const linked = await t.db.kysely
      .selectFrom('users')
      .select('username')
      .where('staff_id', '=', staff.id)
      .execute();
    expect(linked).toHaveLength(1);
  });

  it('lets nobody relink their own account to another person', async () => {
    const me = await findUser('admin');
    const unlinked = (await call(admin, 'GET', '/api/staff?q=黄秀英')).json()[0];
    const res = await call(admin, 'PATCH', `/api/users/${me.id}`, {
      staffId: unlinked.id,
      version: me.version,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({
      field: 'staffId',
      code: 'CANNOT_CHANGE_OWN_LINK',
    });
    const unlink = await call(admin, 'PATCH', `/api/users/${me.id}`, {
      staffId: null,
      version: me.version,
    });
    expect(unlink.json().error.fields[0].code).toBe('CANNOT_CHANGE_OWN_LINK');
    expect((await findUser('admin')).staffId).toBe(me.staffId);
  });

  it('leaves the assessment group, supervising leader and director roles to the county admin', async () => {
    const county = await t.login('county');
    for (const role of ['assessment_member', 'supervising_leader', 'director']) {
      const res = await call(admin, 'POST', '/api/users', {
        username: `x-${role.replaceAll('_', '-')}`,
        displayName: '某人',
        password: 'Strong-pass-12',
        roles: [role],
      });
      expect(res.statusCode, role).toBe(403);
      expect(res.json().error.code, role).toBe('ROLE_NOT_GRANTABLE');
    }
    // Nor may a center admin change, disable or reset an account that holds one of them.
    const kaohe = await findUser('kaohe');
    for (const [method, path, body] of [
      ['PATCH', '', { roles: ['window_staff'], version: kaohe.version }],
      ['PATCH', '', { staffId: null, version: kaohe.version }],
      ['POST', '/disable', { version: kaohe.version }],
      ['POST', '/reset-password', { newPassword: 'Reset-2026-abc', version: kaohe.version }],
    ] as const) {
      const res = await call(admin, method, `/api/users/${kaohe.id}${path}`, body);
      expect(res.statusCode, `${method} ${path}`).toBe(403);
    }
    // The county admin may.
    const center = (await call(county, 'GET', '/api/centers')).json()[0];
    const granted = await call(county, 'POST', `/api/users?centerId=${center.id}`, {
      username: 'new-member',
      displayName: '新成员',
      password: 'Strong-pass-12',
      roles: ['assessment_member'],
    });
    expect(granted.statusCode).toBe(201);
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
