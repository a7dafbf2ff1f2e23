import type { Board, PublicReport, SatisfactionRating } from '@bianmin/contracts';
import { shanghaiDateOf } from '@bianmin/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migrateUpTo } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/connect.ts';
import { sweepTerms } from '../src/modules/inbox/terms.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

/**
 * Terms for deciding (处理期限, issue 11): public reports, appeals and 差评 follow-ups take their
 * terms from the regulation's policy in force on the day of the event; the sweep tells each
 * crossing into "due soon" and "overdue" once; the director's board counts them.
 *
 * Every event below happens at 10:00 Beijing time on a March 2026 working day (08:30–17:30, no
 * holidays in March), with the case settings' yellow share of 80 %.
 */
const SOURCE_TERMS = {
  reportDecisionWorkingDays: 15,
  appealDecisionWorkingDays: 15,
  ratingContactWorkingDays: 1,
  ratingFixWorkingDays: 15,
};
const NEW_TERMS = {
  reportDecisionWorkingDays: 5,
  appealDecisionWorkingDays: 3,
  ratingContactWorkingDays: 2,
  ratingFixWorkingDays: 4,
};
const POLICY = {
  monthlyAmount: '300',
  countyMonths: 3,
  cityMonths: 9,
  provinceMonths: 12,
  provinceCapsRating: true,
  appealTermWorkingDays: 10,
};
const REVISION = {
  name: '便民服务中心工作员绩效考核制度（处理期限修订）',
  introduction: '明确群众举报、申诉和差评回访整改的处理期限。',
  content: '群众举报 5 个工作日内作出处理决定；申诉 3 个工作日内作出决定。',
  supplementary: '本办法自 2026 年 3 月 16 日起施行。',
  effectiveFrom: '2026-03-16',
};

const bj = (dateTime: string) => new Date(`${dateTime}:00+08:00`);

describe.each(DATABASES)('terms for deciding on %s', (kind) => {
  let t: TestApp;
  let staff: Map<string, number>;
  let itemId: number;
  const who: Record<string, string> = {};
  const login = async () => {
    for (const u of ['admin', 'director', 'clerk', 'duty', 'kaohe', 'leader', 'shenji'])
      who[u] = await t.login(u);
  };
  /** Move the clock forward to a Beijing wall-clock time, and sign in again. */
  const moveTo = async (dateTime: string) => {
    const ms = bj(dateTime).getTime() - t.clock.now().getTime();
    if (ms < 0) throw new Error(`clock is past ${dateTime}`);
    t.clock.advance(ms);
    await login();
  };
  const sweep = () =>
    sweepTerms({ db: t.db.kysely, dbKind: t.db.kind, clock: t.clock, config: t.config });

  /** The term items made so far: kind, subject, the account told, oldest first. */
  const termItems = async () =>
    (
      await t.db.kysely
        .selectFrom('inbox_items as i')
        .innerJoin('users as u', 'u.id', 'i.user_id')
        .select([
          'i.kind',
          'i.subject_type',
          'i.subject_id',
          'i.title',
          'i.dedupe_key',
          'u.username',
        ])
        .where('i.kind', 'in', ['term_due_soon', 'term_overdue'])
        .orderBy('i.id')
        .execute()
    ).map((r) => ({ ...r, key: `${r.kind}:${r.subject_type}:${r.subject_id}:${r.username}` }));
  let seen = 0;
  /** The term items made since the last call. */
  const fresh = async () => {
    const all = await termItems();
    const made = all.slice(seen);
    seen = all.length;
    return made;
  };

  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in Beijing.
    t = await testApp(await freshDatabase(kind), { now: bj('2026-03-02T09:00') });
    await login();
    const list = (await t.call(who.kaohe!, 'GET', '/api/staff')).json<
      { id: number; staffNo: string }[]
    >();
    staff = new Map(list.map((s) => [s.staffNo, s.id]));
    const items = (await t.call(who.clerk!, 'GET', '/api/service-items')).json<
      { id: number; code: string }[]
    >();
    itemId = items.find((i) => i.code === 'MZ-002')!.id;
  });
  afterAll(() => t.close());

  const report = async (about: string) => {
    const res = await t.call(who.duty!, 'POST', '/api/reports', {
      channel: 'hotline',
      reporterName: '张建华',
      reporterContact: '13912345678',
      details: '窗口工作人员态度生硬',
      staffId: staff.get(about),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<PublicReport>();
  };
  /** A finding about 李娜 recorded today by 孙丽华, appealed by 李娜 at once. */
  const appeal = async (day: string) => {
    const inspection = await t.call(who.kaohe!, 'POST', '/api/inspections', {
      level: 'town',
      inspectedOn: day,
      inspectors: '镇考核小组',
      findings: [{ staffId: staff.get('W001'), item: 2, description: '窗口资料摆放杂乱' }],
    });
    expect(inspection.statusCode, inspection.body).toBe(201);
    const findingId = inspection.json<{ findings: { id: number }[] }>().findings[0]!.id;
    const res = await t.call(who.clerk!, 'POST', '/api/appeals', {
      findingId,
      reason: '资料是群众临时放在窗口的，并非本人摆放。',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number; decideDueAt: string | null }>();
  };
  /** A case 李娜 completes, rated 非常不满意 by its applicant on the query page. */
  const badRating = async () => {
    const made = await t.call(who.clerk!, 'POST', '/api/cases', {
      itemId,
      channel: 'window',
      applicant: { type: 'person', name: '张桂兰', phone: '13912345678' },
      then: { action: 'accept', kind: 'promised' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const c = made.json<{ id: number; version: number; receiptNo: string; queryCode: string }>();
    const done = await t.call(who.clerk!, 'POST', `/api/cases/${c.id}/complete`, {
      version: c.version,
      result: '临时救助金已批准发放',
    });
    expect(done.statusCode, done.body).toBe(200);
    const rated = await t.app.inject({
      method: 'POST',
      url: '/api/public/ratings',
      payload: {
        receiptNo: c.receiptNo,
        queryCode: c.queryCode,
        level: 'very_dissatisfied',
        reasons: ['服务态度差'],
      },
      remoteAddress: `10.7.0.${String(c.id % 250)}`,
    });
    expect(rated.statusCode, rated.body).toBe(200);
    return (
      await t.call(who.director!, 'GET', `/api/cases/${c.id}/rating`)
    ).json<SatisfactionRating>();
  };
  const day = (iso: string | null | undefined) =>
    iso === null || iso === undefined ? null : shanghaiDateOf(Date.parse(iso));

  it('keeps the terms in the regulation’s policy: defaults on the version adopted before, checked on a new one', async () => {
    const regs = (await t.call(who.admin!, 'GET', '/api/regulations')).json<
      { id: number; versions: { id: number }[] }[]
    >();
    const source = (
      await t.call(who.clerk!, 'GET', `/api/regulation-versions/${regs[0]!.versions[0]!.id}`)
    ).json<{ policy: object }>();
    expect(source.policy).toMatchObject(SOURCE_TERMS);

    const url = `/api/regulations/${regs[0]!.id}/versions`;
    const shorter = await t.call(who.admin!, 'POST', url, {
      ...REVISION,
      policy: { ...POLICY, ratingContactWorkingDays: 5, ratingFixWorkingDays: 3 },
    });
    expect(shorter.statusCode).toBe(400);
    expect(shorter.json().error.fields[0]).toMatchObject({
      field: 'policy.ratingFixWorkingDays',
      code: 'FIX_BEFORE_CONTACT',
      message: '差评整改答复期限（工作日）：差评整改答复期限不能短于回访期限',
    });
    const tooLong = await t.call(who.admin!, 'POST', url, {
      ...REVISION,
      policy: { ...POLICY, reportDecisionWorkingDays: 61 },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields[0].field).toBe('policy.reportDecisionWorkingDays');
    // A version that states no terms gets the defaults.
    const plain = await t.call(who.admin!, 'POST', url, { ...REVISION, policy: POLICY });
    expect(plain.json().policy).toMatchObject(SOURCE_TERMS);

    // The revision: consulted until today, signed and published tomorrow, in force on 16 March.
    const draft = (
      await t.call(who.admin!, 'PATCH', `/api/regulation-versions/${plain.json().id}`, {
        version: plain.json().version,
        policy: { ...POLICY, ...NEW_TERMS },
      })
    ).json<{ id: number; version: number; policy: object }>();
    expect(draft.policy).toMatchObject(NEW_TERMS);
    const out = (
      await t.call(who.admin!, 'POST', `/api/regulation-versions/${draft.id}/consult`, {
        version: draft.version,
        until: '2026-03-02',
      })
    ).json<{ version: number }>();
    await moveTo('2026-03-03T09:00');
    const signed = (
      await t.call(who.director!, 'POST', `/api/regulation-versions/${draft.id}/sign`, {
        version: out.version,
      })
    ).json<{ version: number }>();
    const published = await t.call(
      who.admin!,
      'POST',
      `/api/regulation-versions/${draft.id}/publish`,
      { version: signed.version },
    );
    expect(published.json()).toMatchObject({ status: 'published', policy: NEW_TERMS });
    // Until then the 差评 terms shown with the rating settings are those in force today.
    expect((await t.call(who.director!, 'GET', '/api/rating-settings')).json()).toMatchObject({
      contactWorkingDays: 1,
      fixWorkingDays: 15,
    });
  });

  const made: Record<string, { id: number; ratingId?: number }> = {};

  it('counts each term by the version in force on the day of the event, never a later one', async () => {
    await moveTo('2026-03-03T10:00');
    const reportA = await report('W002');
    // 15 working days after Tuesday 3 March: Tuesday 24 March, at closing time.
    expect(reportA.decideDueAt).toBe(bj('2026-03-24T17:30').toISOString());
    const appealA = await appeal('2026-03-03');
    expect(appealA.decideDueAt).toBe(bj('2026-03-24T17:30').toISOString());
    const ratingA = await badRating();
    expect(ratingA.followUp).toMatchObject({
      contactDueAt: bj('2026-03-04T17:30').toISOString(),
      fixDueAt: bj('2026-03-24T17:30').toISOString(),
    });

    // Monday 16 March: the revision is in force.
    await moveTo('2026-03-16T10:00');
    expect((await t.call(who.director!, 'GET', '/api/rating-settings')).json()).toMatchObject({
      contactWorkingDays: 2,
      fixWorkingDays: 4,
    });
    const reportB = await report('W002');
    expect(reportB.decideDueAt).toBe(bj('2026-03-23T17:30').toISOString()); // 5 working days
    const appealB = await appeal('2026-03-16');
    expect(appealB.decideDueAt).toBe(bj('2026-03-19T17:30').toISOString()); // 3
    const ratingB = await badRating();
    expect(ratingB.followUp).toMatchObject({
      contactDueAt: bj('2026-03-18T17:30').toISOString(), // 2
      fixDueAt: bj('2026-03-20T17:30').toISOString(), // 4
    });

    // What was counted before the revision stays as it was.
    const againA = (
      await t.call(who.kaohe!, 'GET', `/api/reports/${reportA.id}`)
    ).json<PublicReport>();
    expect(againA.decideDueAt).toBe(bj('2026-03-24T17:30').toISOString());
    expect(
      day(
        (
          await t.call(who.director!, 'GET', `/api/cases/${ratingA.caseId}/rating`)
        ).json<SatisfactionRating>().followUp?.fixDueAt,
      ),
    ).toBe('2026-03-24');

    Object.assign(made, {
      reportA,
      reportB,
      appealA,
      appealB,
      ratingA: { id: ratingA.followUp!.id, ratingId: ratingA.id },
      ratingB: { id: ratingB.followUp!.id, ratingId: ratingB.id },
    });
    // 差评 B goes to 李娜.
    const assigned = await t.call(
      who.director!,
      'POST',
      `/api/ratings/${ratingB.id}/follow-up/assign`,
      {
        version: ratingB.followUp!.version,
        staffId: staff.get('W001'),
      },
    );
    expect(assigned.statusCode, assigned.body).toBe(200);
  });

  const GROUP = ['kaohe', 'leader', 'shenji'];
  const told = (items: { key: string }[]) => items.map((i) => i.key).sort();

  it('tells what has run out at the first sweep, once: the call-back of 差评 A, to the director (unassigned)', async () => {
    await fresh();
    expect(await sweep()).toMatchObject({ terms: 1 });
    const items = await fresh();
    expect(told(items)).toEqual([`term_overdue:rating:${made.ratingA!.ratingId}:director`]);
    expect(items[0]!.title).toMatch(/^办件 .+的差评回访已超过期限（2026-03-04 17:30）$/);
    expect(await sweep()).toEqual({ terms: 0, announcements: 0 });
    expect(await fresh()).toEqual([]);
  });

  it('tells a term about to run out once, even when two servers sweep at the same moment', async () => {
    // 差评 B's call-back (due 18 March 17:30) turns yellow at 80 % of its working time: 12:24.
    await moveTo('2026-03-18T12:23');
    await sweep();
    expect(await fresh()).toEqual([]);
    await moveTo('2026-03-18T12:25');
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect(a.terms + b.terms).toBe(1);
    const items = await fresh();
    // The assignee and the director; the key names the thing, the level and the due instant.
    expect(told(items)).toEqual([
      `term_due_soon:rating:${made.ratingB!.ratingId}:clerk`,
      `term_due_soon:rating:${made.ratingB!.ratingId}:director`,
    ]);
    expect(items[0]!.dedupe_key).toBe(
      `term:rating_contact:${made.ratingB!.id}:due_soon:${bj('2026-03-18T17:30').getTime()}`,
    );
    expect(items[0]!.title).toContain('请于 2026-03-18 17:30 前回访评价人');
    // 李娜 calls back in time: that term is done and is never told overdue.
    const r = (await t.call(who.director!, 'GET', `/api/ratings?bad=true`)).json<{
      items: SatisfactionRating[];
    }>();
    const b2 = r.items.find((x) => x.id === made.ratingB!.ratingId)!;
    const contacted = await t.call(who.clerk!, 'POST', `/api/ratings/${b2.id}/follow-up/contact`, {
      version: b2.followUp!.version,
      note: '已电话联系申请人并致歉',
    });
    expect(contacted.statusCode, contacted.body).toBe(200);
  });

  it('tells the group of an appeal about to run out (3 working days: yellow 19 March 10:36), then overdue', async () => {
    await moveTo('2026-03-19T10:37');
    await sweep();
    expect(told(await fresh())).toEqual(
      GROUP.map((u) => `term_due_soon:appeal:${made.appealB!.id}:${u}`).sort(),
    );
    await moveTo('2026-03-19T16:30');
    await sweep();
    // Report A, appeal A and 差评 A's rectification (all due 24 March) turn yellow at 16:00.
    expect(told(await fresh())).toEqual(
      [
        ...GROUP.map((u) => `term_due_soon:public_report:${made.reportA!.id}:${u}`),
        ...GROUP.map((u) => `term_due_soon:appeal:${made.appealA!.id}:${u}`),
        `term_due_soon:rating:${made.ratingA!.ratingId}:director`,
      ].sort(),
    );
    // The board counts what is yellow and what is red now (in time until closing at 17:30).
    const board = (await t.call(who.director!, 'GET', '/api/board')).json<Board>();
    expect(board.decidingTerms).toEqual({
      reports: { dueSoon: 1, overdue: 0 },
      appeals: { dueSoon: 2, overdue: 0 },
      // 差评 A: its call-back is past due (red, whatever else); 差评 B: contacted, its
      // rectification not yet yellow (20 March 08:48).
      ratingFollowUps: { dueSoon: 0, overdue: 1 },
    });
    await moveTo('2026-03-19T17:31');
    await sweep();
    expect(told(await fresh())).toEqual(
      GROUP.map((u) => `term_overdue:appeal:${made.appealB!.id}:${u}`).sort(),
    );
    const later = (await t.call(who.director!, 'GET', '/api/board')).json<Board>();
    expect(later.decidingTerms.appeals).toEqual({ dueSoon: 1, overdue: 1 });
  });

  it('stops telling a term once decided, and tells each other crossing once up to the end', async () => {
    // The group decides appeal A before it runs out.
    const a = (await t.call(who.leader!, 'GET', '/api/appeals?status=pending')).json<{
      items: { id: number; version: number }[];
    }>();
    const pendingA = a.items.find((x) => x.id === made.appealA!.id)!;
    const decided = await t.call(who.leader!, 'POST', `/api/appeals/${pendingA.id}/decide`, {
      version: pendingA.version,
      outcome: 'upheld',
      reason: '经查看监控，资料确由本人摆放。',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    await moveTo('2026-03-24T18:00');
    await sweep();
    expect(told(await fresh())).toEqual(
      [
        // Report B: yellow 20 March 16:00 and due 23 March: first seen overdue, told overdue only.
        ...GROUP.map((u) => `term_overdue:public_report:${made.reportB!.id}:${u}`),
        ...GROUP.map((u) => `term_overdue:public_report:${made.reportA!.id}:${u}`),
        `term_overdue:rating:${made.ratingA!.ratingId}:director`,
        // 差评 B's rectification (due 20 March): to 李娜 and the director.
        `term_overdue:rating:${made.ratingB!.ratingId}:clerk`,
        `term_overdue:rating:${made.ratingB!.ratingId}:director`,
      ].sort(),
    );
    await sweep();
    expect(await fresh()).toEqual([]);
    // Nothing about a report reaches the reported person, nor names the reporter.
    const all = await termItems();
    expect(JSON.stringify(all)).not.toContain('张建华');
    expect(JSON.stringify(all)).not.toContain('13912345678');
    const board = (await t.call(who.director!, 'GET', '/api/board')).json<Board>();
    expect(board.decidingTerms).toEqual({
      reports: { dueSoon: 0, overdue: 2 },
      appeals: { dueSoon: 0, overdue: 1 },
      ratingFollowUps: { dueSoon: 0, overdue: 2 },
    });
  });
  it('counts at its first sweep a term stored before 0021 (no yellow instant, an appeal without its term)', async () => {
    await moveTo('2026-03-25T10:00');
    const reportC = await report('W002');
    const appealC = await appeal('2026-03-25');
    const stored = async () => ({
      report: await t.db.kysely
        .selectFrom('public_reports')
        .select(['decide_due_at', 'decide_yellow_at', 'term_told'])
        .where('id', '=', reportC.id)
        .executeTakeFirstOrThrow(),
      appeal: await t.db.kysely
        .selectFrom('appeals')
        .select(['decide_due_at', 'decide_yellow_at', 'term_told'])
        .where('id', '=', appealC.id)
        .executeTakeFirstOrThrow(),
    });
    const counted = await stored();
    // As rows from before the migration are: the report without its yellow instant, the appeal
    // without any term.
    await t.db.kysely
      .updateTable('public_reports')
      .set({ decide_yellow_at: null })
      .where('id', '=', reportC.id)
      .execute();
    await t.db.kysely
      .updateTable('appeals')
      .set({ decide_due_at: null, decide_yellow_at: null })
      .where('id', '=', appealC.id)
      .execute();
    await fresh();
    expect((await sweep()).terms).toBe(2);
    expect(await stored()).toEqual(counted);
    expect(await fresh()).toEqual([]);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['entity_type', 'after'])
      .where('action', '=', 'term.warn')
      .where((eb) =>
        eb.or([
          eb.and([
            eb('entity_type', '=', 'public_report'),
            eb('entity_id', '=', String(reportC.id)),
          ]),
          eb.and([eb('entity_type', '=', 'appeal'), eb('entity_id', '=', String(appealC.id))]),
        ]),
      )
      .execute();
    expect(audit).toHaveLength(2);
    expect((await sweep()).terms).toBe(0);
  });
});

describe('migration 0021 on a database adopted before it', () => {
  it('gives existing versions the default terms, and the center’s 差评 terms where it had set them', async () => {
    const db = await openDatabase({ kind: 'pglite' }, { migrate: false });
    try {
      const k = db.kysely;
      await migrateUpTo(k as never, '0020_extension_requests');
      const at = '2026-01-05T02:00:00Z';
      const center = async (code: string) =>
        (
          await k
            .insertInto('centers')
            .values({ code, name: `${code}镇便民服务中心`, region: '示范县', created_at: at })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const [withSettings, without] = [await center('aaa'), await center('bbb')];
      await k
        .insertInto('rating_settings' as never)
        .values({ center_id: withSettings, contact_working_days: 2, fix_working_days: 10 })
        .execute();
      const old = { ...POLICY, monthlyAmount: '300.00' };
      for (const c of [withSettings, without]) {
        const { id } = await k
          .insertInto('regulations')
          .values({ center_id: c, code: 'JXKH', name: '绩效考核制度', created_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        await k
          .insertInto('regulation_versions')
          .values({
            created_at: at,
            center_id: c,
            regulation_id: id,
            seq: 1,
            name: '绩效考核制度',
            introduction: '引言',
            body: '正文',
            supplementary: '附则',
            status: 'published',
            effective_from: '2023-01-01',
            policy: JSON.stringify(old),
            signed_by_name: '主任',
            signed_at: at,
            published_at: at,
          })
          .execute();
      }
      await migrateToLatest(k as never);
      const rows = await k
        .selectFrom('regulation_versions')
        .select(['center_id', 'policy'])
        .orderBy('center_id')
        .execute();
      expect(rows.map((r) => r.policy)).toEqual([
        {
          ...old,
          reportDecisionWorkingDays: 15,
          appealDecisionWorkingDays: 15,
          ratingContactWorkingDays: 2,
          ratingFixWorkingDays: 10,
        },
        { ...old, ...SOURCE_TERMS },
      ]);
      // And the published versions stay final.
      await expect(
        k.updateTable('regulation_versions').set({ name: 'x' }).execute(),
      ).rejects.toThrow(/published/);
    } finally {
      await db.close();
    }
  });
});
