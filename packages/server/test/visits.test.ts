import type { VisitDatesAnswer, VisitReceipt, VisitRow, VisitTracking } from '@bianmin/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldMessages, testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';
import { oneUserPerRole } from './roles.ts';

const PHONE = '13912340001';

describe.each(DATABASES)('home visits on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let sequence = 0;
  let staff: Map<string, number>;
  let otherCenterStaff = 0;
  let roles: Map<string, string>;
  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in Beijing.
    t = await testApp(await freshDatabase(kind), { now: new Date('2026-03-02T01:00:00Z') });
    roles = await oneUserPerRole(t.db.kysely);
    clerk = await t.login('clerk');
    const list = (await t.call(clerk, 'GET', '/api/staff')).json<{ id: number; name: string }[]>();
    staff = new Map(list.map((s) => [s.name, s.id]));
    const other = (await t.call(await t.login('bs-admin'), 'GET', '/api/staff')).json<
      { id: number }[]
    >();
    otherCenterStaff = other[0]!.id;
  });
  afterAll(() => t.close());

  const relogin = async () => {
    clerk = await t.login('clerk');
  };
  /** A citizen's request, each from an address of its own (the public routes are rate-limited). */
  const visit = (method: 'GET' | 'POST', url: string, payload?: object, address?: string) => {
    sequence += 1;
    return t.app.inject({
      method,
      url,
      remoteAddress: address ?? `198.20.${Math.floor(sequence / 250)}.${(sequence % 250) + 1}`,
      ...(payload ? { payload } : {}),
    });
  };
  const lastCode = async (phone: string) => {
    const row = await sql<{ params: { code: string } }>`
      select params from outbox_messages where recipient = ${phone} and template = 'verify_code'
      order by id desc limit 1`.execute(t.db.kysely);
    return row.rows[0]!.params.code;
  };
  const askCode = async (phone: string) => {
    t.clock.advance(61_000);
    const asked = await visit('POST', '/api/public/sms-codes', {
      centerCode: 'qingshi',
      phone,
      purpose: 'visit',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    return lastCode(phone);
  };
  const REQUEST = {
    centerCode: 'qingshi',
    category: 'elderly',
    name: '张桂兰',
    address: '青石镇东街 12 号 3 单元 201',
    itemCode: 'MZ-004',
    itemText: '',
    reason: '老人 86 岁，行动不便，申请高龄津贴需本人认证',
    preferredDates: ['2026-03-04', '2026-03-05'],
  };
  const requestOnline = async (over: object = {}, phone = PHONE) =>
    visit('POST', '/api/public/visits', {
      ...REQUEST,
      phone,
      smsCode: await askCode(phone),
      ...over,
    });
  const outbox = (template: string) =>
    sql<{ recipient: string; params: Record<string, string>; body: string }>`
      select recipient, params, body from outbox_messages where template = ${template} order by id`
      .execute(t.db.kysely)
      .then((r) => r.rows);
  const auditOf = (action: string) =>
    sql<{ after: string; actor_name: string }>`
      select after::text as after, actor_name from audit_log where action = ${action} order by id`
      .execute(t.db.kysely)
      .then((r) => r.rows);
  const list = async (q = '') =>
    (await t.call(clerk, 'GET', `/api/visits${q}`)).json<{ items: VisitRow[]; total: number }>();
  const track = (code: string, phone = PHONE, address?: string) =>
    visit('POST', '/api/public/visits/track', { code, phone }, address);

  let code = '';
  let visitId = 0;

  it('offers the next 15 working days as preferred dates, for anyone', async () => {
    const res = await visit('GET', '/api/public/centers/qingshi/visit-dates');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<VisitDatesAnswer>();
    expect(d.maxPreferredDates).toBe(3);
    expect(d.calendarMissingFrom).toBeNull();
    expect(d.dates).toHaveLength(15);
    expect(d.dates[0]).toEqual({ date: '2026-03-03', kind: 'workday' });
    expect(d.dates.map((x) => x.date)).not.toContain('2026-03-07');
    expect((await visit('GET', '/api/public/centers/nowhere/visit-dates')).statusCode).toBe(404);
  });

  it('takes a request online with the SMS code: a tracking code, an SMS, the audit masked', async () => {
    const res = await requestOnline();
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json<VisitReceipt>();
    expect(r.trackingCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}$/);
    expect(r.preferredDates).toEqual(['2026-03-04', '2026-03-05']);
    code = r.trackingCode;
    const sms = (await outbox('visit_received')).at(-1)!;
    expect(sms.recipient).toBe(PHONE);
    expect(sms.body).toContain(code);
    const [audit] = await auditOf('visit.request');
    expect(audit!.after).toContain('139****0001');
    expect(audit!.after).toContain('张**');
    expect(audit!.after).not.toContain(PHONE);
    expect(audit!.after).not.toContain('张桂兰');
    expect(audit!.actor_name).toBe('上门服务申请人（网上）');
    const { items } = await list();
    const v = items.find((i) => i.trackingCode === code)!;
    expect(v).toMatchObject({
      status: 'requested',
      category: 'elderly',
      channel: 'online',
      phoneMasked: '139****0001',
      itemName: '高龄津贴申领',
      urgent: false,
    });
    visitId = v.id;
  });

  it('refuses a wrong SMS code, bad dates, an unknown item and oversized text', async () => {
    const wrong = await visit('POST', '/api/public/visits', {
      ...REQUEST,
      phone: '13912340002',
      smsCode: '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(['SMS_CODE_EXPIRED', 'SMS_CODE_WRONG']).toContain(wrong.json().error.code);

    const sat = await requestOnline({ preferredDates: ['2026-03-07'] }, '13912340003');
    expect(sat.statusCode).toBe(400);
    expect(sat.json().error.code).toBe('VISIT_DATE_NOT_OFFERED');
    expect(fieldMessages(sat)['preferredDates.0']).toContain('希望上门日期');
    const far = await requestOnline({ preferredDates: ['2026-04-30'] }, '13912340003');
    expect(far.json().error.code).toBe('VISIT_DATE_NOT_OFFERED');
    const four = await requestOnline(
      { preferredDates: ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'] },
      '13912340003',
    );
    expect(four.statusCode).toBe(400);
    expect(four.json().error.code).toBe('VALIDATION_FAILED');
    const twice = await requestOnline(
      { preferredDates: ['2026-03-03', '2026-03-03'] },
      '13912340003',
    );
    expect(twice.json().error.code).toBe('VISIT_DATE_DUPLICATE');
    const item = await requestOnline({ itemCode: 'XX-999' }, '13912340003');
    expect(item.statusCode).toBe(404);
    expect(fieldMessages(item).itemCode).toContain('办理事项');
    const big = await requestOnline({ reason: '很'.repeat(501) }, '13912340003');
    expect(big.statusCode).toBe(400);
    expect(big.json().error.code).toBe('VALIDATION_FAILED');
    const cat = await requestOnline({ category: 'tourist' }, '13912340003');
    expect(cat.statusCode).toBe(400);
    // The refused requests did not use the code: the next try with it succeeds.
    const last = await lastCode('13912340003');
    const ok = await visit('POST', '/api/public/visits', {
      ...REQUEST,
      phone: '13912340003',
      smsCode: last,
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('answers an unknown code and a wrong mobile the same way', async () => {
    const mine = await track(code);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json<VisitTracking>()).toMatchObject({
      status: 'requested',
      phoneMasked: '139****0001',
      staffMasked: [],
      scheduledDate: null,
    });
    const wrongPhone = await track(code, '13912349999');
    const unknown = await track('2222-2222-22');
    const garbage = await track('not a code');
    for (const r of [wrongPhone, unknown, garbage]) {
      expect(r.statusCode).toBe(404);
      expect(r.json().error).toEqual(wrongPhone.json().error);
    }
    // Lower case and spaces as a person types them.
    expect((await track(code.toLowerCase().replaceAll('-', ' '))).statusCode).toBe(200);
  });

  it('throttles guessing per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push((await track('2222-2222-22', PHONE, '198.51.100.7')).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('lets window staff enter a request that came by phone, the dates checked', async () => {
    const res = await t.call(clerk, 'POST', '/api/visits', {
      category: 'investment',
      name: '青石新材料有限公司（刘经理）',
      phone: '13605710000',
      address: '青石镇工业园区 8 号',
      itemId: null,
      itemText: '项目用地踏勘',
      reason: '招商引资项目，需现场踏勘',
      preferredDates: ['2026-03-03'],
      channel: 'phone',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<VisitRow>()).toMatchObject({
      channel: 'phone',
      urgent: true,
      status: 'requested',
      itemText: '项目用地踏勘',
      enteredByName: '李娜',
    });
    expect((await outbox('visit_received')).at(-1)!.recipient).toBe('13605710000');
    const bad = await t.call(clerk, 'POST', '/api/visits', {
      category: 'sick',
      name: '王大爷',
      phone: '13605710001',
      address: '东村',
      reason: '卧床',
      preferredDates: ['2026-03-02'],
      channel: 'phone',
    });
    expect(bad.json().error.code).toBe('VISIT_DATE_NOT_OFFERED');
    const online = await t.call(clerk, 'POST', '/api/visits', {
      category: 'sick',
      name: '王大爷',
      phone: '13605710001',
      address: '东村',
      reason: '卧床',
      preferredDates: ['2026-03-03'],
      channel: 'online',
    });
    expect(online.statusCode).toBe(400);
  });

  it('schedules with staff in post, reschedules, and tells the requester by SMS', async () => {
    const v = (await list()).items.find((i) => i.id === visitId)!;
    const past = await t.call(clerk, 'POST', `/api/visits/${visitId}/schedule`, {
      version: v.version,
      date: '2026-03-01',
      staffIds: [staff.get('李娜')],
    });
    expect(past.json().error.code).toBe('VISIT_DATE_PAST');
    const stranger = await t.call(clerk, 'POST', `/api/visits/${visitId}/schedule`, {
      version: v.version,
      date: '2026-03-04',
      staffIds: [staff.get('李娜'), otherCenterStaff],
    });
    expect(stranger.json().error.code).toBe('VISIT_STAFF_NOT_IN_POST');
    expect(fieldMessages(stranger)['staffIds.1']).toContain('上门人员第 2 项');
    const notYet = await t.call(clerk, 'POST', `/api/visits/${visitId}/reschedule`, {
      version: v.version,
      date: '2026-03-04',
      staffIds: [staff.get('李娜')],
    });
    expect(notYet.json().error.code).toBe('VISIT_STATE');

    const res = await t.call(clerk, 'POST', `/api/visits/${visitId}/schedule`, {
      version: v.version,
      date: '2026-03-04',
      staffIds: [staff.get('李娜'), staff.get('马兰')],
    });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<VisitRow>();
    expect(s).toMatchObject({ status: 'scheduled', scheduledDate: '2026-03-04' });
    expect(s.staff.map((x) => x.name)).toEqual(['李娜', '马兰']);
    expect((await outbox('visit_scheduled')).at(-1)!.body).toContain('3月4日（周三）');

    const stale = await t.call(clerk, 'POST', `/api/visits/${visitId}/reschedule`, {
      version: v.version,
      date: '2026-03-07',
      staffIds: [staff.get('李娜')],
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    // A Saturday is allowed: the family is at home; the list says what kind of day it is.
    const moved = await t.call(clerk, 'POST', `/api/visits/${visitId}/reschedule`, {
      version: s.version,
      date: '2026-03-07',
      staffIds: [staff.get('李娜')],
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<VisitRow>()).toMatchObject({
      scheduledDate: '2026-03-07',
      scheduledKind: 'weekend',
      reschedules: 1,
    });
    const tracked = (await track(code)).json<VisitTracking>();
    expect(tracked).toMatchObject({
      status: 'scheduled',
      scheduledDate: '2026-03-07',
      staffMasked: ['李*'],
    });
    expect(JSON.stringify(tracked)).not.toContain('李娜');
    expect((await auditOf('visit.reschedule')).length).toBe(1);
  });

  it('records the visit with its arrival, visitors, outcome and linked case', async () => {
    t.clock.advance(Date.parse('2026-03-07T02:00:00Z') - t.clock.now().getTime());
    await relogin();
    const items = new Map(
      (await t.call(clerk, 'GET', '/api/service-items'))
        .json<{ id: number; code: string }[]>()
        .map((i) => [i.code, i.id]),
    );
    const c = await t.call(clerk, 'POST', '/api/cases', {
      itemId: items.get('MZ-004'),
      channel: 'window',
      applicant: { type: 'person', name: '张桂兰' },
      then: { action: 'accept', kind: 'immediate' },
    });
    expect(c.statusCode, c.body).toBe(201);
    const receiptNo = c.json<{ receiptNo: string }>().receiptNo;
    const v = (await list()).items.find((i) => i.id === visitId)!;
    const body = {
      version: v.version,
      arrivedAt: '2026-03-07T01:40:00Z',
      visitorIds: [staff.get('李娜')],
      outcome: '已上门核实，现场受理高龄津贴申请',
      // As printed on the notice, with dashes.
      receiptNo: `${receiptNo.slice(0, 3)}-${receiptNo.slice(3, 11)}-${receiptNo.slice(11)}`,
    };
    const future = await t.call(clerk, 'POST', `/api/visits/${visitId}/record`, {
      ...body,
      arrivedAt: '2026-03-07T03:00:00Z',
    });
    expect(future.json().error.code).toBe('TIME_IN_FUTURE');
    expect(fieldMessages(future).arrivedAt).toContain('到达时间');
    const before = await t.call(clerk, 'POST', `/api/visits/${visitId}/record`, {
      ...body,
      arrivedAt: '2026-03-01T03:00:00Z',
    });
    expect(before.json().error.code).toBe('ARRIVAL_BEFORE_REQUEST');
    const noCase = await t.call(clerk, 'POST', `/api/visits/${visitId}/record`, {
      ...body,
      receiptNo: 'QS-0000-9999',
    });
    expect(noCase.json().error.code).toBe('VISIT_CASE_NOT_FOUND');
    const res = await t.call(clerk, 'POST', `/api/visits/${visitId}/record`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<VisitRow>()).toMatchObject({
      status: 'visited',
      receiptNo,
      visitors: [{ name: '李娜' }],
      arrivedAt: '2026-03-07T01:40:00.000Z',
    });
    const tracked = (await track(code)).json<VisitTracking>();
    expect(tracked).toMatchObject({
      status: 'visited',
      outcome: '已上门核实，现场受理高龄津贴申请',
      receiptNo,
      staffMasked: ['李*'],
    });
    // Final: no cancel, no second record.
    const again = await t.call(clerk, 'POST', `/api/visits/${visitId}/cancel`, {
      version: res.json<VisitRow>().version,
      reason: '重复',
    });
    expect(again.json().error.code).toBe('VISIT_STATE');
    const [audit] = await auditOf('visit.record');
    expect(audit!.after).not.toContain(PHONE);
  });

  it('cancels with a reason and tells the requester', async () => {
    const other = (await list('?status=requested')).items[0]!;
    const res = await t.call(clerk, 'POST', `/api/visits/${other.id}/cancel`, {
      version: other.version,
      reason: '申请人已自行到中心办理',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<VisitRow>()).toMatchObject({
      status: 'cancelled',
      cancelReason: '申请人已自行到中心办理',
    });
    expect((await outbox('visit_cancelled')).at(-1)!.body).toContain('申请人已自行到中心办理');
    const empty = await t.call(clerk, 'POST', `/api/visits/${other.id}/cancel`, {
      version: other.version,
      reason: ' ',
    });
    expect(empty.statusCode).toBe(400);
  });

  it('filters and searches the list; masks the mobile', async () => {
    expect((await list('?status=visited')).items.map((i) => i.id)).toEqual([visitId]);
    expect((await list(`?q=${encodeURIComponent('工业园区')}`)).items).toHaveLength(1);
    expect((await list(`?q=${code.toLowerCase()}`)).items.map((i) => i.id)).toEqual([visitId]);
    const all = await t.call(clerk, 'GET', '/api/visits');
    expect(all.body).not.toContain(PHONE);
  });

  it('keeps the routes to those who may use them, and within the center', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/visits' })).statusCode).toBe(401);
    const kaohe = await t.login(roles.get('assessment_member')!);
    expect((await t.call(kaohe, 'GET', '/api/visits')).statusCode).toBe(403);
    const leader = await t.login(roles.get('supervising_leader')!);
    expect(
      (
        await t.call(leader, 'POST', `/api/visits/${visitId}/cancel`, {
          version: 0,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    for (const role of ['window_staff', 'duty_officer', 'director', 'center_admin'])
      expect((await t.call(await t.login(roles.get(role)!), 'GET', '/api/visits')).statusCode).toBe(
        200,
      );
    // Another center's user does not find this center's visits.
    const bs = await t.login('bs-admin');
    const foreign = await t.call(bs, 'POST', `/api/visits/${visitId}/cancel`, {
      version: 0,
      reason: '越权',
    });
    expect(foreign.statusCode).toBe(404);
    expect((await t.call(bs, 'GET', '/api/visits')).json().items).toEqual([]);
  });
});
