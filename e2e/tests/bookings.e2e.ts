import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, choose, dialog, launch, login, newPage, shot } from '../browser.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

const tag = Date.now() % 100000;
const name = `周桂芳${tag}`;
const mobile = '13955501234';

const toast = (page: Page, text: string | RegExp) =>
  page.locator('.ant-message-notice', { hasText: text }).first();

/** The first slot of the open picker that can still be taken (not full, not the booking's own). */
const freeSlot = (scope: Locator) =>
  scope
    .locator(
      '.slot-picker-slots label.ant-radio-button-wrapper:not(.ant-radio-button-wrapper-disabled)',
    )
    .first();

/** Shows the list of one day, typed into the date filter as a clerk does. */
async function showDay(page: Page, date: string) {
  const picker = page.locator('.booking-filter').getByLabel('预约日期', { exact: true });
  await picker.click();
  await picker.fill(date);
  await picker.press('Enter');
  await expect.poll(() => picker.inputValue()).toBe(date);
  await picker.press('Escape');
  await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0);
}

/** "2026-05-12 09:00–09:30" → its date and start. */
function when(text: string): { date: string; start: string } {
  const m = /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})–\d{2}:\d{2}/.exec(text);
  if (!m) throw new Error(`no day and slot in "${text}"`);
  return { date: m[1]!, start: m[2]! };
}

describe.skipIf(!available)('bookings in the console, in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let code = '';
  let booked = { date: '', start: '' };

  beforeAll(async () => {
    browser = await launch();
    page = await newPage(browser);
    // 李娜, window clerk of 青石镇.
    await login(page, 'clerk');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('enters a phone booking for 最低生活保障 and reads its code out', async () => {
    await page.goto(`${baseUrl}/staff/appointments`);
    await expect
      .poll(() => page.getByRole('heading', { name: '预约登记', level: 1 }).isVisible())
      .toBe(true);
    await expect
      .poll(() => page.getByRole('navigation').getByRole('link', { name: '预约登记' }).isVisible())
      .toBe(true);
    // A window clerk does not change the settings.
    expect(await page.getByRole('tab', { name: '预约设置' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '登记预约' }).click();
    await expect.poll(() => dialog(page).getByText('电话', { exact: true }).isVisible()).toBe(true);
    await dialog(page).getByText('电话', { exact: true }).click();
    await choose(page, '办理事项', '最低生活保障');
    // The days and slots of the item, with the places left.
    const slot = freeSlot(dialog(page));
    await expect.poll(() => slot.isVisible()).toBe(true);
    expect(
      await dialog(page)
        .getByText(/余 \d+/)
        .count(),
    ).toBeGreaterThan(0);
    await slot.click();
    await dialog(page).getByLabel('办事人姓名', { exact: true }).fill(name);
    await dialog(page).getByLabel('手机号', { exact: true }).fill(mobile);
    await dialog(page).getByLabel('备注（选填）', { exact: true }).fill(`电话预约（e2e ${tag}）`);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'bookings-create');
    await dialog(page).getByRole('button', { name: '登记预约' }).click();

    // The code, large, and the SMS on its way.
    const done = page.getByRole('dialog', { name: '预约已登记' });
    await expect.poll(() => done.locator('.booking-code-value').isVisible()).toBe(true);
    code = ((await done.locator('.booking-code-value').textContent()) ?? '').trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    await expect.poll(() => done.getByText(/短信已排队发送到 139\*{4}1234/).isVisible()).toBe(true);
    booked = when((await done.textContent()) ?? '');
    await shot(page, 'bookings-code');
    await done.getByRole('button', { name: '知道了' }).click();

    // In the list of its day: booked, by phone, the mobile masked, entered by 李娜.
    await showDay(page, booked.date);
    const row = page.getByRole('row', { name: new RegExp(code) });
    await expect.poll(() => row.getByText('已预约', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => row.getByText(name, { exact: true }).isVisible()).toBe(true);
    expect(await row.getByText('139****1234').isVisible()).toBe(true);
    expect(await row.getByText('电话', { exact: true }).isVisible()).toBe(true);
    expect(await row.getByText(/^李娜.* 登记$/).isVisible()).toBe(true);
    expect(await row.getByText(new RegExp(`^${booked.start}–`)).isVisible()).toBe(true);
  });

  it('moves the booking to another slot; its code stays', async () => {
    const row = page.getByRole('row', { name: new RegExp(code) });
    await row.getByRole('button', { name: `改期 ${name} ${code}` }).click();
    await expect
      .poll(() => dialog(page).getByText('原预约', { exact: false }).first().isVisible())
      .toBe(true);
    // Its own slot is shown, not offered.
    const slot = freeSlot(dialog(page));
    await expect.poll(() => slot.isVisible()).toBe(true);
    await slot.click();
    await shot(page, 'bookings-move');
    await dialog(page).getByRole('button', { name: '确定改期' }).click();
    await expect.poll(() => toast(page, /^已改到/).isVisible()).toBe(true);
    const moved = when((await toast(page, /^已改到/).textContent()) ?? '');
    expect(moved).not.toEqual(booked);
    booked = moved;

    await showDay(page, booked.date);
    const after = page.getByRole('row', { name: new RegExp(code) });
    await expect.poll(() => after.getByText('改期 1 次').isVisible()).toBe(true);
    expect(await after.getByText(new RegExp(`^${booked.start}–`)).isVisible()).toBe(true);
  });

  it('takes the booking in at the window: the case is created with its item and name, the booking shows 已到', async () => {
    const row = page.getByRole('row', { name: new RegExp(code) });
    await row.getByRole('button', { name: `受理 ${name} ${code}` }).click();
    await page.waitForURL(/\/staff\/workbench$/);
    await expect.poll(() => page.getByText('按预约受理').isVisible()).toBe(true);
    await expect.poll(() => page.getByText(new RegExp(`预约码 ${code}`)).isVisible()).toBe(true);
    // Carried over: the item and the name.
    const nameBox = page.getByLabel('申请人姓名', { exact: true });
    await expect.poll(() => nameBox.inputValue()).toBe(name);
    await expect
      .poll(() =>
        page.locator('.intake-form').getByText('最低生活保障申请（MZ-001）').first().isVisible(),
      )
      .toBe(true);
    await shot(page, 'bookings-intake');
    await page.getByRole('button', { name: /^承诺受理/ }).click();

    const done = page.locator('.intake-done');
    await done.waitFor({ state: 'visible' });
    const receiptNo = /受理编号 (\d{3}-\d{8}-\d{4})/.exec((await done.textContent()) ?? '')?.[1];
    expect(receiptNo).toBeTruthy();
    // The booking is done with: the form is free for the next visitor.
    await expect.poll(() => page.getByText('按预约受理').count()).toBe(0);

    // The new case: 李娜 first responder, the applicant and the item from the booking.
    await done.getByRole('link', { name: '查看办件' }).click();
    await page.waitForURL(/\/staff\/cases\/\d+$/);
    await expect.poll(() => page.getByText(name, { exact: true }).first().isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .getByText(/最低生活保障申请/)
          .first()
          .isVisible(),
      )
      .toBe(true);

    // Back on the list: 已到, with the receipt number linking to the case.
    await page.goto(`${baseUrl}/staff/appointments`);
    await showDay(page, booked.date);
    const arrived = page.getByRole('row', { name: new RegExp(code) });
    await expect.poll(() => arrived.getByText('已到', { exact: true }).isVisible()).toBe(true);
    await expect
      .poll(() => arrived.getByRole('link', { name: `打开办件 ${receiptNo}` }).isVisible())
      .toBe(true);
    // Nothing more to do with it.
    expect(await arrived.getByRole('button').count()).toBe(0);
    await shot(page, '64-console-bookings');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the center admin the settings: places per slot for each window', async () => {
    const admin = await newPage(browser);
    await login(admin, 'admin');
    await admin.goto(`${baseUrl}/staff/appointments`);
    await admin.getByRole('tab', { name: '预约设置' }).click();
    await expect
      .poll(() =>
        admin
          .getByLabel(/^01 .+ 每个时段可约人数$/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await expect.poll(() => admin.getByLabel('可提前预约', { exact: true }).isVisible()).toBe(true);
    expect(await axeViolations(admin)).toEqual([]);
    await shot(admin, 'bookings-settings');
    await admin.getByRole('button', { name: '保存预约设置' }).click();
    await expect.poll(() => toast(admin, '预约设置已保存').isVisible()).toBe(true);
    await admin.close();
  });
});
