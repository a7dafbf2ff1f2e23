import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dialog, launch, login, newPage, shot } from '../browser.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

/** The first year the calendar lacks, as the server sees it today (this year or next). */
async function firstMissingYear(page: Page): Promise<number> {
  const res = await page.request.get(`${baseUrl}/api/calendar`);
  const { missingYears } = (await res.json()) as { missingYears: number[] };
  if (missingYears.length === 0) throw new Error('the demo calendar lacks no year');
  return missingYears[0]!;
}

/** The first Saturday of February of a year: a weekend day a make-up workday may fall on. */
function februarySaturday(year: number): string {
  const day = [1, 2, 3, 4, 5, 6, 7].find((d) => new Date(Date.UTC(year, 1, d)).getUTCDay() === 6)!;
  return `${year}-02-0${day}`;
}

describe.skipIf(!available)('the working-day calendar in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    page = await newPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('warns of the missing year and lets the center admin enter it from the notice', async () => {
    await login(page, 'admin');
    const year = await firstMissingYear(page);
    const missingAlert = () => page.getByText(new RegExp(`缺少.*${year}.*年工作日历`));
    await page.goto(`${baseUrl}/staff/calendar`);
    await expect.poll(() => missingAlert().isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('cell', { name: '2026 年', exact: true }).isVisible())
      .toBe(true);
    await shot(page, '10-calendar');

    await page.getByRole('button', { name: '录入新年度' }).click();
    await expect
      .poll(() => dialog(page).getByText(`录入 ${year} 年工作日历`).isVisible())
      .toBe(true);
    await dialog(page)
      .getByLabel('放假日期', { exact: true })
      .fill(`${year}-01-01 元旦\n${year}-02-16~${year}-02-22 春节`);
    await dialog(page)
      .getByLabel('调休上班日期', { exact: true })
      .fill(`${februarySaturday(year)} 春节`);
    await expect
      .poll(() => dialog(page).getByText('放假 8 天，调休上班 1 天').isVisible())
      .toBe(true);
    await dialog(page).getByRole('button', { name: '保存' }).click();

    await expect
      .poll(() => page.getByRole('cell', { name: `${year} 年`, exact: true }).isVisible())
      .toBe(true);
    await expect.poll(() => missingAlert().count()).toBe(0);
    const row = page.getByRole('row', { name: new RegExp(`${year} 年`) });
    await expect.poll(() => row.getByText('手工录入').isVisible()).toBe(true);
    await expect.poll(() => row.getByText('8 天').isVisible()).toBe(true);
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await shot(page, '11-calendar-entered');
  });
});
