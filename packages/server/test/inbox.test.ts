import type { CaseDetail, InboxItem, InboxPage, InboxPrefs } from '@bianmin/contracts';
import type { InboxKind } from '@bianmin/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, write } from '../src/audit/write.ts';
import type { Deps } from '../src/http/context.ts';
import { notify, type InboxNotice } from '../src/modules/inbox/service.ts';
import { sendDigests, sweepWarnings } from '../src/modules/inbox/sweep.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

const MOBILE = '13912345678';
const MINUTE = 60_000;

describe.each(DATABASES)('the inbox (待办与提醒) on %s', (kind) => {
  let t: TestApp;
  let deps: Deps;
  let clerk: string; // 李娜, window 01; her supervising leader is 钱志强
  let director: string; // 周敏
  let duty: string; // 王芳
  const ids: Record<string, { user: number; staff: number | null; center: number | null }> = {};
  let itemId: number;

  const loginAll = async () => {
    clerk = await t.login('clerk');
    director = await t.login('director');
    duty = await t.login('duty');
  };
  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in Beijing.
    t = await testApp(await freshDatabase(kind), { now: new Date('2026-03-02T01:00:00Z') });
    deps = { db: t.db.kysely, dbKind: kind, clock: t.clock, config: t.config };
    await loginAll();
    const users = await t.db.kysely
      .selectFrom('users')
      .select(['id', 'username', 'staff_id', 'center_id'])
      .execute();
    for (const u of users) ids[u.username] = { user: u.id, staff: u.staff_id, center: u.center_id };
    const items = (await t.call(clerk, 'GET', '/api/service-items')).json<
      { id: number; code: string }[]
    >();
    itemId = items.find((i) => i.code === 'MZ-002')!.id;
  });
  afterAll(() => t.close());

  const moveTo = async (at: number | string) => {
    const ms = typeof at === 'string' ? Date.parse(at) : at;
    t.clock.advance(ms - t.clock.now().getTime());
    await loginAll();
  };
  /** A change of state that tells, as a caller's transaction does (its own audit entry too). */
  const tell = (n: Omit<InboxNotice, 'centerId'> & { centerId?: number }) =>
    write(t.db.kysely, t.clock, systemActor, async (tx, audit, at) => {
      await audit({
        centerId: null,
        action: 'test.change',
        entityType: n.subject.type,
        entityId: n.subject.id,
        before: null,
        after: null,
      });
      return notify(tx, audit, at, { centerId: ids.clerk!.center!, ...n });
    });
  const itemsOf = (username: string, subjectId?: number, kind?: InboxKind) => {
    let q = t.db.kysely
      .selectFrom('inbox_items')
      .selectAll()
      .where('user_id', '=', ids[username]!.user);
    if (subjectId !== undefined) q = q.where('subject_id', '=', String(subjectId));
    if (kind) q = q.where('kind', '=', kind);
    return q.orderBy('id').execute();
  };
  const smsTo = (mobile: string) =>
    t.db.kysely
      .selectFrom('outbox_messages')
      .selectAll()
      .where('template', '=', 'inbox_item')
      .where('recipient', '=', mobile)
      .orderBy('id')
      .execute();
  const prefsOf = async (cookie: string) =>
    (await t.call(cookie, 'GET', '/api/inbox/prefs')).json<InboxPrefs>();

  describe('notify', () => {
    it('makes one item per person, whether named by staff, role or account', async () => {
      const made = await tell({
        kind: 'case_urged',
        to: {
          staffIds: [ids.clerk!.staff, null],
          roles: ['director'],
          userIds: [ids.clerk!.user],
        },
        title: '办件 催办测试',
        link: '/staff/cases/1',
        subject: { type: 'test', id: 'one-per-person' },
      });
      expect(made).toBe(2);
      const to = await t.db.kysely
        .selectFrom('inbox_items')
        .select('user_id')
        .where('subject_id', '=', 'one-per-person')
        .orderBy('user_id')
        .execute();
      expect(to.map((r) => r.user_id)).toEqual(
        [ids.clerk!.user, ids.director!.user].sort((a, b) => a - b),
      );
      // Another center's director (白沙乡 林海) is not one of this center's directors.
      expect(to.map((r) => r.user_id)).not.toContain(ids['bs-admin']!.user);
    });

    it('makes an item with a dedupe key once per person, and skips the actor', async () => {
      const n = {
        kind: 'extension_requested' as const,
        to: { roles: ['director' as const], staffIds: [ids.clerk!.staff] },
        title: '延期申请 去重测试',
        link: '/staff/cases/2',
        subject: { type: 'test', id: 'dedupe' },
        dedupeKey: 'test:dedupe',
      };
      expect(await tell(n)).toBe(2);
      expect(await tell(n)).toBe(0);
      const except = await tell({
        ...n,
        dedupeKey: 'test:except',
        exceptUserId: ids.director!.user,
      });
      expect(except).toBe(1);
      expect(
        (await itemsOf('director')).filter((i) => i.dedupe_key === 'test:except'),
      ).toHaveLength(0);
      // Nothing made, nothing audited; each notice that made items is one audit entry.
      const entries = await t.db.kysely
        .selectFrom('audit_log')
        .select('after')
        .where('action', '=', 'inbox.notify')
        .where('entity_id', '=', 'dedupe')
        .execute();
      expect(entries).toHaveLength(2);
    });

    it('queues a text message only for the kinds a person chose, to the mobile given', async () => {
      const prefs = await prefsOf(clerk);
      const set = await t.call(clerk, 'PUT', '/api/inbox/prefs', {
        version: prefs.version,
        smsMobile: MOBILE,
        smsKinds: ['case_red', 'case_urged'],
        digest: true,
      });
      expect(set.statusCode, set.body).toBe(200);
      const before = (await smsTo(MOBILE)).length;
      await tell({
        kind: 'case_yellow',
        to: { staffIds: [ids.clerk!.staff] },
        title: '办件 即将到期（不发短信）',
        link: '/staff/cases/3',
        subject: { type: 'test', id: 'sms-no' },
      });
      expect(await smsTo(MOBILE)).toHaveLength(before);
      await tell({
        kind: 'case_red',
        to: { staffIds: [ids.clerk!.staff], roles: ['director'] },
        title: '办件 QS-1 已超过办结期限',
        link: '/staff/cases/3',
        subject: { type: 'test', id: 'sms-yes' },
      });
      const sent = await smsTo(MOBILE);
      expect(sent).toHaveLength(before + 1);
      expect(sent.at(-1)!.body).toBe(
        '【办件已超期】办件 QS-1 已超过办结期限。请登录便民服务中心工作台查看。',
      );
      // The director chose nothing: no message for him.
      const all = await t.db.kysely
        .selectFrom('outbox_messages')
        .select('recipient')
        .where('template', '=', 'inbox_item')
        .execute();
      expect(new Set(all.map((m) => m.recipient))).toEqual(new Set([MOBILE]));
    });
  });

  describe('routes: one’s own inbox only', () => {
    it('refuses strangers', async () => {
      for (const [method, url] of [
        ['GET', '/api/inbox'],
        ['GET', '/api/inbox/count'],
        ['POST', '/api/inbox/1/read'],
        ['POST', '/api/inbox/read-all'],
        ['GET', '/api/inbox/prefs'],
      ] as const) {
        const res = await t.app.inject({ method, url });
        expect(res.statusCode, url).toBe(401);
      }
    });

    it('lists one’s items newest first, with the unread count, by filter and kind', async () => {
      const page = (await t.call(clerk, 'GET', '/api/inbox?pageSize=2')).json<InboxPage>();
      const mine = await itemsOf('clerk');
      expect(page.total).toBe(mine.length);
      expect(page.unread).toBe(mine.length);
      expect(page.items.map((i) => i.id)).toEqual(
        mine
          .map((i) => i.id)
          .reverse()
          .slice(0, 2),
      );
      expect(page.items[0]).toMatchObject({
        kind: 'case_red',
        title: '办件 QS-1 已超过办结期限',
        link: '/staff/cases/3',
        subject: { type: 'test', id: 'sms-yes' },
        readAt: null,
      });
      const urged = (await t.call(clerk, 'GET', '/api/inbox?kind=case_urged')).json<InboxPage>();
      expect(urged.items.map((i) => i.kind)).toEqual(['case_urged']);
      const count = await t.call(clerk, 'GET', '/api/inbox/count');
      expect(count.json()).toEqual({ unread: mine.length });
      expect(count.headers['cache-control']).toBe('no-store');
      expect((await t.call(clerk, 'GET', '/api/inbox?kind=nonsense')).statusCode).toBe(400);
    });

    it('marks an item read once (audited once), and treats another’s item as missing', async () => {
      const [first] = await itemsOf('clerk');
      const theirs = (await itemsOf('director'))[0]!;
      const other = await t.call(clerk, 'POST', `/api/inbox/${theirs.id}/read`);
      expect(other.statusCode).toBe(404);
      expect(other.json().error.code).toBe('NOT_FOUND');
      expect((await t.call(clerk, 'POST', '/api/inbox/999999/read')).statusCode).toBe(404);
      const res = await t.call(clerk, 'POST', `/api/inbox/${first!.id}/read`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<InboxItem>().readAt).toBe(t.clock.now().toISOString());
      const again = await t.call(clerk, 'POST', `/api/inbox/${first!.id}/read`);
      expect(again.json<InboxItem>().readAt).toBe(res.json<InboxItem>().readAt);
      const marks = await t.db.kysely
        .selectFrom('audit_log')
        .select(['actor_user_id', 'entity_id'])
        .where('action', '=', 'inbox.read')
        .execute();
      expect(marks).toEqual([{ actor_user_id: ids.clerk!.user, entity_id: String(first!.id) }]);
      // The director's item is still unread.
      expect((await itemsOf('director'))[0]!.read_at).toBeNull();
      const unread = (await t.call(clerk, 'GET', '/api/inbox?filter=unread')).json<InboxPage>();
      expect(unread.items.map((i) => i.id)).not.toContain(first!.id);
      expect(unread.total).toBe(unread.unread);
      expect((await t.call(clerk, 'GET', '/api/inbox/count')).json()).toEqual({
        unread: unread.total,
      });
    });

    it('marks all read, and then nothing is left to mark', async () => {
      const left = (await t.call(clerk, 'GET', '/api/inbox/count')).json<{ unread: number }>();
      expect(left.unread).toBeGreaterThan(0);
      const res = await t.call(clerk, 'POST', '/api/inbox/read-all');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ marked: left.unread });
      expect((await t.call(clerk, 'GET', '/api/inbox/count')).json()).toEqual({ unread: 0 });
      expect((await t.call(clerk, 'POST', '/api/inbox/read-all')).json()).toEqual({ marked: 0 });
      // Only hers: the director's stay unread.
      expect((await itemsOf('director')).every((i) => i.read_at === null)).toBe(true);
    });
  });

  describe('SMS choice (prefs)', () => {
    it('starts with nothing chosen and the digest on', async () => {
      expect(await prefsOf(duty)).toEqual({
        smsMobile: null,
        smsKinds: [],
        digest: true,
        version: 0,
      });
    });

    it('asks for a mobile for any kind by SMS, checks the number and the version', async () => {
      const noMobile = await t.call(duty, 'PUT', '/api/inbox/prefs', {
        version: 0,
        smsMobile: null,
        smsKinds: ['leave_decided'],
        digest: true,
      });
      expect(noMobile.statusCode).toBe(400);
      expect(noMobile.json().error.fields).toEqual([
        {
          field: 'smsMobile',
          code: 'INBOX_SMS_MOBILE_REQUIRED',
          message: '接收短信的手机号码：选择了短信提醒，请填写接收短信的手机号码',
        },
      ]);
      const badMobile = await t.call(duty, 'PUT', '/api/inbox/prefs', {
        version: 0,
        smsMobile: '1234',
        smsKinds: [],
        digest: true,
      });
      expect(badMobile.statusCode).toBe(400);
      const badKind = await t.call(duty, 'PUT', '/api/inbox/prefs', {
        version: 0,
        smsMobile: MOBILE,
        smsKinds: ['everything'],
        digest: true,
      });
      expect(badKind.statusCode).toBe(400);
      const ok = await t.call(duty, 'PUT', '/api/inbox/prefs', {
        version: 0,
        smsMobile: '13800001111',
        smsKinds: ['leave_decided', 'case_red', 'case_red'],
        digest: false,
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<InboxPrefs>()).toEqual({
        smsMobile: '13800001111',
        // In the kinds' own order, once each.
        smsKinds: ['case_red', 'leave_decided'],
        digest: false,
        version: 1,
      });
      const stale = await t.call(duty, 'PUT', '/api/inbox/prefs', {
        version: 0,
        smsMobile: null,
        smsKinds: [],
        digest: true,
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('VERSION_CONFLICT');
      const entry = await t.db.kysely
        .selectFrom('audit_log')
        .select(['before', 'after'])
        .where('action', '=', 'inbox.prefs_update')
        .where('entity_id', '=', String(ids.duty!.user))
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(entry)).not.toContain('13800001111');
      expect(entry.after).toMatchObject({ smsMobile: '138****1111', version: 1 });
      const off = await t.call(duty, 'PUT', '/api/inbox/prefs', {
        version: 1,
        smsMobile: null,
        smsKinds: [],
        digest: true,
      });
      expect(off.json<InboxPrefs>()).toMatchObject({ smsMobile: null, version: 2 });
    });
  });

  describe('the warning sweep', () => {
    let c: CaseDetail;
    const act = async (cookie: string, path: string, body: object) => {
      const res = await t.call(cookie, 'POST', `/api/cases/${c.id}/${path}`, {
        version: c.version,
        ...body,
      });
      expect(res.statusCode, res.body).toBe(200);
      c = res.json<CaseDetail>();
    };
    const warnedOf = async () =>
      (
        await t.db.kysely
          .selectFrom('cases')
          .select('warned')
          .where('id', '=', c.id)
          .executeTakeFirstOrThrow()
      ).warned;
    const kinds = async (username: string) => (await itemsOf(username, c.id)).map((i) => i.kind);

    it('tells the holder once when her case turns yellow; a rerun tells nothing', async () => {
      const res = await t.call(clerk, 'POST', '/api/cases', {
        itemId,
        channel: 'window',
        applicant: { type: 'person', name: '张桂兰' },
        then: { action: 'accept', kind: 'promised' },
      });
      expect(res.statusCode, res.body).toBe(201);
      c = res.json<CaseDetail>();
      await sweepWarnings(deps);
      expect(await warnedOf()).toBeNull();
      expect(await kinds('clerk')).toEqual([]);
      await moveTo(Date.parse(c.yellowAt!) + MINUTE);
      expect(await sweepWarnings(deps)).toBeGreaterThanOrEqual(1);
      expect(await warnedOf()).toBe('yellow');
      const [yellow] = await itemsOf('clerk', c.id);
      expect(yellow).toMatchObject({
        kind: 'case_yellow',
        link: `/staff/cases/${c.id}`,
        subject_type: 'case',
      });
      expect(yellow!.title).toMatch(/^办件 .+（临时救助申请）将于 \d+月\d+日 \d\d:\d\d 到期$/);
      expect(await sweepWarnings(deps)).toBe(0);
      expect(await kinds('clerk')).toEqual(['case_yellow']);
      expect(await kinds('director')).toEqual([]);
    });

    it('tells her once more when it turns red, and her leader and the director once', async () => {
      await moveTo(Date.parse(c.deadlineAt!) + MINUTE);
      await sweepWarnings(deps);
      await sweepWarnings(deps);
      expect(await warnedOf()).toBe('red');
      expect(await kinds('clerk')).toEqual(['case_yellow', 'case_red']);
      expect(await kinds('leader')).toEqual(['staff_case_red']);
      expect(await kinds('director')).toEqual(['staff_case_red']);
      const [forLeader] = await itemsOf('leader', c.id);
      expect(forLeader!.title).toMatch(/^李娜承办的办件 .+（临时救助申请）已超期$/);
      // She chose SMS for red: the text went to her mobile, in the same transaction.
      expect((await smsTo(MOBILE)).at(-1)!.body).toContain('已超过办结期限');
      // Each change of the warning is audited with what was told.
      const entries = await t.db.kysely
        .selectFrom('audit_log')
        .select('after')
        .where('action', '=', 'case.warn')
        .where('entity_id', '=', String(c.id))
        .orderBy('id')
        .execute();
      expect(entries.map((e) => (e.after as { told: string }).told)).toEqual([
        'case_yellow',
        'case_red',
      ]);
      // The case's trail says it, and whom it told.
      const trail = (await t.call(clerk, 'GET', `/api/cases/${c.id}`))
        .json<CaseDetail>()
        .timeline.map((e) => e.note)
        .filter((n) => typeof n === 'string');
      expect(trail).toEqual([
        expect.stringMatching(/^黄牌：将于 \d+月\d+日 \d\d:\d\d 到期$/),
        '待办提醒（办件即将到期）：李娜',
        expect.stringMatching(/^红牌：已超过办结期限（\d+月\d+日 \d\d:\d\d）$/),
        '待办提醒（办件已超期）：李娜',
        '待办提醒（下属办件超期）：钱志强、周敏',
      ]);
    });

    it('lowers the warning without an item on a pause, and tells a new turn again', async () => {
      // A fresh case (the red one cannot be paused any more): yellow, told.
      const res = await t.call(clerk, 'POST', '/api/cases', {
        itemId,
        channel: 'window',
        applicant: { type: 'person', name: '王大海' },
        then: { action: 'accept', kind: 'promised' },
      });
      c = res.json<CaseDetail>();
      await moveTo(Date.parse(c.yellowAt!) + MINUTE);
      await sweepWarnings(deps);
      expect(await kinds('clerk')).toEqual(['case_yellow']);
      await act(clerk, 'pause', { reason: 'awaiting_applicant', note: '等待申请人补充说明' });
      await sweepWarnings(deps);
      expect(await warnedOf()).toBeNull();
      expect(await kinds('clerk')).toEqual(['case_yellow']);
      // Resumed three days later (a working day paused at least): the deadline moved by the
      // working time paused, and the case is as yellow as when paused.
      const before = c.deadlineAt;
      await moveTo(t.clock.now().getTime() + 72 * 60 * MINUTE);
      await act(clerk, 'resume', {});
      expect(Date.parse(c.deadlineAt!)).toBeGreaterThan(Date.parse(before!));
      expect(c.light).toBe('yellow');
      await sweepWarnings(deps);
      expect(await warnedOf()).toBe('yellow');
      expect(await kinds('clerk')).toEqual(['case_yellow', 'case_yellow']);
    });

    it('lowers it on an extension, and tells red when the longer term runs out', async () => {
      await act(director, 'extend', { days: 5, reason: '需补充现场踏勘' });
      expect(c.light).toBe('green');
      await sweepWarnings(deps);
      expect(await warnedOf()).toBeNull();
      await moveTo(Date.parse(c.deadlineAt!) + MINUTE);
      await sweepWarnings(deps);
      // First seen red after the extension: one red item, no yellow one before it.
      expect(await warnedOf()).toBe('red');
      expect(await kinds('clerk')).toEqual(['case_yellow', 'case_yellow', 'case_red']);
      expect(await kinds('director')).toEqual(['staff_case_red']);
    });

    it('lowers it to nothing on completion', async () => {
      await act(clerk, 'complete', { result: '临时救助金已批准发放' });
      await sweepWarnings(deps);
      expect(await warnedOf()).toBeNull();
      expect(await kinds('clerk')).toEqual(['case_yellow', 'case_yellow', 'case_red']);
      expect(await sweepWarnings(deps)).toBe(0);
    });
  });

  describe('the director’s morning digest', () => {
    const digests = async (username: string) => itemsOf(username, undefined, 'digest');

    it('comes once per working day from 08:30 (not on a holiday), to each center’s director', async () => {
      // Monday 6 April 2026 is a day of 清明 off: nothing all day.
      await moveTo('2026-04-06T10:00:00+08:00');
      expect(await sendDigests(deps)).toBe(0);
      // Tuesday 7 April: not before 08:30.
      await moveTo('2026-04-07T08:29:00+08:00');
      expect(await sendDigests(deps)).toBe(0);
      await moveTo('2026-04-07T08:31:00+08:00');
      const made = await sendDigests(deps);
      expect(made).toBe(2); // 周敏 of 青石镇, 林海 of 白沙乡
      expect(await sendDigests(deps)).toBe(0);
      const [d] = await digests('director');
      expect(d).toMatchObject({ dedupe_key: 'digest:2026-04-07', link: '/staff/board' });
      // The red case of the sweep above is still open.
      expect(d!.title).toMatch(/^今日督办：超期 1 件，预警 \d+ 件/);
      expect(d!.body).toContain('延期待审批');
      expect(await digests('bs-admin')).toHaveLength(1);
      expect(await digests('clerk')).toHaveLength(0);
    });

    it('skips weekends and a director who turned it off; goes by SMS if chosen', async () => {
      // Saturday: nothing.
      await moveTo('2026-04-11T09:00:00+08:00');
      expect(await sendDigests(deps)).toBe(0);
      const p = await prefsOf(director);
      const set = await t.call(director, 'PUT', '/api/inbox/prefs', {
        version: p.version,
        smsMobile: '13700002222',
        smsKinds: ['digest'],
        digest: true,
      });
      expect(set.statusCode, set.body).toBe(200);
      const bs = await t.login('bs-admin');
      const off = await t.call(bs, 'PUT', '/api/inbox/prefs', {
        version: 0,
        smsMobile: null,
        smsKinds: [],
        digest: false,
      });
      expect(off.statusCode, off.body).toBe(200);
      await moveTo('2026-04-13T10:00:00+08:00');
      expect(await sendDigests(deps)).toBe(1);
      expect((await digests('director')).map((d) => d.dedupe_key)).toEqual([
        'digest:2026-04-07',
        'digest:2026-04-13',
      ]);
      expect(await digests('bs-admin')).toHaveLength(1);
      const sms = await smsTo('13700002222');
      expect(sms).toHaveLength(1);
      expect(sms[0]!.body).toMatch(/^【每日督办摘要】今日督办：超期 1 件/);
    });
  });
});
