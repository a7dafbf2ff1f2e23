import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, write } from '../src/audit/write.ts';
import type { Deps } from '../src/http/context.ts';
import type { SendResult, SmsMessage, SmsProvider } from '../src/modules/outbox/providers/index.ts';
import { enqueue, sendDue, type OutboxMessageInput } from '../src/modules/outbox/service.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

const PHONE = '13812345678';

/** A gateway that answers as told and remembers every message it was given. */
class FakeGateway implements SmsProvider {
  sent: SmsMessage[] = [];
  constructor(
    readonly name = 'fake',
    private answer: (msg: SmsMessage) => SendResult | Promise<SendResult> = () => ({ ok: true }),
  ) {}
  async send(msg: SmsMessage) {
    this.sent.push(msg);
    return this.answer(msg);
  }
}

describe.each(DATABASES)('the outbox on %s', (kind) => {
  let t: TestApp;
  let deps: Deps;
  let qingshi: number;
  let baisha: number;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    deps = { db: t.db.kysely, dbKind: t.db.kind, clock: t.clock, config: t.config };
    const centers = await t.db.kysely.selectFrom('centers').select(['id', 'code']).execute();
    qingshi = centers.find((c) => c.code === 'qingshi')!.id;
    baisha = centers.find((c) => c.code === 'baisha')!.id;
  });
  afterAll(() => t.close());

  const booking = (over: Partial<OutboxMessageInput> = {}): OutboxMessageInput => ({
    centerId: qingshi,
    to: PHONE,
    template: 'booking_confirmed',
    params: {
      center: '青石镇便民服务中心',
      item: '低保申请',
      time: '3月3日 09:00',
      bookingCode: 'K7Q2',
    },
    subject: { type: 'booking', id: 12 },
    ...over,
  });

  /** Queues messages in one audited transaction of their own, as a service would. */
  const queue = (...msgs: OutboxMessageInput[]) =>
    write(t.db.kysely, t.clock, systemActor, async (tx, audit, at) => {
      for (const m of msgs) await enqueue(tx, audit, at, m);
      await audit({
        centerId: null,
        action: 'test.queue',
        entityType: 'test',
        entityId: 0,
        before: null,
        after: null,
      });
    });

  const rows = () => t.db.kysely.selectFrom('outbox_messages').selectAll().orderBy('id').execute();
  const rowOf = (id: number) =>
    t.db.kysely
      .selectFrom('outbox_messages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const auditOf = (id: number) =>
    t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'after', 'center_id'])
      .where('entity_type', '=', 'outbox_message')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
  /** Sends everything due now and afterwards, so each test starts with an empty queue. */
  const drain = async () => {
    t.clock.advance(24 * 3_600_000);
    await sendDue(deps, new FakeGateway(), 1000);
  };

  it('queues nothing when the change it reports rolls back', async () => {
    const before = (await rows()).length;
    await expect(
      write(t.db.kysely, t.clock, systemActor, async (tx, audit, at) => {
        await enqueue(tx, audit, at, booking({ dedupeKey: 'rolled-back' }));
        throw new Error('the booking was refused');
      }),
    ).rejects.toThrow('the booking was refused');
    expect(await rows()).toHaveLength(before);
    const audited = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'outbox.enqueue')
      .execute();
    expect(audited).toHaveLength(0);
  });

  it('queues a message with its rendered text, once per dedupe key, audited with the number masked', async () => {
    await queue(booking({ dedupeKey: 'booking:12:confirmed' }));
    await queue(booking({ dedupeKey: 'booking:12:confirmed' }));
    const queued = (await rows()).filter((r) => r.dedupe_key === 'booking:12:confirmed');
    expect(queued).toHaveLength(1);
    const row = queued[0]!;
    expect(row).toMatchObject({
      center_id: qingshi,
      channel: 'sms',
      recipient: PHONE,
      template: 'booking_confirmed',
      state: 'pending',
      attempts: 0,
      subject_type: 'booking',
      subject_id: '12',
    });
    expect(row.body).toBe(
      '您已预约青石镇便民服务中心“低保申请”，时间 3月3日 09:00，预约码 K7Q2。请按时携带有效证件前来办理。',
    );
    expect(row.next_attempt_at).toEqual(t.clock.now());
    const audit = await auditOf(row.id);
    expect(audit.map((a) => a.action)).toEqual(['outbox.enqueue']);
    expect(audit[0]!.center_id).toBe(qingshi);
    expect(JSON.stringify(audit[0]!.after)).toContain('138****5678');
    expect(JSON.stringify(audit[0]!.after)).not.toContain(PHONE);
    await drain();
  });

  it('keeps a code out of the audit trail and refuses a number that is not a mobile', async () => {
    await queue({
      centerId: qingshi,
      to: '138 1234 5678',
      template: 'verify_code',
      params: { code: '204913', minutes: '5' },
    });
    const row = (await rows()).at(-1)!;
    expect(row.recipient).toBe(PHONE);
    expect(row.body).toContain('204913');
    const audit = JSON.stringify((await auditOf(row.id))[0]!.after);
    expect(audit).not.toContain('204913');
    expect(audit).toContain('******');
    await expect(queue(booking({ to: '0571-8468 2230' }))).rejects.toMatchObject({
      code: 'SMS_MOBILE_REQUIRED',
    });
    await expect(
      queue(booking({ params: { center: '青石镇便民服务中心', item: '低保申请' } })),
    ).rejects.toThrow(/time, bookingCode missing/);
    await drain();
  });

  it('does not send a message before its time', async () => {
    const at = t.clock.now();
    await queue(booking({ notBefore: new Date(at.getTime() + 3_600_000) }));
    const gateway = new FakeGateway();
    expect(await sendDue(deps, gateway)).toEqual({ sent: 0, retried: 0, failed: 0 });
    t.clock.advance(3_600_000);
    expect(await sendDue(deps, gateway)).toEqual({ sent: 1, retried: 0, failed: 0 });
  });

  it('sends each message once when two workers run at the same time', async () => {
    const ids: number[] = [];
    const many = Array.from({ length: 12 }, (_, i) =>
      booking({ subject: { type: 'booking', id: 100 + i } }),
    );
    await queue(...many);
    for (const r of await rows()) if (r.state === 'pending') ids.push(r.id);
    expect(ids).toHaveLength(12);
    // A slow gateway: both workers are inside their sends at once.
    const gateway = new FakeGateway('fake', async () => {
      await sleep(5);
      return { ok: true, id: 'gw' };
    });
    const reports = await Promise.all([
      sendDue(deps, gateway, 8),
      sendDue(deps, gateway, 8),
      sendDue(deps, gateway, 8),
    ]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(12);
    expect(gateway.sent).toHaveLength(12);
    for (const id of ids) {
      const row = await rowOf(id);
      expect(row).toMatchObject({ state: 'sent', attempts: 1, provider: 'fake' });
      expect(row.sent_at).toEqual(t.clock.now());
      const audit = await auditOf(id);
      expect(audit.map((a) => a.action)).toEqual(['outbox.enqueue', 'outbox.sent']);
      expect(audit[1]!.actor_name).toBe('系统');
    }
    expect(await sendDue(deps, gateway)).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('tries again after 1, 2, 4, 8 and 16 minutes, then gives up, each try audited', async () => {
    await queue(booking({ subject: { type: 'booking', id: 200 } }));
    const id = (await rows()).at(-1)!.id;
    const gateway = new FakeGateway('fake', () => ({
      ok: false,
      error: 'isp.SYSTEM_ERROR: 网关繁忙',
      retry: true,
    }));
    const waits: number[] = [];
    for (let i = 1; i <= 5; i++) {
      expect(await sendDue(deps, gateway)).toEqual({ sent: 0, retried: 1, failed: 0 });
      const row = await rowOf(id);
      expect(row).toMatchObject({ state: 'pending', attempts: i });
      expect(row.last_error).toBe('isp.SYSTEM_ERROR: 网关繁忙');
      const wait = row.next_attempt_at.getTime() - t.clock.now().getTime();
      waits.push(wait / 60_000);
      // Not a second earlier.
      t.clock.advance(wait - 1000);
      expect(await sendDue(deps, gateway)).toEqual({ sent: 0, retried: 0, failed: 0 });
      t.clock.advance(1000);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16]);
    expect(await sendDue(deps, gateway)).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await rowOf(id)).toMatchObject({ state: 'failed', attempts: 6, sent_at: null });
    expect(gateway.sent).toHaveLength(6);
    const audit = await auditOf(id);
    expect(audit.map((a) => a.action)).toEqual([
      'outbox.enqueue',
      ...Array(5).fill('outbox.attempt_failed'),
      'outbox.failed',
    ]);
    for (const a of audit) expect(JSON.stringify(a.after)).toContain('138****5678');
    expect(JSON.stringify(audit)).not.toContain(PHONE);
  });

  it('gives up at once on a refusal not worth repeating', async () => {
    await queue(booking({ subject: { type: 'booking', id: 201 } }));
    const id = (await rows()).at(-1)!.id;
    const gateway = new FakeGateway('fake', () => ({
      ok: false,
      error: 'isv.MOBILE_NUMBER_ILLEGAL: 非法手机号',
      retry: false,
    }));
    expect(await sendDue(deps, gateway)).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await rowOf(id)).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('counts a gateway that throws as a failed try', async () => {
    await queue(booking({ subject: { type: 'booking', id: 202 } }));
    const id = (await rows()).at(-1)!.id;
    const gateway = new FakeGateway('fake', () => {
      throw new Error('socket hang up');
    });
    expect(await sendDue(deps, gateway)).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await rowOf(id)).toMatchObject({ state: 'pending', last_error: 'socket hang up' });
    await drain();
  });

  it('sends a message again after its lease runs out, and ignores the worker that lost it', async () => {
    await queue(booking({ subject: { type: 'booking', id: 203 } }));
    const id = (await rows()).at(-1)!.id;
    const second = new FakeGateway('second', () => ({ ok: true, id: 'B' }));
    // The first worker hangs past its two-minute lease; a second one claims the message meanwhile.
    const first = new FakeGateway('first', async () => {
      t.clock.advance(2 * 60_000);
      expect(await sendDue(deps, second)).toEqual({ sent: 1, retried: 0, failed: 0 });
      return { ok: true, id: 'A' };
    });
    expect(await sendDue(deps, first)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await rowOf(id)).toMatchObject({
      state: 'sent',
      attempts: 2,
      provider: 'second',
      provider_message_id: 'B',
    });
    const audit = await auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(['outbox.enqueue', 'outbox.sent']);
  });

  it('never sends a code late, and keeps no code once a real gateway took it', async () => {
    await queue({
      centerId: qingshi,
      to: PHONE,
      template: 'verify_code',
      params: { code: '551208', minutes: '5' },
    });
    const late = (await rows()).at(-1)!.id;
    t.clock.advance(5 * 60_000);
    const gateway = new FakeGateway('aliyun', () => ({ ok: true, id: 'biz-1' }));
    expect(await sendDue(deps, gateway)).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(gateway.sent).toHaveLength(0);
    expect(await rowOf(late)).toMatchObject({
      state: 'failed',
      last_error: '已过有效期，不再发送',
    });

    await queue({
      centerId: qingshi,
      to: PHONE,
      template: 'verify_code',
      params: { code: '773019', minutes: '5' },
    });
    const sent = (await rows()).at(-1)!.id;
    expect(await sendDue(deps, gateway)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(gateway.sent[0]!.params.code).toBe('773019');
    const row = await rowOf(sent);
    expect(row).toMatchObject({ state: 'sent', provider: 'aliyun', provider_message_id: 'biz-1' });
    expect(row.params).toEqual({ code: '', minutes: '5' });
    expect(row.body).toBe('您的验证码是 ******，5 分钟内有效。如非本人操作，请忽略本短信。');
    expect(JSON.stringify(row)).not.toContain('773019');
  });

  describe('短信记录 for staff', () => {
    let admin: string;
    let codeId: number;
    let failedId: number;
    beforeAll(async () => {
      await drain();
      admin = await t.login('admin');
      await queue({
        centerId: qingshi,
        to: '13900001111',
        template: 'verify_code',
        params: { code: '480213', minutes: '5' },
      });
      codeId = (await rows()).at(-1)!.id;
      await queue(booking({ centerId: baisha, to: '13700002222' }));
      await queue(booking({ to: '13600003333', subject: { type: 'booking', id: 300 } }));
      failedId = (await rows()).at(-1)!.id;
      // The code goes out through the log gateway; the booking is refused by the gateway.
      await sendDue(
        deps,
        new FakeGateway('log', (m) =>
          m.template === 'verify_code'
            ? { ok: true }
            : { ok: false, error: 'isv.SMS_TEMPLATE_ILLEGAL: 模板不合法', retry: false },
        ),
      );
    });

    it('lists the center’s messages newest first, numbers masked, the code in clear with no gateway', async () => {
      const res = await t.call(admin, 'GET', '/api/outbox?pageSize=3');
      expect(res.statusCode).toBe(200);
      const page = res.json();
      expect(page.providerIsLog).toBe(true);
      expect(page.total).toBeGreaterThan(3);
      expect(page.items.map((m: { id: number }) => m.id)).toEqual([
        failedId,
        codeId,
        expect.any(Number),
      ]);
      const [failed, code] = page.items;
      expect(failed).toMatchObject({
        recipientMasked: '136****3333',
        template: 'booking_confirmed',
        templateName: '预约成功',
        state: 'failed',
        attempts: 1,
        lastError: 'isv.SMS_TEMPLATE_ILLEGAL: 模板不合法',
        subjectType: 'booking',
        subjectId: '300',
        retryable: true,
        nextAttemptAt: null,
      });
      expect(code).toMatchObject({
        templateName: '短信验证码',
        state: 'sent',
        text: '您的验证码是 480213，5 分钟内有效。如非本人操作，请忽略本短信。',
        retryable: false,
      });
      expect(res.body).not.toContain('13900001111');
      expect(res.body).not.toContain('13700002222');
      const failedOnly = (await t.call(admin, 'GET', '/api/outbox?state=failed')).json();
      expect(failedOnly.items.every((m: { state: string }) => m.state === 'failed')).toBe(true);
    });

    it('masks the code when a real gateway is configured', async () => {
      const before = t.config.sms;
      t.config.sms = { ...before, provider: 'aliyun' };
      try {
        const page = (await t.call(admin, 'GET', '/api/outbox?state=sent')).json();
        expect(page.providerIsLog).toBe(false);
        const code = page.items.find((m: { id: number }) => m.id === codeId);
        expect(code.text).toBe('您的验证码是 ******，5 分钟内有效。如非本人操作，请忽略本短信。');
        expect(JSON.stringify(page)).not.toContain('480213');
      } finally {
        t.config.sms = before;
      }
    });

    it('shows another center nothing, refuses other roles and strangers', async () => {
      const bs = await t.login('bs-admin');
      const theirs = (await t.call(bs, 'GET', '/api/outbox')).json();
      expect(theirs.items.map((m: { recipientMasked: string }) => m.recipientMasked)).toEqual([
        '137****2222',
      ]);
      expect((await t.call(bs, 'GET', `/api/outbox?centerId=${qingshi}`)).statusCode).toBe(403);
      expect((await t.call(bs, 'POST', `/api/outbox/${failedId}/retry`)).statusCode).toBe(404);
      const clerk = await t.login('clerk');
      const refused = await t.call(clerk, 'GET', '/api/outbox');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
      expect((await t.app.inject({ method: 'GET', url: '/api/outbox' })).statusCode).toBe(401);
      const county = await t.login('county');
      expect((await t.call(county, 'GET', '/api/outbox')).json().error.code).toBe(
        'CENTER_REQUIRED',
      );
      const all = (await t.call(county, 'GET', `/api/outbox?centerId=${qingshi}`)).json();
      expect(all.items.some((m: { id: number }) => m.id === failedId)).toBe(true);
    });

    it('sends a failed message again on request, audited; never a sent one or a code', async () => {
      const res = await t.call(admin, 'POST', `/api/outbox/${failedId}/retry`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: failedId, state: 'pending', attempts: 0 });
      const audit = await auditOf(failedId);
      expect(audit.at(-1)).toMatchObject({ action: 'outbox.retry', actor_name: '吴静（admin）' });
      const again = await t.call(admin, 'POST', `/api/outbox/${failedId}/retry`);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('OUTBOX_NOT_FAILED');
      expect(await sendDue(deps, new FakeGateway())).toEqual({ sent: 1, retried: 0, failed: 0 });

      await queue({
        centerId: qingshi,
        to: PHONE,
        template: 'verify_code',
        params: { code: '111111', minutes: '5' },
      });
      const code = (await rows()).at(-1)!.id;
      await sendDue(deps, new FakeGateway('fake', () => ({ ok: false, error: 'x', retry: false })));
      const refused = await t.call(admin, 'POST', `/api/outbox/${code}/retry`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('OUTBOX_CODE_NOT_RESENT');
      expect((await t.call(admin, 'POST', '/api/outbox/999999/retry')).statusCode).toBe(404);
    });
  });
});
