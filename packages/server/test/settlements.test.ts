import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

interface Person {
  staffId: number;
  staffName: string;
  status: string;
  poolFen: number;
  appliedFen: number;
  payableFen: number;
  lines: { kind: string; amountFen: number; text: string }[];
}

describe.each(DATABASES)('half-year settlements on %s', (kind) => {
  let t: TestApp;
  let staff: Map<string, number>;
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

  it('settles the past half-years in order, each frozen once approved', async () => {
    const leader = await t.login('shenji');
    const early = await t.call(leader, 'POST', '/api/settlements/2024/1/approve');
    expect(early.json().error.code).toBe('PREVIOUS_HALF_YEAR_NOT_SETTLED');
    for (const [year, half] of [
      [2023, 1],
      [2023, 2],
      [2024, 1],
      [2024, 2],
      [2025, 1],
      [2025, 2],
    ]) {
      const res = await t.call(leader, 'POST', `/api/settlements/${year}/${half}/approve`);
      expect(res.statusCode).toBe(200);
      const sheet = res.json();
      expect(sheet.people).toHaveLength(9);
      expect(
        sheet.people.every((p: Person) => p.status === 'approved' && p.payableFen === 180_000),
      ).toBe(true);
    }
    const again = await t.call(leader, 'POST', '/api/settlements/2025/2/approve');
    expect(again.json().error.code).toBe('ALREADY_SETTLED');
    const kaohe = await t.login('kaohe');
    expect((await t.call(kaohe, 'POST', '/api/settlements/2026/1/approve')).statusCode).toBe(403);
  });

  it('deducts 900 yuan for a circulated county finding, explains it, and freezes after the half-year', async () => {
    const kaohe = await t.login('kaohe');
    await t.call(kaohe, 'POST', '/api/inspections', {
      level: 'county',
      inspectedOn: '2026-03-02',
      inspectors: '县政务服务管理办公室',
      findings: [
        {
          staffId: staff.get('W001'),
          item: 3,
          description: '上班时间玩手机游戏',
          circulated: true,
        },
      ],
    });
    const draft = (await t.call(kaohe, 'GET', '/api/settlements/2026/1')).json();
    expect(draft).toMatchObject({ label: '2026年上半年', approvable: false });
    const lina = person(draft, '李娜');
    expect(lina).toMatchObject({
      status: 'draft',
      poolFen: 180_000,
      appliedFen: 90_000,
      payableFen: 90_000,
    });
    const deduction = lina.lines.find((l) => l.kind === 'deduction')!;
    expect(deduction.amountFen).toBe(90_000);
    expect(deduction.text).toMatch(/县级巡查/);
    expect(person(draft, '陈刚').payableFen).toBe(180_000);

    const clerk = await t.login('clerk');
    const own = await t.call(clerk, 'GET', `/api/settlements/2026/1/staff/${staff.get('W001')}`);
    expect(own.json()).toMatchObject({ staffName: '李娜', payableFen: 90_000 });
    expect(
      (await t.call(clerk, 'GET', `/api/settlements/2026/1/staff/${staff.get('W002')}`)).statusCode,
    ).toBe(404);
    expect((await t.call(clerk, 'GET', '/api/settlements/2026/1')).statusCode).toBe(403);
    // A half-year before she came to the window has no money, and says so; nobody has no record.
    const before = await t.call(kaohe, 'GET', `/api/settlements/2010/1/staff/${staff.get('W001')}`);
    expect([before.statusCode, before.json().error.code]).toEqual([404, 'NOT_IN_POST_IN_PERIOD']);
    const nobody = await t.call(kaohe, 'GET', '/api/settlements/2026/1/staff/987654');
    expect([nobody.statusCode, nobody.json().error.code]).toEqual([404, 'NOT_FOUND']);

    // She appeals within the term (10 working days from the day it was recorded).
    const finding = (await t.call(clerk, 'GET', '/api/findings')).json().items[0];
    const filed = await t.call(clerk, 'POST', '/api/appeals', {
      findingId: finding.id,
      reason: '当时为群众演示手机端办事流程，并非玩游戏，有监控录像为证。',
    });
    expect(filed.json()).toMatchObject({ status: 'pending' });
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({ status: 'pending', deadlineOn: '2026-03-16' });
    const twice = await t.call(clerk, 'POST', '/api/appeals', {
      findingId: finding.id,
      reason: '再次申诉',
    });
    expect(twice.json().error.code).toBe('APPEAL_PENDING');

    const leader = await t.login('shenji');
    const tooSoon = await t.call(leader, 'POST', '/api/settlements/2026/1/approve');
    expect(tooSoon.json().error.code).toBe('HALF_YEAR_NOT_OVER');
    t.clock.advance(Date.parse('2026-07-01T01:00:00Z') - t.clock.now().getTime());
    const leader2 = await t.login('shenji');
    const approved = (await t.call(leader2, 'POST', '/api/settlements/2026/1/approve')).json();
    expect(person(approved, '李娜')).toMatchObject({ status: 'approved', payableFen: 90_000 });
    await expect(
      sql`update settlements set payable_fen = 180000 where year = 2026`.execute(t.db.kysely),
    ).rejects.toThrow(/frozen/);
    await expect(sql`delete from settlements`.execute(t.db.kysely)).rejects.toThrow(/frozen/);
  });

  it('exports a sheet the finance office can print: names, pool, deductions, payable, signatures', async () => {
    const kaohe = await t.login('kaohe');
    const res = await t.call(kaohe, 'GET', '/api/settlements/2026/1/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = book.getWorksheet('考核金额')!;
    expect(ws.getCell(1, 1).text).toContain('2026年上半年绩效考核金额发放表');
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    const lina = rows.find((r) => r.includes('李娜'))!;
    expect(lina.slice(5, 11)).toEqual([1800, 900, 0, 0, 0, 900]);
    const total = rows.find((r) => r[1] === '合计')!;
    expect(total[10]).toBe(9 * 1800 - 900);
    expect(rows.some((r) => r.includes('考核小组组长：'))).toBe(true);
    const detail = book.getWorksheet('明细')!;
    const texts = (detail.getSheetValues().filter(Boolean) as unknown[][]).map((r) => String(r[5]));
    expect(texts.some((x) => x.includes('县级巡查'))).toBe(true);
  });

  it('revokes the finding on appeal (not by its recorder); the next settlement gives the 900 back', async () => {
    const kaohe = await t.login('kaohe');
    const pending = (await t.call(kaohe, 'GET', '/api/appeals?status=pending')).json().items[0];
    const byRecorder = await t.call(kaohe, 'POST', `/api/appeals/${pending.id}/decide`, {
      version: pending.version,
      outcome: 'revoked',
      reason: '经查看监控，属实',
    });
    expect(byRecorder.json().error.code).toBe('RECORDER_CANNOT_DECIDE');
    const leader = await t.login('shenji');
    const decided = await t.call(leader, 'POST', `/api/appeals/${pending.id}/decide`, {
      version: pending.version,
      outcome: 'revoked',
      reason: '经调取监控录像核实，当事人系为群众演示手机端办事，撤销该问题。',
    });
    expect(decided.json()).toMatchObject({
      status: 'revoked',
      decidedByName: '赵建国',
      finding: { revoked: true },
    });
    await expect(
      sql`update appeals set status = 'upheld' where id = ${pending.id}`.execute(t.db.kysely),
    ).rejects.toThrow(/decided/);

    const clerk = await t.login('clerk');
    const decidedList = (await t.call(leader, 'GET', '/api/appeals?status=decided')).json();
    expect(decidedList.items.map((a: { id: number }) => a.id)).toEqual([pending.id]);
    const byStaff = (
      await t.call(leader, 'GET', `/api/appeals?staffId=${staff.get('W002')}`)
    ).json();
    expect(byStaff.total).toBe(0);
    const mine = (await t.call(clerk, 'GET', '/api/appeals')).json().items[0];
    expect(mine).toMatchObject({
      status: 'revoked',
      decisionReason: expect.stringContaining('撤销'),
    });
    // The frozen first half-year stays as it was; the second pays the 900 back, explained.
    const h1 = (
      await t.call(clerk, 'GET', `/api/settlements/2026/1/staff/${staff.get('W001')}`)
    ).json();
    expect(h1).toMatchObject({ status: 'approved', payableFen: 90_000 });
    const h2 = (
      await t.call(clerk, 'GET', `/api/settlements/2026/2/staff/${staff.get('W001')}`)
    ).json();
    expect(h2).toMatchObject({ status: 'draft', adjustmentFen: 90_000, payableFen: 270_000 });
    const back = h2.lines.find((l: { kind: string }) => l.kind === 'adjustment');
    expect(back).toMatchObject({ amountFen: 90_000 });
    expect(back.text).toMatch(/2026年上半年/);
  });
});

describe.each(DATABASES)(
  'the sheet for the finance office agrees with the API to the fen on %s',
  (kind) => {
    let t: TestApp;
    let staff: Map<string, { id: number; version: number }>;
    // The group leader approves at 07:30 on Wednesday 1 July in Beijing: 30 June, 23:30 in UTC.
    const APPROVAL = new Date('2026-07-01T07:30:00+08:00');
    beforeAll(async () => {
      t = await testApp(await freshDatabase(kind), { now: new Date('2026-06-22T10:00:00+08:00') });
      const admin = await t.login('admin');
      const list = (await t.call(admin, 'GET', '/api/staff')).json<
        { id: number; staffNo: string; version: number }[]
      >();
      staff = new Map(list.map((s) => [s.staffNo, s]));
    });
    afterAll(() => t.close());

    it('every person’s 明细 lines add up to the amount paid, on the 考核金额 sheet and in the API, and the approval reads its Beijing date', async () => {
      const kaohe = await t.login('kaohe');
      const inspect = async (
        level: string,
        inspectedOn: string,
        staffNo: string,
        circulated = false,
      ) =>
        expect(
          (
            await t.call(kaohe, 'POST', '/api/inspections', {
              level,
              inspectedOn,
              inspectors: '巡查组',
              findings: [
                {
                  staffId: staff.get(staffNo)!.id,
                  item: 3,
                  description: '上班时间玩手机',
                  circulated,
                },
              ],
            })
          ).statusCode,
        ).toBe(201);
      await inspect('town', '2026-03-05', 'W001'); // forfeits March: 1800 − 300 = 1500
      await inspect('county', '2026-04-08', 'W002', true); // 900
      await inspect('province', '2026-05-12', 'W003', true); // 3600: 1800 now, 1800 carried
      await inspect('town', '2026-02-03', 'W004'); // two in February: forfeited once
      await inspect('joint_check', '2026-02-17', 'W004');
      await inspect('city', '2026-04-20', 'W009', true); // 2700, but she leaves: written off
      const admin = await t.login('admin');
      const huting = staff.get('W009')!;
      expect(
        (
          await t.call(admin, 'PATCH', `/api/staff/${huting.id}`, {
            version: huting.version,
            inPostTo: '2026-05-31',
          })
        ).statusCode,
      ).toBe(200);

      t.clock.advance(APPROVAL.getTime() - t.clock.now().getTime());
      const shenji = await t.login('shenji');
      for (const [year, half] of [
        [2023, 1],
        [2023, 2],
        [2024, 1],
        [2024, 2],
        [2025, 1],
        [2025, 2],
        [2026, 1],
      ])
        expect(
          (await t.call(shenji, 'POST', `/api/settlements/${year}/${half}/approve`)).statusCode,
        ).toBe(200);

      const api = (await t.call(shenji, 'GET', '/api/settlements/2026/1')).json<{
        people: (Person & { staffNo: string })[];
      }>();
      const res = await t.call(shenji, 'GET', '/api/settlements/2026/1/export');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('考核金额')!;
      expect(sheet.getCell(2, 1).text).toBe('已审定：赵建国 2026-07-01');
      const fen = (v: unknown) => Math.round(Number(v) * 100);
      const payableOnSheet = new Map<string, number>();
      const approvedOn = new Map<string, string>();
      sheet.eachRow((r) => {
        const no = r.getCell(2).value;
        if (typeof no === 'string' && /^W\d{3}$/.test(no)) {
          payableOnSheet.set(no, fen(r.getCell(10).value));
          approvedOn.set(no, r.getCell(11).text);
        }
      });
      const detail = book.getWorksheet('明细')!;
      const lines = new Map<string, number[]>();
      const totals = new Map<string, number>();
      detail.eachRow((r) => {
        const no = r.getCell(1).value;
        if (typeof no !== 'string' || !/^W\d{3}$/.test(no)) return;
        if (r.getCell(3).value === '应发') totals.set(no, fen(r.getCell(4).value));
        else lines.set(no, [...(lines.get(no) ?? []), fen(r.getCell(4).value)]);
      });

      expect(api.people).toHaveLength(9);
      for (const p of api.people) {
        const sum = (lines.get(p.staffNo) ?? []).reduce((a, b) => a + b, 0);
        expect([p.staffNo, sum, totals.get(p.staffNo), payableOnSheet.get(p.staffNo)]).toEqual([
          p.staffNo,
          p.payableFen,
          p.payableFen,
          p.payableFen,
        ]);
        expect(approvedOn.get(p.staffNo)).toBe('已审定 2026-07-01');
      }
      const payable = (no: string) => api.people.find((p) => p.staffNo === no)!.payableFen;
      // 1800 − 300, not 1800 + 300 = 2100; the county 900; the province 3600 against a 1800 pool
      // (−3600 + 1800 carried out = 0); two findings of February forfeit it once; a leaver's city
      // finding: 5 months of pool, all deducted, the rest written off.
      expect(lines.get('W001')).toEqual([30_000, 30_000, 30_000, 30_000, 30_000, 30_000, -30_000]);
      expect(['W001', 'W002', 'W003', 'W004', 'W009'].map(payable)).toEqual([
        150_000, 90_000, 0, 150_000, 0,
      ]);
      expect(lines.get('W003')).toEqual([...Array<number>(6).fill(30_000), -360_000, 180_000]);
      expect(lines.get('W009')).toEqual([...Array<number>(5).fill(30_000), -270_000, 120_000]);
    });

    it('every line that applies a figure of the regulation names the version it applied (forfeited months too)', async () => {
      const shenji = await t.login('shenji');
      const api = (await t.call(shenji, 'GET', '/api/settlements/2026/1')).json<{
        people: Person[];
      }>();
      const applied = api.people.flatMap((p) =>
        p.lines.filter((l) => ['pool_month', 'forfeit_month', 'deduction'].includes(l.kind)),
      );
      expect(applied.filter((l) => l.kind === 'forfeit_month')).toHaveLength(2);
      for (const l of applied)
        expect(l.text).toMatch(/[（，]依据 2023-01-01 起施行的绩效考核制度）$/);
      const lina = api.people.find((p) => p.staffName === '李娜')!;
      expect(lina.lines.find((l) => l.kind === 'forfeit_month')!.text).toMatch(
        /^2026年3月 2026-03-05 镇级巡查（考核内容第三项，编号 \d+），没收当月考核金额 300\.00 元（依据 2023-01-01 起施行的绩效考核制度）$/,
      );
    });
  },
);
