import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAssessment } from '../src/demo/assessment.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

const REPORTER = { reporterName: '张建华', reporterContact: '13912345678' };

describe.each(DATABASES)('public reports and discipline referrals on %s', (kind) => {
  let t: TestApp;
  let staff: Map<string, number>;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    // The demo center's settled half-years, and the one it leaves for the group leader (2025's
    // second), approved: 2026 then has a draft settlement.
    await seedDemoAssessment({
      db: t.db.kysely,
      dbKind: t.db.kind,
      clock: t.clock,
      config: {} as never,
    });
    const shenji = await t.login('shenji');
    expect((await t.call(shenji, 'POST', '/api/settlements/2025/2/approve')).statusCode).toBe(200);
    const kaohe = await t.login('kaohe');
    const list = (await t.call(kaohe, 'GET', '/api/staff')).json<
      { id: number; staffNo: string }[]
    >();
    staff = new Map(list.map((s) => [s.staffNo, s.id]));
  });
  afterAll(() => t.close());

  /** Move the test clock to an instant (never backwards). */
  const at = (iso: string) => {
    const ms = Date.parse(iso) - t.clock.now().getTime();
    if (ms < 0) throw new Error(`clock is past ${iso}`);
    t.clock.advance(ms);
  };

  const register = async (cookie: string, body: object = {}) =>
    t.call(cookie, 'POST', '/api/reports', {
      channel: 'hotline',
      ...REPORTER,
      details: '窗口工作人员收受群众香烟两条后才给办理',
      ...body,
    });

  it('is registered by the duty officer at night, stamped by the server clock, the reporter masked and audited masked', async () => {
    // 23:30 in Shanghai, far outside business hours: reports are accepted 24 hours a day.
    at('2026-03-02T15:30:00Z');
    const duty = await t.login('duty');
    const res = await register(duty, { staffId: staff.get('W001'), occurredOn: '2026-02-26' });
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({
      receivedAt: '2026-03-02T15:30:00.000Z',
      channel: 'hotline',
      reporterNameMasked: '张**',
      reporterContactMasked: '139****5678',
      staffName: '李娜',
      occurredOn: '2026-02-26',
      item: null,
      registeredByName: '王芳',
      status: 'received',
      stage: 'received',
      reply: null,
      version: 0,
    });
    expect(res.body).not.toContain('张建华');
    expect(res.body).not.toContain('13912345678');

    const list = await t.call(duty, 'GET', '/api/reports');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    expect(list.body).not.toContain('13912345678');

    // The full values only through the audited reveal.
    const revealed = await t.call(duty, 'POST', `/api/reports/${report.id}/reveal`);
    expect(revealed.json()).toEqual(REPORTER);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_type', '=', 'public_report')
      .where('entity_id', '=', String(report.id))
      .orderBy('seq')
      .execute();
    // The group and the director are told of it (issue 11), the reporter named nowhere in that either.
    expect(audit.map((a) => a.action)).toEqual([
      'report.register',
      'inbox.notify',
      'report.reveal',
    ]);
    const trail = JSON.stringify(audit);
    expect(trail).not.toContain('张建华');
    expect(trail).not.toContain('13912345678');
  });

  it('names the bad field and refuses what the rules refuse', async () => {
    const duty = await t.login('duty');
    const missing = await t.call(duty, 'POST', '/api/reports', { channel: 'hotline' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['reporterName', 'reporterContact', 'details']),
    );
    expect(missing.json().error.fields[0].message).toMatch(/举报人姓名|举报人联系方式|举报内容/);
    const badChannel = await register(duty, { channel: 'wechat' });
    expect(badChannel.json().error.fields[0].field).toBe('channel');
    const later = await register(duty, { occurredOn: '2026-03-05' });
    expect(later.json().error).toMatchObject({
      code: 'REPORT_DATE_AFTER_RECEIPT',
      fields: [{ field: 'occurredOn' }],
    });
    const stranger = await register(duty, { staffId: 999_999 });
    expect(stranger.json().error.fields[0]).toMatchObject({ field: 'staffId', code: 'NOT_FOUND' });
    // A report about the duty officer herself is left to someone else.
    const self = await register(duty, { staffId: staff.get('C004') });
    expect(self.json().error.code).toBe('REPORT_ABOUT_SELF');
    const badItem = await register(duty, { item: 9 });
    expect(badItem.json().error.fields[0].field).toBe('item');
  });

  it('lets only report holders register and read, and only the group decide', async () => {
    const clerk = await t.login('clerk');
    expect((await register(clerk)).statusCode).toBe(403);
    expect((await t.call(clerk, 'GET', '/api/reports')).statusCode).toBe(403);
    const director = await t.login('director');
    expect((await t.call(director, 'GET', '/api/reports')).statusCode).toBe(403);
    const leader = await t.login('leader');
    const first = (await t.call(leader, 'GET', '/api/reports')).json().items.at(-1);
    expect((await t.call(clerk, 'GET', `/api/reports/${first.id}`)).statusCode).toBe(403);
    expect((await t.call(clerk, 'POST', `/api/reports/${first.id}/reveal`)).statusCode).toBe(403);
    const duty = await t.login('duty');
    const decideAsDuty = await t.call(duty, 'POST', `/api/reports/${first.id}/decide`, {
      version: 0,
      outcome: 'unsubstantiated',
      reason: '查无实据',
    });
    expect(decideAsDuty.statusCode).toBe(403);
    // Another center's admin does not see it.
    const other = await t.login('bs-admin');
    expect((await t.call(other, 'GET', `/api/reports/${first.id}`)).statusCode).toBe(404);
    expect((await t.call(other, 'GET', '/api/reports')).json().total).toBe(0);
  });

  it('substantiated: a finding in the person’s records without any reporter data, and a forfeited month in the settlement draft', async () => {
    at('2026-03-04T02:00:00Z');
    const kaohe = await t.login('kaohe');
    const report = (await t.call(kaohe, 'GET', '/api/reports')).json().items.at(-1);
    const before = (await t.call(kaohe, 'GET', '/api/settlements/2026/1')).json();
    const lina0 = before.people.find((p: { staffName: string }) => p.staffName === '李娜');
    expect(lina0, JSON.stringify(lina0)).toMatchObject({ poolFen: 180_000, appliedFen: 0 });

    const noItem = await t.call(kaohe, 'POST', `/api/reports/${report.id}/decide`, {
      version: 0,
      outcome: 'substantiated',
      reason: '调取监控，属实',
    });
    expect(noItem.json().error).toMatchObject({
      code: 'REPORT_ITEM_REQUIRED',
      fields: [{ field: 'item' }],
    });
    const noReason = await t.call(kaohe, 'POST', `/api/reports/${report.id}/decide`, {
      version: 0,
      outcome: 'unsubstantiated',
      reason: ' ',
    });
    expect(noReason.json().error.fields[0]).toMatchObject({
      field: 'reason',
      code: 'REPORT_REASON_REQUIRED',
    });
    const stale = await t.call(kaohe, 'POST', `/api/reports/${report.id}/decide`, {
      version: 3,
      outcome: 'substantiated',
      reason: '调取监控，属实',
      item: 7,
    });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');

    const res = await t.call(kaohe, 'POST', `/api/reports/${report.id}/decide`, {
      version: 0,
      outcome: 'substantiated',
      reason: '调取窗口监控录像，收受香烟属实',
      item: 7,
      serious: true,
    });
    expect(res.statusCode).toBe(200);
    const decided = res.json();
    expect(decided).toMatchObject({
      status: 'substantiated',
      stage: 'substantiated',
      item: 7,
      occurredOn: '2026-02-26',
      decidedByName: '孙丽华',
      decidedAt: '2026-03-04T02:00:00.000Z',
      version: 1,
    });
    expect(decided.findingId).toEqual(expect.any(Number));

    // 李娜 sees the finding — and nothing of the reporter.
    const clerk = await t.login('clerk');
    const mine = await t.call(clerk, 'GET', '/api/findings');
    const found = mine.json().items.find((f: { id: number }) => f.id === decided.findingId);
    expect(found).toMatchObject({
      source: 'public_report',
      level: 'public_report',
      date: '2026-02-26',
      item: 7,
      serious: true,
      staffName: '李娜',
    });
    const one = await t.call(clerk, 'GET', `/api/findings/${decided.findingId}`);
    for (const body of [mine.body, one.body]) {
      expect(body).not.toContain('张建华');
      expect(body).not.toContain('张**');
      expect(body).not.toContain('13912345678');
      expect(body).not.toContain('139****5678');
    }
    // Nor can she read the report about her (even if she held a report role she would not).
    expect((await t.call(clerk, 'GET', `/api/reports/${report.id}`)).statusCode).toBe(403);
    const mySheet = await t.call(
      clerk,
      'GET',
      `/api/settlements/2026/1/staff/${staff.get('W001')}`,
    );
    expect(mySheet.body).not.toContain('张建华');
    expect(mySheet.body).not.toContain('13912345678');

    // February 2026 forfeited in the half-year draft, explained line by line.
    const draft = (await t.call(kaohe, 'GET', '/api/settlements/2026/1')).json();
    const lina = draft.people.find((p: { staffName: string }) => p.staffName === '李娜');
    expect(lina).toMatchObject({ poolFen: 180_000, appliedFen: 30_000, payableFen: 150_000 });
    const forfeit = lina.lines.find((l: { kind: string }) => l.kind === 'forfeit_month');
    expect(forfeit).toMatchObject({ amountFen: 30_000 });
    expect(forfeit.text).toMatch(/2026年2月|2月/);

    // Decided is final: the API refuses, and so does the database.
    const again = await t.call(kaohe, 'POST', `/api/reports/${report.id}/decide`, {
      version: 1,
      outcome: 'unsubstantiated',
      reason: '改判',
    });
    expect(again.json().error.code).toBe('ALREADY_DECIDED');
    await expect(
      sql`update public_reports set decision_reason = 'x' where id = ${report.id}`.execute(
        t.db.kysely,
      ),
    ).rejects.toThrow(/decided/);
    await expect(
      sql`delete from public_reports where id = ${report.id}`.execute(t.db.kysely),
    ).rejects.toThrow(/decided/);

    const trail = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('action', 'in', ['report.decide', 'finding.record'])
      .execute();
    expect(trail.map((a) => a.action).sort()).toEqual(['finding.record', 'report.decide']);
    expect(JSON.stringify(trail)).not.toContain('13912345678');
  });

  it('records the reply once, after the decision, and then the report is closed', async () => {
    const duty = await t.login('duty');
    const fresh = (await register(duty, { channel: 'online', staffId: staff.get('W002') })).json();
    const early = await t.call(duty, 'POST', `/api/reports/${fresh.id}/reply`, {
      replyMethod: 'phone',
      replyContent: '正在核查',
    });
    expect(early.json().error.code).toBe('REPORT_NOT_DECIDED');

    const report = (await t.call(duty, 'GET', '/api/reports?stage=substantiated')).json().items[0];
    expect(report.status).toBe('substantiated');
    const future = await t.call(duty, 'POST', `/api/reports/${report.id}/reply`, {
      repliedAt: '2026-03-09T02:00:00Z',
      replyMethod: 'phone',
      replyContent: '经查属实，已按规定处理',
    });
    expect(future.json().error.fields[0]).toMatchObject({
      field: 'repliedAt',
      code: 'TIME_IN_FUTURE',
    });
    const beforeDecision = await t.call(duty, 'POST', `/api/reports/${report.id}/reply`, {
      repliedAt: '2026-03-03T02:00:00Z',
      replyMethod: 'phone',
      replyContent: '经查属实，已按规定处理',
    });
    expect(beforeDecision.json().error.code).toBe('REPLY_BEFORE_DECISION');
    const badMethod = await t.call(duty, 'POST', `/api/reports/${report.id}/reply`, {
      replyMethod: 'pigeon',
      replyContent: 'x',
    });
    expect(badMethod.json().error.fields[0].field).toBe('replyMethod');

    at('2026-03-05T03:00:00Z');
    const duty2 = await t.login('duty');
    const ok = await t.call(duty2, 'POST', `/api/reports/${report.id}/reply`, {
      replyMethod: 'phone',
      replyContent: '经查属实，已按规定扣除当月考核金额，感谢您的监督',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      stage: 'replied',
      status: 'substantiated',
      reply: {
        repliedAt: '2026-03-05T03:00:00.000Z',
        replyMethod: 'phone',
        recordedByName: '王芳',
      },
    });
    const twice = await t.call(duty2, 'POST', `/api/reports/${report.id}/reply`, {
      replyMethod: 'letter',
      replyContent: '再次答复',
    });
    expect(twice.json().error.code).toBe('REPORT_ALREADY_REPLIED');
    await expect(
      sql`update public_report_replies set content = 'x' where report_id = ${report.id}`.execute(
        t.db.kysely,
      ),
    ).rejects.toThrow(/once/);
    await expect(
      sql`delete from public_report_replies where report_id = ${report.id}`.execute(t.db.kysely),
    ).rejects.toThrow(/once/);
    const replied = (await t.call(duty2, 'GET', '/api/reports?stage=replied')).json();
    expect(replied.items.map((r: { id: number }) => r.id)).toEqual([report.id]);
    const open = (await t.call(duty2, 'GET', '/api/reports?stage=received')).json();
    expect(open.items.map((r: { id: number }) => r.id)).toEqual([fresh.id]);
  });

  it('unsubstantiated: with its reason, no finding; the reported group member never sees it', async () => {
    const duty = await t.login('duty');
    // A report about 孙丽华 (kaohe), a member of the group: she neither sees nor decides it.
    const aboutKaohe = (await register(duty, { staffId: staff.get('L003') })).json();
    const kaohe = await t.login('kaohe');
    expect((await t.call(kaohe, 'GET', `/api/reports/${aboutKaohe.id}`)).statusCode).toBe(404);
    const ids = (await t.call(kaohe, 'GET', '/api/reports'))
      .json()
      .items.map((r: { id: number }) => r.id);
    expect(ids).not.toContain(aboutKaohe.id);
    expect((await t.call(kaohe, 'POST', `/api/reports/${aboutKaohe.id}/reveal`)).statusCode).toBe(
      404,
    );
    const refused = await t.call(kaohe, 'POST', `/api/reports/${aboutKaohe.id}/decide`, {
      version: 0,
      outcome: 'unsubstantiated',
      reason: '不属实',
    });
    expect(refused.statusCode).toBe(404);

    const findingsBefore = (await t.call(kaohe, 'GET', '/api/findings')).json().total;
    const leader = await t.login('shenji');
    const res = await t.call(leader, 'POST', `/api/reports/${aboutKaohe.id}/decide`, {
      version: 0,
      outcome: 'unsubstantiated',
      reason: '经调查，当日该同志未在岗，举报内容与事实不符',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'unsubstantiated',
      stage: 'unsubstantiated',
      findingId: null,
      decisionReason: '经调查，当日该同志未在岗，举报内容与事实不符',
    });
    expect((await t.call(kaohe, 'GET', '/api/findings')).json().total).toBe(findingsBefore);
    // A group member cannot pin a report on himself either.
    const another = (await register(duty)).json();
    const onSelf = await t.call(kaohe, 'POST', `/api/reports/${another.id}/decide`, {
      version: 0,
      outcome: 'substantiated',
      reason: '属实',
      staffId: staff.get('L003'),
      item: 1,
      occurredOn: '2026-03-01',
    });
    expect(onSelf.json().error.code).toBe('REPORT_ABOUT_SELF');
  });

  it('refers serious findings for discipline, one open referral at a time, frozen once the outcome is in', async () => {
    const kaohe = await t.login('kaohe');
    const serious = (await t.call(kaohe, 'GET', '/api/findings'))
      .json()
      .items.find((f: { source: string }) => f.source === 'public_report');
    // An ordinary finding is not referred.
    const town = (
      await t.call(kaohe, 'POST', '/api/inspections', {
        level: 'province',
        inspectedOn: '2026-03-03',
        inspectors: '省督查组',
        findings: [
          { staffId: staff.get('W005'), item: 1, description: '未着装', circulated: true },
        ],
      })
    ).json().findings[0];
    const notSerious = await t.call(kaohe, 'POST', '/api/referrals', {
      findingId: town.id,
      referredTo: '镇纪委',
      referredOn: '2026-03-05',
    });
    expect(notSerious.json().error.code).toBe('REFERRAL_NOT_SERIOUS');
    const missing = await t.call(kaohe, 'POST', '/api/referrals', {
      findingId: 999_999,
      referredTo: '镇纪委',
      referredOn: '2026-03-05',
    });
    expect(missing.json().error.fields[0].field).toBe('findingId');
    const future = await t.call(kaohe, 'POST', '/api/referrals', {
      findingId: serious.id,
      referredTo: '镇纪委',
      referredOn: '2026-03-06',
    });
    expect(future.json().error.fields[0]).toMatchObject({ field: 'referredOn' });
    const clerk = await t.login('clerk');
    expect(
      (
        await t.call(clerk, 'POST', '/api/referrals', {
          findingId: serious.id,
          referredTo: '镇纪委',
          referredOn: '2026-03-05',
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.call(clerk, 'GET', '/api/referrals')).statusCode).toBe(403);

    const created = await t.call(kaohe, 'POST', '/api/referrals', {
      findingId: serious.id,
      referredTo: '镇纪委',
      referredOn: '2026-03-05',
      note: '收受财物，情节严重',
    });
    expect(created.statusCode).toBe(201);
    const ref = created.json();
    expect(ref).toMatchObject({
      findingId: serious.id,
      staffName: '李娜',
      referredTo: '镇纪委',
      outcome: null,
      referredByName: '孙丽华',
      version: 0,
    });
    const second = await t.call(kaohe, 'POST', '/api/referrals', {
      findingId: serious.id,
      referredTo: '县纪委',
      referredOn: '2026-03-05',
    });
    expect(second.json().error.code).toBe('REFERRAL_OPEN');
    const shown = (await t.call(kaohe, 'GET', `/api/referrals?findingId=${serious.id}`)).json();
    expect(shown.map((r: { id: number }) => r.id)).toEqual([ref.id]);
    const leader = await t.login('shenji');
    expect((await t.call(leader, 'GET', '/api/referrals?open=true')).json()).toHaveLength(1);

    // While open, only the outcome may be added: the referral itself is never rewritten.
    await expect(
      sql`update discipline_referrals set referred_to = '县纪委' where id = ${ref.id}`.execute(
        t.db.kysely,
      ),
    ).rejects.toThrow(/refused/);
    const early = await t.call(kaohe, 'POST', `/api/referrals/${ref.id}/outcome`, {
      version: 0,
      outcome: '给予诫勉谈话',
      outcomeOn: '2026-03-04',
    });
    expect(early.json().error.fields[0]).toMatchObject({
      field: 'outcomeOn',
      code: 'OUTCOME_BEFORE_REFERRAL',
    });
    const stale = await t.call(kaohe, 'POST', `/api/referrals/${ref.id}/outcome`, {
      version: 2,
      outcome: '给予诫勉谈话',
      outcomeOn: '2026-03-05',
    });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const done = await t.call(kaohe, 'POST', `/api/referrals/${ref.id}/outcome`, {
      version: 0,
      outcome: '镇纪委给予诫勉谈话',
      outcomeOn: '2026-03-05',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ outcome: '镇纪委给予诫勉谈话', outcomeByName: '孙丽华' });
    const again = await t.call(kaohe, 'POST', `/api/referrals/${ref.id}/outcome`, {
      version: 1,
      outcome: '改为警告',
      outcomeOn: '2026-03-05',
    });
    expect(again.json().error.code).toBe('REFERRAL_CLOSED');
    await expect(
      sql`update discipline_referrals set outcome = 'x' where id = ${ref.id}`.execute(t.db.kysely),
    ).rejects.toThrow(/refused/);
    await expect(
      sql`delete from discipline_referrals where id = ${ref.id}`.execute(t.db.kysely),
    ).rejects.toThrow(/refused/);
    const audited = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'discipline_referral')
      .orderBy('seq')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['referral.create', 'referral.outcome']);
  });

  it('a substantiated report is appealed like any finding: revoked by the group leader, not the recorder, and the month comes back', async () => {
    at('2026-03-06T02:00:00Z');
    const kaohe = await t.login('kaohe');
    const finding = (await t.call(kaohe, 'GET', '/api/findings'))
      .json()
      .items.find((f: { source: string }) => f.source === 'public_report');
    const clerk2 = await t.login('clerk');
    const appeal = await t.call(clerk2, 'POST', '/api/appeals', {
      findingId: finding.id,
      reason: '当天为群众代收的材料费，已当场退还，并非收受礼品。',
    });
    expect(appeal.statusCode, appeal.body).toBe(201);
    const byRecorder = await t.call(kaohe, 'POST', `/api/appeals/${appeal.json().id}/decide`, {
      version: 0,
      outcome: 'revoked',
      reason: '经复核不属实',
    });
    expect(byRecorder.json().error.code).toBe('RECORDER_CANNOT_DECIDE');
    const shenji = await t.login('shenji');
    const revoked = await t.call(shenji, 'POST', `/api/appeals/${appeal.json().id}/decide`, {
      version: 0,
      outcome: 'revoked',
      reason: '经复核，所收为代收材料费且已退还，不属收受礼品',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const after = (await t.call(shenji, 'GET', '/api/settlements/2026/1')).json();
    const lina2 = after.people.find((p: { staffName: string }) => p.staffName === '李娜');
    expect(lina2).toMatchObject({ appliedFen: 0, payableFen: 180_000 });
  });
});
