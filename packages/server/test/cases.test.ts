import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOverdue } from '../src/modules/violations/service.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

/**
 * The text of a PDF as pdftotext (poppler-utils) reads it, whitespace removed; null when the tool is
 * missing on a developer's machine (CI sets BIANMIN_REQUIRE_BROWSER=1 and installs it: there it fails).
 */
function pdfText(pdf: Buffer): string | null {
  const run = spawnSync('pdftotext', ['-', '-'], { input: pdf });
  if (run.error) {
    if (process.env.BIANMIN_REQUIRE_BROWSER === '1') throw run.error;
    return null;
  }
  return run.stdout.toString().replace(/\s+/g, '');
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A valid resident ID number (GB 11643 check digit) and a mobile number. */
const ID_NUMBER = '11010519491231002X';
const PHONE = '13812345678';

interface Item {
  id: number;
  code: string;
  materials: string[];
  fees: { name: string; amount: string }[];
}

describe.each(DATABASES)('cases under time limits on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let items: Map<string, Item>;
  let staffIds: Map<string, number>;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    clerk = await t.login('clerk');
    const list = (await t.call(clerk, 'GET', '/api/service-items')).json<Item[]>();
    items = new Map(list.map((i) => [i.code, i]));
    const staff = (await t.call(clerk, 'GET', '/api/staff')).json<
      { id: number; staffNo: string }[]
    >();
    staffIds = new Map(staff.map((s) => [s.staffNo, s.id]));
  });
  afterAll(() => t.close());

  const item = (code: string) => items.get(code)!;
  const call: TestApp['call'] = (...args) => t.call(...args);
  /** Moving the clock ends idle sessions: sign in again afterwards. */
  async function advance(ms: number) {
    t.clock.advance(ms);
    clerk = await t.login('clerk');
  }
  const advanceTo = (iso: string) => advance(Date.parse(iso) - t.clock.now().getTime());
  const deps = () => ({ db: t.db.kysely, dbKind: t.db.kind, clock: t.clock, config: {} as never });

  function intake(then?: object, over: object = {}, cookie = clerk) {
    return call(cookie, 'POST', '/api/cases', {
      itemId: item('MZ-002').id,
      channel: 'window',
      applicant: { type: 'person', name: '张桂兰', idNumber: ID_NUMBER, phone: PHONE },
      ...over,
      ...(then ? { then } : {}),
    });
  }
  const act = (id: number, action: string, body: object, cookie = clerk) =>
    call(cookie, 'POST', `/api/cases/${id}/${action}`, body);

  it('offers the demo catalog to every staff member, with materials and fees', async () => {
    expect(items.size).toBe(14);
    expect(item('HJ-001').fees).toEqual([
      expect.objectContaining({ name: '居民身份证工本费', amount: '20.00' }),
    ]);
    expect(item('SC-001').materials).toHaveLength(3);
  });

  it('takes a walk-in immediate case in one request: receipt number, query code, notice, 30 minutes', async () => {
    const res = await intake(
      { action: 'accept', kind: 'immediate' },
      { itemId: item('MZ-004').id },
    );
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c.receiptNo).toMatch(/^00\d202603020\d{3}$/);
    expect(c.queryCode).toMatch(/^\d{6}$/);
    expect(c).toMatchObject({ status: 'in_progress', acceptedKind: 'immediate', light: 'green' });
    expect(Date.parse(c.deadlineAt) - Date.parse(c.acceptedAt)).toBe(30 * 60_000);
    expect(c.applicant).toEqual({
      type: 'person',
      name: '张桂兰',
      idNumberMasked: '1101**********002X',
      phoneMasked: '138****5678',
    });
    expect(c.notices).toEqual([
      expect.objectContaining({ type: 'immediate', number: '〔2026〕即字第0001号' }),
    ]);
    expect(c.timeline.map((e: { action: string }) => e.action)).toEqual([
      'case.receive',
      'case.accept',
    ]);
    const done = await act(c.id, 'complete', { version: c.version, result: '已发放高龄津贴' });
    expect(done.json()).toMatchObject({ status: 'completed', onTime: true, feesTotal: '0.00' });
  });

  it('numbers the cases of a day one after the other, in five digits after the 9,999th', async () => {
    const first = (await intake()).json<{ receiptNo: string; centerId: number }>();
    // Center (3 digits), Beijing date (8), the day's sequence (4).
    const prefix = `${String(first.centerId).padStart(3, '0')}20260302`;
    expect(first.receiptNo).toMatch(new RegExp(`^${prefix}\\d{4}$`));
    const next = (await intake()).json<{ receiptNo: string }>();
    expect(Number(next.receiptNo.slice(11))).toBe(Number(first.receiptNo.slice(11)) + 1);
    // The counter as a very busy day would leave it.
    await t.db.kysely
      .updateTable('receipt_counters')
      .set({ last: 9998 })
      .where('center_id', '=', first.centerId)
      .execute();
    const numbers = [];
    for (let i = 0; i < 2; i++)
      numbers.push((await intake()).json<{ receiptNo: string }>().receiptNo);
    expect(numbers).toEqual([`${prefix}9999`, `${prefix}10000`]);
  });

  it('answers an intake with the case just as reading it back shows it, whatever was done with it', async () => {
    const created = [
      await intake(),
      await intake({ action: 'accept', kind: 'promised' }),
      await intake({ action: 'accept', kind: 'immediate' }, { itemId: item('MZ-004').id }),
      await intake({ action: 'accept', kind: 'promised', urgent: true }),
      await intake({ action: 'supplement', materials: item('MZ-002').materials.slice(1) }),
      await intake({ action: 'return', reasons: '申请人不属于本镇户籍，请到户籍所在地申请' }),
      await intake(
        { action: 'answer', answer: '可以办理' },
        { itemId: null, subject: '城乡居民医保缴费时间', channel: 'phone' },
      ),
    ];
    for (const res of created) {
      expect(res.statusCode).toBe(201);
      const c = res.json();
      expect((await call(clerk, 'GET', `/api/cases/${c.id}`)).json()).toEqual(c);
    }
  });

  it('computes a promised deadline from the official calendar, at closing time, the acceptance day not counted', async () => {
    // Monday 2026-03-02 09:00 in Shanghai; 5 working days: 3, 4, 5, 6, 9 March; winter hours close 17:30.
    const c = (await intake({ action: 'accept', kind: 'promised' })).json();
    expect(c.termDays).toBe(5);
    expect(c.deadlineAt).toBe('2026-03-09T09:30:00.000Z');
    expect(c.provisional).toBe(false);
    const notice = (await call(clerk, 'GET', `/api/notices/${c.notices[0].id}`)).json();
    expect(notice.content.title).toBe('承诺件通知书');
    expect(notice.content.paragraphs.join('')).toContain('2026年3月9日 17:30 前办结');
  });

  it('refuses fees outside the catalog or above it (无“三乱”), and charges listed ones', async () => {
    const c = (
      await intake({ action: 'accept', kind: 'promised' }, { itemId: item('HJ-001').id })
    ).json();
    const outside = await act(c.id, 'complete', {
      version: c.version,
      result: '已办结',
      fees: [{ name: '加急费', amount: '50' }],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields[0]).toMatchObject({
      field: 'fees.0.name',
      code: 'FEE_NOT_IN_CATALOG',
    });
    const above = await act(c.id, 'complete', {
      version: c.version,
      result: '已办结',
      fees: [{ name: '居民身份证工本费', amount: '25' }],
    });
    expect(above.json().error.code).toBe('FEE_ABOVE_CATALOG');
    const ok = await act(c.id, 'complete', {
      version: c.version,
      result: '已办结，证件已制发',
      fees: [{ name: '居民身份证工本费', amount: '20' }],
    });
    expect(ok.json()).toMatchObject({ status: 'completed', feesTotal: '20.00' });
  });

  it('lists every missing paper in one supplement notice, and starts the clock only when complete', async () => {
    const materials = item('MZ-002').materials.slice(1);
    const res = await intake({ action: 'supplement', materials });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ status: 'awaiting_materials', deadlineAt: null, materials });
    const notice = (await call(clerk, 'GET', `/api/notices/${c.notices[0].id}`)).json();
    expect(notice.content.list.items).toEqual(materials);
    const unknown = await intake({ action: 'supplement', materials: ['不存在的材料'] });
    expect(unknown.json().error.code).toBe('MATERIAL_NOT_IN_CHECKLIST');

    await advance(2 * HOUR);
    const accepted = await act(c.id, 'accept', { version: c.version, kind: 'promised' });
    expect(accepted.json()).toMatchObject({ status: 'in_progress', deemedAccepted: false });
    expect(accepted.json().clockStartAt).toBe(t.clock.now().toISOString());
  });

  it('counts an application as accepted on the day of receipt when no supplement notice came within 5 working days (art. 32)', async () => {
    const c = (await intake()).json();
    expect(c.status).toBe('received');
    // Received Monday 2 March (+2 h from earlier tests); due at 17:30 on Monday 9 March.
    expect(c.supplementDueAt).toBe('2026-03-09T09:30:00.000Z');
    await advance(7 * DAY + 9 * HOUR);
    const late = await act(c.id, 'supplement', {
      version: c.version,
      materials: ['临时救助申请书'],
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('SUPPLEMENT_TOO_LATE');
    const accepted = (await act(c.id, 'accept', { version: c.version, kind: 'promised' })).json();
    expect(accepted).toMatchObject({ deemedAccepted: true, clockStartAt: c.receivedAt });
    const notice = (await call(clerk, 'GET', `/api/notices/${accepted.notices[0].id}`)).json();
    expect(notice.content.paragraphs.join('')).toContain('第三十二条');
  });

  it('returns a case with written reasons, and answers an inquiry outside the catalog', async () => {
    const returned = (
      await intake({ action: 'return', reasons: '申请人不属于本镇户籍，请到户籍所在地申请' })
    ).json();
    expect(returned).toMatchObject({
      status: 'returned',
      reasons: expect.stringContaining('户籍'),
    });
    expect(returned.notices[0].type).toBe('returned');
    const noSubject = await intake({ action: 'answer', answer: '可以办理' }, { itemId: null });
    expect(noSubject.json().error.fields[0].field).toBe('itemId');
    const inquiry = (
      await intake(
        { action: 'answer', answer: '医保缴费截止到 12 月 31 日，可在手机上缴纳。' },
        { itemId: null, subject: '城乡居民医保缴费时间', channel: 'phone' },
      )
    ).json();
    expect(inquiry).toMatchObject({ status: 'answered', itemId: null, channel: 'phone' });
    const notice = (await call(clerk, 'GET', `/api/notices/${inquiry.notices[0].id}`)).json();
    expect(notice.content).toMatchObject({
      title: '咨询件受理通知书',
      itemName: '城乡居民医保缴费时间',
    });
  });

  it('counts a petition in calendar days and tracks a reported case through the higher authority', async () => {
    const petition = (
      await intake({ action: 'accept', kind: 'petition' }, { itemId: item('MZ-005').id })
    ).json();
    expect(petition.termDays).toBe(60);
    const received = Date.parse(petition.clockStartAt);
    expect(Date.parse(petition.deadlineAt) - received).toBeGreaterThanOrEqual(60 * DAY - 9 * HOUR);

    const reported = (
      await intake({ action: 'accept', kind: 'reported' }, { itemId: item('ZR-001').id })
    ).json();
    const wrongKind = await act(petition.id, 'submit', {
      version: petition.version,
      authority: '县自然资源局',
      dueDate: '2026-04-30',
    });
    expect(wrongKind.json().error.code).toBe('NOT_REPORTED');
    const submitted = (
      await act(reported.id, 'submit', {
        version: reported.version,
        authority: '县自然资源和规划局',
        dueDate: '2026-04-30',
      })
    ).json();
    expect(submitted).toMatchObject({
      status: 'with_authority',
      submission: { authority: '县自然资源和规划局', dueDate: '2026-04-30', outcome: null },
    });
    // The authority's answer is recorded before the case is completed (case-rules.test.ts).
    const answered = (
      await act(reported.id, 'record-outcome', {
        version: submitted.version,
        authorityResult: 'approved',
        authorityNote: '县自然资源和规划局批复同意（示范规许〔2026〕12 号）',
      })
    ).json();
    const done = await act(reported.id, 'complete', {
      version: answered.version,
      result: '县局已批准，乡村建设规划许可证已领取',
    });
    expect(done.json().status).toBe('completed');
  });

  it('records first-inquiry hand-overs, the bounce count and joint cases at the business section', async () => {
    const c = (await intake(undefined, { itemId: item('SC-002').id })).json();
    expect(c.firstResponderName).toBe('李娜');
    const toSelf = await act(c.id, 'hand-over', {
      version: c.version,
      toStaffId: staffIds.get('W001'),
      method: 'escorted',
    });
    expect(toSelf.json().error.code).toBe('HANDOVER_TO_HOLDER');
    const escorted = (
      await act(c.id, 'hand-over', {
        version: c.version,
        toStaffId: staffIds.get('W006'),
        method: 'escorted',
        note: '引导至个体工商登记窗口',
      })
    ).json();
    expect(escorted).toMatchObject({
      holderName: '徐丹',
      windowName: '个体工商登记窗口',
      bounceCount: 1,
    });
    // 徐丹 holds it now: the director sends it on for her (only the holder or the director acts).
    const director = await t.login('director');
    const joint = (
      await act(
        c.id,
        'hand-over',
        {
          version: escorted.version,
          toBusinessSection: true,
          method: 'phone',
          note: '餐饮开办一件事，需市场监管、卫健联办',
        },
        director,
      )
    ).json();
    expect(joint).toMatchObject({ atBusinessSection: true, joint: true, bounceCount: 2 });
    const yewu = await t.login('yewu');
    const lead = (
      await act(
        c.id,
        'hand-over',
        { version: joint.version, toStaffId: staffIds.get('W006'), method: 'phone' },
        yewu,
      )
    ).json();
    expect(lead.handovers.map((h: { toName: string }) => h.toName)).toEqual([
      '徐丹',
      '中心业务科',
      '徐丹',
    ]);
    expect(lead.firstResponderName).toBe('李娜');
    // The first responder can still see what became of the inquiry.
    const seen = (await call(clerk, 'GET', `/api/cases/${c.id}`)).json();
    expect(seen.holderName).toBe('徐丹');
  });

  it('pauses the clock for time that does not count and moves the deadline by exactly that working time', async () => {
    await advanceTo('2026-03-10T02:00:00Z'); // Tuesday 10:00 in Shanghai, within business hours
    const c = (await intake({ action: 'accept', kind: 'promised' })).json();
    const paused = (
      await act(c.id, 'pause', {
        version: c.version,
        reason: 'awaiting_applicant',
        note: '等待补充说明',
      })
    ).json();
    expect(paused).toMatchObject({ status: 'paused', light: 'paused' });
    await advance(HOUR);
    const resumed = (await act(c.id, 'resume', { version: paused.version })).json();
    expect(resumed.status).toBe('in_progress');
    expect(resumed.pauses).toHaveLength(1);
    // Tuesday 10 March + 5 working days ends Tuesday 17 March 17:30; one working hour more runs
    // on at the next opening: Wednesday 18 March 09:30.
    expect(c.deadlineAt).toBe('2026-03-17T09:30:00.000Z');
    expect(resumed.deadlineAt).toBe('2026-03-18T01:30:00.000Z');
  });

  it('lets only an approver extend a term, once, with reasons and an extension notice; urgent terms are shorter', async () => {
    const c = (await intake({ action: 'accept', kind: 'promised' })).json();
    const byClerk = await act(c.id, 'extend', {
      version: c.version,
      days: 5,
      reason: '需实地核查',
    });
    expect(byClerk.statusCode).toBe(403);
    const director = await t.login('director');
    const extended = (
      await act(
        c.id,
        'extend',
        { version: c.version, days: 5, reason: '需入户核查家庭经济状况' },
        director,
      )
    ).json();
    expect(extended.extension).toMatchObject({ days: 5, approverName: '周敏' });
    expect(extended.notices.map((n: { type: string }) => n.type)).toEqual([
      'promised',
      'extension',
    ]);
    expect(Date.parse(extended.deadlineAt)).toBeGreaterThan(Date.parse(c.deadlineAt));
    const again = await act(
      c.id,
      'extend',
      { version: extended.version, days: 1, reason: '再延' },
      director,
    );
    expect(again.json().error.code).toBe('ALREADY_EXTENDED');
    const tooLong = (await intake({ action: 'accept', kind: 'promised' })).json();
    const refused = await act(
      tooLong.id,
      'extend',
      { version: tooLong.version, days: 11, reason: '久' },
      director,
    );
    expect(refused.json().error.fields[0]).toMatchObject({
      field: 'days',
      code: 'EXTENSION_TOO_LONG',
    });

    const urgent = (
      await act(tooLong.id, 'expedite', {
        version: tooLong.version,
        termDays: 2,
        reason: '申请人急需',
      })
    ).json();
    expect(urgent).toMatchObject({ urgent: true, termDays: 2 });
    expect(Date.parse(urgent.deadlineAt)).toBeLessThan(Date.parse(tooLong.deadlineAt));
    const immediate = (
      await intake({ action: 'accept', kind: 'immediate' }, { itemId: item('MZ-004').id })
    ).json();
    const pauseImmediate = await act(immediate.id, 'pause', {
      version: immediate.version,
      reason: 'testing',
    });
    expect(pauseImmediate.json().error.code).toBe('NOT_FOR_IMMEDIATE');
  });

  it('refuses an action the status does not allow, with the code CASE_STATE', async () => {
    const c = (await intake({ action: 'answer', answer: '已答复' })).json();
    const res = await act(c.id, 'accept', { version: c.version, kind: 'promised' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'CASE_STATE',
      details: { status: 'answered', command: 'accept' },
    });
  });

  it('lets one of two clerks acting at once win; the other gets a conflict and nothing is half-written', async () => {
    const c = (await intake({ action: 'accept', kind: 'promised' })).json();
    const director = await t.login('director');
    const [a, b] = await Promise.all([
      act(c.id, 'complete', { version: c.version, result: '甲办结' }),
      act(c.id, 'return', { version: c.version, reasons: '乙退回' }, director),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const after = (await call(clerk, 'GET', `/api/cases/${c.id}`)).json();
    expect(after.version).toBe(c.version + 1);
    expect(after.timeline).toHaveLength(3);
    const notices = await t.db.kysely
      .selectFrom('notices')
      .select('type')
      .where('case_id', '=', c.id)
      .orderBy('id')
      .execute();
    expect(notices.map((n) => n.type)).toEqual(
      a.statusCode === 200 ? ['promised'] : ['promised', 'returned'],
    );
  });

  it('shows identifiers masked, audits every full read, and never writes them to the audit trail', async () => {
    const c = (await intake()).json();
    const shown = await call(clerk, 'POST', `/api/cases/${c.id}/reveal`, { field: 'idNumber' });
    expect(shown.json()).toEqual({ value: ID_NUMBER });
    const reads = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('entity_type', '=', 'case')
      .where('entity_id', '=', String(c.id))
      .where('action', '=', 'case.reveal')
      .execute();
    expect(reads).toEqual([{ action: 'case.reveal', actor_name: '李娜（clerk）' }]);
    const leaked = await sql<{ n: number }>`
      select count(*)::int as n from audit_log
      where coalesce(after::text, '') like ${`%${ID_NUMBER}%`}
         or coalesce(after::text, '') like ${`%${PHONE}%`}
         or coalesce(before::text, '') like ${`%${ID_NUMBER}%`}`.execute(t.db.kysely);
    expect(leaked.rows[0]!.n).toBe(0);
    const badType = await intake(undefined, { applicant: { type: 'alien', name: '甲' } });
    expect(badType.json().error.fields[0]).toMatchObject({
      field: 'applicant.type',
      message: '申请人类型：不是可选的值',
    });
    const badId = await intake(undefined, {
      applicant: { type: 'person', name: '甲', idNumber: '110105194912310021' },
    });
    expect(badId.json().error.fields[0]).toMatchObject({
      field: 'applicant.idNumber',
      code: 'BAD_ID_NUMBER',
      message: expect.stringContaining('证件号码'),
    });
  });

  it('issues immutable notices: a correction supersedes, the database refuses edits, the PDF carries the text', async () => {
    const c = (await intake({ action: 'supplement', materials: ['临时救助申请书'] })).json();
    const first = c.notices[0];
    const corrected = await call(clerk, 'POST', `/api/notices/${first.id}/correct`, {
      reason: '漏列困难情况证明材料',
      materials: ['临时救助申请书', '困难情况证明材料'],
    });
    expect(corrected.statusCode).toBe(201);
    expect(corrected.json()).toMatchObject({
      type: 'supplement',
      supersedesId: first.id,
      content: {
        correction: { supersedes: first.number },
        list: { items: ['临时救助申请书', '困难情况证明材料'] },
      },
    });
    const old = (await call(clerk, 'GET', `/api/notices/${first.id}`)).json();
    expect(old.supersededById).toBe(corrected.json().id);
    const twice = await call(clerk, 'POST', `/api/notices/${first.id}/correct`, {
      reason: 'x',
      applicantName: '乙',
    });
    expect(twice.json().error.code).toBe('NOTICE_SUPERSEDED');
    await expect(
      sql`update notices set number = 'x' where id = ${first.id}`.execute(t.db.kysely),
    ).rejects.toThrow(/immutable/);
    await expect(
      sql`delete from notices where id = ${first.id}`.execute(t.db.kysely),
    ).rejects.toThrow(/immutable/);
    const pdf = await call(clerk, 'GET', `/api/notices/${corrected.json().id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // What the applicant reads: the receipt number, the item and every missing paper.
    const text = pdfText(pdf.rawPayload);
    if (text !== null) {
      const receipt = `${c.receiptNo.slice(0, 3)}-${c.receiptNo.slice(3, 11)}-${c.receiptNo.slice(11)}`;
      for (const expected of [
        '补充件通知书',
        receipt,
        '临时救助申请',
        '临时救助申请书',
        '困难情况证明材料',
      ])
        expect(text).toContain(expected);
    }
  });

  it('raises a violation candidate for an overdue case, for the assessment group to decide; decisions are final', async () => {
    const c = (
      await intake({ action: 'accept', kind: 'immediate' }, { itemId: item('MZ-004').id })
    ).json();
    await advance(31 * 60_000);
    expect(await sweepOverdue(deps())).toBeGreaterThanOrEqual(1);
    expect(await sweepOverdue(deps())).toBe(0);
    const kaohe = await t.login('kaohe');
    const list = (await call(kaohe, 'GET', '/api/violations?status=pending')).json();
    const v = list.items.find((x: { caseId: number }) => x.caseId === c.id);
    expect(v).toMatchObject({ kind: 'open_overdue', assessmentItem: 6, staffName: '李娜' });
    expect(v.evidence.case).toMatchObject({ receiptNo: c.receiptNo, acceptedKind: 'immediate' });
    expect(v.evidence.timeline.map((e: { action: string }) => e.action)).toContain('case.accept');
    expect((await call(clerk, 'GET', '/api/violations')).statusCode).toBe(403);
    const decided = await call(kaohe, 'POST', `/api/violations/${v.id}/decide`, {
      version: v.version,
      decision: 'dismiss',
      reason: '系统停电一小时，有情况说明',
    });
    expect(decided.json()).toMatchObject({ status: 'dismissed', decidedByName: '孙丽华' });
    const again = await call(kaohe, 'POST', `/api/violations/${v.id}/decide`, {
      version: decided.json().version,
      decision: 'confirm',
      reason: '改判',
    });
    expect(again.json().error.code).toBe('ALREADY_DECIDED');
    await expect(
      sql`update violation_candidates set status = 'confirmed' where id = ${v.id}`.execute(
        t.db.kysely,
      ),
    ).rejects.toThrow(/decided/);

    // Completed late without the sweep having seen it: the completion itself raises the candidate.
    const late = (
      await intake({ action: 'accept', kind: 'immediate' }, { itemId: item('MZ-004').id })
    ).json();
    await advance(40 * 60_000);
    const done = (
      await act(late.id, 'complete', { version: late.version, result: '已办结' })
    ).json();
    expect(done.onTime).toBe(false);
    const kaohe2 = await t.login('kaohe');
    const all = (await call(kaohe2, 'GET', '/api/violations')).json();
    expect(all.items.find((x: { caseId: number }) => x.caseId === late.id)).toMatchObject({
      kind: 'completed_late',
    });
  });

  it("shows the clerk's workbench and the director's board with lights and on-time rates", async () => {
    const bench = (await call(clerk, 'GET', '/api/workbench')).json();
    expect(bench.staffId).toBe(staffIds.get('W001'));
    expect(bench.counts.open).toBe(bench.myOpen.length);
    expect(
      bench.myOpen.every((c: { holderStaffId: number }) => c.holderStaffId === bench.staffId),
    ).toBe(true);
    const director = await t.login('director');
    const board = (await call(director, 'GET', '/api/board')).json();
    expect(board.month).toBe('2026-03');
    expect(board.totals.open).toBeGreaterThan(0);
    expect(board.byWindow.reduce((n: number, w: { open: number }) => n + w.open, 0)).toBe(
      board.totals.open,
    );
    const mz = board.monthByWindow.find(
      (w: { windowName: string }) => w.windowName === '民政救助窗口',
    );
    expect(mz.completed).toBeGreaterThan(0);
    expect(mz.rate).toBeCloseTo(mz.onTime / mz.completed);
    expect(mz.onTime).toBeLessThan(mz.completed);
    expect((await call(clerk, 'GET', '/api/board')).statusCode).toBe(403);
    expect((await call(director, 'GET', '/api/board?month=2026-13')).statusCode).toBe(400);
  });

  it('lets an applicant look a case up with the receipt number and query code, and stops guessing', async () => {
    const c = (await intake({ action: 'accept', kind: 'promised' })).json();
    const url = (code: string, receipt = c.receiptNo) =>
      `/api/public/case-status?receiptNo=${encodeURIComponent(receipt)}&queryCode=${code}`;
    const dashed = `${c.receiptNo.slice(0, 3)}-${c.receiptNo.slice(3, 11)}-${c.receiptNo.slice(11)}`;
    const ok = await t.app.inject({ method: 'GET', url: url(c.queryCode, dashed) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'in_progress', itemName: '临时救助申请' });
    expect(ok.body).not.toContain('张桂兰');
    expect(ok.body).not.toContain(ID_NUMBER);
    const wrong = String((Number(c.queryCode) + 1) % 1_000_000).padStart(6, '0');
    const nope = await t.app.inject({ method: 'GET', url: url(wrong) });
    expect(nope.statusCode).toBe(404);
    expect(nope.json().error.code).toBe('QUERY_FAILED');
    const missing = await t.app.inject({ method: 'GET', url: url(c.queryCode, '999202603029999') });
    expect(missing.json().error).toEqual(nope.json().error);
    // Wrong codes from others never lock the applicant out: guessing is throttled per address
    // (issue 9 C6; public.test.ts).
    for (let i = 0; i < 9; i++)
      await t.app.inject({ method: 'GET', url: url(wrong), remoteAddress: `10.0.0.${i}` });
    const still = await t.app.inject({
      method: 'GET',
      url: url(c.queryCode),
      remoteAddress: '10.0.1.1',
    });
    expect(still.statusCode).toBe(200);
  });

  it('keeps another center’s cases out of reach', async () => {
    const c = (await intake()).json();
    const other = await t.login('bs-admin');
    expect((await call(other, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await call(other, 'GET', `/api/notices/${c.notices[0]?.id ?? 1}`)).statusCode).toBe(
      404,
    );
    const theirs = (await call(other, 'GET', '/api/cases')).json();
    expect(theirs.items.some((x: { id: number }) => x.id === c.id)).toBe(false);
  });

  it('marks a deadline that runs into a year the calendar lacks as provisional, and settles it when the year is entered', async () => {
    // Late December: a 15-working-day term runs into 2027, which the calendar lacks.
    await advanceTo('2026-12-28T01:00:00Z');
    const c = (
      await intake({ action: 'accept', kind: 'promised' }, { itemId: item('MZ-001').id })
    ).json();
    expect(c).toMatchObject({ provisional: true, missingYears: [2027] });
    const admin = await t.login('admin');
    const entered = await call(admin, 'PUT', '/api/calendar/2027', {
      holidays: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-01-04', name: '调休' },
      ],
      workdays: [],
      version: null,
    });
    expect(entered.statusCode).toBe(200);
    const after = (await call(clerk, 'GET', `/api/cases/${c.id}`)).json();
    expect(after).toMatchObject({ provisional: false, missingYears: [] });
    // Provisionally 1 and 4 January counted as weekdays; as holidays the term ends two days later
    // (Monday 18 → Wednesday 20 January 2027, 17:30).
    expect(c.deadlineAt).toBe('2027-01-18T09:30:00.000Z');
    expect(after.deadlineAt).toBe('2027-01-20T09:30:00.000Z');
    expect(after.timeline.map((e: { action: string }) => e.action)).toContain(
      'case.deadlines_recomputed',
    );
  });
});
