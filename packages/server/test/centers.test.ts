import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldMessages, testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

interface Center {
  id: number;
  code: string;
  address: string;
  phone: string;
  version: number;
}

describe.each(DATABASES)("a center's address and service phone on %s", (kind) => {
  let t: TestApp;
  let county: string;
  let admin: string;
  const center = async (code: string) =>
    (await t.call(county, 'GET', '/api/centers')).json<Center[]>().find((c) => c.code === code)!;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    county = await t.login('county');
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('lets the county admin give them to a new center, or leave them for later', async () => {
    const res = await t.call(county, 'POST', '/api/centers', {
      code: 'hongqiao',
      name: '虹桥镇便民服务中心',
      region: '示范县虹桥镇',
      address: '示范县虹桥镇虹桥路 1 号',
      phone: '(0571) 8468-3230',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      address: '示范县虹桥镇虹桥路 1 号',
      phone: '(0571) 8468-3230',
    });
    const bare = await t.call(county, 'POST', '/api/centers', {
      code: 'xishan',
      name: '西山乡便民服务中心',
      region: '示范县西山乡',
    });
    expect(bare.json()).toMatchObject({ address: '', phone: '' });
    const edited = await t.call(county, 'PATCH', `/api/centers/${bare.json().id}`, {
      phone: '+86 571 8468 4230',
      version: 0,
    });
    expect(edited.json()).toMatchObject({ phone: '+86 571 8468 4230', version: 1 });
  });

  it('names the field of a bad phone or a too long address in Chinese', async () => {
    const c = await center('baisha');
    const res = await t.call(county, 'PATCH', `/api/centers/${c.id}`, {
      address: '路'.repeat(201),
      phone: '请拨 8468123',
      version: c.version,
    });
    expect(res.statusCode).toBe(400);
    expect(fieldMessages(res)).toEqual({
      address: '地址：不能超过 200 个字符',
      phone: '服务电话：只能使用数字、空格和 + - ( )，如 0571-84681234',
    });
    const long = await t.call(county, 'PATCH', `/api/centers/${c.id}`, {
      phone: '1'.repeat(41),
      version: c.version,
    });
    expect(long.json().error.fields[0]).toMatchObject({ field: 'phone' });
  });

  it('lets a center admin keep her own center’s address and phone, not its name nor another center', async () => {
    const own = (await t.call(admin, 'GET', '/api/centers')).json<Center[]>()[0]!;
    expect(own.code).toBe('qingshi');
    const res = await t.call(admin, 'PATCH', `/api/centers/${own.id}/contact`, {
      address: '示范县青石镇青石大道 90 号',
      phone: '0571-8468 1231',
      version: own.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: '青石镇便民服务中心',
      address: '示范县青石镇青石大道 90 号',
      phone: '0571-8468 1231',
      version: own.version + 1,
    });
    // Audited as a change of the center, both sides kept.
    const entry = await t.db.kysely
      .selectFrom('audit_log')
      .select(['actor_name', 'before', 'after'])
      .where('action', '=', 'center.update')
      .where('entity_id', '=', String(own.id))
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor_name: '吴静（admin）',
      before: { phone: '0571-8468 1230' },
      after: { phone: '0571-8468 1231' },
    });
    // The name is the county's: this route does not take it (left out), the other refuses her.
    const renamed = await t.call(admin, 'PATCH', `/api/centers/${own.id}/contact`, {
      name: '改名',
      version: own.version + 1,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('青石镇便民服务中心');
    expect(
      (await t.call(admin, 'PATCH', `/api/centers/${own.id}`, { name: '改名', version: 2 }))
        .statusCode,
    ).toBe(403);
    const other = await center('baisha');
    const foreign = await t.call(admin, 'PATCH', `/api/centers/${other.id}/contact`, {
      phone: '110',
      version: other.version,
    });
    expect(foreign.statusCode).toBe(404);
    const clerk = await t.login('clerk');
    const refused = await t.call(clerk, 'PATCH', `/api/centers/${own.id}/contact`, {
      phone: '110',
      version: own.version + 1,
    });
    expect(refused.json().error.code).toBe('FORBIDDEN');
  });
});
