import type { Board, CaseExtensions, CaseUrges, ExtensionRequest } from '@bianmin/contracts';
import { displayReceiptNo } from '@bianmin/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldMessages, testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

const MOBILE = '13912345678';
const HOUR = 3_600_000;

describe.each(DATABASES)('extension requests (延期申请) and urging (催办) on %s', (kind) => {
  let t: TestApp;
  let clerk: string; // 李娜, window 01: holds the cases
  let duty: string; // 王芳: may work cases, holds none of these
  let director: string; // 周敏: approves
  let leader: string; // 钱志强, supervising leader: approves, urges
  let kaohe: string; // 孙丽华, assessment group: neither
  let baisha: string; // 林海, director of another center
  let itemId: number;
  let immediateItemId: number;
  const users = new Map<string, number>();

  const loginAll = async () => {
    clerk = await t.login('clerk');
    duty = await t.login('duty');
    director = await t.login('director');
    leader = await t.login('leader');
    kaohe = await t.login('kaohe');
    baisha = await t.login('bs-admin');
  };
  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in Beijing.
    t = await testApp(await freshDatabase(kind), { now: new Date('2026-03-02T01:00:00Z') });
    await loginAll();
    const items = (await t.call(clerk, 'GET', '/api/service-items')).json<
      { id: number; code: string; defaultKind: string }[]
    >();
    itemId = items.find((i) => i.code === 'MZ-002')!.id; // 临时救助申请: promised, 5 working days
    immediateItemId = items.find((i) => i.defaultKind === 'immediate')!.id;
    for (const u of await t.db.kysely.selectFrom('users').select(['id', 'username']).execute())
      users.set(u.username, u.id);
  });
  afterAll(() => t.close());

  const moveTo = async (iso: string) => {
    t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
    await loginAll();
  };

  interface Made {
    id: number;
    version: number;
    receiptNo: string;
    deadlineAt: string;
  }
  async function accepted(
    opts: { phone?: string | null; by?: string; kind?: 'promised' | 'immediate' } = {},
  ): Promise<Made> {
    const phone = opts.phone === undefined ? MOBILE : opts.phone;
    const immediate = opts.kind === 'immediate';
    const res = await t.call(opts.by ?? clerk, 'POST', '/api/cases', {
      itemId: immediate ? immediateItemId : itemId,
      channel: 'window',
      applicant: { type: 'person', name: '张桂兰', ...(phone ? { phone } : {}) },
      then: { action: 'accept', kind: immediate ? 'immediate' : 'promised' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Made>();
  }
  const ask = (caseId: number, body: object, who = clerk) =>
    t.call(who, 'POST', `/api/cases/${caseId}/extension-requests`, body);
  const decide = (req: { id: number; version: number }, body: object, who = director) =>
    t.call(who, 'POST', `/api/extension-requests/${req.id}/decide`, {
      version: req.version,
      ...body,
    });
  const detail = async (caseId: number, who = clerk) =>
    (await t.call(who, 'GET', `/api/cases/${caseId}`)).json<{
      deadlineAt: string;
      version: number;
      extension: { at: string; requestedAt?: string; days: number; approverName: string } | null;
      notices: { type: string }[];
      timeline: { action: string; actorName: string; note?: string | null }[];
    }>();
  const inbox = (username: string, kind: string) =>
    t.db.kysely
      .selectFrom('inbox_items')
      .select(['user_id', 'title', 'body', 'link', 'subject_type', 'subject_id', 'read_at'])
      .where('user_id', '=', users.get(username)!)
      .where('kind', '=', kind)
      .orderBy('id')
      .execute();
  const audits = (caseId: number, action: string) =>
    t.db.kysely
      .selectFrom('audit_log')
      .select(['before', 'after', 'actor_name'])
      .where('entity_type', '=', 'case')
      .where('entity_id', '=', String(caseId))
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  it('lets the holder ask within the rules, with each refusal in Chinese on its field', async () => {
    const c = await accepted();
    const noReason = await ask(c.id, { days: 3, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('EXTENSION_REASON_REQUIRED');
    expect(fieldMessages(noReason)).toEqual({ reason: '延期理由：请写明需要延期的理由' });
    const tooLong = await ask(c.id, { days: 11, reason: '需入户核查' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields[0]).toMatchObject({
      field: 'days',
      code: 'EXTENSION_TOO_LONG',
      message: '延期天数：最多可申请延期 10 个工作日',
    });
    const zero = await ask(c.id, { days: 0, reason: '需入户核查' });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(fieldMessages(zero))).toEqual(['days']);
    // Only the holder in person: not another clerk, not the director who may act for her.
    for (const who of [duty, director]) {
      const res = await ask(c.id, { days: 3, reason: '需入户核查' }, who);
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({
        code: 'EXTENSION_NOT_HOLDER',
        message: '只有办件的承办人本人可以申请延期；如需延期，请承办人申请',
      });
    }
    // Roles without casework are refused before anything is looked at.
    expect((await ask(c.id, { days: 3, reason: 'x' }, leader)).statusCode).toBe(403);
    expect((await ask(c.id, { days: 3, reason: 'x' }, kaohe)).json().error.code).toBe('FORBIDDEN');
    const immediate = await accepted({ kind: 'immediate' });
    const notFor = await ask(immediate.id, { days: 1, reason: '需补充材料' });
    expect(notFor.statusCode).toBe(409);
    expect(notFor.json().error.code).toBe('NOT_FOR_IMMEDIATE');
    // Another center's director does not see the case at all.
    expect((await t.call(baisha, 'GET', `/api/cases/${c.id}/extension-requests`)).statusCode).toBe(
      404,
    );
    // What the form learns: the maximum, the deadline now and after each length.
    const outlook = (
      await t.call(clerk, 'GET', `/api/cases/${c.id}/extension-requests`)
    ).json<CaseExtensions>();
    expect(outlook).toMatchObject({
      items: [],
      mayRequest: true,
      mayDecide: false,
      outlook: {
        canRequest: true,
        reasonCode: null,
        maxDays: 10,
        unit: 'working',
        deadlineAt: '2026-03-09T09:30:00.000Z',
      },
    });
    expect(outlook.outlook.previews).toHaveLength(10);
    expect(outlook.outlook.previews[2]).toEqual({
      days: 3,
      deadlineAt: '2026-03-12T09:30:00.000Z',
    });
    const forDirector = (
      await t.call(director, 'GET', `/api/cases/${c.id}/extension-requests`)
    ).json<CaseExtensions>();
    expect(forDirector).toMatchObject({
      mayRequest: false,
      mayDecide: true,
      outlook: { canRequest: false, reasonCode: 'EXTENSION_NOT_HOLDER' },
    });
  });

  it('keeps one request waiting per case, even when two arrive at once', async () => {
    const c = await accepted();
    const both = await Promise.all([
      ask(c.id, { days: 2, reason: '等待村委会出具证明' }),
      ask(c.id, { days: 3, reason: '等待村委会出具证明' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const second = both.find((r) => r.statusCode === 409)!;
    expect(second.json().error.code).toBe('EXTENSION_PENDING');
    expect(
      await t.db.kysely
        .selectFrom('extension_requests')
        .select('id')
        .where('case_id', '=', c.id)
        .execute(),
    ).toHaveLength(1);
  });

  it('approving extends the term, issues the notice, texts the applicant and tells the clerk', async () => {
    const c = await accepted();
    const made = await ask(c.id, { days: 3, reason: '需入户核查家庭经济状况' });
    expect(made.statusCode, made.body).toBe(201);
    const req = made.json<ExtensionRequest>();
    expect(req).toMatchObject({
      caseId: c.id,
      status: 'pending',
      requestedByName: '李娜',
      days: 3,
      unit: 'working',
      deadlineAt: '2026-03-09T09:30:00.000Z',
      newDeadlineAt: '2026-03-12T09:30:00.000Z',
      blockedCode: null,
    });
    // The director is told (not the clerk who asked, not the supervising leader).
    const told = await inbox('director', 'extension_requested');
    expect(told.at(-1)).toMatchObject({
      title: `办件 ${displayReceiptNo(c.receiptNo)} 申请延期 3 个工作日`,
      body: '承办人李娜：需入户核查家庭经济状况',
      link: `/staff/cases/${c.id}`,
      subject_type: 'extension_request',
      subject_id: String(req.id),
    });
    expect(await inbox('clerk', 'extension_requested')).toHaveLength(0);
    expect(await inbox('leader', 'extension_requested')).toHaveLength(0);
    // The director's list: waiting first.
    const list = (await t.call(director, 'GET', '/api/extension-requests')).json<{
      items: ExtensionRequest[];
    }>();
    expect(list.items.map((r) => r.id)).toContain(req.id);
    expect(list.items.every((r) => r.status === 'pending')).toBe(true);
    expect((await t.call(kaohe, 'GET', '/api/extension-requests')).statusCode).toBe(403);
    expect((await t.call(clerk, 'GET', '/api/extension-requests')).statusCode).toBe(403);

    await moveTo('2026-03-03T02:00:00Z'); // Tuesday 10:00
    expect((await decide(req, { decision: 'approve' }, clerk)).statusCode).toBe(403);
    expect((await decide(req, { decision: 'approve' }, baisha)).statusCode).toBe(404);
    expect(
      (await decide({ ...req, version: req.version + 1 }, { decision: 'approve' })).json().error
        .code,
    ).toBe('VERSION_CONFLICT');
    const approved = await decide(req, { decision: 'approve', reason: '同意' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<ExtensionRequest>()).toMatchObject({
      status: 'approved',
      decidedByName: '周敏',
      decidedAt: '2026-03-03T02:00:00.000Z',
      decisionReason: '同意',
      deadlineAt: '2026-03-12T09:30:00.000Z',
      newDeadlineAt: null,
    });
    const after = await detail(c.id);
    expect(after.deadlineAt).toBe('2026-03-12T09:30:00.000Z');
    expect(after.extension).toEqual({
      at: '2026-03-03T02:00:00.000Z',
      requestedAt: '2026-03-02T01:00:00.000Z',
      days: 3,
      approverName: '周敏',
      reason: '需入户核查家庭经济状况',
    });
    expect(after.notices.map((n) => n.type)).toEqual(['promised', 'extension']);
    // The trail: the request, the approval and the extension itself, each with its line.
    const trail = after.timeline.filter((e) => e.action.startsWith('case.exten'));
    expect(trail).toEqual(
      [
        {
          action: 'case.extension_request',
          actorName: expect.stringContaining('李娜'),
          forName: null,
          note: '申请延期 3 个工作日：需入户核查家庭经济状况',
        },
        {
          action: 'case.extension_approve',
          actorName: expect.stringContaining('周敏'),
          forName: null,
          note: '批准延期 3 个工作日（李娜申请），办结期限延至 2026年3月12日：同意',
        },
        {
          action: 'case.extend',
          actorName: expect.stringContaining('周敏'),
          forName: null,
          note: null,
        },
      ].map((e) => expect.objectContaining(e)),
    );
    // The audit entries show before and after.
    const [extendEntry] = await audits(c.id, 'case.extend');
    expect(extendEntry!.before).toMatchObject({ deadline_at: '2026-03-09T09:30:00.000Z' });
    expect(extendEntry!.after).toMatchObject({
      deadline_at: '2026-03-12T09:30:00.000Z',
      input: { command: 'extend', extensionRequestId: req.id },
    });
    const [approveEntry] = await audits(c.id, 'case.extension_approve');
    expect(approveEntry!.before).toMatchObject({ extensionRequest: { status: 'pending' } });
    expect(approveEntry!.after).toMatchObject({ extensionRequest: { status: 'approved' } });
    // The applicant's message, queued in the same transaction.
    const sms = await t.db.kysely
      .selectFrom('outbox_messages')
      .select(['recipient', 'body', 'template'])
      .where('template', '=', 'case_extended')
      .where('subject_id', '=', String(c.id))
      .execute();
    expect(sms).toEqual([
      {
        recipient: MOBILE,
        template: 'case_extended',
        body: expect.stringContaining(
          `（受理编号 ${displayReceiptNo(c.receiptNo)}）经批准延长办理期限，延长后的办结期限为 2026年3月12日`,
        ),
      },
    ]);
    // The clerk is told.
    expect((await inbox('clerk', 'extension_decided')).at(-1)).toMatchObject({
      title: `办件 ${displayReceiptNo(c.receiptNo)} 的延期申请已批准，办结期限延至 2026年3月12日`,
      body: '周敏批准：同意',
      link: `/staff/cases/${c.id}`,
    });
    expect(await inbox('director', 'extension_decided')).toHaveLength(0);
    // Decided is final.
    const again = await decide(approved.json<ExtensionRequest>(), {
      decision: 'refuse',
      reason: 'x',
    });
    expect(again.json().error.code).toBe('EXTENSION_REQUEST_DECIDED');
    // One extension per case: no second request.
    const second = await ask(c.id, { days: 1, reason: '再延' });
    expect(second.json().error.code).toBe('ALREADY_EXTENDED');
  });

  it('refusing needs a reason, leaves the term, tells the clerk; no text without a mobile', async () => {
    const c = await accepted({ phone: '0571-84682230' });
    const req = (await ask(c.id, { days: 2, reason: '材料待补' })).json<ExtensionRequest>();
    const noReason = await decide(req, { decision: 'refuse', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(fieldMessages(noReason)).toEqual({
      reason: '不批准的理由：不批准时请写明理由，承办人会看到',
    });
    const refused = await decide(req, { decision: 'refuse', reason: '时间尚充裕，请抓紧办理' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', newDeadlineAt: null });
    const after = await detail(c.id);
    expect(after.deadlineAt).toBe(c.deadlineAt);
    expect(after.extension).toBeNull();
    expect(after.timeline.at(-1)).toMatchObject({
      action: 'case.extension_refuse',
      note: '不批准延期 2 个工作日（李娜申请）：时间尚充裕，请抓紧办理',
    });
    expect((await inbox('clerk', 'extension_decided')).at(-1)).toMatchObject({
      title: `办件 ${displayReceiptNo(c.receiptNo)} 的延期申请未获批准`,
      body: '周敏不批准：时间尚充裕，请抓紧办理',
    });
    // Refused, she may ask again; the supervising leader may approve it too. A landline gets no text.
    const next = (await ask(c.id, { days: 1, reason: '村委会证明未到' })).json<ExtensionRequest>();
    expect((await decide(next, { decision: 'approve' }, leader)).statusCode).toBe(200);
    expect((await detail(c.id)).extension).toMatchObject({ approverName: '钱志强', days: 1 });
    expect(
      await t.db.kysely
        .selectFrom('outbox_messages')
        .select('id')
        .where('template', '=', 'case_extended')
        .where('subject_id', '=', String(c.id))
        .execute(),
    ).toHaveLength(0);
  });

  it('is withdrawn only by the clerk who asked, and nobody approves a request of his own', async () => {
    const c = await accepted();
    const req = (await ask(c.id, { days: 2, reason: '材料待补' })).json<ExtensionRequest>();
    const byOther = await t.call(duty, 'POST', `/api/extension-requests/${req.id}/withdraw`, {
      version: req.version,
    });
    expect(byOther.json().error.code).toBe('EXTENSION_NOT_REQUESTER');
    const withdrawn = await t.call(clerk, 'POST', `/api/extension-requests/${req.id}/withdraw`, {
      version: req.version,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', decidedByName: '李娜' });
    // Nothing is left for the director to do: his item about it no longer counts as unread.
    const item = (await inbox('director', 'extension_requested')).find(
      (i) => i.subject_id === String(req.id),
    );
    expect(item?.read_at).not.toBeNull();
    expect(
      await t.db.kysely
        .selectFrom('audit_log')
        .select('after')
        .where('action', '=', 'inbox.settled')
        .where('entity_id', '=', String(req.id))
        .execute(),
    ).toHaveLength(1);
    expect((await decide(req, { decision: 'approve' })).json().error.code).toBe(
      'EXTENSION_REQUEST_DECIDED',
    );
    expect((await detail(c.id)).timeline.at(-1)).toMatchObject({
      action: 'case.extension_withdraw',
      note: '撤回延期 2 个工作日 的申请',
    });
    // The director holds a case of his own: he may ask, but not approve his own request.
    const own = await accepted({ by: director });
    const mine = (
      await ask(own.id, { days: 2, reason: '需专家评审' }, director)
    ).json<ExtensionRequest>();
    const self = await decide(mine, { decision: 'approve' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('SELF_EXTENSION_APPROVAL');
    expect((await decide(mine, { decision: 'approve' }, leader)).statusCode).toBe(200);
  });

  it('judges a request at its instant: filed in time, approved after the deadline; refused once the case closed', async () => {
    // Tuesday 3 March 10:00: accepted, due Tuesday 10 March 17:30.
    const inTime = await accepted();
    const tooLate = await accepted();
    const closed = await accepted();
    expect(inTime.deadlineAt).toBe('2026-03-10T09:30:00.000Z');
    const closedReq = (
      await ask(closed.id, { days: 2, reason: '需现场踏勘' })
    ).json<ExtensionRequest>();
    const done = await t.call(clerk, 'POST', `/api/cases/${closed.id}/complete`, {
      version: (await detail(closed.id)).version,
      result: '临时救助金已发放',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(
      (await t.call(director, 'GET', `/api/extension-requests/${closedReq.id}`)).json(),
    ).toMatchObject({
      blockedCode: 'EXTENSION_CASE_CLOSED',
      newDeadlineAt: null,
    });
    const onClosed = await decide(closedReq, { decision: 'approve' });
    expect(onClosed.statusCode).toBe(409);
    expect(onClosed.json().error).toMatchObject({
      code: 'EXTENSION_CASE_CLOSED',
      message: '办件已办结或已关闭，不能再批准延期',
    });

    await moveTo('2026-03-10T09:00:00Z'); // Tuesday 10 March 17:00, half an hour before the deadline
    const req = (await ask(inTime.id, { days: 3, reason: '需入户核查' })).json<ExtensionRequest>();
    await moveTo('2026-03-11T01:00:00Z'); // Wednesday 09:00: the deadline has passed
    // Asking now is too late, and the form says so before anyone types.
    const late = await ask(tooLate.id, { days: 3, reason: '需入户核查' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({
      code: 'EXTENSION_REQUEST_TOO_LATE',
      message: '已超过办理期限，不能申请延期',
    });
    expect(
      (await t.call(clerk, 'GET', `/api/cases/${tooLate.id}/extension-requests`)).json(),
    ).toMatchObject({
      outlook: { canRequest: false, reasonCode: 'EXTENSION_REQUEST_TOO_LATE', previews: [] },
    });
    // The leader's own extension would come too late now; the request filed in time does not.
    const direct = await t.call(director, 'POST', `/api/cases/${tooLate.id}/extend`, {
      version: (await detail(tooLate.id)).version,
      days: 3,
      reason: '需入户核查',
    });
    expect(direct.json().error.code).toBe('EXTEND_TOO_LATE');
    const boardBefore = (await t.call(director, 'GET', '/api/board')).json<Board>();
    expect(boardBefore.overdue.map((r) => r.id)).toContain(inTime.id);
    const approved = await decide(req, { decision: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    // The board follows: no longer overdue.
    const boardAfter = (await t.call(director, 'GET', '/api/board')).json<Board>();
    expect(boardAfter.overdue.map((r) => r.id)).not.toContain(inTime.id);
    expect(boardAfter.totals.red).toBe(boardBefore.totals.red - 1);
    const after = await detail(inTime.id);
    // 3 working days after Tuesday 10 March: Friday 13 March 17:30.
    expect(after.deadlineAt).toBe('2026-03-13T09:30:00.000Z');
    expect(after.extension).toMatchObject({
      at: '2026-03-11T01:00:00.000Z',
      requestedAt: '2026-03-10T09:00:00.000Z',
    });
  });

  it('urges an open case: counted, in the trail and the holder’s inbox, on the board', async () => {
    // Wednesday 11 March 09:00. A case accepted now, then the clock moved to its yellow instant.
    const c = await accepted();
    const urge = (who: string, note?: string, id = c.id) =>
      t.call(who, 'POST', `/api/cases/${id}/urge`, note === undefined ? {} : { note });
    expect((await urge(clerk)).statusCode).toBe(403);
    expect((await urge(kaohe)).json().error.code).toBe('FORBIDDEN');
    expect((await urge(baisha)).statusCode).toBe(404); // another center's case
    const first = await urge(director, '申请人多次来电询问，请抓紧');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<CaseUrges>()).toMatchObject({ count: 1, mayUrge: true });
    const second = await urge(leader);
    expect(second.json<CaseUrges>()).toMatchObject({
      count: 2,
      items: [
        { byName: '钱志强', note: '' },
        { byName: '周敏', note: '申请人多次来电询问，请抓紧' },
      ],
    });
    expect(
      (await t.call(clerk, 'GET', `/api/cases/${c.id}/urges`)).json<CaseUrges>(),
    ).toMatchObject({ count: 2, mayUrge: false });
    // The holder is told each time; the one who urged is not.
    const told = (await inbox('clerk', 'case_urged')).filter(
      (i) => i.link === `/staff/cases/${c.id}`,
    );
    expect(told.map((i) => i.title)).toEqual([
      `办件 ${displayReceiptNo(c.receiptNo)} 被催办（第 1 次）`,
      `办件 ${displayReceiptNo(c.receiptNo)} 被催办（第 2 次）`,
    ]);
    expect(told[0]!.body).toBe('周敏：申请人多次来电询问，请抓紧。办结期限 2026年3月18日。');
    expect(told[1]!.body).toBe('钱志强：请抓紧办理。办结期限 2026年3月18日。');
    expect(await inbox('director', 'case_urged')).toHaveLength(0);
    // The trail, and the audit entries with the count before and after.
    const trail = (await detail(c.id)).timeline.filter((e) => e.action === 'case.urge');
    expect(trail.map((e) => e.note)).toEqual([
      '第 1 次催办：申请人多次来电询问，请抓紧',
      '第 2 次催办',
    ]);
    const entries = await audits(c.id, 'case.urge');
    expect(entries.map((e) => [e.before, (e.after as { urges: number }).urges])).toEqual([
      [{ urges: 0 }, 1],
      [{ urges: 1 }, 2],
    ]);
    // On the board once it turns yellow: listed among the cases due soon, with its count.
    const { yellow_at } = await t.db.kysely
      .selectFrom('cases')
      .select('yellow_at')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    await moveTo(new Date(yellow_at!.getTime() + HOUR / 60).toISOString());
    const board = (await t.call(director, 'GET', '/api/board')).json<Board>();
    expect(board.dueSoon.map((r) => r.id)).toContain(c.id);
    expect(board.dueSoon.find((r) => r.id === c.id)!.deadlineAt).toBe('2026-03-18T09:30:00.000Z');
    expect(board.urged.find((u) => u.caseId === c.id)).toMatchObject({ count: 2 });
    // A closed case is not urged.
    const done = await t.call(clerk, 'POST', `/api/cases/${c.id}/complete`, {
      version: (await detail(c.id)).version,
      result: '已发放',
    });
    expect(done.statusCode, done.body).toBe(200);
    const closed = await urge(director);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error).toMatchObject({
      code: 'URGE_CASE_CLOSED',
      message: '办件已办结或已关闭，无需催办',
    });
  });
});
