import type {
  CaseDetail,
  CasePage,
  DeadlinePreview,
  Finding,
  NoticeContent,
  PortalGuide,
  ServiceItem,
} from '@bianmin/contracts';
import { displayReceiptNo } from '@bianmin/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchItems } from '../../web/src/lib/itemSearch.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

/** The sheet of an exported workbook, as rows of cell texts (the header row first). */
async function readSheet(payload: Buffer, name: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  const ws = book.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  const rows: string[][] = [];
  ws.eachRow((r) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(r.getCell(c).text);
    rows.push(cells);
  });
  return { title: ws.getCell(1, 1).text, rows };
}

/** The rows of a list sheet under its header (序号 first), as objects by header. */
function tableOf(rows: string[][]) {
  const at = rows.findIndex((r) => r[0] === '序号');
  const header = rows[at]!;
  const body = rows.slice(at + 1).filter((r) => /^\d+$/.test(r[0] ?? ''));
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

describe.each(DATABASES)('a smoother day at the window on %s', (kind) => {
  let t: TestApp;
  let clerk: string; // 李娜, window 01 (民政)
  let kaohe: string; // 孙丽华, assessment group
  let items: ServiceItem[];
  const item = (code: string) => items.find((i) => i.code === code)!;

  const loginAll = async () => {
    clerk = await t.login('clerk');
    kaohe = await t.login('kaohe');
  };
  /** Moves the clock (sessions do not survive a jump of months: everyone signs in again). */
  const moveTo = async (iso: string) => {
    t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
    await loginAll();
  };

  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in Beijing (winter hours 08:30–17:30).
    t = await testApp(await freshDatabase(kind), { now: new Date('2026-03-02T01:00:00Z') });
    await loginAll();
    items = (await t.call(clerk, 'GET', '/api/service-items')).json<ServiceItem[]>();
  });
  afterAll(() => t.close());

  const register = async (body: object) => {
    const res = await t.call(clerk, 'POST', '/api/cases', {
      channel: 'window',
      applicant: { type: 'person', name: '张桂兰' },
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CaseDetail>();
  };
  const preview = (query: string) => t.call(clerk, 'GET', `/api/cases/deadline-preview?${query}`);
  const auditOf = (action: string) =>
    t.db.kysely
      .selectFrom('audit_log')
      .select(['actor_name', 'entity_id', 'after'])
      .where('action', '=', action)
      .orderBy('id', 'desc')
      .execute();

  describe('the item pickers find an item by common name and pinyin', () => {
    it('gives the console the same pinyin keys as the portal guide', async () => {
      const dibao = item('MZ-001');
      expect(dibao.name).toBe('最低生活保障申请');
      expect(dibao.pinyin.split(' ')).toEqual(['zuidishenghuobaozhangshenqing', 'dibao']);
      expect(dibao.initials.split(' ')).toEqual(['zdshbzsq', 'db']);
      const guide = (
        await t.app.inject({ method: 'GET', url: '/api/public/centers/qingshi/guide' })
      ).json<PortalGuide>();
      for (const g of guide.items) {
        const mine = item(g.code);
        expect({ pinyin: mine.pinyin, initials: mine.initials }).toEqual({
          pinyin: g.pinyin,
          initials: g.initials,
        });
      }
    });

    it('finds 最低生活保障申请 by 低保, dibao, db and dbsq with the shared search', () => {
      for (const typed of ['低保', 'dibao', 'db', 'dbsq', '低保申请', 'MZ-001'])
        expect(searchItems(items, typed)[0]?.name, typed).toBe('最低生活保障申请');
    });

    it('keeps the keys in step when the catalog changes an item', async () => {
      const admin = await t.login('admin');
      const it2 = item('MZ-004');
      const res = await t.call(admin, 'PATCH', `/api/service-items/${it2.id}`, {
        aliases: [...it2.aliases, '老年津贴'],
        version: it2.version,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<ServiceItem>().pinyin).toContain('laonianjintie');
      items = (await t.call(clerk, 'GET', '/api/service-items')).json<ServiceItem[]>();
    });
  });

  describe('the deadline preview before accepting', () => {
    it('shows at the window the deadline the acceptance then gives, counted on the calendar', async () => {
      const id = item('MZ-002').id; // 临时救助申请: promised, 5 working days
      const res = await preview(`itemId=${id}&kind=promised`);
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json<DeadlinePreview>();
      // 3, 4, 5, 6, 9 March → Monday 9 March 17:30 Beijing.
      expect(p).toMatchObject({
        kind: 'promised',
        termDays: 5,
        unit: 'working',
        urgent: false,
        deemedAccepted: false,
        deadlineAt: '2026-03-09T09:30:00.000Z',
        provisional: false,
        missingYears: [],
      });
      const c = await register({ itemId: id, then: { action: 'accept', kind: 'promised' } });
      expect(c.deadlineAt).toBe(p.deadlineAt);
    });

    it('follows the term and urgency chosen, and refuses a term the acceptance would refuse', async () => {
      const id = item('MZ-002').id;
      const urgent = (await preview(`itemId=${id}&kind=promised&urgent=true`)).json();
      expect(urgent).toMatchObject({ termDays: 2, urgent: true });
      expect(urgent.deadlineAt).toBe('2026-03-04T09:30:00.000Z');
      const three = (await preview(`itemId=${id}&kind=promised&termDays=3`)).json();
      expect(three.deadlineAt).toBe('2026-03-05T09:30:00.000Z');
      const tooLong = await preview(`itemId=${id}&kind=promised&termDays=9`);
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().error.code).toBe('TERM_ABOVE_CATALOG');
      expect(tooLong.json().error.fields[0].message).toContain('最多 5 个工作日');
      const immediate = (await preview(`itemId=${item('MZ-004').id}&kind=immediate`)).json();
      expect(immediate).toMatchObject({ unit: 'minutes', termDays: null });
      expect(immediate.deadlineAt).toBe('2026-03-02T01:30:00.000Z');
    });

    it('previews a received case on its page as accepting it gives, and stores nothing', async () => {
      const c = await register({ itemId: item('MZ-001').id });
      const auditBefore = await t.db.kysely
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const p = (await preview(`caseId=${c.id}&kind=promised&termDays=10`)).json();
      const after = (await t.call(clerk, 'GET', `/api/cases/${c.id}`)).json<CaseDetail>();
      expect(after.status).toBe('received');
      expect(after.version).toBe(c.version);
      const auditAfter = await t.db.kysely
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
      const accepted = await t.call(clerk, 'POST', `/api/cases/${c.id}/accept`, {
        version: c.version,
        kind: 'promised',
        termDays: 10,
      });
      expect(accepted.json<CaseDetail>().deadlineAt).toBe(p.deadlineAt);
      // Accepted: nothing more to preview.
      const again = await preview(`caseId=${c.id}&kind=promised`);
      expect(again.json().error.code).toBe('CASE_STATE');
    });

    it('says when the term runs into a year the calendar lacks', async () => {
      // Monday 28 December 2026: 15 working days of 最低生活保障 run into 2027, not entered.
      await moveTo('2026-12-28T01:00:00Z');
      const p = (await preview(`itemId=${item('MZ-001').id}&kind=promised`)).json();
      expect(p).toMatchObject({ termDays: 15, provisional: true, missingYears: [2027] });
      await moveTo('2026-03-02T02:00:00Z');
    });

    it('is for those who work cases, and only on cases and items of their center', async () => {
      const kaoheRes = await t.call(
        kaohe,
        'GET',
        `/api/cases/deadline-preview?itemId=${item('MZ-002').id}&kind=promised`,
      );
      expect(kaoheRes.statusCode).toBe(403);
      // 白沙's director works cases, in his own center only.
      const bsAdmin = await t.login('bs-admin');
      const other = await t.call(
        bsAdmin,
        'GET',
        `/api/cases/deadline-preview?itemId=${item('MZ-002').id}&kind=promised`,
      );
      expect(other.statusCode).toBe(404);
      expect(other.json().error.fields[0].field).toBe('itemId');
      expect((await preview('kind=promised')).json().error.code).toBe('ITEM_REQUIRED');
    });
  });

  describe('a remark on each missing paper', () => {
    let c: CaseDetail;

    it('keeps the remark with the case and prints it on the supplement notice', async () => {
      const mz3 = item('MZ-003'); // 补贴申请表, 申请人居民身份证, 第二代残疾人证, 银行账户信息
      c = await register({
        itemId: mz3.id,
        applicant: { type: 'person', name: '王建军', phone: '13800138000' },
        then: {
          action: 'supplement',
          materials: ['补贴申请表', '银行账户信息'],
          remarks: { 补贴申请表: ' 缺少公章 ', 银行账户信息: '' },
        },
      });
      expect(c.status).toBe('awaiting_materials');
      expect(c.materialRemarks).toEqual({ 补贴申请表: '缺少公章' });
      const notice = c.notices.find((n) => n.type === 'supplement')!;
      const content = (await t.call(clerk, 'GET', `/api/notices/${notice.id}`)).json<{
        content: NoticeContent;
      }>().content;
      expect(content.list?.items).toEqual(['补贴申请表（缺少公章）', '银行账户信息']);
    });

    it('shows it on the public query of the case waiting for papers', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/public/case-status?receiptNo=${c.receiptNo}&queryCode=${c.queryCode}`,
        remoteAddress: '10.7.0.1',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().missingMaterials).toEqual(['补贴申请表（缺少公章）', '银行账户信息']);
    });

    it('refuses a remark on a paper not marked missing', async () => {
      const res = await t.call(clerk, 'POST', '/api/cases', {
        itemId: item('MZ-003').id,
        channel: 'window',
        applicant: { type: 'person', name: '赵丽' },
        then: {
          action: 'supplement',
          materials: ['补贴申请表'],
          remarks: { 第二代残疾人证: '已过期' },
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('REMARK_NOT_MISSING');
      expect(res.json().error.fields[0].field).toBe('remarks');
    });

    it('corrects the remarks with the notice; a correction of the list keeps those still listed', async () => {
      const notice = c.notices.find((n) => n.type === 'supplement')!;
      const res = await t.call(clerk, 'POST', `/api/notices/${notice.id}/correct`, {
        reason: '漏写银行账户信息的要求',
        remarks: { 补贴申请表: '缺少公章', 银行账户信息: '须为本人账户' },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<{ content: NoticeContent }>().content.list?.items).toEqual([
        '补贴申请表（缺少公章）',
        '银行账户信息（须为本人账户）',
      ]);
      const second = res.json<{ id: number }>();
      const listOnly = await t.call(clerk, 'POST', `/api/notices/${second.id}/correct`, {
        reason: '补贴申请表已当场补正',
        materials: ['银行账户信息'],
      });
      expect(listOnly.json<{ content: NoticeContent }>().content.list?.items).toEqual([
        '银行账户信息（须为本人账户）',
      ]);
      c = (await t.call(clerk, 'GET', `/api/cases/${c.id}`)).json<CaseDetail>();
      expect(c.materialRemarks).toEqual({ 银行账户信息: '须为本人账户' });
    });

    it('keeps what was asked for once the case is accepted (the case page no longer marks it 缺)', async () => {
      const res = await t.call(clerk, 'POST', `/api/cases/${c.id}/accept`, {
        version: c.version,
        kind: 'promised',
      });
      expect(res.statusCode, res.body).toBe(200);
      const accepted = res.json<CaseDetail>();
      expect(accepted.status).toBe('in_progress');
      expect(accepted.materials).toEqual(['银行账户信息']);
      const status = await t.app.inject({
        method: 'GET',
        url: `/api/public/case-status?receiptNo=${c.receiptNo}&queryCode=${c.queryCode}`,
        remoteAddress: '10.7.0.2',
      });
      expect(status.json().missingMaterials).toEqual([]);
    });
  });

  describe('the lists exported to Excel with their filters', () => {
    beforeAll(async () => {
      // A few more cases: one with an ID number and a phone, one handed to another window.
      await register({
        itemId: item('MZ-002').id,
        applicant: {
          type: 'person',
          name: '李秀英',
          idNumber: '11010519491231002X',
          phone: '13912345678',
        },
        then: { action: 'accept', kind: 'promised' },
      });
      await register({
        subject: '咨询医保报销',
        then: { action: 'answer', answer: '请到医保窗口' },
      });
    });

    /** Every case of the list's filters, all pages, as GET /api/cases gives them. */
    const listAll = async (filters: string) => {
      const out: CasePage['items'] = [];
      for (let page = 1; ; page++) {
        const res = await t.call(clerk, 'GET', `/api/cases?${filters}&page=${page}&pageSize=2`);
        const p = res.json<CasePage>();
        out.push(...p.items);
        if (out.length >= p.total) return out;
      }
    };

    it('writes the cases of the filters, every page, as the list shows them, and audits it', async () => {
      const filterSets = [
        'status=open',
        'status=all',
        'q=张桂兰',
        'status=closed&mine=true',
        // A figure of 办件统计 opens the list with its own filters: they go to the file too.
        'receivedMonth=2026-03&channel=window',
      ];
      for (const filters of filterSets) {
        const query = filters.replace('status=all', '');
        const res = await t.call(clerk, 'GET', `/api/cases/export?${query}`);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers['content-type']).toBe(
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        );
        expect(String(res.headers['content-disposition'])).toContain(
          encodeURIComponent('青石镇便民服务中心办件'),
        );
        const sheet = await readSheet(res.rawPayload, '办件');
        expect(sheet.title).toBe('青石镇便民服务中心办件查询');
        const rows = tableOf(sheet.rows);
        const listed = await listAll(query);
        expect(listed.length).toBeGreaterThan(0);
        expect(rows.map((r) => r['受理编号'])).toEqual(
          listed.map((c) => displayReceiptNo(c.receiptNo)),
        );
        expect(rows.map((r) => r['申请人'])).toEqual(listed.map((c) => c.applicantName));
      }
      const open = tableOf(
        (
          await readSheet(
            (await t.call(clerk, 'GET', '/api/cases/export?status=open')).rawPayload,
            '办件',
          )
        ).rows,
      );
      expect(open[0]).toMatchObject({ 状态: '办理中', 办件类型: '承诺件', 来件方式: '窗口' });
      expect(open.find((r) => r['申请人'] === '李秀英')?.['办结期限']).toBe('2026-03-09 17:30');
      const entries = await auditOf('export.cases');
      expect(entries[0]).toMatchObject({ actor_name: '李娜（clerk）', entity_id: 'cases' });
      expect(entries[0]!.after).toMatchObject({ filters: { status: 'open' }, rows: open.length });
    });

    it('says the filters on the sheet and never writes an ID number or a phone', async () => {
      const res = await t.call(clerk, 'GET', '/api/cases/export?status=open&light=green');
      const { rows } = await readSheet(res.rawPayload, '办件');
      expect(rows[1]![0]).toBe('筛选条件：状态：在办；预警：绿牌');
      const figure = await t.call(
        clerk,
        'GET',
        '/api/cases/export?receivedMonth=2026-03&kind=accepted',
      );
      expect((await readSheet(figure.rawPayload, '办件')).rows[1]![0]).toBe(
        '筛选条件：类型：受理件；接收月份：2026-03',
      );
      expect(rows[2]![0]).toMatch(
        /^导出时间：2026-03-02 10:00（北京时间） 导出人：李娜 共 \d+ 条$/,
      );
      const text = rows.flat().join('|');
      expect(text).not.toContain('11010519491231002X');
      expect(text).not.toContain('13912345678');
      expect(text).not.toContain('1101**');
    });

    it('writes the findings the user may see, with the year and person chosen', async () => {
      const staff = (await t.call(kaohe, 'GET', '/api/staff')).json<
        { id: number; staffNo: string }[]
      >();
      const of = (no: string) => staff.find((s) => s.staffNo === no)!.id;
      const made = await t.call(kaohe, 'POST', '/api/inspections', {
        level: 'town',
        inspectedOn: '2026-02-27',
        inspectors: '考核小组 孙丽华',
        findings: [
          { staffId: of('W001'), item: 3, description: '上班时间玩手机游戏' },
          { staffId: of('W002'), item: 1, description: '未佩戴工作牌' },
        ],
      });
      expect(made.statusCode, made.body).toBe(201);
      const all = (await t.call(kaohe, 'GET', '/api/findings?year=2026&pageSize=200')).json<{
        items: Finding[];
      }>().items;
      const res = await t.call(kaohe, 'GET', '/api/findings/export?year=2026');
      expect(res.statusCode, res.body).toBe(200);
      const sheet = await readSheet(res.rawPayload, '考核发现问题');
      expect(sheet.title).toBe('青石镇便民服务中心考核发现问题（2026年）');
      const rows = tableOf(sheet.rows);
      expect(rows.map((r) => Number(r['编号']))).toEqual(all.map((f) => f.id));
      expect(rows.find((r) => r['工作人员'] === '李娜')).toMatchObject({
        违规日期: '2026-02-27',
        发现方式: '镇级巡查',
        考核内容: '考核内容第三项',
        问题描述: '上班时间玩手机游戏',
        状态: '有效',
      });
      const one = tableOf(
        (
          await readSheet(
            (await t.call(kaohe, 'GET', `/api/findings/export?staffId=${of('W002')}`)).rawPayload,
            '考核发现问题',
          )
        ).rows,
      );
      expect(one.map((r) => r['工作人员'])).toEqual(['陈刚']);
      // A clerk exports only what she may see: her own.
      const mine = tableOf(
        (
          await readSheet(
            (await t.call(clerk, 'GET', '/api/findings/export')).rawPayload,
            '考核发现问题',
          )
        ).rows,
      );
      expect(mine.map((r) => r['工作人员'])).toEqual(['李娜']);
      expect((await auditOf('export.findings'))[0]).toMatchObject({ actor_name: '李娜（clerk）' });
    });

    it('audits the settlement sheet export too', async () => {
      const res = await t.call(kaohe, 'GET', '/api/settlements/2026/1/export');
      expect(res.statusCode).toBe(200);
      const entries = await auditOf('export.settlements');
      expect(entries[0]).toMatchObject({ actor_name: '孙丽华（kaohe）', entity_id: 'settlements' });
      expect(entries[0]!.after).toMatchObject({ filters: { year: 2026, half: 1 } });
    });
  });
});
