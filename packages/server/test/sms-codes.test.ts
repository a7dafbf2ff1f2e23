import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/write.ts';
import type { Deps } from '../src/http/context.ts';
import type { AppError } from '../src/http/errors.ts';
import {
  applicantActor,
  checkCode,
  requestCode,
  withSmsCode,
} from '../src/modules/sms-codes/service.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

describe.each(DATABASES)('SMS verification codes on %s', (kind) => {
  let t: TestApp;
  let deps: Deps;
  let qingshi: number;
  /** A different address per test, so the per-address wall only meets the test about it. */
  let address = 0;
  const nextAddress = () => `10.20.0.${++address}`;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    deps = { db: t.db.kysely, dbKind: t.db.kind, clock: t.clock, config: t.config };
    const center = await t.db.kysely
      .selectFrom('centers')
      .select('id')
      .where('code', '=', 'qingshi')
      .executeTakeFirstOrThrow();
    qingshi = center.id;
  });
  afterAll(() => t.close());

  const ask = (phone: string, purpose = 'booking', remoteAddress = nextAddress()) =>
    t.app.inject({
      method: 'POST',
      url: '/api/public/sms-codes',
      payload: { centerCode: 'qingshi', phone, purpose },
      remoteAddress,
    });

  /** The code the last text to a phone carried (what the applicant reads on the phone). */
  const lastCode = async (phone: string) => {
    const row = await t.db.kysely
      .selectFrom('outbox_messages')
      .select(['params', 'body', 'center_id', 'id'])
      .where('recipient', '=', phone)
      .where('template', '=', 'verify_code')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return { ...row, code: row.params.code! };
  };
  const codeRow = (phone: string) =>
    t.db.kysely
      .selectFrom('sms_codes')
      .selectAll()
      .where('phone', '=', phone)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();

  /** Checks a code in a transaction of its own (committed when the code is right). */
  const check = (phone: string, code: string, purpose: 'booking' | 'report' = 'booking') =>
    t.db.kysely.transaction().execute((tx) => checkCode(tx, t.clock, { phone, purpose, code }));

  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return e as AppError;
    }
    throw new Error('not refused');
  };

  it('sends a six-digit code valid five minutes, storing only its hash, with the same answer for any number', async () => {
    const res = await ask('13812345678');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ resendAfterSeconds: 60 });
    expect(res.headers['cache-control']).toBe('no-store');
    const other = await ask('13900000000');
    expect(other.statusCode).toBe(200);
    expect(other.body).toBe(res.body);

    const sent = await lastCode('13812345678');
    expect(sent.code).toMatch(/^\d{6}$/);
    expect(sent.center_id).toBe(qingshi);
    expect(sent.body).toBe(`您的验证码是 ${sent.code}，5 分钟内有效。如非本人操作，请忽略本短信。`);
    const row = await codeRow('13812345678');
    expect(row).toMatchObject({ purpose: 'booking', center_id: qingshi, tries: 0, used_at: null });
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(row.request_ip).toMatch(/^10\.20\.0\./);
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBe(5 * 60_000);
    expect(JSON.stringify({ ...row, code_hash: '', salt: '' })).not.toContain(sent.code);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'after', 'ip'])
      .where('entity_type', 'in', ['sms_code', 'outbox_message'])
      .orderBy('id')
      .execute();
    expect(audit.slice(0, 2).map((a) => a.action)).toEqual(['sms_code.issue', 'outbox.enqueue']);
    expect(audit[0]!.actor_name).toBe('办事人（群众门户）');
    expect(JSON.stringify(audit)).not.toContain('13812345678');
    expect(JSON.stringify(audit)).not.toContain(sent.code);
    expect(JSON.stringify(audit)).toContain('138****5678');
  });

  it('refuses what is not a mainland mobile, an unknown center and an unknown purpose', async () => {
    const landline = await ask('0571-84682230');
    expect(landline.statusCode).toBe(400);
    expect(landline.json().error.code).toBe('SMS_MOBILE_REQUIRED');
    expect(landline.json().error.fields[0]).toMatchObject({ field: 'phone' });
    expect(landline.json().error.fields[0].message).toMatch(/^手机号码：/);
    expect((await ask('12812345678')).statusCode).toBe(400);
    const center = await t.app.inject({
      method: 'POST',
      url: '/api/public/sms-codes',
      payload: { centerCode: 'nowhere', phone: '13812340000', purpose: 'booking' },
      remoteAddress: nextAddress(),
    });
    expect(center.statusCode).toBe(404);
    expect(center.json().error.code).toBe('CENTER_NOT_FOUND');
    expect((await ask('13812340000', 'lottery')).statusCode).toBe(400);
  });

  it('sends one code a minute and ten a day per number and purpose', async () => {
    const phone = '13700000001';
    expect((await ask(phone)).statusCode).toBe(200);
    t.clock.advance(30_000);
    const soon = await ask(phone);
    expect(soon.statusCode).toBe(429);
    expect(soon.json().error.code).toBe('SMS_TOO_MANY');
    expect(soon.json().error.fields[0]).toMatchObject({ field: 'phone' });
    expect(soon.json().error.message).toBe('获取验证码过于频繁，请 30 秒后再试');
    expect(soon.headers['retry-after']).toBe('30');
    // Another purpose is another count.
    expect((await ask(phone, 'report')).statusCode).toBe(200);
    for (let i = 2; i <= 10; i++) {
      t.clock.advance(60_000);
      expect((await ask(phone)).statusCode, `code ${i}`).toBe(200);
    }
    t.clock.advance(60_000);
    const day = await ask(phone);
    expect(day.statusCode).toBe(429);
    expect(day.json().error.code).toBe('SMS_TOO_MANY');
    expect(Number(day.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    // 24 hours after the first, one more.
    t.clock.advance(24 * 3_600_000 - 10 * 60_000);
    expect((await ask(phone)).statusCode).toBe(200);
  });

  it('sends at most ten codes a minute to one address, whatever the numbers', async () => {
    const from = nextAddress();
    for (let i = 0; i < 10; i++)
      expect((await ask(`1350000${String(i).padStart(4, '0')}`, 'booking', from)).statusCode).toBe(
        200,
      );
    const wall = await ask('13500009999', 'booking', from);
    expect(wall.statusCode).toBe(429);
    expect(wall.json().error.code).toBe('RATE_LIMITED');
  });

  it('accepts the right code once, within five minutes by the server clock', async () => {
    t.clock.advance(60_000);
    const phone = '13600000001';
    await ask(phone);
    const { code } = await lastCode(phone);
    t.clock.advance(5 * 60_000 - 1000);
    await check(phone, code);
    expect((await codeRow(phone)).used_at).toEqual(t.clock.now());
    const again = await refusal(check(phone, code));
    expect(again.code).toBe('SMS_CODE_EXPIRED');
    expect(again.extra.fields?.[0]).toMatchObject({ field: 'smsCode' });

    // Another code, left to expire.
    t.clock.advance(60_000);
    await ask(phone);
    const late = await lastCode(phone);
    t.clock.advance(5 * 60_000);
    expect((await refusal(check(phone, late.code))).code).toBe('SMS_CODE_EXPIRED');
    // A code of another purpose is no code for this one.
    expect((await refusal(check(phone, late.code, 'report'))).code).toBe('SMS_CODE_EXPIRED');
  });

  it('counts every wrong try, saying how many are left, and kills the code after five', async () => {
    t.clock.advance(60_000);
    const phone = '13600000002';
    await ask(phone);
    const { code } = await lastCode(phone);
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const act = (c: string) =>
      withSmsCode(deps, applicantActor('10.30.0.1'), { phone, purpose: 'booking', code: c }, () =>
        Promise.resolve('booked'),
      );
    for (let left = 4; left >= 0; left--) {
      const e = await refusal(act(wrongCode));
      expect(e.code).toBe('SMS_CODE_WRONG');
      expect(e.extra.fields?.[0]).toMatchObject({ field: 'smsCode' });
      expect(e.message).toContain(left > 0 ? `还可以再试 ${left} 次` : '已失效');
    }
    expect((await codeRow(phone)).tries).toBe(5);
    // Now even the right code is refused.
    expect((await refusal(act(code))).code).toBe('SMS_CODE_EXPIRED');
    expect((await codeRow(phone)).used_at).toBeNull();
  });

  it('gives a refused action its code back, and counts tries sent at once one by one', async () => {
    t.clock.advance(60_000);
    const phone = '13600000003';
    await ask(phone);
    const { code } = await lastCode(phone);
    const input = { phone, purpose: 'booking' as const, code };
    const refused = await refusal(
      withSmsCode(deps, systemActor, input, () => Promise.reject(new Error('slot full'))),
    );
    expect(refused.message).toBe('slot full');
    expect((await codeRow(phone)).used_at).toBeNull();
    const wrongCode = String((Number(code) + 7) % 1_000_000).padStart(6, '0');
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        refusal(
          withSmsCode(deps, systemActor, { ...input, code: wrongCode }, () =>
            Promise.resolve(null),
          ),
        ),
      ),
    );
    const codes = results.map((e) => e.code).sort();
    // One try went to the refused action: four wrong ones are compared, the other four are not.
    expect(codes).toEqual([
      ...Array(4).fill('SMS_CODE_EXPIRED'),
      ...Array(4).fill('SMS_CODE_WRONG'),
    ]);
    expect((await codeRow(phone)).tries).toBe(5);
  });

  it('uses only the latest code sent to a number', async () => {
    t.clock.advance(60_000);
    const phone = '13600000004';
    await requestCode(deps, '10.40.0.1', { phone, purpose: 'manage', centerId: qingshi });
    const first = await lastCode(phone);
    t.clock.advance(60_000);
    await requestCode(deps, '10.40.0.1', { phone, purpose: 'manage', centerId: qingshi });
    const second = await lastCode(phone);
    if (first.code !== second.code) {
      const e = await refusal(
        t.db.kysely
          .transaction()
          .execute((tx) => checkCode(tx, t.clock, { phone, purpose: 'manage', code: first.code })),
      );
      expect(e.code).toBe('SMS_CODE_WRONG');
    }
    await t.db.kysely
      .transaction()
      .execute((tx) => checkCode(tx, t.clock, { phone, purpose: 'manage', code: second.code }));
  });
});
