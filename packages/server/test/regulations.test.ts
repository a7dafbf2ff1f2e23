import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

const DAY = 86_400_000;
const POLICY = {
  monthlyAmount: '350',
  countyMonths: 3,
  cityMonths: 9,
  provinceMonths: 12,
  provinceCapsRating: true,
  appealTermWorkingDays: 15,
};
const DRAFT = {
  name: '便民服务中心工作员绩效考核制度（2026 年修订）',
  introduction: '为进一步规范窗口工作人员管理，结合本镇实际，修订本办法。',
  content: '一、考核标准调整为每人每月 350 元。',
  supplementary: '本办法自 2026 年 4 月 1 日起施行，由考核小组负责解释。',
  effectiveFrom: '2026-04-01',
  policy: POLICY,
};

describe.each(DATABASES)('regulations on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('carries the source regulation, published and in force since 2023-01-01, with its policy', async () => {
    const clerk = await t.login('clerk');
    const list = (await t.call(clerk, 'GET', '/api/regulations')).json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      code: 'JXKH',
      versions: [
        {
          seq: 1,
          status: 'published',
          effectiveFrom: '2023-01-01',
          inForce: true,
          hasPolicy: true,
        },
      ],
    });
    const v = (
      await t.call(clerk, 'GET', `/api/regulation-versions/${list[0].versions[0].id}`)
    ).json();
    expect(v.policy).toMatchObject({
      monthlyAmount: '300.00',
      countyMonths: 3,
      provinceMonths: 12,
    });
    expect(v.content).toContain('扣除相关人员3个月考核金额');
  });

  it('takes a revision through consultation, signature and publication; then it never changes', async () => {
    const regs = (await t.call(admin, 'GET', '/api/regulations')).json();
    const bad = await t.call(admin, 'POST', `/api/regulations/${regs[0].id}/versions`, {
      ...DRAFT,
      policy: { ...POLICY, countyMonths: 10 },
    });
    expect(bad.json().error.fields[0]).toMatchObject({ field: 'policy', code: 'BAD_POLICY' });
    const draft = (
      await t.call(admin, 'POST', `/api/regulations/${regs[0].id}/versions`, DRAFT)
    ).json();
    expect(draft).toMatchObject({ seq: 2, status: 'draft', inForce: false });
    const clerk = await t.login('clerk');
    expect((await t.call(clerk, 'GET', `/api/regulation-versions/${draft.id}`)).statusCode).toBe(
      404,
    );

    const out = (
      await t.call(admin, 'POST', `/api/regulation-versions/${draft.id}/consult`, {
        version: draft.version,
        until: '2026-03-10',
      })
    ).json();
    expect(out.status).toBe('consultation');
    const commented = await t.call(clerk, 'POST', `/api/regulation-versions/${draft.id}/comments`, {
      comment: '建议明确因公外出不扣考核金额。',
    });
    expect(commented.json().comments).toEqual([
      expect.objectContaining({ authorName: '李娜', comment: '建议明确因公外出不扣考核金额。' }),
    ]);
    const director = await t.login('director');
    const early = await t.call(director, 'POST', `/api/regulation-versions/${draft.id}/sign`, {
      version: out.version,
    });
    expect(early.json().error.code).toBe('CONSULTATION_OPEN');
    expect(
      (
        await t.call(admin, 'POST', `/api/regulation-versions/${draft.id}/sign`, {
          version: out.version,
        })
      ).statusCode,
    ).toBe(403);

    t.clock.advance(10 * DAY);
    const director2 = await t.login('director');
    const late = await t.login('clerk');
    expect(
      (
        await t.call(late, 'POST', `/api/regulation-versions/${draft.id}/comments`, {
          comment: '补充',
        })
      ).json().error.code,
    ).toBe('CONSULTATION_CLOSED');
    const signed = (
      await t.call(director2, 'POST', `/api/regulation-versions/${draft.id}/sign`, {
        version: out.version,
      })
    ).json();
    expect(signed).toMatchObject({ status: 'signed', signedByName: '周敏' });
    const admin2 = await t.login('admin');
    const published = (
      await t.call(admin2, 'POST', `/api/regulation-versions/${draft.id}/publish`, {
        version: signed.version,
      })
    ).json();
    expect(published).toMatchObject({
      status: 'published',
      inForce: false,
      effectiveFrom: '2026-04-01',
    });

    const edit = await t.call(admin2, 'PATCH', `/api/regulation-versions/${draft.id}`, {
      version: published.version,
      name: '改名',
    });
    expect(edit.json().error.code).toBe('REGULATION_STATE');
    await expect(
      sql`update regulation_versions set body = 'x' where id = ${draft.id}`.execute(t.db.kysely),
    ).rejects.toThrow(/published/);

    const read = (
      await t.call(late, 'POST', `/api/regulation-versions/${draft.id}/acknowledge`)
    ).json();
    expect(read).toMatchObject({ acknowledgedByMe: true, acknowledgements: 1 });
    await t.call(late, 'POST', `/api/regulation-versions/${draft.id}/acknowledge`);
    expect(
      (await t.call(late, 'GET', `/api/regulation-versions/${draft.id}`)).json().acknowledgements,
    ).toBe(1);

    // From its effective date the revision is the one in force.
    t.clock.advance(21 * DAY);
    const april = await t.login('clerk');
    const versions = (await t.call(april, 'GET', '/api/regulations')).json()[0].versions;
    expect(versions.map((v: { inForce: boolean }) => v.inForce)).toEqual([false, true]);
  });

  it('refuses a rule that would apply backwards', async () => {
    admin = await t.login('admin');
    const regs = (await t.call(admin, 'GET', '/api/regulations')).json();
    const draft = (
      await t.call(admin, 'POST', `/api/regulations/${regs[0].id}/versions`, {
        ...DRAFT,
        effectiveFrom: '2026-01-01',
      })
    ).json();
    const until = new Date(t.clock.now().getTime()).toISOString().slice(0, 10);
    const out = (
      await t.call(admin, 'POST', `/api/regulation-versions/${draft.id}/consult`, {
        version: draft.version,
        until,
      })
    ).json();
    t.clock.advance(2 * DAY);
    const director = await t.login('director');
    const signed = (
      await t.call(director, 'POST', `/api/regulation-versions/${draft.id}/sign`, {
        version: out.version,
      })
    ).json();
    admin = await t.login('admin');
    const res = await t.call(admin, 'POST', `/api/regulation-versions/${draft.id}/publish`, {
      version: signed.version,
    });
    expect(res.json().error.fields[0]).toMatchObject({
      field: 'effectiveFrom',
      code: 'EFFECTIVE_IN_PAST',
    });
  });
});
