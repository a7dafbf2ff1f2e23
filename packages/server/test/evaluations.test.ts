import { displayReceiptNo } from '@bianmin/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearAttendance } from '../src/modules/attendance/summary.ts';
import { sweepOverdue } from '../src/modules/violations/service.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

interface Person {
  staffId: number;
  staffName: string;
  proposal: { rating: string; reasons: string[] };
  cap: { maxRating: string; findings: { id: number; description: string }[] } | null;
  decided: { rating: string; revision: number; appealId: number | null } | null;
  revisions: { id: number; rating: string; revision: number }[];
  summary: {
    attendance: unknown;
    findings: { total: number; byLevel: Record<string, number>; byItem: number[] };
    overdueCases: number;
    complaints: number;
    ratings: null;
    ratingsNote: string;
  };
}

interface Line {
  kind: string;
  amountFen: number;
  text: string;
  findingIds?: string[];
}

describe.each(DATABASES)('year-end evaluation and its appeals on %s', (kind) => {
  let t: TestApp;
  let staff: Map<string, number>;
  let provinceId: number;
  let ratingAppealId: number;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    const kaohe = await t.login('kaohe');
    const list = (await t.call(kaohe, 'GET', '/api/staff')).json<
      { id: number; staffNo: string }[]
    >();
    staff = new Map(list.map((s) => [s.staffNo, s.id]));
  });
  afterAll(() => t.close());

  const person = (sheet: { people: Person[] }, name: string) =>
    sheet.people.find((p) => p.staffName === name)!;
  const moveTo = (iso: string) => t.clock.advance(Date.parse(iso) - t.clock.now().getTime());

  it('shows the group every window person of the year, with summary, proposal and reasons', async () => {
    const kaohe = await t.login('kaohe');
    const res = await t.call(kaohe, 'GET', '/api/evaluations/2025');
    expect(res.statusCode).toBe(200);
    const sheet = res.json();
    expect(sheet).toMatchObject({ year: 2025, decidable: true, blockedReason: null });
    expect(sheet.people).toHaveLength(9);
    const lina = person(sheet, '李娜');
    expect(lina).toMatchObject({
      proposal: { rating: '称职' },
      cap: null,
      decided: null,
      summary: { overdueCases: 0, complaints: 0, ratings: null, ratingsNote: '暂无评价数据' },
    });
    expect(lina.proposal.reasons[0]).toBe('未达到任何降等条件，建议称职');
    // 2026 is not over: its ratings are decided from 1 December on.
    const y2026 = (await t.call(kaohe, 'GET', '/api/evaluations/2026')).json();
    expect(y2026).toMatchObject({ decidable: false });
    expect(y2026.blockedReason).toContain('2026-12-01');
    const shenji = await t.login('shenji');
    const early = await t.call(
      shenji,
      'POST',
      `/api/evaluations/2026/staff/${staff.get('W001')}/decide`,
      { rating: '称职', reason: '年度考评' },
    );
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('EVALUATION_NOT_OPEN');
  });

  it('keeps each person to his or her scope', async () => {
    const clerk = await t.login('clerk');
    expect((await t.call(clerk, 'GET', '/api/evaluations/2025')).statusCode).toBe(403);
    const own = await t.call(clerk, 'GET', `/api/evaluations/2025/staff/${staff.get('W001')}`);
    expect(own.json()).toMatchObject({ staffName: '李娜', year: 2025 });
    expect(
      (await t.call(clerk, 'GET', `/api/evaluations/2025/staff/${staff.get('W002')}`)).statusCode,
    ).toBe(404);
    const leader = await t.login('leader');
    expect(
      (await t.call(leader, 'GET', `/api/evaluations/2025/staff/${staff.get('W002')}`)).json(),
    ).toMatchObject({ staffName: '陈刚' });
    const kaohe = await t.login('kaohe');
    const decide = await t.call(
      kaohe,
      'POST',
      `/api/evaluations/2025/staff/${staff.get('W002')}/decide`,
      { rating: '称职', reason: '年度考评' },
    );
    expect(decide.statusCode).toBe(403);
    // Not a window person: not evaluated.
    const shenji = await t.login('shenji');
    const notEvaluated = await t.call(
      shenji,
      'POST',
      `/api/evaluations/2025/staff/${staff.get('C001')}/decide`,
      { rating: '称职', reason: '年度考评' },
    );
    expect(notEvaluated.json().error.code).toBe('NOT_EVALUATED');
  });

  it('refuses 称职 and 优秀 under a province finding, naming it; accepts 基本称职, once', async () => {
    const kaohe = await t.login('kaohe');
    const inspection = await t.call(kaohe, 'POST', '/api/inspections', {
      level: 'province',
      inspectedOn: '2025-11-20',
      inspectors: '省政务服务暗访组',
      findings: [
        {
          staffId: staff.get('W001'),
          item: 7,
          description: '收受办事群众香烟一条',
          circulated: true,
        },
      ],
    });
    expect(inspection.statusCode).toBe(201);
    provinceId = inspection.json().findings[0].id;
    const sheet = (await t.call(kaohe, 'GET', '/api/evaluations/2025')).json();
    const lina = person(sheet, '李娜');
    expect(lina.cap).toMatchObject({
      maxRating: '基本称职',
      findings: [{ id: provinceId, description: '收受办事群众香烟一条' }],
    });
    expect(lina.proposal.rating).toBe('基本称职');
    expect(lina.proposal.reasons[0]).toContain(`编号 ${String(provinceId)}`);
    expect(lina.summary.findings).toMatchObject({ total: 1, byItem: [0, 0, 0, 0, 0, 0, 1, 0] });

    const shenji = await t.login('shenji');
    const url = `/api/evaluations/2025/staff/${staff.get('W001')}/decide`;
    for (const rating of ['称职', '优秀']) {
      const res = await t.call(shenji, 'POST', url, { rating, reason: '工作认真负责' });
      expect(res.statusCode).toBe(409);
      const error = res.json().error;
      expect(error.code).toBe('RATING_CAPPED');
      expect(error.details).toMatchObject({ maxRating: '基本称职', findingIds: [provinceId] });
      expect(error.fields[0].field).toBe('rating');
      expect(error.fields[0].message).toContain('收受办事群众香烟一条');
    }
    expect((await t.call(shenji, 'POST', url, { rating: '良好', reason: 'x' })).statusCode).toBe(
      400,
    );
    const blank = await t.call(shenji, 'POST', url, { rating: '基本称职', reason: '  ' });
    expect(blank.json().error.fields[0].field).toBe('reason');
    const ok = await t.call(shenji, 'POST', url, {
      rating: '基本称职',
      reason: '全年有省级巡查通报的问题，按规定评为基本称职',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      decided: { rating: '基本称职', revision: 1, appealId: null, decidedByName: '赵建国' },
    });
    const again = await t.call(shenji, 'POST', url, { rating: '不称职', reason: '重新评定' });
    expect(again.json().error.code).toBe('ALREADY_RATED');
    const audit = (await t.call(shenji, 'GET', '/api/audit?action=evaluation.decide')).json();
    expect(audit.total).toBe(1);
  });

  it('the person appeals the rating; not decided by the rater, not revoked, not above the cap', async () => {
    const clerk = await t.login('clerk');
    const filed = await t.call(clerk, 'POST', '/api/appeals', {
      subject: 'rating',
      year: 2025,
      reason: '省级暗访所指香烟系群众遗落，已当场归还，请求重新评定',
    });
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({
      subject: 'rating',
      year: 2025,
      rating: '基本称职',
      newRating: null,
      status: 'pending',
      deadlineOn: '2026-03-16',
    });
    ratingAppealId = filed.json().id;
    const twice = await t.call(clerk, 'POST', '/api/appeals', {
      subject: 'rating',
      year: 2025,
      reason: '再次申诉',
    });
    expect(twice.json().error.code).toBe('APPEAL_PENDING');
    const missing = await t.call(clerk, 'POST', '/api/appeals', { subject: 'rating', reason: 'x' });
    expect(missing.json().error.fields[0].field).toBe('year');
    const noRating = await t.call(clerk, 'POST', '/api/appeals', {
      subject: 'rating',
      year: 2024,
      reason: 'x',
    });
    expect(noRating.json().error.code).toBe('NOT_RATED');
    // The rating's own finding is appealed too.
    const findingAppeal = await t.call(clerk, 'POST', '/api/appeals', {
      findingId: provinceId,
      reason: '香烟系群众遗落，已当场归还，有监控为证',
    });
    expect(findingAppeal.statusCode).toBe(201);

    const shenji = await t.login('shenji');
    const byRater = await t.call(shenji, 'POST', `/api/appeals/${ratingAppealId}/decide`, {
      version: 0,
      outcome: 'changed',
      rating: '称职',
      reason: '改评',
    });
    expect(byRater.json().error.code).toBe('RATER_CANNOT_DECIDE');
    const leader = await t.login('leader');
    const revoked = await t.call(leader, 'POST', `/api/appeals/${ratingAppealId}/decide`, {
      version: 0,
      outcome: 'revoked',
      reason: '撤销',
    });
    expect(revoked.json().error).toMatchObject({ code: 'OUTCOME_NOT_FOR_RATING' });
    const noRatingGiven = await t.call(leader, 'POST', `/api/appeals/${ratingAppealId}/decide`, {
      version: 0,
      outcome: 'changed',
      reason: '改评',
    });
    expect(noRatingGiven.json().error.fields[0].field).toBe('rating');
    const capped = await t.call(leader, 'POST', `/api/appeals/${ratingAppealId}/decide`, {
      version: 0,
      outcome: 'changed',
      rating: '称职',
      reason: '改评',
    });
    expect(capped.json().error.code).toBe('RATING_CAPPED');
  });

  it('a revoked province finding lifts the cap; the rating appeal changes it as a new revision, the old one untouched', async () => {
    const kaohe = await t.login('kaohe');
    const pending = (await t.call(kaohe, 'GET', '/api/appeals?status=pending')).json().items;
    const onFinding = pending.find((a: { subject: string }) => a.subject === 'finding');
    const byRecorder = await t.call(kaohe, 'POST', `/api/appeals/${onFinding.id}/decide`, {
      version: onFinding.version,
      outcome: 'revoked',
      reason: '属实',
    });
    expect(byRecorder.json().error.code).toBe('RECORDER_CANNOT_DECIDE');
    const shenji = await t.login('shenji');
    const decided = await t.call(shenji, 'POST', `/api/appeals/${onFinding.id}/decide`, {
      version: onFinding.version,
      outcome: 'revoked',
      reason: '经调取监控核实，香烟系群众遗落且已归还，撤销该问题',
    });
    expect(decided.json()).toMatchObject({ status: 'revoked', finding: { revoked: true } });
    const lina = person((await t.call(kaohe, 'GET', '/api/evaluations/2025')).json(), '李娜');
    expect(lina.cap).toBeNull();
    expect(lina.proposal.rating).toBe('称职');
    expect(lina.decided).toMatchObject({ rating: '基本称职', revision: 1 });

    const leader = await t.login('leader');
    const changed = await t.call(leader, 'POST', `/api/appeals/${ratingAppealId}/decide`, {
      version: 0,
      outcome: 'changed',
      rating: '称职',
      reason: '导致限制等次的省级通报问题已撤销，改评为称职',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      status: 'changed',
      rating: '基本称职',
      newRating: '称职',
      decidedByName: '钱志强',
    });
    const clerk = await t.login('clerk');
    const mine = (
      await t.call(clerk, 'GET', `/api/evaluations/2025/staff/${staff.get('W001')}`)
    ).json<Person>();
    expect(mine.decided).toMatchObject({ rating: '称职', revision: 2, appealId: ratingAppealId });
    expect(mine.revisions.map((r) => [r.revision, r.rating])).toEqual([
      [1, '基本称职'],
      [2, '称职'],
    ]);
    const first = mine.revisions[0]!.id;
    await expect(
      sql`update evaluations set rating = '优秀' where id = ${first}`.execute(t.db.kysely),
    ).rejects.toThrow(/final/);
    await expect(
      sql`delete from evaluations where id = ${first}`.execute(t.db.kysely),
    ).rejects.toThrow(/final/);
    const stored = await t.db.kysely
      .selectFrom('evaluations')
      .select(['revision', 'rating', 'appeal_id'])
      .where('staff_id', '=', staff.get('W001')!)
      .orderBy('revision')
      .execute();
    expect(stored).toEqual([
      { revision: 1, rating: '基本称职', appeal_id: null },
      { revision: 2, rating: '称职', appeal_id: ratingAppealId },
    ]);
    const audit = (await t.call(shenji, 'GET', '/api/audit?action=evaluation.revise')).json();
    expect(audit.total).toBe(1);
  });

  it('refuses a rating appeal after the term', async () => {
    moveTo('2026-03-17T01:00:00Z');
    const clerk = await t.login('clerk');
    const late = await t.call(clerk, 'POST', '/api/appeals', {
      subject: 'rating',
      year: 2025,
      reason: '希望评为优秀',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({
      code: 'APPEAL_TERM_EXPIRED',
      details: { lastDay: '2026-03-16' },
    });
  });

  it('a settlement-line appeal revokes the finding behind it; the next settlement gives the month back', async () => {
    const kaohe = await t.login('kaohe');
    const town = await t.call(kaohe, 'POST', '/api/inspections', {
      level: 'town',
      inspectedOn: '2025-09-10',
      inspectors: '镇考核小组',
      findings: [{ staffId: staff.get('W001'), item: 1, description: '未佩戴工作牌' }],
    });
    const townId = town.json().findings[0].id;
    const shenji = await t.login('shenji');
    for (const [year, half] of [
      [2023, 1],
      [2023, 2],
      [2024, 1],
      [2024, 2],
      [2025, 1],
      [2025, 2],
    ])
      expect(
        (await t.call(shenji, 'POST', `/api/settlements/${year}/${half}/approve`)).statusCode,
      ).toBe(200);
    const clerk = await t.login('clerk');
    const h2 = (
      await t.call(clerk, 'GET', `/api/settlements/2025/2/staff/${staff.get('W001')}`)
    ).json();
    expect(h2.status).toBe('approved');
    const lines = h2.lines as Line[];
    const forfeit = lines.findIndex((l) => l.kind === 'forfeit_month');
    expect(lines[forfeit]).toMatchObject({ amountFen: 30_000, findingIds: [String(townId)] });
    const pool = lines.findIndex((l) => l.kind === 'pool_month');

    const notApproved = await t.call(clerk, 'POST', '/api/appeals', {
      subject: 'settlement',
      year: 2026,
      half: 1,
      lineIndex: 0,
      reason: 'x',
    });
    expect(notApproved.json().error.code).toBe('SETTLEMENT_NOT_APPROVED');
    const badLine = await t.call(clerk, 'POST', '/api/appeals', {
      subject: 'settlement',
      year: 2025,
      half: 2,
      lineIndex: 99,
      reason: 'x',
    });
    expect(badLine.json().error).toMatchObject({ code: 'BAD_LINE' });
    expect(badLine.json().error.fields[0].field).toBe('lineIndex');

    const filed = await t.call(clerk, 'POST', '/api/appeals', {
      subject: 'settlement',
      year: 2025,
      half: 2,
      lineIndex: forfeit,
      reason: '当日工作牌在更衣时暂放抽屉，五分钟后即佩戴，不应没收当月考核金额',
    });
    expect(filed.statusCode).toBe(201);
    // Approved 2026-03-17 (Tuesday): ten working days → 2026-03-31.
    expect(filed.json()).toMatchObject({
      subject: 'settlement',
      year: 2025,
      half: 2,
      lineIndex: forfeit,
      findingId: townId,
      correctable: true,
      line: { kind: 'forfeit_month', amountFen: 30_000 },
      deadlineOn: '2026-03-31',
    });
    const sameFinding = await t.call(clerk, 'POST', '/api/appeals', {
      findingId: townId,
      reason: '同一问题再次申诉',
    });
    expect(sameFinding.json().error.code).toBe('APPEAL_PENDING');
    const poolAppeal = await t.call(clerk, 'POST', '/api/appeals', {
      subject: 'settlement',
      year: 2025,
      half: 2,
      lineIndex: pool,
      reason: '我认为该月应按全月计算',
    });
    expect(poolAppeal.json()).toMatchObject({ correctable: false, findingId: null });

    const leader = await t.login('leader');
    const poolRevoked = await t.call(
      leader,
      'POST',
      `/api/appeals/${poolAppeal.json().id}/decide`,
      {
        version: 0,
        outcome: 'revoked',
        reason: '撤销',
      },
    );
    expect(poolRevoked.json().error.code).toBe('LINE_NOT_CORRECTABLE');
    const poolUpheld = await t.call(leader, 'POST', `/api/appeals/${poolAppeal.json().id}/decide`, {
      version: 0,
      outcome: 'upheld',
      reason:
        '考核金额基数按在岗工作日计算无误；如到岗日期登记有误，请向中心办公室申请更正人员信息',
    });
    expect(poolUpheld.json()).toMatchObject({ status: 'upheld' });

    const byRecorder = await t.call(kaohe, 'POST', `/api/appeals/${filed.json().id}/decide`, {
      version: 0,
      outcome: 'revoked',
      reason: '属实',
    });
    expect(byRecorder.json().error.code).toBe('RECORDER_CANNOT_DECIDE');
    const revoked = await t.call(leader, 'POST', `/api/appeals/${filed.json().id}/decide`, {
      version: 0,
      outcome: 'revoked',
      reason: '经核实，当事人短暂摘牌情节轻微，撤销该问题',
    });
    expect(revoked.json()).toMatchObject({ status: 'revoked', finding: { revoked: true } });
    // The frozen half-year stays; the next one gives the forfeited month back, explained.
    const still = (
      await t.call(clerk, 'GET', `/api/settlements/2025/2/staff/${staff.get('W001')}`)
    ).json();
    expect(still).toMatchObject({ status: 'approved', payableFen: h2.payableFen });
    const next = (
      await t.call(clerk, 'GET', `/api/settlements/2026/1/staff/${staff.get('W001')}`)
    ).json();
    const back = (next.lines as Line[]).find((l) => l.kind === 'adjustment')!;
    expect(back).toMatchObject({ amountFen: 30_000 });
    expect(back.text).toMatch(/2025年下半年/);
    expect(next.adjustmentFen).toBe(30_000);

    // A finding of 2025 revoked after the rating was decided is a new fact: the rating may be
    // appealed again, within the term counted from that revocation (2026-03-17 → 2026-03-31).
    const reopened = await t.call(clerk, 'POST', '/api/appeals', {
      subject: 'rating',
      year: 2025,
      reason: '2025年的又一个问题已撤销，请求改评为优秀',
    });
    expect(reopened.statusCode).toBe(201);
    expect(reopened.json()).toMatchObject({ rating: '称职', deadlineOn: '2026-03-31' });
  });

  it('refuses a settlement-line appeal after the term', async () => {
    moveTo('2026-04-01T01:00:00Z');
    const clerk = await t.login('clerk');
    const late = await t.call(clerk, 'POST', '/api/appeals', {
      subject: 'settlement',
      year: 2025,
      half: 2,
      lineIndex: 0,
      reason: '不服',
    });
    expect(late.json().error).toMatchObject({
      code: 'APPEAL_TERM_EXPIRED',
      details: { lastDay: '2026-03-31' },
    });
  });

  it('shows appeals only within scope', async () => {
    const clerk = await t.login('clerk');
    const mine = (await t.call(clerk, 'GET', '/api/appeals')).json();
    expect(mine.items.every((a: { staffName: string }) => a.staffName === '李娜')).toBe(true);
    expect(mine.items.map((a: { subject: string }) => a.subject).sort()).toEqual([
      'finding',
      'rating',
      'rating',
      'settlement',
      'settlement',
    ]);
    // The supervising leader with no rating of his own: nothing to appeal.
    const leader = await t.login('leader');
    const none = await t.call(leader, 'POST', '/api/appeals', {
      subject: 'rating',
      year: 2025,
      reason: 'x',
    });
    expect(none.json().error.code).toBe('NOT_RATED');
    const director = await t.login('director');
    expect((await t.call(director, 'GET', '/api/appeals')).json().total).toBe(0);
  });
});

describe.each(DATABASES)('attendance in the evaluation on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
  });
  afterAll(() => t.close());

  it('takes the year’s attendance from the sign-ins, and unexcused absences lower the proposal', async () => {
    // Days pass with nobody signing: the working days count as absences without leave.
    t.clock.advance(Date.parse('2026-03-05T01:00:00Z') - t.clock.now().getTime());
    const kaohe = await t.login('kaohe');
    const sheet = (await t.call(kaohe, 'GET', '/api/evaluations/2026')).json<{
      people: (Person & { staffId: number })[];
    }>();
    const malan = sheet.people.find((p) => p.staffName === '马兰')!;
    const center = await t.db.kysely
      .selectFrom('staff')
      .select('center_id')
      .where('id', '=', malan.staffId)
      .executeTakeFirstOrThrow();
    const counted = (
      await yearAttendance(t.db.kysely, center.center_id, [malan.staffId], 2026, '2026-03-05')
    ).get(malan.staffId)!;
    expect(counted.days).toBeGreaterThan(0);
    expect(malan.summary.attendance).toMatchObject({
      absent: counted.absent,
      late: counted.late,
      leftEarly: counted.leftEarly,
      onLeave: counted.onLeave,
    });
    expect(counted.absent).toBeGreaterThanOrEqual(2);
    const expected = counted.absent >= 5 ? '不称职' : '基本称职';
    expect(malan.proposal.rating).toBe(expected);
    expect(malan.proposal.reasons).toContain(
      `旷岗（无故缺勤）${String(counted.absent)} 个工作日，达到 ${counted.absent >= 5 ? 5 : 2} 个工作日 → 最高${expected}`,
    );
  });
});

describe.each(DATABASES)(
  'a rating decided while overdue-case candidates are open, on %s',
  (kind) => {
    let t: TestApp;
    let staff: Map<string, number>;
    beforeAll(async () => {
      // Monday 21 December 2026, 10:00 in Beijing: the 2026 evaluation is open.
      t = await testApp(await freshDatabase(kind), { now: new Date('2026-12-21T10:00:00+08:00') });
      const kaohe = await t.login('kaohe');
      const list = (await t.call(kaohe, 'GET', '/api/staff')).json<
        { id: number; staffNo: string }[]
      >();
      staff = new Map(list.map((s) => [s.staffNo, s.id]));
    });
    afterAll(() => t.close());

    it('warns of the open candidates of the year and decides only with each confirmed; other years’ do not count', async () => {
      const clerk = await t.login('clerk');
      const items = (await t.call(clerk, 'GET', '/api/service-items')).json<
        { id: number; code: string }[]
      >();
      const c = (
        await t.call(clerk, 'POST', '/api/cases', {
          itemId: items.find((i) => i.code === 'MZ-004')!.id,
          channel: 'window',
          applicant: { type: 'person', name: '孙大爷' },
          then: { action: 'accept', kind: 'immediate' },
        })
      ).json();
      t.clock.advance(31 * 60_000);
      await sweepOverdue({
        db: t.db.kysely,
        dbKind: t.db.kind,
        clock: t.clock,
        config: {} as never,
      });

      const shenji = await t.login('shenji');
      const sheet = (await t.call(shenji, 'GET', '/api/evaluations/2026')).json();
      const lina = sheet.people.find((p: { staffName: string }) => p.staffName === '李娜');
      expect(lina.openCandidates).toEqual([
        {
          id: expect.any(Number),
          receiptNo: c.receiptNo,
          itemName: expect.any(String),
          kind: 'open_overdue',
          deadlineAt: '2026-12-21T02:30:00.000Z',
        },
      ]);
      const candidateId = lina.openCandidates[0].id as number;
      // The same candidate does not bear on 2025: that rating is decided without a word.
      const y2025 = (await t.call(shenji, 'GET', '/api/evaluations/2025')).json();
      expect(
        y2025.people.find((p: { staffName: string }) => p.staffName === '李娜').openCandidates,
      ).toEqual([]);
      const url = (year: number, no: string) =>
        `/api/evaluations/${year}/staff/${staff.get(no)}/decide`;
      const body = { rating: '称职', reason: '全年能履行岗位职责' };
      expect((await t.call(shenji, 'POST', url(2025, 'W001'), body)).statusCode).toBe(200);

      const refused = await t.call(shenji, 'POST', url(2026, 'W001'), body);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({
        code: 'OPEN_CANDIDATES',
        fields: [{ field: 'confirmOpenCandidates', code: 'OPEN_CANDIDATES' }],
        details: { candidateIds: [candidateId] },
      });
      expect(refused.json().error.message).toContain(
        `办件 ${displayReceiptNo(c.receiptNo as string)}（`,
      );
      expect(refused.json().error.message).toContain('期限 2026-12-21');
      const stale = await t.call(shenji, 'POST', url(2026, 'W001'), {
        ...body,
        confirmOpenCandidates: [candidateId + 1000],
      });
      expect(stale.json().error.code).toBe('OPEN_CANDIDATES');
      // Nobody else has an open candidate: 陈刚's rating needs no confirmation.
      expect((await t.call(shenji, 'POST', url(2026, 'W002'), body)).statusCode).toBe(200);

      const decided = await t.call(shenji, 'POST', url(2026, 'W001'), {
        ...body,
        confirmOpenCandidates: [candidateId],
      });
      expect(decided.statusCode, decided.body).toBe(200);
      expect(decided.json()).toMatchObject({ decided: { rating: '称职', revision: 1 } });
      // The revision keeps what the decider saw, the open candidate included.
      const stored = await t.db.kysely
        .selectFrom('evaluations')
        .select('summary')
        .where('staff_id', '=', staff.get('W001')!)
        .where('year', '=', 2026)
        .executeTakeFirstOrThrow();
      expect(stored.summary).toMatchObject({ openCandidates: [{ id: candidateId }] });
    });
  },
);
