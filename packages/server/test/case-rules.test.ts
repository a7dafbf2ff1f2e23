import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

/**
 * The case rules where people could get around them (issue 9 D): the term at acceptance bounded by
 * the catalog and shortened when urgent (D1), only the holder or the director acting (D2), the
 * petition's acceptance decision and the higher authority's answer (D3), and the actions offered
 * only when the rules allow them (D9). Each test starts from the demo at Monday 2 March 2026, 09:00
 * in Beijing (the test clock), on a database of its own.
 */

interface Item {
  id: number;
  code: string;
}
interface Staff {
  id: number;
  staffNo: string;
}

describe.each(DATABASES)('case rules on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let director: string;
  let items: Map<string, number>;
  let staff: Map<string, number>;

  beforeEach(async () => {
    t = await testApp(await freshDatabase(kind));
    clerk = await t.login('clerk');
    director = await t.login('director');
    const list = (await t.call(clerk, 'GET', '/api/service-items')).json<Item[]>();
    items = new Map(list.map((i) => [i.code, i.id]));
    const people = (await t.call(clerk, 'GET', '/api/staff')).json<Staff[]>();
    staff = new Map(people.map((s) => [s.staffNo, s.id]));
  });
  afterEach(() => t.close());

  /** Moves the clock to an instant; sessions then idle too long, so sign in again. */
  async function advanceTo(iso: string) {
    t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
    clerk = await t.login('clerk');
    director = await t.login('director');
  }
  function intake(code: string, then?: object, over: object = {}, cookie = clerk) {
    return t.call(cookie, 'POST', '/api/cases', {
      itemId: items.get(code),
      channel: 'window',
      applicant: { type: 'person', name: '王桂英' },
      ...over,
      ...(then ? { then } : {}),
    });
  }
  const act = (id: number, action: string, body: object, cookie = clerk) =>
    t.call(cookie, 'POST', `/api/cases/${id}/${action}`, body);
  const detail = async (id: number, cookie = clerk) =>
    (await t.call(cookie, 'GET', `/api/cases/${id}`)).json();
  const noticeText = async (id: number) =>
    ((await t.call(clerk, 'GET', `/api/notices/${id}`)).json().content.paragraphs as string[]).join(
      '',
    );

  it('D1: accepts no term longer than the catalog (临时救助: 5 working days), at intake or later', async () => {
    const tooLong = await intake(
      'MZ-002',
      { action: 'accept', kind: 'promised', termDays: 100 },
      { applicant: { type: 'person', name: '期限过长' } },
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error).toMatchObject({
      code: 'TERM_ABOVE_CATALOG',
      fields: [
        {
          field: 'termDays',
          code: 'TERM_ABOVE_CATALOG',
          message: expect.stringContaining('最多 5 个工作日'),
        },
      ],
    });
    // Refused as a whole: the visitor was not half registered.
    const stored = await t.db.kysely
      .selectFrom('cases')
      .select('id')
      .where('applicant_name', '=', '期限过长')
      .execute();
    expect(stored).toEqual([]);

    const c = (await intake('MZ-002')).json();
    const later = await act(c.id, 'accept', { version: c.version, kind: 'promised', termDays: 6 });
    expect(later.json().error.code).toBe('TERM_ABOVE_CATALOG');
    const shorter = (
      await act(c.id, 'accept', { version: c.version, kind: 'promised', termDays: 3 })
    ).json();
    expect(shorter).toMatchObject({ termDays: 3, standardTermDays: 5, urgent: false });

    // The kind is the catalog's too: a 10-day item cannot become a 60-day petition.
    const asPetition = await intake('MZ-002', { action: 'accept', kind: 'petition' });
    expect(asPetition.json().error.fields[0]).toMatchObject({
      field: 'kind',
      code: 'KIND_NOT_IN_CATALOG',
    });
    const immediateAsPromised = await intake('MZ-004', {
      action: 'accept',
      kind: 'promised',
      termDays: 5,
    });
    expect(immediateAsPromised.json().error.code).toBe('KIND_NOT_IN_CATALOG');
    // A petition is bounded by the statute (the center's 60 days).
    const longPetition = await intake('MZ-005', {
      action: 'accept',
      kind: 'petition',
      termDays: 90,
    });
    expect(longPetition.json().error.fields[0].message).toContain('最多 60 日');
    // Longer only through the director's extension.
    const extended = await act(
      shorter.id,
      'extend',
      { version: shorter.version, days: 2, reason: '需入户核查' },
      director,
    );
    expect(extended.json()).toMatchObject({ termDays: 3, extension: { days: 2 } });
  });

  it('D1: makes an urgent case shorter (by the case settings) and says so on its notice', async () => {
    const settings = (await t.call(clerk, 'GET', '/api/case-settings')).json();
    expect(settings).toMatchObject({ urgentTermPercent: 50, petitionDecisionDays: 15 });
    const normal = (await intake('MZ-002', { action: 'accept', kind: 'promised' })).json();
    const urgent = (
      await intake('MZ-002', { action: 'accept', kind: 'promised', urgent: true })
    ).json();
    // Monday 2 March: 5 working days end Monday 9 March 17:30, 2 end Wednesday 4 March 17:30.
    expect(normal).toMatchObject({ termDays: 5, deadlineAt: '2026-03-09T09:30:00.000Z' });
    expect(urgent).toMatchObject({
      urgent: true,
      termDays: 2,
      standardTermDays: 5,
      deadlineAt: '2026-03-04T09:30:00.000Z',
    });
    expect(await noticeText(urgent.notices[0].id)).toContain(
      '加急办理，办理期限由 5 个工作日缩短为 2 个工作日',
    );
    const notShorter = await intake('MZ-002', {
      action: 'accept',
      kind: 'promised',
      urgent: true,
      termDays: 5,
    });
    expect(notShorter.json().error).toMatchObject({
      code: 'URGENT_TERM_TOO_LONG',
      fields: [{ field: 'termDays', message: expect.stringContaining('加急办件最多 2 个工作日') }],
    });

    const admin = await t.login('admin');
    const saved = await t.call(admin, 'PUT', '/api/case-settings', {
      version: settings.version,
      urgentTermPercent: 80,
    });
    expect(saved.json()).toMatchObject({ urgentTermPercent: 80 });
    const bad = await t.call(admin, 'PUT', '/api/case-settings', {
      version: saved.json().version,
      urgentTermPercent: 100,
    });
    expect(bad.json().error.fields[0].field).toBe('urgentTermPercent');
    const four = (
      await intake('MZ-002', { action: 'accept', kind: 'promised', urgent: true })
    ).json();
    expect(four.termDays).toBe(4);
  });

  it('D2: only the holder or the director acts; the trail names who did it and for whom', async () => {
    const c = (await intake('SC-002')).json();
    const handed = (
      await act(c.id, 'hand-over', {
        version: c.version,
        toStaffId: staff.get('W006'),
        method: 'escorted',
        note: '引导至 06 号窗口',
      })
    ).json();
    expect(handed.holderName).toBe('徐丹');
    // 李娜 no longer holds it: she may look, not act.
    for (const [action, body] of [
      ['accept', { kind: 'promised' }],
      ['return', { reasons: '不符合条件' }],
      ['hand-over', { toStaffId: staff.get('W001'), method: 'phone' }],
    ] as const) {
      const res = await act(c.id, action, { version: handed.version, ...body });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('NOT_HOLDER');
    }
    const seen = await detail(c.id);
    expect(seen).toMatchObject({
      version: handed.version,
      status: 'received',
      allowedActions: [],
      holdsCase: false,
    });
    const overseen = await detail(c.id, director);
    expect(overseen).toMatchObject({
      holdsCase: true,
      allowedActions: expect.arrayContaining(['accept']),
    });

    // The director steps in for 徐丹: the timeline shows both.
    const accepted = (
      await act(c.id, 'accept', { version: handed.version, kind: 'promised' }, director)
    ).json();
    expect(accepted.timeline.at(-1)).toMatchObject({
      action: 'case.accept',
      actorName: expect.stringContaining('周敏'),
      forName: '徐丹',
    });
    // After acceptance the case can still go to the window that can do it; its term runs on.
    const moved = (
      await act(
        c.id,
        'hand-over',
        {
          version: accepted.version,
          toStaffId: staff.get('W007'),
          method: 'phone',
          note: '卫健许可部分由 07 号窗口办理',
        },
        director,
      )
    ).json();
    expect(moved).toMatchObject({
      status: 'in_progress',
      holderName: '马兰',
      deadlineAt: accepted.deadlineAt,
    });
    expect(moved.handovers.at(-1)).toMatchObject({
      byName: '周敏',
      fromName: '徐丹',
      toName: '马兰',
    });
    // The clerk's own hand-over names nobody else: she was its holder.
    expect(moved.handovers[0]).toMatchObject({ byName: null, fromName: '李娜', toName: '徐丹' });
    const entry = await t.db.kysely
      .selectFrom('audit_log')
      .select(['actor_name', sql<string>`after -> 'actingFor' ->> 'name'`.as('for_name')])
      .where('entity_type', '=', 'case')
      .where('entity_id', '=', String(c.id))
      .where('action', '=', 'case.hand_over')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ actor_name: expect.stringContaining('周敏'), for_name: '徐丹' });

    // Correcting a notice is acting on the case too.
    const notice = moved.notices[0];
    const corrected = await t.call(clerk, 'POST', `/api/notices/${notice.id}/correct`, {
      reason: '姓名有误',
      applicantName: '王贵英',
    });
    expect(corrected.json().error.code).toBe('NOT_HOLDER');
  });

  it('D2: lists whom to hand a case to — the item’s windows first — and who is at the post', async () => {
    // The director signs in this morning; nobody else has.
    expect((await t.call(director, 'POST', '/api/attendance/sign-in')).statusCode).toBe(200);
    const c = (await intake('SC-002')).json();
    const res = await t.call(clerk, 'GET', `/api/cases/${c.id}/hand-over-targets`);
    expect(res.statusCode).toBe(200);
    const targets = res.json().items as {
      name: string;
      windowName: string | null;
      forItem: boolean;
      atPost: boolean;
    }[];
    // 开办餐饮店: 市场监管所 (window 06), jointly with 卫健 (window 07); then the other windows in
    // their order; then staff without a window, those at the post first.
    expect(targets.slice(0, 8).map((x) => x.name)).toEqual([
      '徐丹',
      '马兰',
      '陈刚',
      '刘洋',
      '黄秀英',
      '杨帆',
      '朱勇',
      '胡婷',
    ]);
    expect(targets.filter((x) => x.forItem).map((x) => x.name)).toEqual(['徐丹', '马兰']);
    expect(targets[8]).toMatchObject({ name: '周敏', windowName: null, atPost: true });
    expect(targets.filter((x) => x.atPost).map((x) => x.name)).toEqual(['周敏']);
    // The holder is not offered to herself.
    expect(targets.some((x) => x.name === '李娜')).toBe(false);
    // The same list at the window, before the visitor is registered.
    const atIntake = await t.call(
      clerk,
      'GET',
      `/api/hand-over-targets?itemId=${items.get('SC-002')}`,
    );
    expect(atIntake.json().items).toEqual(targets);
    const noItem = (await t.call(clerk, 'GET', '/api/hand-over-targets')).json().items;
    expect(noItem.some((x: { forItem: boolean }) => x.forItem)).toBe(false);
  });

  it('D3: tracks the 15-day decision on a petition — due date, warning, board — and records it', async () => {
    const letter = (await intake('MZ-005', undefined, { channel: 'letter' })).json();
    // Received Monday 2 March: 15 calendar days end Tuesday 17 March, 17:30.
    expect(letter.petitionDecision).toEqual({
      dueAt: '2026-03-17T09:30:00.000Z',
      decidedAt: null,
      accepted: null,
      onTime: null,
    });
    expect(letter.awaiting).toMatchObject({
      what: 'petition_decision',
      dueAt: '2026-03-17T09:30:00.000Z',
      light: 'green',
    });
    const board = async () => (await t.call(director, 'GET', '/api/board')).json();
    expect((await board()).awaiting.map((x: { id: number }) => x.id)).toContain(letter.id);

    // Warned before it is due: yellow on the clerk's workbench and the director's board.
    await advanceTo(letter.awaiting.yellowAt);
    const bench = (await t.call(clerk, 'GET', '/api/workbench')).json();
    expect(bench.myOpen.find((x: { id: number }) => x.id === letter.id).awaiting.light).toBe(
      'yellow',
    );
    expect((await board()).awaiting.find((x: { id: number }) => x.id === letter.id)).toMatchObject({
      awaiting: { what: 'petition_decision', light: 'yellow' },
    });

    const decidedAt = t.clock.now().toISOString();
    const accepted = (
      await act(letter.id, 'accept', { version: letter.version, kind: 'petition' })
    ).json();
    expect(accepted.petitionDecision).toEqual({
      dueAt: '2026-03-17T09:30:00.000Z',
      decidedAt,
      accepted: true,
      onTime: true,
    });
    expect(accepted.awaiting).toBeNull();
    expect((await board()).awaiting.map((x: { id: number }) => x.id)).not.toContain(letter.id);

    // Not decided in time, then refused: red before, and the record says late and not accepted.
    const second = (await intake('MZ-005', undefined, { channel: 'letter' })).json();
    await advanceTo('2026-04-02T02:00:00Z');
    expect((await board()).awaiting.find((x: { id: number }) => x.id === second.id)).toMatchObject({
      awaiting: { light: 'red' },
    });
    const refused = (
      await act(second.id, 'return', {
        version: second.version,
        reasons: '所反映事项已由法院受理，依照信访工作条例不予受理',
      })
    ).json();
    expect(refused.petitionDecision).toMatchObject({ accepted: false, onTime: false });
  });

  it('D3: warns before the higher authority’s due date and records its answer before completion', async () => {
    const c = (await intake('ZR-001', { action: 'accept', kind: 'reported' })).json();
    const submitted = (
      await act(c.id, 'submit', {
        version: c.version,
        authority: '县自然资源和规划局',
        dueDate: '2026-03-20',
      })
    ).json();
    expect(submitted.awaiting).toMatchObject({
      what: 'authority',
      dueAt: '2026-03-20T09:30:00.000Z',
      light: 'green',
    });
    expect(submitted.allowedActions).toContain('recordOutcome');
    expect(submitted.allowedActions).not.toContain('complete');
    await advanceTo(submitted.awaiting.yellowAt);
    const board = (await t.call(director, 'GET', '/api/board')).json();
    expect(board.awaiting.find((x: { id: number }) => x.id === c.id)).toMatchObject({
      awaiting: { what: 'authority', light: 'yellow' },
    });

    const early = await act(c.id, 'complete', { version: submitted.version, result: '已办结' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('OUTCOME_REQUIRED');
    const noNote = await act(c.id, 'record-outcome', {
      version: submitted.version,
      authorityResult: 'other',
      authorityNote: '',
    });
    expect(noNote.json().error.fields[0].field).toBe('authorityNote');
    const answered = (
      await act(c.id, 'record-outcome', {
        version: submitted.version,
        authorityResult: 'refused',
        authorityNote: '选址位于基本农田，县局不予批准（示范规函〔2026〕8 号）',
      })
    ).json();
    expect(answered.submission.outcome).toMatchObject({
      result: 'refused',
      note: expect.stringContaining('基本农田'),
    });
    expect(answered.awaiting).toBeNull();
    expect(answered.allowedActions).toContain('complete');
    expect(answered.timeline.at(-1).action).toBe('case.record_outcome');
    const again = await act(c.id, 'record-outcome', {
      version: answered.version,
      authorityResult: 'approved',
      authorityNote: '改为批准',
    });
    expect(again.json().error.code).toBe('OUTCOME_RECORDED');
    const done = await act(c.id, 'complete', {
      version: answered.version,
      result: '县局不予批准，已将批复送达申请人',
    });
    expect(done.json().status).toBe('completed');
  });

  it('D9: offers pause and extension only while the rules allow them, and says how long', async () => {
    const c = (await intake('MZ-002', { action: 'accept', kind: 'promised' })).json();
    expect(c.allowedActions).toEqual(['handOver', 'return', 'pause', 'expedite', 'complete']);
    const asDirector = await detail(c.id, director);
    expect(asDirector.allowedActions).toEqual([
      'handOver',
      'return',
      'pause',
      'extend',
      'expedite',
      'complete',
    ]);
    expect(asDirector.limits.extensionMaxDays).toBe(10);
    // Past its deadline (Monday 9 March 17:30): nothing can stop or stretch the clock any more.
    await advanceTo('2026-03-09T09:31:00Z');
    expect((await detail(c.id)).allowedActions).toEqual(['handOver', 'return', 'complete']);
    expect((await detail(c.id, director)).allowedActions).toEqual([
      'handOver',
      'return',
      'complete',
    ]);
    const forced = await act(
      c.id,
      'extend',
      { version: c.version, days: 3, reason: '补办' },
      director,
    );
    expect(forced.json().error.code).toBe('EXTEND_TOO_LATE');

    // The accept form learns the terms from the server; a petition extends by calendar days.
    const petition = (await intake('MZ-005')).json();
    expect(petition.limits.acceptTerms).toEqual([{ kind: 'petition', standard: 60, urgent: 30 }]);
    const received = (await intake('MZ-002')).json();
    expect(received.limits.acceptTerms).toEqual([
      { kind: 'immediate', standard: null, urgent: null },
      { kind: 'promised', standard: 5, urgent: 2 },
    ]);
    const accepted = (
      await act(petition.id, 'accept', { version: petition.version, kind: 'petition' })
    ).json();
    expect((await detail(accepted.id, director)).limits.extensionMaxDays).toBe(30);
  });
});
