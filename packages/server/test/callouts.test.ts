import type { CalloutList, CalloutRow } from '@bianmin/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldMessages, testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';
import { oneUserPerRole } from './roles.ts';

describe.each(DATABASES)('holiday call-outs on %s', (kind) => {
  let t: TestApp;
  let duty: string;
  let kaohe: string;
  let staff: Map<string, number>;
  let roles: Map<string, string>;
  beforeAll(async () => {
    // Saturday 4 April 2026 (清明 holiday), 09:00 in Beijing.
    t = await testApp(await freshDatabase(kind), { now: new Date('2026-04-04T01:00:00Z') });
    roles = await oneUserPerRole(t.db.kysely);
    duty = await t.login('duty');
    kaohe = await t.login('kaohe');
    const list = (await t.call(duty, 'GET', '/api/staff')).json<{ id: number; name: string }[]>();
    staff = new Map(list.map((s) => [s.name, s.id]));
  });
  afterAll(() => t.close());

  const move = async (iso: string) => {
    t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
    duty = await t.login('duty');
    kaohe = await t.login('kaohe');
  };
  const record = (body: object, cookie = duty) =>
    t.call(cookie, 'POST', '/api/callouts', {
      date: '2026-04-04',
      matter: '企业急需办理营业执照变更',
      staffIds: [staff.get('徐丹')],
      notifiedAt: '2026-04-04T00:30:00Z',
      ...body,
    });
  const review = async () =>
    (await t.call(kaohe, 'GET', '/api/callouts/review')).json<CalloutList>();

  let waiting: CalloutRow;
  let other: CalloutRow;

  it('records who was notified on a holiday, one row each, audited', async () => {
    const res = await record({ staffIds: [staff.get('徐丹'), staff.get('胡婷')] });
    expect(res.statusCode, res.body).toBe(201);
    const l = res.json<CalloutList>();
    expect(l.responseMinutes).toBe(60);
    expect(l.items).toHaveLength(2);
    for (const c of l.items)
      expect(c).toMatchObject({
        date: '2026-04-04',
        dayKind: 'holiday',
        state: 'waiting',
        arrivedAt: null,
        respondBy: '2026-04-04T01:30:00.000Z',
        recordedByName: '王芳',
      });
    waiting = l.items.find((c) => c.staffName === '徐丹')!;
    other = l.items.find((c) => c.staffName === '胡婷')!;
    const audit = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'callout.record'`.execute(
      t.db.kysely,
    );
    expect(audit.rows[0]!.n).toBe(2);
  });

  it('refuses a working day, a future notice, an early notice, an arrival before it, a stranger', async () => {
    const work = await record({ date: '2026-04-03', notifiedAt: '2026-04-03T00:30:00Z' });
    expect(work.json().error.code).toBe('CALLOUT_NOT_CLOSED_DAY');
    expect(fieldMessages(work).date).toContain('召回日期');
    const future = await record({ notifiedAt: '2026-04-04T02:00:00Z' });
    expect(future.json().error.code).toBe('TIME_IN_FUTURE');
    const early = await record({ notifiedAt: '2026-04-02T10:00:00Z' });
    expect(early.json().error.code).toBe('CALLOUT_NOTIFIED_OFF_DAY');
    const before = await record({ arrivedAt: '2026-04-04T00:00:00Z' });
    expect(before.json().error.code).toBe('ARRIVAL_BEFORE_NOTICE');
    const missing = await record({ date: '2027-01-02', notifiedAt: '2026-04-04T00:30:00Z' });
    expect(missing.json().error.code).toBe('CALENDAR_YEAR_MISSING');
    const twice = await record({ staffIds: [staff.get('徐丹'), staff.get('徐丹')] });
    expect(twice.json().error.code).toBe('VISIT_STAFF_DUPLICATE');
    const big = await record({ matter: '急'.repeat(201) });
    expect(big.statusCode).toBe(400);
    const bs = (await t.call(await t.login('bs-admin'), 'GET', '/api/staff')).json<
      { id: number }[]
    >();
    const foreign = await record({ staffIds: [bs[0]!.id] });
    expect(foreign.json().error.code).toBe('VISIT_STAFF_NOT_IN_POST');
  });

  it('shows the group nothing while the response time runs; then the unanswered one', async () => {
    expect((await review()).items).toEqual([]);
    await move('2026-04-04T01:20:00Z');
    const arrived = await t.call(duty, 'POST', `/api/callouts/${other.id}/arrival`, {
      version: other.version,
      arrivedAt: '2026-04-04T01:15:00Z',
    });
    expect(arrived.statusCode, arrived.body).toBe(200);
    expect(arrived.json<CalloutRow>().state).toBe('on_time');
    const again = await t.call(duty, 'POST', `/api/callouts/${other.id}/arrival`, {
      version: arrived.json<CalloutRow>().version,
      arrivedAt: '2026-04-04T01:16:00Z',
    });
    expect(again.json().error.code).toBe('CALLOUT_ARRIVED');
    await move('2026-04-04T01:31:00Z');
    const r = await review();
    expect(r.items.map((c) => [c.staffName, c.state])).toEqual([['徐丹', 'unanswered']]);
  });

  it('turns unanswered into late when the arrival is recorded after the response time', async () => {
    await move('2026-04-04T03:00:00Z');
    const future = await t.call(duty, 'POST', `/api/callouts/${waiting.id}/arrival`, {
      version: waiting.version,
      arrivedAt: '2026-04-04T03:30:00Z',
    });
    expect(future.json().error.code).toBe('TIME_IN_FUTURE');
    const res = await t.call(duty, 'POST', `/api/callouts/${waiting.id}/arrival`, {
      version: waiting.version,
      arrivedAt: '2026-04-04T02:10:00Z',
      note: '手机未接，后经家人转告到岗',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CalloutRow>()).toMatchObject({
      state: 'late',
      note: '手机未接，后经家人转告到岗',
    });
    expect((await review()).items.map((c) => c.state)).toEqual(['late']);
    const audit = await sql<{ before: string; after: string }>`
      select before::text as before, after::text as after from audit_log
      where action = 'callout.arrive' order by id desc limit 1`.execute(t.db.kysely);
    expect(audit.rows[0]!.before).toContain('"arrivedAt": null');
    expect(audit.rows[0]!.after).toContain('2026-04-04T02:10:00.000Z');
  });

  it('measures against the center’s response time, changed by the center office only', async () => {
    const admin = await t.login('admin');
    const s = (await t.call(admin, 'GET', '/api/callout-settings')).json<{ version: number }>();
    expect(
      (await t.call(duty, 'PUT', '/api/callout-settings', { ...s, responseMinutes: 120 }))
        .statusCode,
    ).toBe(403);
    const bad = await t.call(admin, 'PUT', '/api/callout-settings', { ...s, responseMinutes: 5 });
    expect(bad.statusCode).toBe(400);
    const ok = await t.call(admin, 'PUT', '/api/callout-settings', {
      version: s.version,
      responseMinutes: 120,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await review()).items).toEqual([]);
    const l = (
      await t.call(duty, 'GET', '/api/callouts?from=2026-04-04&to=2026-04-04')
    ).json<CalloutList>();
    expect(l.items.map((c) => c.state).sort()).toEqual(['on_time', 'on_time']);
    expect(l.responseMinutes).toBe(120);
  });

  it('keeps recording to the duty officer, the office and the director; review to the group', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/callouts' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/callouts/review' })).statusCode).toBe(
      401,
    );
    const may = async (role: string, url: string) =>
      (await t.call(await t.login(roles.get(role)!), 'GET', url)).statusCode;
    for (const role of ['duty_officer', 'center_admin', 'director'])
      expect(await may(role, '/api/callouts'), role).toBe(200);
    for (const role of ['window_staff', 'assessment_member', 'supervising_leader'])
      expect(await may(role, '/api/callouts'), role).toBe(403);
    for (const role of ['assessment_leader', 'assessment_deputy', 'assessment_member', 'director'])
      expect(await may(role, '/api/callouts/review'), role).toBe(200);
    for (const role of ['duty_officer', 'window_staff', 'center_admin'])
      expect(await may(role, '/api/callouts/review'), role).toBe(403);
    const clerk = await t.login(roles.get('window_staff')!);
    expect((await record({}, clerk)).statusCode).toBe(403);
    const bs = await t.login('bs-admin');
    const foreign = await t.call(bs, 'POST', `/api/callouts/${waiting.id}/arrival`, {
      version: 0,
      arrivedAt: '2026-04-04T02:00:00Z',
    });
    expect(foreign.statusCode).toBe(404);
  });
});
