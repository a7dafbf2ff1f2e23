import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, login, newPage, pickOption, shot } from '../browser.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

const toast = (page: Page, text: string | RegExp) =>
  page.locator('.ant-message-notice', { hasText: text }).first();
/** The header's bell: its accessible name carries the unread count. */
const bell = (page: Page) => page.getByRole('button', { name: /^待办与提醒，/ });

async function unreadOf(page: Page): Promise<number> {
  const res = await page.request.get(`${baseUrl}/api/inbox/count`);
  return ((await res.json()) as { unread: number }).unread;
}

/**
 * 待办与提醒 at an office monitor: 李娜's cases of the demo turned yellow and red, and the server's
 * warning sweep told her. She sees the count on the bell, the latest items under it, the page of
 * all items; she opens one, marks one read, then all; and asks for a text message on red cases.
 */
describe.skipIf(!available)('the inbox (待办与提醒) in Chromium', () => {
  let browser: Browser;
  let clerk: Page;

  beforeAll(async () => {
    browser = await launch();
    clerk = await newPage(browser);
    // 李娜, window 01 of 青石镇: the demo gives her one red case and one yellow one.
    await login(clerk, 'clerk');
  });
  afterAll(async () => {
    // Later flows count the outbox: 李娜 gets no text messages after this file.
    if (clerk) {
      const prefs = (await (await clerk.request.get(`${baseUrl}/api/inbox/prefs`)).json()) as {
        version: number;
      };
      await clerk.request.put(`${baseUrl}/api/inbox/prefs`, {
        data: { version: prefs.version, smsMobile: null, smsKinds: [], digest: true },
      });
    }
    await browser?.close();
  });

  it('shows the unread count on the bell, and the latest items under it', async () => {
    // The sweep runs at start and every minute: her red case is told within that.
    await expect
      .poll(() => unreadOf(clerk), { timeout: 70_000, interval: 1000 })
      .toBeGreaterThan(0);
    await clerk.reload();
    const n = await unreadOf(clerk);
    await expect.poll(() => bell(clerk).getAttribute('aria-label')).toBe(`待办与提醒，${n} 条未读`);
    await expect.poll(() => bell(clerk).locator('.ant-badge-count').innerText()).toBe(String(n));
    await bell(clerk).click();
    const panel = clerk.locator('.inbox-bell-panel');
    await panel.waitFor({ state: 'visible' });
    // The newest of her items on top (other flows may have told her of newer things than the red case).
    const newest = (
      (await (await clerk.request.get(`${baseUrl}/api/inbox?pageSize=1`)).json()) as {
        items: { title: string }[];
      }
    ).items[0]!.title;
    await expect.poll(() => panel.locator('.inbox-bell-title').first().innerText()).toBe(newest);
    await shot(clerk, 'inbox-bell');
    expect(await axeViolations(clerk)).toEqual([]);
  });

  it('lists her items on their page, unread ones marked, and opens the case of one', async () => {
    await clerk.locator('.inbox-bell-panel').getByRole('link', { name: '查看全部' }).click();
    await clerk.waitForURL(/\/staff\/inbox$/);
    await clerk.getByRole('heading', { level: 1, name: '待办与提醒' }).waitFor();
    await pickOption(clerk, '类别', '办件已超期', clerk.locator('#main-content'));
    const red = clerk.locator('.inbox-row', { hasText: '办件已超期' }).first();
    await red.waitFor({ state: 'visible' });
    expect(await red.getAttribute('class')).toContain('inbox-unread');
    await expect.poll(() => red.innerText()).toContain('已超过办结期限');
    await shot(clerk, 'inbox-page');
    expect(await axeViolations(clerk)).toEqual([]);

    const before = await unreadOf(clerk);
    const title = red.locator('.inbox-row-title');
    const href = await title.getAttribute('href');
    expect(href).toMatch(/^\/staff\/cases\/\d+$/);
    await title.click();
    await clerk.waitForURL((url) => url.pathname === href);
    await expect.poll(() => unreadOf(clerk)).toBe(before - 1);
    await expect
      .poll(() => bell(clerk).getAttribute('aria-label'))
      .toBe(before - 1 > 0 ? `待办与提醒，${before - 1} 条未读` : '待办与提醒，没有未读');
  });

  it('marks one read, then all', async () => {
    await clerk.goto(`${baseUrl}/staff/inbox`);
    const unreadRows = clerk.locator('.inbox-row.inbox-unread');
    const n = await unreadOf(clerk);
    if (n > 0) {
      await unreadRows
        .first()
        .getByRole('button', { name: /^标为已读/ })
        .click();
      await expect.poll(() => unreadOf(clerk)).toBe(n - 1);
    }
    // Only unread: what is left.
    await clerk.locator('.inbox-toolbar .ant-segmented').getByText(/^未读/).click();
    await expect.poll(() => unreadRows.count()).toBe(await unreadOf(clerk));
    await clerk.getByRole('button', { name: '全部标为已读' }).click();
    await clerk.getByRole('button', { name: /确\s*定/ }).click();
    await toast(clerk, /已将 \d+ 条标为已读|没有未读的待办与提醒/).waitFor();
    await expect.poll(() => unreadOf(clerk)).toBe(0);
    await clerk.getByText('没有未读的待办与提醒').waitFor();
    await expect.poll(() => bell(clerk).getAttribute('aria-label')).toBe('待办与提醒，没有未读');
    await expect.poll(() => bell(clerk).locator('.ant-badge-count').count()).toBe(0);
  });

  it('asks for a text message on red cases, to her mobile', async () => {
    const settings = clerk.locator('.ant-card', { hasText: '短信提醒' });
    // Her own kinds only: the director's are not offered.
    await settings.getByRole('checkbox', { name: '办件已超期' }).waitFor();
    expect(await settings.getByRole('checkbox', { name: '延期申请待审批' }).count()).toBe(0);
    await settings.getByRole('checkbox', { name: '办件已超期' }).check();
    await settings.getByRole('button', { name: '保存设置' }).click();
    // A kind by SMS needs a mobile: the refusal is on the field.
    await settings.getByText('选择了短信提醒，请填写接收短信的手机号码').waitFor();
    await settings.getByLabel('接收短信的手机号码').fill('13912345678');
    await settings.getByRole('checkbox', { name: '办件即将到期' }).check();
    await settings.getByRole('button', { name: '保存设置' }).click();
    await toast(clerk, '短信提醒设置已保存').waitFor();
    const prefs = (await (await clerk.request.get(`${baseUrl}/api/inbox/prefs`)).json()) as {
      smsMobile: string;
      smsKinds: string[];
    };
    expect(prefs).toMatchObject({
      smsMobile: '13912345678',
      smsKinds: ['case_yellow', 'case_red'],
    });
    await clerk.reload();
    await expect
      .poll(() => settings.getByRole('checkbox', { name: '办件已超期' }).isChecked())
      .toBe(true);
    await shot(clerk, 'inbox-sms-settings');
    expect(await axeViolations(clerk)).toEqual([]);
  });
});
