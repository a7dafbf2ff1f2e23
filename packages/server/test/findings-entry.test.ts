/**
 * Issue 9 D4, D7 (second half): a finding's date is checked when it is entered; a finding entered by
 * mistake is voided by another member of the group, with reasons, before it is settled; one person
 * whose money cannot be computed does not hold up everyone else's approval; nobody decides a
 * violation candidate about himself or herself. Decision 0014, docs/money.md.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOverdue } from '../src/modules/violations/service.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

interface Staff {
  id: number;
  staffNo: string;
  version: number;
}
interface Person {
  staffName: string;
  status: string;
  payableFen: number;
  lines: { kind: string; amountFen: number }[];
  refusal: { code: string; message: string } | null;
}

describe.each(DATABASES)(
  'entering and voiding findings, and approving around a refusal, on %s',
  (kind) => {
    let t: TestApp;
    let staff: Map<string, Staff>;
    beforeAll(async () => {
      // 00:30 on Monday 2 March in Beijing: still 1 March in UTC.
      t = await testApp(await freshDatabase(kind), { now: new Date('2026-03-02T00:30:00+08:00') });
      await loadStaff();
    });
    afterAll(() => t.close());

    async function loadStaff() {
      const admin = await t.login('admin');
      const list = (await t.call(admin, 'GET', '/api/staff?includeLeft=true')).json<Staff[]>();
      staff = new Map(list.map((s) => [s.staffNo, s]));
    }
    const id = (staffNo: string) => staff.get(staffNo)!.id;
    /** The center office corrects a staff record (time in post). */
    async function setInPost(
      staffNo: string,
      patch: { inPostFrom?: string; inPostTo?: string | null },
    ) {
      await loadStaff();
      const admin = await t.login('admin');
      const s = staff.get(staffNo)!;
      const res = await t.call(admin, 'PATCH', `/api/staff/${s.id}`, {
        version: s.version,
        ...patch,
      });
      expect(res.statusCode, res.body).toBe(200);
      await loadStaff();
    }
    const inspect = async (
      cookie: string,
      inspectedOn: string,
      findings: { staffNo: string; item?: number; description?: string }[],
      level = 'town',
    ) =>
      t.call(cookie, 'POST', '/api/inspections', {
        level,
        inspectedOn,
        inspectors: '镇考核小组',
        findings: findings.map((f) => ({
          staffId: id(f.staffNo),
          item: f.item ?? 2,
          description: f.description ?? '窗口资料摆放杂乱',
        })),
      });
    const inspections = async () =>
      (await t.call(await t.login('kaohe'), 'GET', '/api/inspections')).json<unknown[]>().length;
    const sheetOf = async (year: number, half: number) =>
      (await t.call(await t.login('shenji'), 'GET', `/api/settlements/${year}/${half}`)).json<{
        approvable: boolean;
        blockedReason: string | null;
        people: Person[];
      }>();
    const personOf = (sheet: { people: Person[] }, name: string) =>
      sheet.people.find((p) => p.staffName === name)!;

    it('dates a finding by today in Beijing: at 00:30 on 2 March, 2 March is taken and 3 March refused on the inspection date', async () => {
      const kaohe = await t.login('kaohe');
      const today = await inspect(kaohe, '2026-03-02', [{ staffNo: 'W003' }]);
      expect(today.statusCode, today.body).toBe(201);
      const tomorrow = await inspect(kaohe, '2026-03-03', [{ staffNo: 'W003' }]);
      expect(tomorrow.statusCode).toBe(400);
      expect(tomorrow.json().error).toMatchObject({
        code: 'DATE_IN_FUTURE',
        fields: [{ field: 'inspectedOn', code: 'DATE_IN_FUTURE' }],
      });
      expect(tomorrow.json().error.fields[0].message).toBe(
        '巡查日期：日期不能晚于今天（2026-03-03 晚于今天（2026-03-02））',
      );
      expect(await inspections()).toBe(1);
    });

    it('refuses a finding outside its person’s time in post, or before the regulation, naming the finding; nothing is stored', async () => {
      // 胡婷 left on Friday 27 February.
      await setInPost('W009', { inPostTo: '2026-02-27' });
      const kaohe = await t.login('kaohe');
      const left = await inspect(kaohe, '2026-03-02', [{ staffNo: 'W001' }, { staffNo: 'W009' }]);
      expect(left.statusCode).toBe(400);
      expect(left.json().error).toMatchObject({
        code: 'FINDING_NOT_IN_POST',
        fields: [{ field: 'findings.1.staffId', code: 'FINDING_NOT_IN_POST' }],
        details: { staffId: id('W009'), inPostTo: '2026-02-27' },
      });
      expect(left.json().error.fields[0].message).toContain(
        '胡婷的窗口在岗期间为 2023-01-01 至 2026-02-27，2026-03-02 不在其中',
      );
      // Before 陈刚 came to the window.
      const before = await inspect(kaohe, '2022-12-30', [{ staffNo: 'W002' }]);
      expect(before.json().error).toMatchObject({
        code: 'FINDING_NOT_IN_POST',
        fields: [{ field: 'findings.0.staffId' }],
      });
      // 朱勇 was at the window before the regulation took effect: nothing of then is assessed.
      await setInPost('W008', { inPostFrom: '2022-06-01' });
      const early = await inspect(kaohe, '2022-12-01', [{ staffNo: 'W008' }]);
      expect(early.json().error).toMatchObject({
        code: 'NO_POLICY_IN_FORCE',
        fields: [{ field: 'inspectedOn' }],
      });
      expect(early.json().error.message).toContain('早于绩效考核制度施行之日（2023-01-01）');
      expect(await inspections()).toBe(1);

      // A substantiated public report is a finding too: its date is checked against the person.
      const duty = await t.login('duty');
      const report = (
        await t.call(duty, 'POST', '/api/reports', {
          channel: 'hotline',
          reporterName: '张建华',
          reporterContact: '13912345678',
          details: '窗口工作人员态度生硬',
          staffId: id('W009'),
          occurredOn: '2026-03-01',
        })
      ).json();
      const decided = await t.call(kaohe, 'POST', `/api/reports/${report.id}/decide`, {
        version: report.version,
        outcome: 'substantiated',
        reason: '经核实属实',
        item: 5,
      });
      expect(decided.statusCode).toBe(400);
      expect(decided.json().error).toMatchObject({
        code: 'FINDING_NOT_IN_POST',
        fields: [{ field: 'staffId' }],
      });
      const still = (await t.call(kaohe, 'GET', `/api/reports/${report.id}`)).json();
      expect(still).toMatchObject({ status: 'received', findingId: null });
    });

    it('a candidate is not decided by the member it is about, nor confirmed against someone not in post on its deadline', async () => {
      const clerk = await t.login('clerk');
      const items = (await t.call(clerk, 'GET', '/api/service-items')).json<
        { id: number; code: string }[]
      >();
      const immediate = () =>
        t.call(clerk, 'POST', '/api/cases', {
          itemId: items.find((i) => i.code === 'MZ-004')!.id,
          channel: 'window',
          applicant: { type: 'person', name: '孙大爷' },
          then: { action: 'accept', kind: 'immediate' },
        });
      const own = (await immediate()).json();
      const other = (await immediate()).json();
      // A case a member of the group held (in a small center a member may also sit at a window). The
      // demo's members take no cases, so this one is set up directly: the candidate the sweep would
      // have raised against 孙丽华.
      await sql`
      insert into violation_candidates
        (center_id, case_id, staff_id, kind, detected_at, deadline_at, evidence)
      select center_id, id, ${id('L003')}, 'open_overdue', ${new Date('2026-03-02T01:20:00+08:00')},
             ${new Date('2026-03-02T01:00:00+08:00')}, '{}'::jsonb
      from cases where id = ${other.id}
    `.execute(t.db.kysely);
      t.clock.advance(31 * 60_000);
      await sweepOverdue({
        db: t.db.kysely,
        dbKind: t.db.kind,
        clock: t.clock,
        config: {} as never,
      });

      const kaohe = await t.login('kaohe');
      const pending = (await t.call(kaohe, 'GET', '/api/violations?status=pending')).json()
        .items as {
        id: number;
        caseId: number;
        staffId: number;
        version: number;
      }[];
      const aboutHer = pending.find((v) => v.caseId === other.id)!;
      expect(aboutHer.staffId).toBe(id('L003'));
      const self = await t.call(kaohe, 'POST', `/api/violations/${aboutHer.id}/decide`, {
        version: aboutHer.version,
        decision: 'dismiss',
        reason: '申请人要求暂缓',
      });
      expect([self.statusCode, self.json().error.code]).toEqual([403, 'DECISION_ABOUT_SELF']);
      const byOther = await t.call(
        await t.login('leader'),
        'POST',
        `/api/violations/${aboutHer.id}/decide`,
        {
          version: aboutHer.version,
          decision: 'dismiss',
          reason: '申请人书面要求暂缓，未及时登记暂停',
        },
      );
      expect(byOther.json()).toMatchObject({ status: 'dismissed', decidedByName: '钱志强' });

      // 李娜's departure on 1 March is recorded late: her case's deadline (2 March) is after it, so the
      // candidate cannot become her finding; it stays open for the group to dismiss.
      const hers = pending.find((v) => v.caseId === own.id)!;
      await setInPost('W001', { inPostTo: '2026-03-01' });
      const confirm = await t.call(kaohe, 'POST', `/api/violations/${hers.id}/decide`, {
        version: hers.version,
        decision: 'confirm',
        reason: '无正当理由超时',
      });
      expect(confirm.statusCode).toBe(400);
      expect(confirm.json().error).toMatchObject({
        code: 'FINDING_NOT_IN_POST',
        fields: [{ field: 'decision' }],
      });
      const after = (await t.call(kaohe, 'GET', '/api/violations?status=pending')).json().items;
      expect(after.map((v: { id: number }) => v.id)).toContain(hers.id);
      await setInPost('W001', { inPostTo: null });
    });

    it('voids a finding entered by mistake: another member, with reasons, audited; never its recorder or its subject', async () => {
      const kaohe = await t.login('kaohe');
      const recorded = await inspect(kaohe, '2026-03-02', [
        { staffNo: 'W004', description: '未佩戴工作证（实为 W007 马兰，录错了人）' },
        { staffNo: 'L002', item: 4, description: '上班时间离岗' },
      ]);
      const [wrong, aboutLeader] = recorded.json().findings as { id: number; version: number }[];
      const voidAs = (cookie: string, f: { id: number; version: number }, reason = '录错了人员') =>
        t.call(cookie, 'POST', `/api/findings/${f.id}/void`, { version: f.version, reason });

      const byRecorder = await voidAs(kaohe, wrong!);
      expect([byRecorder.statusCode, byRecorder.json().error.code]).toEqual([
        403,
        'RECORDER_CANNOT_VOID',
      ]);
      expect((await voidAs(await t.login('clerk'), wrong!)).statusCode).toBe(403);
      const leader = await t.login('leader');
      const bySubject = await voidAs(leader, aboutLeader!);
      expect([bySubject.statusCode, bySubject.json().error.code]).toEqual([
        403,
        'DECISION_ABOUT_SELF',
      ]);
      const noReason = await voidAs(leader, wrong!, ' ');
      expect(noReason.json().error.fields[0].field).toBe('reason');
      const stale = await voidAs(leader, { ...wrong!, version: wrong!.version + 1 });
      expect(stale.json().error.code).toBe('VERSION_CONFLICT');

      const res = await voidAs(leader, wrong!, '经核对现场记录，系马兰未佩戴工作证，录错了人员');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        staffName: '黄秀英',
        revoked: true,
        voided: {
          byName: '钱志强',
          at: t.clock.now().toISOString(),
          reason: '经核对现场记录，系马兰未佩戴工作证，录错了人员',
        },
      });
      const again = await voidAs(await t.login('shenji'), {
        ...wrong!,
        version: res.json().version,
      });
      expect(again.json().error.code).toBe('ALREADY_VOIDED');
      const audited = await t.db.kysely
        .selectFrom('audit_log')
        .select(['actor_name', 'before', 'after'])
        .where('action', '=', 'finding.void')
        .where('entity_id', '=', String(wrong!.id))
        .execute();
      expect(audited).toHaveLength(1);
      expect(audited[0]).toMatchObject({
        actor_name: expect.stringMatching(/^钱志强/),
        before: { revoked: false, voided: null },
        after: { revoked: true, voided: { byName: '钱志强' } },
      });

      // While the person appeals it, the group decides the appeal instead.
      const lina = (await inspect(kaohe, '2026-03-02', [{ staffNo: 'W001' }])).json().findings[0];
      const clerk = await t.login('clerk');
      const appeal = await t.call(clerk, 'POST', '/api/appeals', {
        findingId: lina.id,
        reason: '当天窗口已整理',
      });
      expect(appeal.statusCode).toBe(201);
      const duringAppeal = await voidAs(leader, lina);
      expect(duringAppeal.json().error.code).toBe('APPEAL_PENDING');
    });

    it('approves everyone whose money can be computed; the one who cannot stays open with the reason, and is approved once fixed', async () => {
      // 陈刚 has a finding of 6 May. After the earlier half-years are settled, his departure on 30
      // April is recorded: the finding now lies outside his time in post, and his money of the first
      // half of 2026 cannot be computed.
      t.clock.advance(Date.parse('2026-05-06T10:00:00+08:00') - t.clock.now().getTime());
      const kaohe = await t.login('kaohe');
      const may = await inspect(kaohe, '2026-05-06', [{ staffNo: 'W002' }]);
      const chen = may.json().findings[0] as { id: number; version: number };
      t.clock.advance(Date.parse('2026-07-01T09:00:00+08:00') - t.clock.now().getTime());
      const shenji = await t.login('shenji');
      for (const [year, half] of [
        [2023, 1],
        [2023, 2],
        [2024, 1],
        [2024, 2],
        [2025, 1],
        [2025, 2],
      ]) {
        const res = await t.call(shenji, 'POST', `/api/settlements/${year}/${half}/approve`);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().people.every((p: Person) => p.status === 'approved')).toBe(true);
      }
      await setInPost('W002', { inPostTo: '2026-04-30' });
      const draft = await sheetOf(2026, 1);
      expect(draft).toMatchObject({ approvable: true, blockedReason: null });
      expect(personOf(draft, '陈刚')).toMatchObject({
        status: 'refused',
        refusal: { code: 'FINDING_NOT_IN_POST' },
      });
      expect(personOf(draft, '陈刚').refusal!.message).toBe(
        `问题（编号 ${chen.id}，2026-05-06）不在该人员的窗口在岗期间（2023-01-01 至 2026-04-30）内：` +
          '请核对在岗日期，或由考核小组作废该问题',
      );

      const approved = await t.call(shenji, 'POST', '/api/settlements/2026/1/approve');
      expect(approved.statusCode, approved.body).toBe(200);
      const sheet = approved.json<{
        approvable: boolean;
        blockedReason: string;
        people: Person[];
      }>();
      expect(sheet.people.filter((p) => p.status === 'approved').map((p) => p.staffName)).toEqual(
        sheet.people.map((p) => p.staffName).filter((n) => n !== '陈刚'),
      );
      expect(personOf(sheet, '陈刚').status).toBe('refused');
      expect(sheet.approvable).toBe(false);
      expect(sheet.blockedReason).toMatch(
        /^陈刚：问题（编号 \d+，2026-05-06）不在该人员的窗口在岗期间/,
      );
      // 李娜's town finding of 2 March forfeits March; 黄秀英's voided finding forfeits nothing.
      expect(personOf(sheet, '李娜').payableFen).toBe(150_000);
      expect(personOf(sheet, '黄秀英')).toMatchObject({
        payableFen: 180_000,
        lines: expect.any(Array),
      });
      expect(personOf(sheet, '黄秀英').lines.some((l) => l.kind === 'forfeit_month')).toBe(false);

      // The finance office's sheet says the same: approved with the day, 陈刚 open and left blank.
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(
        (await t.call(shenji, 'GET', '/api/settlements/2026/1/export'))
          .rawPayload as unknown as ArrayBuffer,
      );
      const ws = book.getWorksheet('考核金额')!;
      expect(ws.getCell(2, 1).text).toBe(
        '部分审定：赵建国 2026-07-01；未审定 1 人，其金额可能变化',
      );
      let chenRow: ExcelJS.Row | undefined;
      ws.eachRow((r) => {
        if (r.getCell(3).value === '陈刚') chenRow = r;
      });
      expect([chenRow!.getCell(10).value, chenRow!.getCell(11).value]).toEqual([
        null,
        '无法计算（见明细）',
      ]);

      const onlyHim = await t.call(shenji, 'POST', '/api/settlements/2026/1/approve');
      expect(onlyHim.statusCode).toBe(409);
      expect(onlyHim.json().error).toMatchObject({
        code: 'SETTLEMENT_REFUSED',
        details: { staffId: id('W002'), code: 'FINDING_NOT_IN_POST' },
      });
      expect(onlyHim.json().error.message).toMatch(/^陈刚：问题（编号/);

      // The group voids the finding (recorded after he had left); his half-year is approved in turn.
      const voided = await t.call(
        await t.login('leader'),
        'POST',
        `/api/findings/${chen.id}/void`,
        {
          version: chen.version,
          reason: '陈刚 4 月 30 日已离岗，5 月 6 日的问题记错了人员',
        },
      );
      expect(voided.statusCode, voided.body).toBe(200);
      const fixed = await sheetOf(2026, 1);
      expect(fixed, JSON.stringify(personOf(fixed, '陈刚'))).toMatchObject({ approvable: true });
      const last = (await t.call(shenji, 'POST', '/api/settlements/2026/1/approve')).json();
      expect(personOf(last, '陈刚')).toMatchObject({ status: 'approved', payableFen: 120_000 });
      expect(last).toMatchObject({
        approvable: false,
        blockedReason: '该半年已审定结算，不能重复审定；此后的变化将在下一次结算中调整',
      });

      // Once a settlement took a finding into account, only an appeal changes it.
      const liu = (
        await t.call(await t.login('kaohe'), 'GET', `/api/findings?staffId=${id('W003')}`)
      ).json().items[0];
      const settled = await t.call(
        await t.login('leader'),
        'POST',
        `/api/findings/${liu.id}/void`,
        {
          version: liu.version,
          reason: '录错',
        },
      );
      expect([settled.statusCode, settled.json().error.code]).toEqual([409, 'FINDING_SETTLED']);
      expect(settled.json().error.message).toContain('已计入已审定的2026年上半年结算');
    });
  },
);
