import type { SatisfactionRating } from '@bianmin/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAssessment } from '../src/demo/assessment.ts';
import { DEMO_PASSWORD } from '../src/demo/seed.ts';
import { hashPassword } from '../src/modules/auth/password-hash.ts';
import { sweepTerms } from '../src/modules/inbox/terms.ts';
import { sweepOverdue } from '../src/modules/violations/service.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

/**
 * The inbox items the modules make in the transaction of their change (issue 11; docs/inbox.md):
 * each goes to the right people and never to the one who acted. The demo center's accounts:
 * 李娜 clerk (window 01, 民政), 钱志强 leader (her supervising leader, assessment deputy), 赵建国
 * shenji, 孙丽华 kaohe (assessment group), 周敏 director, 吴静 admin, 王芳 duty; and two made
 * here: 徐丹 xudan (window 06) and 胡婷 hutin (window 09, 户籍, where 居民身份证申领 is booked).
 */
const GROUP = ['kaohe', 'leader', 'shenji'];
const bj = (dateTime: string) => new Date(`${dateTime}:00+08:00`);

describe.each(DATABASES)('inbox hooks on %s', (kind) => {
  let t: TestApp;
  let staff: Map<string, number>;
  let items: Map<string, number>;
  const who: Record<string, string> = {};
  const login = async () => {
    for (const u of [
      'admin',
      'director',
      'clerk',
      'duty',
      'kaohe',
      'leader',
      'shenji',
      'xudan',
      'hutin',
    ])
      who[u] = await t.login(u);
  };
  const moveTo = async (dateTime: string) => {
    const ms = bj(dateTime).getTime() - t.clock.now().getTime();
    if (ms < 0) throw new Error(`clock is past ${dateTime}`);
    t.clock.advance(ms);
    await login();
  };
  const deps = () => ({ db: t.db.kysely, dbKind: t.db.kind, clock: t.clock, config: t.config });

  /** The items about one thing: "kind:username", sorted, with their titles. */
  const about = async (type: string, id: number | string, kinds?: string[]) => {
    let q = t.db.kysely
      .selectFrom('inbox_items as i')
      .innerJoin('users as u', 'u.id', 'i.user_id')
      .select(['i.kind', 'i.title', 'i.body', 'i.link', 'u.username'])
      .where('i.subject_type', '=', type)
      .where('i.subject_id', '=', String(id));
    if (kinds) q = q.where('i.kind', 'in', kinds);
    const rows = await q.orderBy('u.username').execute();
    return {
      to: rows.map((r) => `${r.kind}:${r.username}`),
      titles: [...new Set(rows.map((r) => r.title))],
      rows,
    };
  };

  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind), { now: bj('2026-03-02T09:00') });
    // The settled half-years the demo carries, and the one it leaves for the group leader.
    await seedDemoAssessment(deps());
    const hash = await hashPassword(DEMO_PASSWORD);
    for (const [username, staffNo, name] of [
      ['xudan', 'W006', '徐丹'],
      ['hutin', 'W009', '胡婷'],
    ] as const) {
      const s = await t.db.kysely
        .selectFrom('staff')
        .select(['id', 'center_id'])
        .where('staff_no', '=', staffNo)
        .executeTakeFirstOrThrow();
      await t.db.kysely
        .insertInto('users')
        .values({
          center_id: s.center_id,
          staff_id: s.id,
          username,
          display_name: name,
          password_hash: hash,
          roles: ['window_staff'],
          created_at: bj('2026-03-01T09:00'),
          password_changed_at: bj('2026-03-01T09:00'),
        })
        .execute();
    }
    await login();
    const list = (await t.call(who.kaohe!, 'GET', '/api/staff')).json<
      { id: number; staffNo: string }[]
    >();
    staff = new Map(list.map((s) => [s.staffNo, s.id]));
    const catalog = (await t.call(who.clerk!, 'GET', '/api/service-items')).json<
      { id: number; code: string }[]
    >();
    items = new Map(catalog.map((i) => [i.code, i.id]));
  });
  afterAll(() => t.close());

  const intake = async (cookie: string, code: string, kindOf = 'promised') => {
    const res = await t.call(cookie, 'POST', '/api/cases', {
      itemId: items.get(code),
      channel: 'window',
      applicant: { type: 'person', name: '张桂兰', phone: '13912345678' },
      then: { action: 'accept', kind: kindOf },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number; version: number; receiptNo: string; queryCode: string }>();
  };

  it('tells the new holder of a case handed over, not the one who handed it over', async () => {
    const c = await intake(who.clerk!, 'MZ-002');
    const handed = await t.call(who.clerk!, 'POST', `/api/cases/${c.id}/hand-over`, {
      version: c.version,
      toStaffId: staff.get('W006'),
      method: 'escorted',
      note: '申请人要先办营业执照',
    });
    expect(handed.statusCode, handed.body).toBe(200);
    const first = await about('case', c.id, ['case_handover']);
    expect(first.to).toEqual(['case_handover:xudan']);
    expect(first.titles[0]).toMatch(/^办件 .+（临时救助申请）由李娜移交给您$/);
    expect(first.rows[0]).toMatchObject({
      body: '移交说明：申请人要先办营业执照',
      link: `/staff/cases/${c.id}`,
    });
    // The director sends it back to 李娜 for 徐丹: 李娜 is told, the director is not.
    const back = await t.call(who.director!, 'POST', `/api/cases/${c.id}/hand-over`, {
      version: handed.json<{ version: number }>().version,
      toStaffId: staff.get('W001'),
      method: 'phone',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect((await about('case', c.id, ['case_handover'])).to).toEqual([
      'case_handover:clerk',
      'case_handover:xudan',
    ]);
  });

  it('tells the staff of the booked window of a new booking, not the one who entered it', async () => {
    const book = (cookie: string, name: string) =>
      t.call(cookie, 'POST', '/api/bookings', {
        itemId: items.get('HJ-001'),
        name,
        phone: '13800000001',
        channel: 'phone',
        date: '2026-03-03',
        start: '09:00',
        note: '',
      });
    const byDuty = await book(who.duty!, '王大爷');
    expect(byDuty.statusCode, byDuty.body).toBe(201);
    const a = await about('booking', byDuty.json<{ id: number }>().id);
    expect(a.to).toEqual(['booking_assigned:hutin']);
    expect(a.titles).toEqual(['新预约：3月3日 09:00 居民身份证申领（王**）']);
    const byHerself = await book(who.hutin!, '李大妈');
    expect(byHerself.statusCode, byHerself.body).toBe(201);
    expect((await about('booking', byHerself.json<{ id: number }>().id)).to).toEqual([]);
  });

  it('tells the staff sent on a home visit, not the one who scheduled it', async () => {
    const v = await t.call(who.clerk!, 'POST', '/api/visits', {
      category: 'elderly',
      name: '王大爷',
      phone: '13605710001',
      address: '东村 3 组',
      itemId: null,
      itemText: '高龄津贴申领',
      reason: '行动不便',
      preferredDates: ['2026-03-04'],
      channel: 'phone',
    });
    expect(v.statusCode, v.body).toBe(201);
    const visit = v.json<{ id: number; version: number }>();
    const s = await t.call(who.clerk!, 'POST', `/api/visits/${visit.id}/schedule`, {
      version: visit.version,
      date: '2026-03-04',
      staffIds: [staff.get('W001'), staff.get('W006')],
    });
    expect(s.statusCode, s.body).toBe(200);
    const a = await about('home_visit', visit.id);
    expect(a.to).toEqual(['visit_assigned:xudan']);
    expect(a.titles).toEqual(['上门服务：3月4日 到东村 3 组（高龄津贴申领）']);
  });

  it('asks the supervising leader to approve leave, and tells the person the decision', async () => {
    const req = await t.call(who.clerk!, 'POST', '/api/leave-requests', {
      kind: 'outing',
      from: bj('2026-03-02T14:00').toISOString(),
      to: bj('2026-03-02T15:30').toISOString(),
      reason: '到县民政局报送低保材料',
    });
    expect(req.statusCode, req.body).toBe(201);
    const l = req.json<{ id: number; version: number }>();
    const asked = await about('leave_request', l.id);
    expect(asked.to).toEqual(['leave_requested:leader']);
    expect(asked.titles).toEqual(['李娜申请中途外出：2026-03-02 14:00 至 15:30']);
    const ok = await t.call(who.leader!, 'POST', `/api/leave-requests/${l.id}/approve`, {
      version: l.version,
      note: '',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const decided = await about('leave_request', l.id, ['leave_decided']);
    expect(decided.to).toEqual(['leave_decided:clerk']);
    expect(decided.titles).toEqual(['您的中途外出（2026-03-02 14:00 至 15:30）钱志强已批准']);
  });

  let findingId = 0;
  it('tells a person of a finding about her, and the group of her appeal; her of its decision', async () => {
    const ins = await t.call(who.kaohe!, 'POST', '/api/inspections', {
      level: 'town',
      inspectedOn: '2026-03-02',
      inspectors: '镇考核小组',
      findings: [{ staffId: staff.get('W001'), item: 2, description: '窗口资料摆放杂乱' }],
    });
    expect(ins.statusCode, ins.body).toBe(201);
    findingId = ins.json<{ findings: { id: number }[] }>().findings[0]!.id;
    const f = await about('finding', findingId);
    expect(f.to).toEqual(['finding_recorded:clerk']);
    expect(f.titles).toEqual(['考核记录：3月2日镇级巡查，考核内容第 2 项']);

    const filed = await t.call(who.clerk!, 'POST', '/api/appeals', {
      findingId,
      reason: '资料是群众临时放在窗口的。',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const appeal = filed.json<{ id: number; version: number }>();
    const a = await about('appeal', appeal.id);
    expect(a.to).toEqual(GROUP.map((u) => `appeal_filed:${u}`));
    expect(a.titles).toEqual(['李娜对考核记录提出申诉']);
    const decided = await t.call(who.leader!, 'POST', `/api/appeals/${appeal.id}/decide`, {
      version: appeal.version,
      outcome: 'revoked',
      reason: '经查看监控，资料确为群众所放。',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const d = await about('appeal', appeal.id, ['appeal_decided']);
    expect(d.to).toEqual(['appeal_decided:clerk']);
    expect(d.titles).toEqual(['您3月2日对考核记录的申诉已决定：撤销']);
  });

  it('puts a report before the group and the director — never the reported person, never the reporter’s name', async () => {
    const res = await t.call(who.duty!, 'POST', '/api/reports', {
      channel: 'hotline',
      reporterName: '张建华',
      reporterContact: '13912345678',
      details: '党政办主任接待群众态度生硬',
      staffId: staff.get('L003'),
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = await about('public_report', res.json<{ id: number }>().id);
    // 孙丽华 (kaohe) is the one reported: the rest of the group and the director are told.
    expect(r.to).toEqual([
      'report_waiting:director',
      'report_waiting:leader',
      'report_waiting:shenji',
    ]);
    expect(r.titles[0]).toMatch(
      /^群众举报第 \d+ 号（电话）待处理，应于 2026-03-23 17:30 前作出处理决定$/,
    );
    expect(JSON.stringify(r.rows)).not.toMatch(/张建华|13912345678|张\*/);

    const online = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      remoteAddress: '198.21.0.1',
      payload: {
        centerCode: 'qingshi',
        anonymous: true,
        details: '1号窗口中午提前下班。',
        about: '1号窗口',
      },
    });
    expect(online.statusCode, online.body).toBe(201);
    const last = await t.db.kysely
      .selectFrom('public_reports')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const o = await about('public_report', last.id);
    expect(o.to).toEqual(
      ['report_waiting:director', ...GROUP.map((u) => `report_waiting:${u}`)].sort(),
    );
    expect(o.titles[0]).toContain('（网上）待处理');
  });

  it('puts the violation candidate of an overdue case before the group', async () => {
    const c = await intake(who.clerk!, 'MZ-004', 'immediate');
    await moveTo('2026-03-02T11:00');
    expect(await sweepOverdue(deps())).toBeGreaterThan(0);
    const v = await t.db.kysely
      .selectFrom('violation_candidates')
      .select('id')
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    const a = await about('violation_candidate', v.id);
    expect(a.to).toEqual(GROUP.map((u) => `violation_candidate:${u}`));
    expect(a.titles[0]).toMatch(/^办件 .+ 超过办结期限未办结（承办人 李娜），待认定$/);
  });

  it('tells the director of a 差评, the assignee of its follow-up, and the group of a contest', async () => {
    const c = await intake(who.clerk!, 'MZ-002');
    const done = await t.call(who.clerk!, 'POST', `/api/cases/${c.id}/complete`, {
      version: c.version,
      result: '临时救助金已批准发放',
    });
    expect(done.statusCode, done.body).toBe(200);
    const rated = await t.app.inject({
      method: 'POST',
      url: '/api/public/ratings',
      remoteAddress: '198.21.0.2',
      payload: {
        receiptNo: c.receiptNo,
        queryCode: c.queryCode,
        level: 'dissatisfied',
        reasons: ['多次跑腿'],
      },
    });
    expect(rated.statusCode, rated.body).toBe(200);
    const r = (
      await t.call(who.director!, 'GET', `/api/cases/${c.id}/rating`)
    ).json<SatisfactionRating>();
    const bad = await about('rating', r.id);
    expect(bad.to).toEqual(['rating_bad:director']);
    expect(bad.titles[0]).toMatch(/^差评：办件 .+（临时救助申请）评价为“不满意”，请指派回访$/);

    const assigned = await t.call(who.director!, 'POST', `/api/ratings/${r.id}/follow-up/assign`, {
      version: r.followUp!.version,
      staffId: staff.get('W006'),
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((await about('rating', r.id, ['rating_follow_up_assigned'])).to).toEqual([
      'rating_follow_up_assigned:xudan',
    ]);
    const contested = await t.call(who.clerk!, 'POST', `/api/ratings/${r.id}/contest`, {
      reason: '申请人材料不全，已一次性告知，系恶意评价。',
    });
    expect(contested.statusCode, contested.body).toBe(200);
    const k = await about('rating', r.id, ['rating_contested']);
    expect(k.to).toEqual(GROUP.map((u) => `rating_contested:${u}`));
    expect(k.titles[0]).toMatch(/^李娜对办件 .+的评价提出异议（恶意评价），待认定$/);
  });

  it('tells the director once of a completion announcement late, found by the sweep or at its publication', async () => {
    const pending = await t.db.kysely
      .selectFrom('announcements')
      .select(['id', 'due_at'])
      .where('status', '=', 'pending')
      .execute();
    expect(pending.length).toBeGreaterThan(0);
    // The first working day after completion ends on Tuesday 3 March at 17:30.
    await moveTo('2026-03-03T17:31');
    const swept = await sweepTerms(deps());
    expect(swept.announcements).toBe(pending.length);
    for (const a of pending)
      expect((await about('announcement', a.id)).to).toEqual(['announcement_late:director']);
    expect((await sweepTerms(deps())).announcements).toBe(0);

    // A case completed now: its announcement is due on 4 March; the office publishes it late,
    // before any sweep saw it: the director is told by the publication.
    const c = await intake(who.clerk!, 'MZ-002');
    await t.call(who.clerk!, 'POST', `/api/cases/${c.id}/complete`, {
      version: c.version,
      result: '临时救助金已批准发放',
    });
    const a = await t.db.kysely
      .selectFrom('announcements')
      .select(['id', 'version'])
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    await moveTo('2026-03-04T17:40');
    const published = await t.call(who.admin!, 'POST', `/api/announcements/${a.id}/publish`, {
      version: a.version,
    });
    expect(published.statusCode, published.body).toBe(200);
    const told = await about('announcement', a.id);
    expect(told.to).toEqual(['announcement_late:director']);
    expect(told.titles[0]).toMatch(
      /办结公告逾期发布：应于 2026-03-04 17:30 前公告，2026-03-04 17:40 才公告$/,
    );
    await sweepTerms(deps());
    expect((await about('announcement', a.id)).to).toEqual(['announcement_late:director']);
  });

  it('tells each person in an approved settlement of his or her own, not the approver', async () => {
    const approved = await t.call(who.shenji!, 'POST', '/api/settlements/2025/2/approve');
    expect(approved.statusCode, approved.body).toBe(200);
    const rows = await t.db.kysely
      .selectFrom('inbox_items as i')
      .innerJoin('users as u', 'u.id', 'i.user_id')
      .innerJoin('settlements as s', (j) =>
        j.on((eb) => eb(eb.cast('s.id', 'text'), '=', eb.ref('i.subject_id'))),
      )
      .select(['u.username', 'u.staff_id', 's.staff_id as settled', 'i.title'])
      .where('i.kind', '=', 'settlement_approved')
      .where('s.year', '=', 2025)
      .where('s.half', '=', 2)
      .orderBy('u.username')
      .execute();
    expect(rows.map((r) => r.username)).toEqual(['clerk', 'hutin', 'xudan']);
    for (const r of rows) {
      expect(r.staff_id).toBe(r.settled);
      expect(r.title).toMatch(/^2025年下半年考核结算已批准：应发 \d+\.\d\d 元$/);
    }
  });
});
