import type { Board, OnlineReportReceipt, PublicReport, ReportTracking } from '@bianmin/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

const PHONE = '13988887777';

describe.each(DATABASES)('complaints and reports made on the portal, on %s', (kind) => {
  let t: TestApp;
  let sequence = 0;
  beforeAll(async () => {
    // Monday 2 March 2026, 23:30 in Beijing: far outside business hours.
    t = await testApp(await freshDatabase(kind), { now: new Date('2026-03-02T15:30:00Z') });
  });
  afterAll(() => t.close());

  /** A citizen's request, each from an address of its own (the public routes are rate-limited). */
  const visit = (url: string, payload: object, address?: string) => {
    sequence += 1;
    return t.app.inject({
      method: 'POST',
      url,
      remoteAddress: address ?? `198.20.${Math.floor(sequence / 250)}.${(sequence % 250) + 1}`,
      payload,
    });
  };
  const report = (body: object) =>
    visit('/api/public/reports', {
      centerCode: 'qingshi',
      details: '3号窗口工作人员上班时间玩手机，让群众等了二十分钟。',
      about: '3号窗口',
      ...body,
    });
  const track = (trackingCode: string) => visit('/api/public/reports/track', { trackingCode });
  const lastCode = async (phone: string) => {
    const row = await sql<{ params: { code: string } }>`
      select params from outbox_messages where recipient = ${phone} and template = 'verify_code'
      order by id desc limit 1`.execute(t.db.kysely);
    return row.rows[0]!.params.code;
  };
  const staffList = async () => {
    const kaohe = await t.login('kaohe');
    return (await t.call(kaohe, 'GET', '/api/reports')).json<{ items: PublicReport[] }>().items;
  };
  let anonymous: OnlineReportReceipt;
  let named: OnlineReportReceipt;

  it('takes an anonymous report at night, with a tracking code and the date it will be decided by', async () => {
    const res = await report({ anonymous: true });
    expect(res.statusCode, res.body).toBe(201);
    anonymous = res.json<OnlineReportReceipt>();
    expect(anonymous).toMatchObject({
      centerName: '青石镇便民服务中心',
      receivedAt: '2026-03-02T15:30:00.000Z',
      // Fifteen working days after Monday 2 March.
      decideBy: '2026-03-23',
      smsReply: false,
    });
    expect(anonymous.trackingCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
    const mine = (await staffList()).find((r) => r.about === '3号窗口' && r.anonymous)!;
    expect(mine).toMatchObject({
      channel: 'online',
      reporterNameMasked: '匿名',
      reporterContactMasked: '',
      registeredByName: '网上匿名投诉举报',
      decideDueAt: '2026-03-23T09:30:00.000Z',
    });
  });

  it('asks a named reporter to confirm the mobile by SMS code, and counts wrong codes', async () => {
    const missing = await report({ anonymous: false, name: '王建国', phone: PHONE });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['smsCode']);
    const asked = await visit('/api/public/sms-codes', {
      centerCode: 'qingshi',
      phone: PHONE,
      purpose: 'report',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const right = await lastCode(PHONE);
    const wrong = await report({
      anonymous: false,
      name: '王建国',
      phone: PHONE,
      smsCode: right === '000000' ? '111111' : '000000',
    });
    expect(wrong.json().error.code).toBe('SMS_CODE_WRONG');
    const res = await report({ anonymous: false, name: '王建国', phone: PHONE, smsCode: right });
    expect(res.statusCode, res.body).toBe(201);
    named = res.json<OnlineReportReceipt>();
    expect(named.smsReply).toBe(true);
    const audit = await sql<{ after: unknown }>`
      select after from audit_log where action = 'report.register' order by id desc limit 1`.execute(
      t.db.kysely,
    );
    expect(JSON.stringify(audit.rows[0])).not.toContain(PHONE);
    expect(JSON.stringify(audit.rows[0])).not.toContain('王建国');
  });

  it('lets the reporter follow the report by its code alone, telling nothing about anyone', async () => {
    const res = await track(anonymous.trackingCode.toLowerCase().replace(/-/g, ' '));
    expect(res.statusCode, res.body).toBe(200);
    const seen = res.json<ReportTracking>();
    expect(seen).toEqual({
      trackingCode: anonymous.trackingCode,
      centerName: '青石镇便民服务中心',
      centerPhone: '0571-8468 1230',
      receivedAt: '2026-03-02T15:30:00.000Z',
      stage: 'received',
      decideBy: '2026-03-23',
      overdue: false,
      reply: null,
    });
    for (const code of ['ZZZZ-ZZZZ-ZZ', 'not a code', anonymous.trackingCode.slice(0, 9)]) {
      const miss = await track(code);
      expect(miss.statusCode).toBe(404);
      expect(miss.json().error.code).toBe('REPORT_NOT_FOUND');
    }
  });

  it('sends the named reporter an SMS when the reply is recorded; the anonymous one reads it by code', async () => {
    const kaohe = await t.login('kaohe');
    const duty = await t.login('duty');
    const reports = await staffList();
    for (const r of reports.filter((x) => x.channel === 'online')) {
      const decided = await t.call(kaohe, 'POST', `/api/reports/${r.id}/decide`, {
        version: r.version,
        outcome: 'unsubstantiated',
        reason: '调取监控核实：该时段窗口正在为其他群众办理业务，未发现玩手机情况',
      });
      expect(decided.statusCode, decided.body).toBe(200);
      const replied = await t.call(duty, 'POST', `/api/reports/${r.id}/reply`, {
        replyMethod: 'online',
        replyContent: '经核查，该时段工作人员正在为其他群众办理业务，感谢您的监督。',
      });
      expect(replied.statusCode, replied.body).toBe(200);
    }
    const sms = await sql<{ recipient: string; params: { trackingCode: string } }>`
      select recipient, params from outbox_messages where template = 'report_answered'`.execute(
      t.db.kysely,
    );
    expect(sms.rows).toEqual([
      { recipient: PHONE, params: expect.objectContaining({ trackingCode: named.trackingCode }) },
    ]);
    const seen = (await track(anonymous.trackingCode)).json<ReportTracking>();
    expect(seen.stage).toBe('replied');
    expect(seen.reply?.content).toBe(
      '经核查，该时段工作人员正在为其他群众办理业务，感谢您的监督。',
    );
  });

  it('puts an undecided report past its date on the director’s board, saying only when', async () => {
    const res = await report({ anonymous: true, details: '窗口下班前半小时就不再受理了。' });
    const late = res.json<OnlineReportReceipt>();
    // 24 March, the day after the 15th working day.
    t.clock.advance(Date.parse('2026-03-24T10:00:00+08:00') - t.clock.now().getTime());
    const director = await t.login('director');
    const board = (await t.call(director, 'GET', '/api/board')).json<Board>();
    expect(board.reportsOverdue).toHaveLength(1);
    expect(Object.keys(board.reportsOverdue[0]!).sort()).toEqual([
      'decideDueAt',
      'id',
      'receivedAt',
    ]);
    expect((await track(late.trackingCode)).json<ReportTracking>()).toMatchObject({
      stage: 'received',
      overdue: true,
    });
  });

  it('stops a flood from one address', async () => {
    const one: number[] = [];
    for (let i = 0; i < 21; i++)
      one.push(
        (await visit('/api/public/reports/track', { trackingCode: 'ZZZZ-ZZZZ-ZZ' }, '198.21.0.1'))
          .statusCode,
      );
    expect(one.slice(0, 20).every((c) => c === 404)).toBe(true);
    expect(one[20]).toBe(429);
  });
});
