import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, shot } from '../browser.ts';

const PASSWORD = 'Bianmin2026!';
const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

async function login(page: Page, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const dialog = (page: Page) => page.getByRole('dialog');
const missingAlert = (page: Page) => page.getByText('缺少 2027 年工作日历');

describe.skipIf(!available)('the working-day calendar in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    const context = await browser.newContext({
      viewport: { width: 1366, height: 860 },
      locale: 'zh-CN',
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('warns of the missing year and lets the center admin enter it from the notice', async () => {
    await login(page, 'admin');
    await page.goto(`${baseUrl}/calendar`);
    await expect.poll(() => missingAlert(page).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('cell', { name: '2026 年', exact: true }).isVisible())
      .toBe(true);
    await shot(page, '10-calendar');

    await page.getByRole('button', { name: '录入新年度' }).click();
    await expect.poll(() => dialog(page).getByText('录入 2027 年工作日历').isVisible()).toBe(true);
    await dialog(page)
      .getByLabel('放假日期', { exact: true })
      .fill('2027-01-01 元旦\n2027-02-06~2027-02-12 春节');
    await dialog(page).getByLabel('调休上班日期', { exact: true }).fill('2027-02-13 春节');
    await expect
      .poll(() => dialog(page).getByText('放假 8 天，调休上班 1 天').isVisible())
      .toBe(true);
    await dialog(page).getByRole('button', { name: '保存' }).click();

    await expect
      .poll(() => page.getByRole('cell', { name: '2027 年', exact: true }).isVisible())
      .toBe(true);
    await expect.poll(() => missingAlert(page).count()).toBe(0);
    const row = page.getByRole('row', { name: /2027 年/ });
    await expect.poll(() => row.getByText('手工录入').isVisible()).toBe(true);
    await expect.poll(() => row.getByText('8 天').isVisible()).toBe(true);
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await shot(page, '11-calendar-entered');
  });
});
