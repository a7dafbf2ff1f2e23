import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, choose, dialog, launch, login, newPage, shot } from '../browser.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

async function logout(page: Page) {
  await page.context().clearCookies();
}

describe.skipIf(!available)('the foundation in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    page = await newPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows an accessible Chinese login page (axe: no WCAG 2.1 AA violation)', async () => {
    await page.goto(`${baseUrl}/staff/login`);
    await expect.poll(() => page.getByRole('button', { name: '登录' }).isVisible()).toBe(true);
    await shot(page, '01-login');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('refuses a wrong password with the generic message', async () => {
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByText('用户名或密码错误').first().isVisible()).toBe(true);
  });

  it('lets the center admin create a window and a staff member', async () => {
    await login(page, 'admin');
    await expect.poll(() => page.getByText('您好，吴静').isVisible()).toBe(true);
    await shot(page, '02-home-admin');

    await page.goto(`${baseUrl}/staff/org/windows`);
    await page.getByRole('button', { name: '新建窗口' }).click();
    await dialog(page).getByLabel('窗口号', { exact: true }).fill('10');
    await dialog(page).getByLabel('窗口名称', { exact: true }).fill('残疾人服务窗口');
    await choose(page, '窗口单位', '民政办');
    await dialog(page).getByRole('button', { name: '保存' }).click();
    await expect
      .poll(() => page.getByRole('cell', { name: '残疾人服务窗口', exact: true }).isVisible())
      .toBe(true);
    await shot(page, '03-windows');

    await page.goto(`${baseUrl}/staff/org/staff`);
    await page.getByRole('button', { name: '新建工作人员' }).click();
    await dialog(page).getByLabel('工号', { exact: true }).fill('W010');
    await dialog(page).getByLabel('姓名', { exact: true }).fill('何佳');
    await dialog(page).getByLabel('职务', { exact: true }).fill('残联专干');
    await choose(page, '所在窗口', '残疾人服务窗口');
    await choose(page, '分管领导', '钱志强');
    await dialog(page).getByLabel('到岗日期', { exact: true }).fill('2026-03-01');
    await dialog(page).getByLabel('到岗日期', { exact: true }).press('Tab');
    await dialog(page).getByRole('button', { name: '保存' }).click();
    await expect
      .poll(() => page.getByRole('cell', { name: '何佳', exact: true }).isVisible())
      .toBe(true);
    await shot(page, '04-staff');
  });

  it('shows a field error in Chinese next to the field', async () => {
    await page.getByRole('button', { name: '新建工作人员' }).click();
    await dialog(page).getByLabel('工号', { exact: true }).fill('W010');
    await dialog(page).getByLabel('姓名', { exact: true }).fill('重复工号');
    await dialog(page).getByLabel('职务', { exact: true }).fill('干事');
    await dialog(page).getByLabel('到岗日期', { exact: true }).fill('2026-03-01');
    await dialog(page).getByLabel('到岗日期', { exact: true }).press('Tab');
    await dialog(page).getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByText('已存在相同编号的记录').first().isVisible()).toBe(true);
    // The refusal sits on the field it is about.
    await expect
      .poll(() => dialog(page).getByText('已被使用，请换一个', { exact: true }).isVisible())
      .toBe(true);
    await shot(page, '05-duplicate-error');
    await dialog(page).getByRole('button', { name: '取消' }).click();
  });

  it('lets the assessment-group leader see both in the audit trail and verify it', async () => {
    await logout(page);
    await login(page, 'shenji');
    await page.goto(`${baseUrl}/staff/audit`);
    await expect.poll(() => page.getByText('新建工作人员').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('新建窗口').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('吴静（admin）').first().isVisible()).toBe(true);
    await shot(page, '06-audit');
    await page.getByRole('button', { name: '校验完整性' }).click();
    await expect.poll(() => page.getByText(/审计链完整，共校验 \d+ 条/).isVisible()).toBe(true);
    await shot(page, '07-audit-verified');
  });

  it('lets the county admin switch between centers', async () => {
    await logout(page);
    await login(page, 'county');
    await page.goto(`${baseUrl}/staff/admin/centers`);
    await expect
      .poll(() => page.getByRole('cell', { name: '白沙乡便民服务中心', exact: true }).isVisible())
      .toBe(true);
    await shot(page, '08-centers');
    // Work in 白沙乡: its windows, not 青石镇's.
    const switcher = page.getByLabel('当前中心');
    await switcher.click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '白沙乡' })
      .click();
    await page.goto(`${baseUrl}/staff/org/windows`);
    await expect
      .poll(() => page.getByRole('cell', { name: '综合受理窗口', exact: true }).isVisible())
      .toBe(true);
    expect(await page.getByRole('cell', { name: '民政救助窗口', exact: true }).count()).toBe(0);
    await shot(page, '09-county-windows');
  });

  it('lets the county admin take a backup while the center works on (axe: no violation)', async () => {
    await page.goto(`${baseUrl}/staff/admin/backups`);
    await expect.poll(() => page.getByText('还没有备份').isVisible()).toBe(true);
    await page.getByRole('button', { name: '立即备份' }).click();
    await expect.poll(() => page.getByText(/^备份完成：bianmin-pglite-/).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('cell', { name: '成功', exact: true }).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByText('备份正常', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('cell', { name: '手动（本页）', exact: true }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '79-backups');
  });
});
