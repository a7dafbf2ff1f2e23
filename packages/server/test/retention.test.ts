import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAssessment } from '../src/demo/assessment.ts';
import { applyRetention } from '../src/modules/retention/service.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

/**
 * The retention of personal data (issue 12, docs/privacy.md): past each kind's days the values are
 * masked or removed, audited without the values, never twice; what is younger stays whole.
 */
describe.each(DATABASES)('retention of personal data on %s', (kind) => {
  let t: TestApp;
  let clerk = '';
  const DAY = 86_400_000;
  const ID = '110101199003070011';
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind), { now: new Date('2026-03-06T01:00:00Z') });
    await seedDemoAssessment({
      db: t.db.kysely,
      dbKind: t.db.kind,
      clock: t.clock,
      config: {} as never,
    });
  });
  afterAll(() => t.close());

  const deps = () => ({ db: t.db.kysely, dbKind: t.db.kind, clock: t.clock, config: t.config });
  const items = async () =>
    new Map(
      (await t.call(clerk, 'GET', '/api/service-items'))
        .json<{ id: number; code: string }[]>()
        .map((i) => [i.code, i.id]),
    );

  /** A case taken with the applicant's identity number and phone, and completed now. */
  async function closedCase(phone: string) {
    clerk = await t.login('clerk'); // the clock moves by days between cases
    const res = await t.call(clerk, 'POST', '/api/cases', {
      itemId: (await items()).get('MZ-004'),
      channel: 'window',
      applicant: { type: 'person', name: '赵桂兰', idNumber: ID, phone },
      then: { action: 'accept', kind: 'immediate' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json<{ id: number; version: number }>();
    const done = await t.call(clerk, 'POST', `/api/cases/${c.id}/complete`, {
      version: c.version,
      result: '已办结',
    });
    expect(done.statusCode, done.body).toBe(200);
    return c.id;
  }
  const caseRow = (id: number) =>
    t.db.kysely
      .selectFrom('cases')
      .select(['applicant_id_number', 'applicant_phone', 'applicant_name'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('masks what has passed its days, keeps what has not, audits it without the values, and does it once', async () => {
    const oldCase = await closedCase('13800001111');
    const center = (
      await t.db.kysely
        .selectFrom('centers')
        .select('id')
        .where('code', '=', 'qingshi')
        .executeTakeFirstOrThrow()
    ).id;
    const report = await t.db.kysely
      .insertInto('public_reports')
      .values({
        center_id: center,
        received_at: t.clock.now(),
        channel: 'hotline',
        reporter_name: '钱建国',
        reporter_contact: '13922223333',
        reporter_phone: '13922223333',
        content: '窗口人员态度生硬',
        registered_by_name: '王芳',
        status: 'unsubstantiated',
        decided_at: t.clock.now(),
        decision_reason: '经查不属实',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.kysely
      .insertInto('outbox_messages')
      .values({
        center_id: center,
        created_at: t.clock.now(),
        next_attempt_at: t.clock.now(),
        recipient: '13944445555',
        template: 'verify_code',
        body: '验证码',
        state: 'sent',
        sent_at: t.clock.now(),
      })
      .execute();
    await t.db.kysely
      .insertInto('sms_codes')
      .values({
        center_id: center,
        created_at: t.clock.now(),
        expires_at: new Date(t.clock.now().getTime() + 600_000),
        phone: '13944445555',
        purpose: 'booking',
        code_hash: 'x'.repeat(64),
        salt: 'y'.repeat(32),
      })
      .execute();
    const finding = await t.db.kysely
      .selectFrom('findings')
      .select(['id', 'center_id'])
      .executeTakeFirstOrThrow();
    const evidence = await t.db.kysely
      .insertInto('evidence_files')
      .values({
        center_id: finding.center_id,
        finding_id: finding.id,
        file_name: '现场照片.png',
        media_type: 'image/png',
        size_bytes: 4,
        sha256: 'a'.repeat(64),
        content: Buffer.from([1, 2, 3, 4]),
        at: t.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    // A year and a day later: the phones' year is over, not the three years of the rest.
    t.clock.advance(366 * DAY);
    const young = await closedCase('13700002222');
    const first = await applyRetention(deps());
    expect(first).toMatchObject({ id_numbers: 0, reporters: 0, evidence: 0 });
    // The old case's phone, the report's mobile, the message's recipient and the code.
    expect(first.phones).toBeGreaterThanOrEqual(4);
    expect(await caseRow(oldCase)).toEqual({
      applicant_id_number: ID,
      applicant_phone: '138****1111',
      applicant_name: '赵桂兰',
    });
    expect((await caseRow(young)).applicant_phone).toBe('13700002222');
    const r1 = await t.db.kysely
      .selectFrom('public_reports')
      .select(['reporter_name', 'reporter_contact', 'reporter_phone'])
      .where('id', '=', report.id)
      .executeTakeFirstOrThrow();
    expect(r1).toEqual({
      reporter_name: '钱建国',
      reporter_contact: '13922223333',
      reporter_phone: null,
    });
    expect(
      await t.db.kysely
        .selectFrom('outbox_messages')
        .select('recipient')
        .where('recipient', 'like', '139%')
        .execute(),
    ).toEqual([{ recipient: '139****5555' }]);
    expect(await t.db.kysely.selectFrom('sms_codes').selectAll().execute()).toEqual([]);

    // Five years and a day after the evidence: every kind is past.
    t.clock.advance((5 * 365 - 366 + 1) * DAY);
    const second = await applyRetention(deps());
    expect(second).toMatchObject({ reporters: 1, evidence: 1 });
    expect(second.id_numbers).toBeGreaterThanOrEqual(2);
    expect((await caseRow(oldCase)).applicant_id_number).toBe('1101**********0011');
    expect((await caseRow(young)).applicant_phone).toBe('137****2222');
    expect(
      await t.db.kysely
        .selectFrom('public_reports')
        .select(['reporter_name', 'reporter_contact'])
        .where('id', '=', report.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ reporter_name: '钱**', reporter_contact: '139****3333' });
    const file = await t.db.kysely
      .selectFrom('evidence_files')
      .select(['content', 'size_bytes', 'sha256', 'purged_at'])
      .where('id', '=', evidence.id)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(file.content).length).toBe(0);
    expect(file).toMatchObject({ size_bytes: 4, sha256: 'a'.repeat(64), purged_at: t.clock.now() });
    // A decided complaint lets its reporter be masked, and still nothing else change.
    await expect(
      t.db.kysely
        .updateTable('public_reports')
        .set({ content: '改写' })
        .where('id', '=', report.id)
        .execute(),
    ).rejects.toThrow(/was decided/);
    await expect(
      t.db.kysely
        .updateTable('public_reports')
        .set({ reporter_name: '孙' })
        .where('id', '=', report.id)
        .execute(),
    ).rejects.toThrow(/was decided/);
    // Downloading it says why it is gone.
    const kaohe = await t.login('kaohe');
    const got = await t.call(kaohe, 'GET', `/api/evidence/${evidence.id}`);
    expect(got.statusCode).toBe(410);
    expect(got.json().error.code).toBe('EVIDENCE_PURGED');

    // Audited per center, with ids and counts, never a value.
    const trail = await t.db.kysely
      .selectFrom('audit_log')
      .select(['entity_id', 'after', 'actor_name'])
      .where('action', '=', 'retention.applied')
      .execute();
    expect(trail.map((a) => a.entity_id).sort()).toEqual(
      expect.arrayContaining([
        'evidence:evidence_files',
        'id_numbers:cases',
        'phones:cases',
        'reporters:public_reports',
      ]),
    );
    const text = JSON.stringify(trail);
    for (const secret of [ID, '13800001111', '钱建国', '13922223333'])
      expect(text).not.toContain(secret);
    expect(trail.every((a) => a.actor_name === '系统')).toBe(true);

    // Nothing left to do: a second run changes nothing and writes no audit entry.
    const before = await sql<{ n: string }>`select count(*) as n from audit_log`.execute(
      t.db.kysely,
    );
    expect(await applyRetention(deps())).toEqual({
      id_numbers: 0,
      phones: 0,
      reporters: 0,
      evidence: 0,
    });
    const after = await sql<{ n: string }>`select count(*) as n from audit_log`.execute(
      t.db.kysely,
    );
    expect(Number(after.rows[0]!.n)).toBe(Number(before.rows[0]!.n));
  });

  it('keeps a kind for ever when its days are 0', async () => {
    t.clock.advance(DAY);
    const c = await closedCase('13611112222');
    t.clock.advance(20 * 365 * DAY);
    const keep = {
      ...t.config,
      retention: { id_numbers: 0, phones: 0, reporters: 0, evidence: 0 },
    };
    expect(await applyRetention({ ...deps(), config: keep })).toEqual({
      id_numbers: 0,
      phones: 0,
      reporters: 0,
      evidence: 0,
    });
    expect(await caseRow(c)).toMatchObject({
      applicant_id_number: ID,
      applicant_phone: '13611112222',
    });
  });
});
