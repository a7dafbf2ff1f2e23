import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOverdue } from '../src/modules/violations/service.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('rest of a picture'),
]);

describe.each(DATABASES)('inspections and findings on %s', (kind) => {
  let t: TestApp;
  let kaohe: string;
  let staff: Map<string, number>;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    kaohe = await t.login('kaohe');
    const list = (await t.call(kaohe, 'GET', '/api/staff')).json<
      { id: number; staffNo: string }[]
    >();
    staff = new Map(list.map((s) => [s.staffNo, s.id]));
  });
  afterAll(() => t.close());

  const upload = (
    cookie: string,
    findingId: number,
    type: string,
    body: Buffer,
    name = 'photo.png',
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/findings/${findingId}/evidence?name=${encodeURIComponent(name)}`,
      headers: { cookie, 'content-type': type },
      payload: body,
    });

  it('records a county inspection with circulated findings, audited, visible to the person, the leader and the group only', async () => {
    const res = await t.call(kaohe, 'POST', '/api/inspections', {
      level: 'county',
      inspectedOn: '2026-03-02',
      inspectors: '县纪委第三检查组',
      findings: [
        {
          staffId: staff.get('W001'),
          item: 3,
          description: '上班时间用电脑看视频',
          circulated: true,
        },
        { staffId: staff.get('W002'), item: 1, description: '未佩戴工作证' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const inspection = res.json();
    expect(inspection.findings).toMatchObject([
      { staffName: '李娜', level: 'county', circulated: true, item: 3, source: 'inspection' },
      { staffName: '陈刚', level: 'county', circulated: false, item: 1 },
    ]);

    const clerk = await t.login('clerk');
    const own = (await t.call(clerk, 'GET', '/api/findings')).json();
    expect(own.items.map((f: { staffName: string }) => f.staffName)).toEqual(['李娜']);
    const other = inspection.findings[1].id;
    expect((await t.call(clerk, 'GET', `/api/findings/${other}`)).statusCode).toBe(404);
    const leader = await t.login('leader');
    expect((await t.call(leader, 'GET', '/api/findings')).json().total).toBe(2);
    const director = await t.login('director');
    expect((await t.call(director, 'GET', '/api/findings')).json().total).toBe(0);
    expect((await t.call(clerk, 'POST', '/api/inspections', { level: 'town' })).statusCode).toBe(
      403,
    );
  });

  it('names the wrong staff member of a finding', async () => {
    const res = await t.call(kaohe, 'POST', '/api/inspections', {
      level: 'town',
      inspectedOn: '2026-03-03',
      inspectors: '镇考核小组',
      findings: [{ staffId: 999999, item: 2, description: '窗口杂乱' }],
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.fields[0].field).toBe('findings.0.staffId');
  });

  it('keeps evidence whose bytes match its type, refuses others, and serves it only to those who may see the finding', async () => {
    const findings = (await t.call(kaohe, 'GET', '/api/findings')).json();
    const f = findings.items.find((x: { staffName: string }) => x.staffName === '李娜');
    const ok = await upload(kaohe, f.id, 'image/png', PNG, '../../etc/现场照片.png');
    expect(ok.statusCode).toBe(201);
    const ev = ok.json().evidence[0];
    expect(ev).toMatchObject({
      fileName: '现场照片.png',
      mediaType: 'image/png',
      sizeBytes: PNG.length,
    });
    const lying = await upload(kaohe, f.id, 'image/jpeg', PNG);
    expect(lying.statusCode).toBe(415);
    expect(lying.json().error.code).toBe('EVIDENCE_TYPE');
    const script = await upload(
      kaohe,
      f.id,
      'application/pdf',
      Buffer.from('<script>alert(1)</script>'),
    );
    expect(script.json().error.code).toBe('EVIDENCE_TYPE');
    const html = await upload(kaohe, f.id, 'text/html', Buffer.from('<b>x</b>'));
    expect(html.statusCode).toBe(415);
    const huge = await upload(
      kaohe,
      f.id,
      'image/png',
      Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]),
    );
    expect(huge.statusCode).toBe(413);

    const clerk = await t.login('clerk');
    const got = await t.call(clerk, 'GET', `/api/evidence/${ev.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toMatch(/^attachment/);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    const director = await t.login('director');
    expect((await t.call(director, 'GET', `/api/evidence/${ev.id}`)).statusCode).toBe(404);
    expect((await upload(clerk, f.id, 'image/png', PNG)).statusCode).toBe(403);
  });

  it('turns a confirmed overdue-case candidate into a finding under item 6 against the holder', async () => {
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
    await sweepOverdue({ db: t.db.kysely, dbKind: t.db.kind, clock: t.clock, config: {} as never });
    kaohe = await t.login('kaohe');
    const v = (await t.call(kaohe, 'GET', '/api/violations?status=pending'))
      .json()
      .items.find((x: { caseId: number }) => x.caseId === c.id);
    const decided = await t.call(kaohe, 'POST', `/api/violations/${v.id}/decide`, {
      version: v.version,
      decision: 'confirm',
      reason: '无正当理由超时',
    });
    expect(decided.json().status).toBe('confirmed');
    const found = (await t.call(kaohe, 'GET', `/api/findings?staffId=${staff.get('W001')}`))
      .json()
      .items.find((f: { violationCandidateId: number }) => f.violationCandidateId === v.id);
    expect(found).toMatchObject({
      source: 'overdue_case',
      level: 'town',
      item: 6,
      date: '2026-03-02',
      description: expect.stringContaining(c.receiptNo),
    });
  });

  it('refuses an appeal after the term, saying until when it was open', async () => {
    t.clock.advance(Date.parse('2026-03-17T01:00:00Z') - t.clock.now().getTime());
    const clerk = await t.login('clerk');
    const own = (await t.call(clerk, 'GET', '/api/findings')).json();
    const county = own.items.find((f: { level: string }) => f.level === 'county');
    const res = await t.call(clerk, 'POST', '/api/appeals', {
      findingId: county.id,
      reason: '不服',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'APPEAL_TERM_EXPIRED',
      details: { lastDay: '2026-03-16', termWorkingDays: 10 },
    });
    const other = (
      await t.call(clerk, 'POST', '/api/appeals', { findingId: 999999, reason: '不服' })
    ).json();
    expect(other.error.fields[0].field).toBe('findingId');
  });

  it('takes an appeal in late December before next year’s calendar is entered, with a provisional term', async () => {
    // A finding recorded on Monday 21 December 2026: its 10 working days run into 2027, which the
    // calendar lacks. The term is counted there in plain weekdays, as a case deadline is.
    t.clock.advance(Date.parse('2026-12-21T02:00:00Z') - t.clock.now().getTime());
    const recorded = await t.call(await t.login('kaohe'), 'POST', '/api/inspections', {
      level: 'town',
      inspectedOn: '2026-12-21',
      inspectors: '镇考核小组',
      findings: [{ staffId: staff.get('W001'), item: 2, description: '窗口资料摆放杂乱' }],
    });
    expect(recorded.statusCode).toBe(201);
    const clerk = await t.login('clerk');
    const res = await t.call(clerk, 'POST', '/api/appeals', {
      findingId: recorded.json().findings[0].id,
      reason: '当天已整理，请核实',
    });
    expect(res.statusCode).toBe(201);
    // Dec 22–25 (1–4), 28–31 (5–8), then 2027 as weekdays: Fri 1 (9), Mon 4 (10).
    expect(res.json().deadlineOn).toBe('2027-01-04');
  });
});
