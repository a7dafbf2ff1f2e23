import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, dialog, launch, login, newPage, shot } from '../browser.ts';
import { serverToday } from '../demo.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

/** The laptop at many windows: 1366×768. */
const LAPTOP = { width: 1366, height: 768 };

async function laptop(browser: Browser, username: string): Promise<Page> {
  const page = await newPage(browser);
  await page.setViewportSize(LAPTOP);
  await login(page, username);
  return page;
}

/** The open dropdown's option with this text (antd renders it outside the form). */
const option = (page: Page, text: string) =>
  page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();

/** The case page's action, opened from its button. */
const actionButton = (page: Page, name: string) =>
  page.locator('.case-detail-actions').getByRole('button', { name, exact: true });

/** The years the calendar of the signed-in user's center lacks (this year and next), from the server. */
async function missingYears(page: Page): Promise<number[]> {
  const res = await page.request.get(`${baseUrl}/api/calendar`);
  return ((await res.json()) as { missingYears: number[] }).missingYears;
}

/**
 * How many lines each date of a column takes, by the column's header (a date cut in two is two
 * lines; a mark such as 暂定 under it does not count), and whether the table scrolls sideways.
 */
async function tableLayout(page: Page, header: string) {
  return page.evaluate((header) => {
    const table = document.querySelector('.ant-table');
    if (!table) return null;
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim());
    const col = heads.indexOf(header);
    const lines = [...table.querySelectorAll('tbody tr.ant-table-row')].flatMap((tr) => {
      const cell = tr.children[col];
      if (!cell) return [];
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      const counts: number[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!/\d{4}-\d{2}-\d{2}/.test(node.textContent ?? '')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const tops: number[] = [];
        for (const r of range.getClientRects())
          if (r.width > 0 && !tops.some((t) => Math.abs(t - r.top) < 4)) tops.push(r.top);
        counts.push(tops.length);
      }
      return counts;
    });
    const boxes = [...table.querySelectorAll('.ant-table-content, .ant-table-body')];
    const scrolls = boxes.some((b) => b.scrollWidth > b.clientWidth + 1);
    return { col, lines, scrolls };
  }, header);
}

/** Saves a download and reads its first sheet back: the header row and the rows under it. */
async function readDownload(download: Download) {
  const path = await download.path();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const ws = book.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((r) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(r.getCell(c).text);
    rows.push(cells);
  });
  const at = rows.findIndex((r) => r[0] === '序号');
  return { title: rows[0]?.[0] ?? '', header: rows[at] ?? [], body: rows.slice(at + 1) };
}

describe.skipIf(!available)('a smoother day at the window, at 1366×768 in Chromium', () => {
  let browser: Browser;
  let clerk: Page;
  let supplementCaseId = 0;

  beforeAll(async () => {
    browser = await launch();
    clerk = await laptop(browser, 'clerk');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds the item by its common name and pinyin, and previews the deadline before accepting', async () => {
    await clerk.goto(`${baseUrl}/staff/workbench`);
    const picker = clerk.getByLabel('办理事项', { exact: true });
    await picker.waitFor();
    await picker.click();
    for (const typed of ['dbsq', 'dibao']) {
      await picker.fill(typed);
      await expect.poll(() => option(clerk, '最低生活保障申请').isVisible()).toBe(true);
    }
    await picker.fill('低保');
    await expect.poll(() => option(clerk, '最低生活保障申请').isVisible()).toBe(true);
    await shot(clerk, 'window-01-search-dibao');
    await clerk.keyboard.press('Enter');
    // The deadline the acceptance would give, from the server's calendar, before pressing anything.
    const preview = clerk.locator('.deadline-preview');
    await expect
      .poll(() => preview.getByText(/将于 \d{4}年\d+月\d+日（星期.）\d\d:\d\d 前办结/).isVisible())
      .toBe(true);
    await expect.poll(() => preview.getByText('期限 15 个工作日').isVisible()).toBe(true);
    await clerk.getByLabel('加急', { exact: true }).check();
    await expect.poll(() => preview.getByText('期限 7 个工作日').isVisible()).toBe(true);
    await shot(clerk, 'window-02-intake-preview');
    await clerk.getByLabel('加急', { exact: true }).uncheck();
  });

  it('writes a remark on a missing paper: on the notice, on the case, and not once accepted', async () => {
    await clerk.goto(`${baseUrl}/staff/workbench`);
    const picker = clerk.getByLabel('办理事项', { exact: true });
    await picker.click();
    await picker.fill('残疾人补贴');
    await expect.poll(() => option(clerk, '困难残疾人生活补贴申请').isVisible()).toBe(true);
    await clerk.keyboard.press('Enter');
    await clerk.getByLabel('申请人姓名', { exact: true }).fill('周玉梅');
    await clerk.getByRole('button', { name: '一次性告知补正' }).click();
    await clerk.getByRole('checkbox', { name: '补贴申请表' }).check();
    await clerk.getByLabel('补贴申请表 的备注', { exact: true }).fill('缺少公章');
    await clerk.getByRole('checkbox', { name: '银行账户信息' }).check();
    await shot(clerk, 'window-03-remark');
    await clerk.getByRole('button', { name: '出具补充件通知书' }).click();
    const done = clerk.locator('.intake-done');
    await done.waitFor({ state: 'visible' });
    const href = await done.locator('a[href^="/staff/cases/"]').getAttribute('href');
    supplementCaseId = Number(/\/cases\/(\d+)/.exec(href ?? '')?.[1]);
    const noticeHref = await done.locator('a[href^="/staff/notices/"]').getAttribute('href');

    const tab = await clerk.context().newPage();
    await tab.goto(`${baseUrl}${noticeHref}`);
    const list = tab.locator('.notice-sheet__list');
    await expect
      .poll(() => list.getByText('补贴申请表（缺少公章）', { exact: true }).isVisible())
      .toBe(true);
    await shot(tab, 'window-04-notice-remark');
    await tab.close();

    await clerk.goto(`${baseUrl}/staff/cases/${supplementCaseId}`);
    const papers = clerk.locator('.materials-list');
    await expect.poll(() => papers.getByText('缺少公章').isVisible()).toBe(true);
    await expect.poll(() => papers.locator('.missing-tag').count()).toBe(2);
    await shot(clerk, 'window-05-case-remark');
  });

  it('shows the deadline in the acceptance dialog, then the print button beside the message', async () => {
    await clerk.goto(`${baseUrl}/staff/cases/${supplementCaseId}`);
    await actionButton(clerk, '受理').click();
    await expect.poll(() => dialog(clerk).isVisible()).toBe(true);
    const preview = dialog(clerk).locator('.deadline-preview');
    await expect.poll(() => preview.getByText(/将于 .* 前办结/).isVisible()).toBe(true);
    await expect.poll(() => preview.getByText('期限 10 个工作日').isVisible()).toBe(true);
    await dialog(clerk).getByLabel('期限（天）', { exact: true }).fill('6');
    await expect.poll(() => preview.getByText('期限 6 个工作日').isVisible()).toBe(true);
    await shot(clerk, 'window-06-accept-preview');
    const promised = (await preview.locator('.deadline-preview-due').textContent()) ?? '';
    await dialog(clerk).getByRole('button', { name: '受理', exact: true }).click();
    await expect.poll(() => clerk.locator('.ant-modal-wrap:visible').count()).toBe(0);

    const prompt = clerk.locator('.notice-to-print');
    await expect
      .poll(() => prompt.getByText('已受理，请打印受理通知书交给群众').isVisible())
      .toBe(true);
    const words = await prompt.getByText('已受理，请打印受理通知书交给群众').boundingBox();
    const button = await prompt.getByRole('link', { name: /打印承诺件通知书/ }).boundingBox();
    // On the same line, right after the words.
    expect(Math.abs(words!.y + words!.height / 2 - (button!.y + button!.height / 2))).toBeLessThan(
      8,
    );
    expect(button!.x - (words!.x + words!.width)).toBeGreaterThanOrEqual(0);
    expect(button!.x - (words!.x + words!.width)).toBeLessThan(40);
    // The deadline given is the one previewed.
    const shown = promised.replace(
      /^将于 (\d+)年(\d+)月(\d+)日（星期.）(\d\d:\d\d) 前办结$/,
      (_, y, m, d, hm) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} ${hm}`,
    );
    await expect
      .poll(() => clerk.locator('.ant-descriptions-item-content .deadline').first().textContent())
      .toContain(shown);
    // Accepted: the papers were supplied, no 缺 any more; what was asked for stays on record.
    await expect.poll(() => clerk.locator('.materials-list .missing-tag').count()).toBe(0);
    await expect.poll(() => clerk.getByText('曾告知补正的材料').isVisible()).toBe(true);
    await shot(clerk, 'window-07-print-beside');
    expect(await axeViolations(clerk)).toEqual([]);
  });

  it('opens a case page at its top', async () => {
    await clerk.goto(`${baseUrl}/staff/cases?status=all`);
    const links = clerk.locator('.ant-table-row a[href^="/staff/cases/"]');
    await expect.poll(() => links.count()).toBeGreaterThan(5);
    await clerk.mouse.wheel(0, 3000);
    await expect.poll(() => clerk.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    await links.last().click();
    await clerk.waitForURL(/\/staff\/cases\/\d+$/);
    await expect.poll(() => clerk.locator('.case-section').first().isVisible()).toBe(true);
    expect(await clerk.evaluate(() => window.scrollY)).toBe(0);
  });

  it('tells of a missing calendar year only those who can enter it', async () => {
    // The clerk cannot enter a year: no red banner on her workbench, whatever the calendar lacks.
    await clerk.goto(`${baseUrl}/staff/workbench`);
    await expect
      .poll(() => clerk.getByRole('heading', { name: '接待登记' }).isVisible())
      .toBe(true);
    expect(await clerk.getByText('缺少工作日历').count()).toBe(0);
    await shot(clerk, 'window-08-workbench-no-banner');

    // 白沙's director keeps its calendar too (center admin): told, with the way to the calendar.
    const bs = await laptop(browser, 'bs-admin');
    const bsMissing = await missingYears(bs);
    await bs.goto(`${baseUrl}/staff/board`);
    await expect.poll(() => bs.getByRole('heading', { name: /当前办件/ }).isVisible()).toBe(true);
    if (bsMissing.length > 0) {
      await expect.poll(() => bs.getByText('缺少工作日历').isVisible()).toBe(true);
      await expect.poll(() => bs.getByRole('button', { name: '去录入' }).isVisible()).toBe(true);
    } else expect(await bs.getByText('缺少工作日历').count()).toBe(0);
    await shot(bs, 'window-09-board-can-enter');
    await bs.context().close();

    // 青石's director cannot: at most one quiet line on the board, never the red banner.
    const director = await laptop(browser, 'director');
    const missing = await missingYears(director);
    await director.goto(`${baseUrl}/staff/board`);
    await expect
      .poll(() => director.getByRole('heading', { name: /当前办件/ }).isVisible())
      .toBe(true);
    expect(await director.getByText('缺少工作日历').count()).toBe(0);
    if (missing.length > 0)
      await expect
        .poll(() => director.locator('.missing-years-quiet').textContent())
        .toContain(`缺少 ${missing.join('、')} 年工作日历`);
    await shot(director, 'window-10-board-quiet');
    await director.context().close();
  });

  it('folds the side menu and remembers it', async () => {
    const director = await laptop(browser, 'director');
    await director.goto(`${baseUrl}/staff/cases`);
    const sider = director.locator('.app-sider');
    await expect.poll(async () => (await sider.boundingBox())?.width).toBe(216);
    await director.getByRole('button', { name: '收起菜单' }).click();
    await expect.poll(async () => (await sider.boundingBox())?.width).toBe(80);
    await director.reload();
    await expect
      .poll(() => director.getByRole('button', { name: '展开菜单' }).isVisible())
      .toBe(true);
    await expect.poll(async () => (await sider.boundingBox())?.width).toBe(80);
    await shot(director, 'window-11-menu-folded');
    await director.getByRole('button', { name: '展开菜单' }).click();
    await expect.poll(async () => (await sider.boundingBox())?.width).toBe(216);
    await director.context().close();
  });

  it('fits the cases list, the accounts and the audit log on 1366×768, dates on one line', async () => {
    const check = async (page: Page, path: string, dateHeader: string, name: string) => {
      await page.goto(`${baseUrl}/staff${path}`);
      await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
      const layout = await tableLayout(page, dateHeader);
      expect(layout?.col, dateHeader).toBeGreaterThanOrEqual(0);
      expect(layout?.scrolls, `${path} scrolls sideways`).toBe(false);
      expect(layout?.lines.length, `${path}: dates in ${dateHeader}`).toBeGreaterThan(0);
      expect(new Set(layout?.lines), `${path} ${dateHeader}`).toEqual(new Set([1]));
      await shot(page, name);
    };
    const director = await laptop(browser, 'director');
    await check(director, '/cases?status=all', '办结期限', 'window-12-cases-1366');
    await director.context().close();
    const admin = await laptop(browser, 'admin');
    await check(admin, '/admin/users', '最近登录', 'window-13-users-1366');
    await admin.context().close();
    const kaohe = await laptop(browser, 'kaohe');
    await check(kaohe, '/audit', '时间', 'window-14-audit-1366');
    await kaohe.context().close();
  });

  it('exports the cases list and the findings to Excel with the filters shown', async () => {
    const director = await laptop(browser, 'director');
    await director.goto(`${baseUrl}/staff/cases?status=all&q=${encodeURIComponent('周玉梅')}`);
    await expect.poll(() => director.locator('.ant-table-row').count()).toBe(1);
    const [download] = await Promise.all([
      director.waitForEvent('download'),
      director.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^青石镇便民服务中心办件\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = await readDownload(download);
    expect(sheet.title).toBe('青石镇便民服务中心办件查询');
    expect(sheet.body.map((r) => r[sheet.header.indexOf('申请人')])).toEqual(['周玉梅']);
    await director.context().close();

    const kaohe = await laptop(browser, 'kaohe');
    await kaohe.goto(`${baseUrl}/staff/assessment/inspections`);
    const section = kaohe.locator('.findings-list');
    await expect
      .poll(() => section.getByRole('heading', { name: '考核发现的问题一览' }).isVisible())
      .toBe(true);
    await section.getByLabel('年度', { exact: true }).click();
    const thisYear = (await serverToday()).slice(0, 4);
    await option(kaohe, `${thisYear}年`).click();
    await shot(kaohe, 'window-15-findings-list');
    const [file] = await Promise.all([
      kaohe.waitForEvent('download'),
      section.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    const findings = await readDownload(file);
    expect(findings.title).toMatch(/考核发现问题/);
    expect(findings.header).toContain('问题描述');
    await kaohe.context().close();
  });
});
