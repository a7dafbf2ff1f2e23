import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, axeViolations, launch, login, newPage, shot } from '../browser.ts';
import { serverToday } from '../demo.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

/** The month before the server's: the demo's history (demo/history.ts) has it full of cases. */
async function lastMonth(): Promise<string> {
  const [y, m] = (await serverToday()).split('-').map(Number) as [number, number];
  return m === 1 ? `${String(y - 1)}-12` : `${String(y)}-${String(m - 1).padStart(2, '0')}`;
}

/** An office monitor of 1366×768, as at the window. */
async function officePage(browser: Browser, user: string): Promise<Page> {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, user);
  return page;
}

/** How many canvases are drawn on (some pixel not transparent): a chart that rendered. */
const drawnCanvases = (page: Page) =>
  page.evaluate(
    () =>
      [...document.querySelectorAll('.stats-chart canvas')].filter((c) => {
        const canvas = c as HTMLCanvasElement;
        if (canvas.width === 0 || canvas.height === 0) return false;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true;
        return false;
      }).length,
  );

const tile = (page: Page, title: string) => page.locator('.stats-tile', { hasText: title });

describe.skipIf(!available)('办件统计 in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the director opens 办件统计: tiles, drawn charts, and a tile opens the list it counts', async () => {
    const page = await officePage(browser, 'director');
    await page.getByRole('menuitem', { name: /办件统计/ }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: '办件统计', level: 1 }).isVisible())
      .toBe(true);
    const month = await lastMonth();
    await page.goto(`${baseUrl}/staff/stats?month=${month}`);
    await expect.poll(() => tile(page, '办结受理件').isVisible()).toBe(true);
    // The trend, the window charts, channels, kinds, ratings, complaints and bookings: all drawn.
    await expect.poll(() => drawnCanvases(page)).toBeGreaterThanOrEqual(7);
    await shot(page, 'stats-1-month');
    expect(await axeViolations(page)).toEqual([]);

    // The figures are the API's; the tile's count is the length of the list it opens.
    const api = (await (await page.request.get(`${baseUrl}/api/stats?month=${month}`)).json()) as {
      total: { closed: number; late: number; ratePercent: number };
    };
    expect(api.total.closed).toBeGreaterThanOrEqual(5);
    const closedText = `${String(api.total.closed)} 件`;
    expect(await tile(page, '办结受理件').getByRole('link').textContent()).toBe(closedText);
    await tile(page, '办结受理件').getByRole('link').click();
    await page.waitForURL(/\/staff\/cases\?/);
    expect(new URL(page.url()).searchParams.get('closedMonth')).toBe(month);
    await expect.poll(() => page.getByText(/办件统计的清单：/).isVisible()).toBe(true);
    await expect
      .poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count())
      .toBe(Math.min(api.total.closed, 20));
    const listed = (await (
      await page.request.get(
        `${baseUrl}/api/cases?status=completed&closedMonth=${month}&pageSize=1`,
      )
    ).json()) as { total: number };
    expect(listed.total).toBe(api.total.closed);
    await shot(page, 'stats-2-cases-from-tile');

    // Back, and the late ones: as many rows as the tile says, each completed late.
    await page.goBack();
    await expect.poll(() => tile(page, '超期办结').isVisible()).toBe(true);
    await tile(page, '超期办结').getByRole('link').click();
    await page.waitForURL(/onTime=false/);
    await expect
      .poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count())
      .toBe(api.total.late);
    await page.context().close();
  });

  it('prints the monthly report on A4, and the board shows the 12-month trend', async () => {
    const page = await officePage(browser, 'director');
    const month = await lastMonth();
    await page.goto(`${baseUrl}/staff/stats?month=${month}`);
    await expect.poll(() => tile(page, '按时办结率').isVisible()).toBe(true);
    await page.getByRole('button', { name: /打印月报/ }).click();
    await page.waitForURL(/\/staff\/stats\/report\?/);
    await expect
      .poll(() => page.getByRole('heading', { name: /办件统计月报/, level: 1 }).isVisible())
      .toBe(true);
    expect(await page.getByRole('heading', { name: '三、按窗口' }).isVisible()).toBe(true);
    await shot(page, 'stats-3-report');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${baseUrl}/staff/board`);
    const trend = page.locator('.stats-board-trend');
    await expect.poll(() => trend.locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => drawnCanvases(page)).toBeGreaterThan(0);
    await trend.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/stats-4-board-trend.png` });
    await trend.getByRole('link', { name: /查看办件统计/ }).click();
    await page.waitForURL(/\/staff\/stats$/);
    await page.context().close();
  });

  it('the county admin compares the centers side by side and opens one of them', async () => {
    const page = await officePage(browser, 'county');
    await page.getByRole('menuitem', { name: /各中心对比/ }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: '各中心对比', level: 1 }).isVisible())
      .toBe(true);
    const month = await lastMonth();
    await page.goto(`${baseUrl}/staff/stats/county?month=${month}`);
    const qingshi = page.getByRole('link', { name: /青石镇便民服务中心/ });
    await expect.poll(() => qingshi.isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: /白沙乡便民服务中心/ }).isVisible()).toBe(true);
    await expect.poll(() => drawnCanvases(page)).toBe(1);
    await shot(page, 'stats-5-county');
    expect(await axeViolations(page)).toEqual([]);

    const county = (await (
      await page.request.get(`${baseUrl}/api/stats/county?month=${month}`)
    ).json()) as { centers: { centerName: string; closed: number }[] };
    const closed = county.centers.find((c) => c.centerName === '青石镇便民服务中心')!.closed;
    await qingshi.click();
    await page.waitForURL(/\/staff\/stats\?/);
    await expect.poll(() => tile(page, '办结受理件').isVisible()).toBe(true);
    await expect
      .poll(() => tile(page, '办结受理件').getByRole('link').textContent())
      .toBe(`${String(closed)} 件`);
    await shot(page, 'stats-6-county-center');
    await page.context().close();
  });
});
