import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

describe.each(DATABASES)('organization on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let otherAdmin: string;
  let county: string;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    admin = await t.login('admin');
    otherAdmin = await t.login('bs-admin');
    county = await t.login('county');
  });
  afterAll(() => t.close());

  const call: TestApp['call'] = (...args) => t.call(...args);

  it('creates and edits a window unit, a window and a staff member', async () => {
    const unit = await call(admin, 'POST', '/api/window-units', { code: 'cj', name: '残联服务站' });
    expect(unit.statusCode).toBe(201);
    const u = unit.json();
    const win = await call(admin, 'POST', '/api/windows', {
      windowUnitId: u.id,
      number: '10',
      name: '残疾人服务窗口',
    });
    expect(win.statusCode).toBe(201);
    expect(win.json()).toMatchObject({ windowUnitName: '残联服务站', number: '10' });
    const staff = await call(admin, 'POST', '/api/staff', {
      staffNo: 'W010',
      name: '何佳',
      position: '残联专干',
      windowId: win.json().id,
      inPostFrom: '2026-03-01',
    });
    expect(staff.statusCode).toBe(201);
    expect(staff.json()).toMatchObject({
      windowName: '10 残疾人服务窗口',
      inPostTo: null,
      version: 0,
    });
    const edited = await call(admin, 'PATCH', `/api/staff/${staff.json().id}`, {
      position: '残联专职委员',
      version: 0,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ position: '残联专职委员', name: '何佳', version: 1 });
    const list = await call(admin, 'GET', '/api/staff?q=何佳');
    expect(list.json().map((s: { staffNo: string }) => s.staffNo)).toEqual(['W010']);
  });

  it('names each bad field in Chinese', async () => {
    const res = await call(admin, 'POST', '/api/staff', {
      staffNo: 'has space',
      name: '',
      inPostFrom: '2026-02-30',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const byField = Object.fromEntries(
      body.error.fields.map((f: { field: string; message: string }) => [f.field, f.message]),
    );
    expect(byField.staffNo).toMatch(/^工号：/);
    expect(byField.name).toBe('名称：不能为空');
    expect(byField.position).toBe('职务：必填');
    expect(byField.inPostFrom).toMatch(/^到岗日期：日期格式/);
  });

  it('refuses an end of post before its start and a supervisor cycle', async () => {
    const a = await call(admin, 'POST', '/api/staff', {
      staffNo: 'T1',
      name: '甲',
      position: '干事',
      inPostFrom: '2026-03-01',
      inPostTo: '2026-02-01',
    });
    expect(a.json().error.fields[0]).toMatchObject({ field: 'inPostTo', code: 'IN_POST_RANGE' });
    const boss = (
      await call(admin, 'POST', '/api/staff', {
        staffNo: 'T2',
        name: '乙',
        position: '科长',
        inPostFrom: '2026-03-01',
      })
    ).json();
    const worker = (
      await call(admin, 'POST', '/api/staff', {
        staffNo: 'T3',
        name: '丙',
        position: '干事',
        supervisorId: boss.id,
        inPostFrom: '2026-03-01',
      })
    ).json();
    const cycle = await call(admin, 'PATCH', `/api/staff/${boss.id}`, {
      supervisorId: worker.id,
      version: boss.version,
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.fields[0]).toMatchObject({
      field: 'supervisorId',
      code: 'SUPERVISOR_CYCLE',
    });
  });

  it('refuses a duplicate number with 409', async () => {
    const res = await call(admin, 'POST', '/api/windows', {
      windowUnitId: (await call(admin, 'GET', '/api/window-units')).json()[0].id,
      number: '01',
      name: '重复',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'DUPLICATE',
      fields: [{ field: 'number', code: 'DUPLICATE', message: '窗口号：已被使用，请换一个' }],
    });
  });

  it('refuses a stale edit: two people editing at once, one wins', async () => {
    const unit = (
      await call(admin, 'POST', '/api/window-units', { code: 'race', name: '并发测试' })
    ).json();
    const [a, b] = await Promise.all([
      call(admin, 'PATCH', `/api/window-units/${unit.id}`, { name: '甲改', version: unit.version }),
      call(admin, 'PATCH', `/api/window-units/${unit.id}`, { name: '乙改', version: unit.version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('VERSION_CONFLICT');
    const now = (await call(admin, 'GET', '/api/window-units'))
      .json()
      .find((u: { id: number }) => u.id === unit.id);
    expect(now.version).toBe(1);
  });

  it('keeps each center to itself', async () => {
    const mine = (await call(admin, 'GET', '/api/staff')).json();
    const theirs = (await call(otherAdmin, 'GET', '/api/staff')).json();
    expect(mine.every((s: { centerId: number }) => s.centerId === mine[0].centerId)).toBe(true);
    expect(
      theirs.some((s: { id: number }) => mine.some((m: { id: number }) => m.id === s.id)),
    ).toBe(false);
    // Reading or editing another center's record: not found; naming another center: forbidden.
    const target = mine[0];
    const edit = await call(otherAdmin, 'PATCH', `/api/staff/${target.id}`, {
      name: '改名',
      version: target.version,
    });
    expect(edit.statusCode).toBe(404);
    const peek = await call(otherAdmin, 'GET', `/api/staff?centerId=${target.centerId}`);
    expect(peek.statusCode).toBe(403);
    // A window of another center cannot be used.
    const foreignWindow = (await call(admin, 'GET', '/api/windows')).json()[0];
    const misuse = await call(otherAdmin, 'POST', '/api/staff', {
      staffNo: 'X9',
      name: '丁',
      position: '干事',
      windowId: foreignWindow.id,
      inPostFrom: '2026-03-01',
    });
    expect(misuse.statusCode).toBe(404);
    expect(misuse.json().error.fields[0].field).toBe('windowId');
  });

  it('lets the county admin work in any center it names, and asks it to name one', async () => {
    const centers = (await call(county, 'GET', '/api/centers')).json();
    expect(centers.length).toBeGreaterThanOrEqual(2);
    expect((await call(county, 'GET', '/api/windows')).json().error.code).toBe('CENTER_REQUIRED');
    const baisha = centers.find((c: { code: string }) => c.code === 'baisha');
    const res = await call(county, 'GET', `/api/windows?centerId=${baisha.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().every((w: { centerId: number }) => w.centerId === baisha.id)).toBe(true);
    const created = await call(county, 'POST', '/api/centers', {
      code: 'hongqiao',
      name: '虹桥镇便民服务中心',
      region: '示范县虹桥镇',
    });
    expect(created.statusCode).toBe(201);
    expect(
      (await call(admin, 'GET', '/api/centers')).json().map((c: { code: string }) => c.code),
    ).toEqual(['qingshi']);
  });

  it('lists staff who left only when asked', async () => {
    const left = await call(admin, 'POST', '/api/staff', {
      staffNo: 'OLD1',
      name: '离岗者',
      position: '干事',
      inPostFrom: '2023-01-01',
      inPostTo: '2024-06-30',
    });
    expect(left.statusCode).toBe(201);
    const current = (await call(admin, 'GET', '/api/staff'))
      .json()
      .map((s: { staffNo: string }) => s.staffNo);
    const all = (await call(admin, 'GET', '/api/staff?includeLeft=true'))
      .json()
      .map((s: { staffNo: string }) => s.staffNo);
    expect(current).not.toContain('OLD1');
    expect(all).toContain('OLD1');
  });
});
