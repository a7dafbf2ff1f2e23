import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, choose, dialog, launch, login, newPage, shot } from '../browser.ts';
import { halfYearToApprove, serverToday, type HalfYearInfo } from '../demo.ts';
import { libreOfficeRows } from '../office.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

const description = `上午 10:20 在窗口用电脑看电影（e2e ${Date.now() % 100000}）`;

/** A real 1×1 PNG: the server checks the bytes of evidence, not only the declared type. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The success message antd shows at the top, with this text. */
const toast = (page: Page, text: string | RegExp) =>
  page.locator('.ant-message-notice', { hasText: text }).first();

/** A row of the page's tables that names this person (or other text). */
const rowWith = (page: Page, text: string | RegExp) =>
  page.getByRole('row', { name: text }).first();

describe.skipIf(!available)('performance assessment in Chromium', () => {
  let browser: Browser;
  /** The latest half-year that is over (the demo leaves it to approve), and the running one. */
  let over: HalfYearInfo;
  let next: HalfYearInfo;
  /** The county inspection's date, late in that half-year. */
  let inspectedOn: string;
  beforeAll(async () => {
    browser = await launch();
    ({ over, next } = await halfYearToApprove());
    inspectedOn = over.lateDate;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the assessment member records a circulated county finding with a photo', async () => {
    const page = await newPage(browser);
    await login(page, 'kaohe');
    await page.goto(`${baseUrl}/staff/assessment/inspections`);
    await expect
      .poll(() => page.getByRole('heading', { name: '巡查记录', level: 1 }).isVisible())
      .toBe(true);
    await page.getByRole('button', { name: '记录巡查' }).click();
    await expect
      .poll(() => dialog(page).getByLabel('巡查日期', { exact: true }).isVisible())
      .toBe(true);

    await dialog(page).getByText('县级巡查', { exact: true }).click();
    // The form says what a county finding costs, from the regulation in force.
    await expect
      .poll(() =>
        dialog(page)
          .getByText(/被通报的扣除 3 个月考核金额/)
          .isVisible(),
      )
      .toBe(true);
    const date = dialog(page).getByLabel('巡查日期', { exact: true });
    await date.fill(inspectedOn);
    await date.press('Tab');
    await dialog(page).getByLabel('巡查人员', { exact: true }).fill('县政务服务中心 王伟、张敏');
    await choose(page, '第 1 条问题的工作人员', '李娜');
    await choose(page, '第 1 条问题的考核内容', '第三项');
    await dialog(page).getByLabel('第 1 条问题的问题描述', { exact: true }).fill(description);
    await dialog(page).getByLabel('第 1 条问题的已被通报', { exact: true }).check();
    await dialog(page).getByRole('button', { name: '保存' }).click();
    await expect.poll(() => toast(page, '巡查已记录，共 1 条问题').isVisible()).toBe(true);
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);

    // The newest inspection is open with its finding; a photo goes up as evidence.
    const finding = page.locator('.inspection-finding', { hasText: description });
    await expect.poll(() => finding.isVisible()).toBe(true);
    expect(await finding.getByText('县级巡查通报', { exact: true }).isVisible()).toBe(true);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      finding.getByRole('button', { name: /上传证据/ }).click(),
    ]);
    await chooser.setFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => toast(page, '证据“现场照片.png”已上传').isVisible()).toBe(true);
    await expect
      .poll(() => finding.getByRole('link', { name: '下载证据 现场照片.png' }).isVisible())
      .toBe(true);
    await shot(page, '40-inspection');
    await page.context().close();
  });

  it('a finding recorded by mistake is voided by another member of the group, with the reason kept', async () => {
    // The member records a finding against the wrong person (through the API).
    const member = await newPage(browser);
    await login(member, 'kaohe');
    const staff = (await (await member.request.get(`${baseUrl}/api/staff`)).json()) as {
      id: number;
      staffNo: string;
    }[];
    const mistaken = `窗口台面堆放杂物（e2e 误录 ${Date.now() % 100000}）`;
    const recorded = await member.request.post(`${baseUrl}/api/inspections`, {
      data: {
        level: 'town',
        inspectedOn: inspectedOn,
        inspectors: '镇考核小组',
        findings: [
          { staffId: staff.find((s) => s.staffNo === 'W002')!.id, item: 2, description: mistaken },
        ],
      },
    });
    expect(recorded.status()).toBe(201);
    const id = ((await recorded.json()) as { findings: { id: number }[] }).findings[0]!.id;
    // The one who recorded it cannot void it alone.
    await member.goto(`${baseUrl}/staff/assessment/inspections`);
    const own = member.locator('.inspection-finding', { hasText: mistaken });
    await expect.poll(() => own.getByText('作废须由其他成员进行').isVisible()).toBe(true);
    expect(await own.getByRole('button', { name: /^作废 / }).count()).toBe(0);
    await member.context().close();

    const page = await newPage(browser);
    await login(page, 'leader');
    await page.goto(`${baseUrl}/staff/assessment/inspections`);
    const finding = page.locator('.inspection-finding', { hasText: mistaken });
    await expect.poll(() => finding.isVisible()).toBe(true);
    await finding.getByRole('button', { name: `作废 陈刚 编号 ${id}` }).click();
    await expect
      .poll(() =>
        dialog(page)
          .getByText(/作废只用于误录的问题/)
          .isVisible(),
      )
      .toBe(true);
    await dialog(page)
      .getByLabel('作废理由', { exact: true })
      .fill('经核对现场记录，台面杂物系群众遗留，不属陈刚的问题，录入有误。');
    await shot(page, '40b-void');
    await dialog(page).getByRole('button', { name: '作废', exact: true }).click();
    await expect.poll(() => toast(page, `已作废 陈刚 编号 ${id}`).isVisible()).toBe(true);
    await expect.poll(() => finding.getByText('已作废', { exact: true }).isVisible()).toBe(true);
    expect(await finding.getByText(/钱志强 于 .* 作废：经核对现场记录/).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the group leader sees the deduction explained, exports it and approves the half-year', async () => {
    const page = await newPage(browser);
    await login(page, 'shenji');
    await page.goto(`${baseUrl}/staff/assessment/settlements`);
    await expect
      .poll(() => page.getByRole('heading', { name: '半年结算', level: 1 }).isVisible())
      .toBe(true);
    // The latest half-year that is over is shown first.
    await expect
      .poll(() => page.getByRole('heading', { name: `${over.label}考核金额` }).isVisible())
      .toBe(true);
    const row = rowWith(page, /李娜/);
    await expect.poll(() => row.getByText('900.00 元', { exact: true }).count()).toBe(2);
    expect(await row.getByText('1800.00 元', { exact: true }).isVisible()).toBe(true);
    expect(await row.getByText('草稿', { exact: true }).isVisible()).toBe(true);

    // Why: the explanation line names the inspection, the rule and the regulation.
    await row.getByRole('button', { name: /展开|Expand/ }).click();
    const line = page.getByText(
      new RegExp(
        `${inspectedOn} 县级巡查通报（考核内容第三项，编号 \\d+），按 3 个月标准扣除 900\\.00 元`,
      ),
    );
    await expect.poll(() => line.isVisible()).toBe(true);
    // Each line with what it does to the amount paid, and the lines add up to it.
    const lines = page.locator('.settlement-lines');
    expect(await lines.getByRole('cell', { name: '-900.00 元', exact: true }).isVisible()).toBe(
      true,
    );
    expect(await lines.getByText('各行相加即应发金额', { exact: false }).isVisible()).toBe(true);
    expect(
      await lines.locator('.ant-table-summary').getByText('900.00 元', { exact: true }).isVisible(),
    ).toBe(true);
    await expect
      .poll(() =>
        page.getByText('应发 900.00 元 ＝ 考核标准 1800.00 元 － 本期扣除 900.00 元').isVisible(),
      )
      .toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '41-settlement');

    // The finance office's sheet says the same.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${over.label}绩效考核金额.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const sheet = book.getWorksheet('考核金额')!;
    let lina: ExcelJS.Row | undefined;
    sheet.eachRow((r) => {
      if (r.getCell(3).value === '李娜') lina = r;
    });
    expect(lina).toBeDefined();
    expect(lina!.getCell(2).value).toBe('W001');
    expect(lina!.getCell(5).value).toBe(1800);
    expect(lina!.getCell(6).value).toBe(900);
    expect(lina!.getCell(10).value).toBe(900);
    const detail = book.getWorksheet('明细')!;
    const texts: string[] = [];
    let linesFen = 0;
    detail.eachRow((r) => {
      if (r.getCell(2).value !== '李娜') return;
      texts.push(r.getCell(5).text);
      if (r.getCell(3).value !== '应发') linesFen += Math.round(Number(r.getCell(4).value) * 100);
    });
    expect(texts.some((x) => x.includes('县级巡查通报') && x.includes('900.00 元'))).toBe(true);
    // Her lines read 1800 − 900: the amount paid, as on the screen.
    expect(linesFen).toBe(90_000);
    // And LibreOffice, which a finance office may open it with, reads the same figures.
    const office = libreOfficeRows(await download.path());
    if (office) {
      expect(office[0]![0]).toMatch(new RegExp(`窗口工作人员.*${over.label}绩效考核金额发放表$`));
      const cells = office.find((r) => r[2] === '李娜');
      expect(cells?.[1]).toBe('W001');
      expect([cells?.[4], cells?.[5], cells?.[9]]).toEqual(['1,800.00', '900.00', '900.00']);
    }

    // Approval freezes the figures, after a confirmation that says so.
    await page.getByRole('button', { name: '审定', exact: true }).click();
    await expect.poll(() => page.getByText(/审定后.*即冻结/).isVisible()).toBe(true);
    await page.getByRole('button', { name: '确定审定' }).click();
    await expect.poll(() => toast(page, `${over.label}考核金额已审定`).isVisible()).toBe(true);
    await expect.poll(() => row.getByText('已审定', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/赵建国 于 .* 审定，金额已冻结/).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '审定', exact: true }).isDisabled()).toBe(true);
    await page.context().close();
  });

  it('the clerk sees the finding and the deduction, and appeals', async () => {
    const page = await newPage(browser);
    await login(page, 'clerk');
    await page.goto(`${baseUrl}/staff/my/assessment`);
    await expect
      .poll(() => page.getByRole('heading', { name: '我的考核', level: 1 }).isVisible())
      .toBe(true);
    const finding = rowWith(page, new RegExp(description.slice(0, 10)));
    await expect.poll(() => finding.isVisible()).toBe(true);
    expect(await finding.getByText('县级巡查通报', { exact: true }).isVisible()).toBe(true);
    expect(await finding.getByRole('link', { name: '下载证据 现场照片.png' }).isVisible()).toBe(
      true,
    );
    // The approved half-year: 900 deducted, and why.
    await expect
      .poll(() => page.getByText('已审定', { exact: true }).first().isVisible())
      .toBe(true);
    await expect
      .poll(() =>
        page.getByText('应发 900.00 元 ＝ 考核标准 1800.00 元 － 本期扣除 900.00 元').isVisible(),
      )
      .toBe(true);
    await expect.poll(() => page.getByText(/按 3 个月标准扣除 900\.00 元/).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await finding.getByRole('button', { name: /^申诉 / }).click();
    await expect
      .poll(() =>
        dialog(page)
          .getByText(/个工作日内提出/)
          .isVisible(),
      )
      .toBe(true);
    await dialog(page)
      .getByLabel('申诉理由', { exact: true })
      .fill('当时是在为群众播放政策宣传视频，不是看电影，有群众可以作证。');
    await dialog(page).getByRole('button', { name: '申诉', exact: true }).click();
    await expect
      .poll(() => toast(page, /申诉已提交（本问题的申诉期限至 \d{4}-\d{2}-\d{2}）/).isVisible())
      .toBe(true);
    await expect
      .poll(() =>
        rowWith(page, /播放政策宣传视频/)
          .getByText('待处理', { exact: true })
          .isVisible(),
      )
      .toBe(true);
    await expect.poll(() => finding.getByText('申诉中', { exact: true }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('the recorder must stand aside; the deputy leader revokes the finding', async () => {
    const recorder = await newPage(browser);
    await login(recorder, 'kaohe');
    await recorder.goto(`${baseUrl}/staff/assessment/appeals`);
    await expect
      .poll(() => rowWith(recorder, /李娜/).getByText('须回避（本人记录）').isVisible())
      .toBe(true);
    await recorder.context().close();

    const page = await newPage(browser);
    await login(page, 'leader');
    await page.goto(`${baseUrl}/staff/assessment/appeals`);
    const row = rowWith(page, /播放政策宣传视频/);
    await expect.poll(() => row.isVisible()).toBe(true);
    await row.getByRole('button', { name: '处理 李娜' }).click();
    await dialog(page).getByText('撤销', { exact: true }).click();
    await expect
      .poll(() =>
        dialog(page)
          .getByText(/已扣的在下一次结算中退还/)
          .isVisible(),
      )
      .toBe(true);
    await dialog(page)
      .getByLabel('处理理由', { exact: true })
      .fill('经调取监控核实，当时在为群众播放政策宣传视频，不属于违规。');
    await dialog(page).getByRole('button', { name: '处理', exact: true }).click();
    await expect.poll(() => toast(page, '申诉已处理：撤销').isVisible()).toBe(true);
    await page.getByRole('tab', { name: '已处理' }).click();
    await expect
      .poll(() =>
        rowWith(page, /经调取监控核实/)
          .getByText('撤销', { exact: true })
          .isVisible(),
      )
      .toBe(true);
    await page.context().close();
  });

  it('the clerk sees the decision and the 900 coming back in the next half-year', async () => {
    const page = await newPage(browser);
    await login(page, 'clerk');
    await page.goto(`${baseUrl}/staff/my/assessment`);
    const appeal = rowWith(page, /经调取监控核实/);
    await expect.poll(() => appeal.isVisible()).toBe(true);
    expect(await appeal.getByText('撤销', { exact: true }).isVisible()).toBe(true);
    expect(await appeal.getByText(/钱志强 于 .* 处理/).isVisible()).toBe(true);
    const finding = rowWith(page, new RegExp(description.slice(0, 10)));
    await expect
      .poll(() => finding.getByText('已撤销', { exact: true }).first().isVisible())
      .toBe(true);

    await choose(page, '考核期间', next.label, page);
    await expect
      .poll(() => page.getByText('+900.00 元', { exact: true }).first().isVisible())
      .toBe(true);
    await expect
      .poll(() =>
        page
          .getByText(
            new RegExp(`更正（属${over.label}）：.*该违规已撤销.*多扣 900\\.00 元，予以退还`),
          )
          .isVisible(),
      )
      .toBe(true);
    expect(await page.getByText('草稿', { exact: true }).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/＋ 退还多扣 900\.00 元/).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '42-my-assessment');
    await page.context().close();
  });

  it('the clerk reads the regulation in force and its standard, and marks it read', async () => {
    const page = await newPage(browser);
    await login(page, 'clerk');
    await page.goto(`${baseUrl}/staff/regulations`);
    await expect
      .poll(() =>
        page.getByRole('heading', { name: '便民服务中心工作员绩效考核制度', level: 2 }).isVisible(),
      )
      .toBe(true);
    const article = page.locator('article');
    expect(await article.getByText('现行有效', { exact: true }).isVisible()).toBe(true);
    expect(await article.getByRole('cell', { name: '3 个月（900.00 元）' }).isVisible()).toBe(true);
    expect(await article.getByRole('cell', { name: '300.00 元/人/月' }).isVisible()).toBe(true);
    await article.getByRole('button', { name: '已阅', exact: true }).click();
    await expect.poll(() => article.getByText('您已阅读').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '43-regulation');
    await page.context().close();
  });

  it('the office drafts a regulation and consults the staff, who comment', async () => {
    const admin = await newPage(browser);
    await login(admin, 'admin');
    await admin.goto(`${baseUrl}/staff/regulations`);
    await admin.getByRole('button', { name: '起草新制度' }).click();
    const code = `FW${Date.now() % 100000}`;
    await dialog(admin).getByLabel('编号', { exact: true }).fill(code);
    await dialog(admin).getByLabel('制度名称', { exact: true }).fill('窗口服务礼仪规范');
    await dialog(admin)
      .getByLabel('引言', { exact: true })
      .fill('为规范窗口服务礼仪，制定本规范。');
    await dialog(admin)
      .getByLabel('主体内容', { exact: true })
      .fill('一、来有应声、走有送声。\n二、着装整洁，佩证上岗。');
    await dialog(admin).getByLabel('附则', { exact: true }).fill('本规范由中心办公室负责解释。');
    const from = dialog(admin).getByLabel('施行日期', { exact: true });
    await from.fill(`${Number((await serverToday()).slice(0, 4)) + 1}-01-01`);
    await from.press('Tab');
    await dialog(admin).getByRole('button', { name: '保存' }).click();
    await expect.poll(() => toast(admin, '草案已保存').isVisible()).toBe(true);
    const article = admin.locator('article');
    await expect.poll(() => article.getByText('草案', { exact: true }).isVisible()).toBe(true);
    await article.getByRole('button', { name: '征求意见' }).click();
    await dialog(admin).getByRole('button', { name: '征求意见' }).click();
    await expect.poll(() => toast(admin, /已发出征求意见，截止/).isVisible()).toBe(true);
    const url = admin.url();
    await admin.context().close();

    const clerk = await newPage(browser);
    await login(clerk, 'clerk');
    await clerk.goto(url);
    await expect
      .poll(() => clerk.getByRole('heading', { name: '窗口服务礼仪规范', level: 2 }).isVisible())
      .toBe(true);
    await clerk.getByLabel('我的意见', { exact: true }).fill('建议增加“离岗时摆放暂停服务牌”。');
    await clerk.getByRole('button', { name: '提交意见' }).click();
    await expect
      .poll(() => clerk.getByText('建议增加“离岗时摆放暂停服务牌”。').isVisible())
      .toBe(true);
    await clerk.context().close();

    // The director signs only once the consultation is over.
    const director = await newPage(browser);
    await login(director, 'director');
    await director.goto(url);
    await expect.poll(() => director.getByText(/后才能签署/).isVisible()).toBe(true);
    expect(await director.getByRole('button', { name: '签署', exact: true }).isDisabled()).toBe(
      true,
    );
    await director.context().close();
  });
});
