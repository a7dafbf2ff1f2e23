import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldMessages, testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

describe.each(DATABASES)('the service catalog on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let unitId: number;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    admin = await t.login('admin');
    unitId = (await t.call(admin, 'GET', '/api/window-units')).json()[0].id;
  });
  afterAll(() => t.close());

  const create = (over: object) =>
    t.call(admin, 'POST', '/api/service-items', {
      name: '老年人优待证办理',
      windowUnitId: unitId,
      defaultKind: 'immediate',
      ...over,
    });

  it('keeps common names and whether an item can be booked or done at home', async () => {
    const res = await create({
      code: 'MZ-101',
      aliases: ['老年证', ' 敬老卡 ', '老年证'],
      appointment: true,
      homeVisit: true,
    });
    expect(res.statusCode).toBe(201);
    const item = res.json();
    // Trimmed, repeats dropped.
    expect(item).toMatchObject({
      aliases: ['老年证', '敬老卡'],
      appointment: true,
      homeVisit: true,
    });
    const changed = await t.call(admin, 'PATCH', `/api/service-items/${item.id}`, {
      aliases: ['老年优待证'],
      homeVisit: false,
      version: item.version,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      aliases: ['老年优待证'],
      appointment: true,
      homeVisit: false,
    });
    // The audit trail has both sides of the change.
    const entry = await t.db.kysely
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'service_item.update')
      .where('entity_id', '=', String(item.id))
      .executeTakeFirstOrThrow();
    expect(entry.before).toMatchObject({ aliases: ['老年证', '敬老卡'], homeVisit: true });
    expect(entry.after).toMatchObject({ aliases: ['老年优待证'], homeVisit: false });
  });

  it('has no common names and neither flag unless told', async () => {
    const res = await create({ code: 'MZ-102' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ aliases: [], appointment: false, homeVisit: false });
    const list = (await t.call(admin, 'GET', '/api/service-items')).json();
    expect(list.find((i: { code: string }) => i.code === 'MZ-001')).toMatchObject({
      aliases: ['低保'],
    });
  });

  it('names the field of a bad common name or flag in Chinese', async () => {
    const res = await create({
      code: 'MZ-103',
      aliases: ['好', 'x'.repeat(41), ''],
      appointment: 'yes',
    });
    expect(res.statusCode).toBe(400);
    expect(fieldMessages(res)).toEqual({
      'aliases.1': '常用名/俗称：不能超过 40 个字符',
      'aliases.2': '常用名/俗称：不能为空',
      appointment: '可预约：类型不正确',
    });
    const many = await create({
      code: 'MZ-104',
      aliases: Array.from({ length: 21 }, (_, i) => `别名${i}`),
    });
    expect(many.json().error.fields).toEqual([
      expect.objectContaining({ field: 'aliases', message: '常用名/俗称：最多 20 项' }),
    ]);
  });
});
