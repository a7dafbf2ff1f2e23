import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, dialog, launch, login, newPage, newPhonePage, shot } from '../browser.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

/** The open dropdown's option with this text (antd renders it outside the form). */
const option = (page: Page, text: string) =>
  page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();

const toast = (page: Page, text: string | RegExp) =>
  page.locator('.ant-message-notice', { hasText: text }).first();

/**
 * The clerk accepts a promised case of an item the catalog has announced (DOMAIN.md §4) and
 * completes it at once with `result`; returns its receipt number as printed.
 */
async function completeAnnouncedCase(
  page: Page,
  item: string,
  name: string,
  result: string,
): Promise<string> {
  await page.goto(`${baseUrl}/staff/workbench`);
  const picker = page.getByLabel('办理事项', { exact: true });
  await picker.waitFor();
  await picker.fill(item);
  await option(page, item).waitFor({ state: 'visible' });
  await picker.press('Enter');
  const nameBox = page.getByLabel('申请人姓名', { exact: true });
  await nameBox.fill(name);
  await nameBox.press('Enter');
  const done = page.locator('.intake-done');
  await done.waitFor({ state: 'visible' });
  const receiptNo = /受理编号 (\d{3}-\d{8}-\d{4})/.exec((await done.textContent()) ?? '')?.[1];
  if (!receiptNo) throw new Error('no receipt number after the intake');
  const href = await done.locator('a[href^="/staff/cases/"]').getAttribute('href');

  await page.goto(`${baseUrl}${href}`);
  const actions = page.locator('.case-detail-actions');
  await actions.getByRole('button', { name: '办结', exact: true }).click();
  await dialog(page).getByLabel('办理结果', { exact: true }).fill(result);
  await dialog(page).getByRole('button', { name: '办结', exact: true }).click();
  await expect
    .poll(() => page.locator('.page-header').getByText('已办结', { exact: true }).isVisible())
    .toBe(true);
  return receiptNo;
}

/** Shows one status of the list (待公告, 已公告, 不予公告, 全部). */
async function showStatus(page: Page, status: string) {
  await page
    .getByRole('radiogroup', { name: '按公告状态查看' })
    .getByText(status, { exact: true })
    .click();
}

const row = (page: Page, receiptNo: string) =>
  page.getByRole('row', { name: new RegExp(receiptNo) });

describe.skipIf(!available)('completion announcements (办结公告) in Chromium', () => {
  let browser: Browser;
  let clerk: Page;
  let director: Page;
  let toPublish = '';
  let toWithhold = '';
  const result = '经审核，符合最低生活保障条件，准予自下月起享受低保待遇。';
  const shortened = '准予享受最低生活保障';

  beforeAll(async () => {
    browser = await launch();
    clerk = await newPage(browser);
    // 李娜, window clerk of 青石镇.
    await login(clerk, 'clerk');
    director = await newPage(browser);
    await login(director, 'director');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('queues an announcement when the clerk completes a case of an announced item', async () => {
    toPublish = await completeAnnouncedCase(clerk, 'MZ-001', '张桂兰', result);
    toWithhold = await completeAnnouncedCase(
      clerk,
      'MZ-003',
      '欧阳春华',
      '经审核，准予发放困难残疾人生活补贴。',
    );
    // A window clerk neither sees the page in the menu nor may open it.
    expect(
      await clerk.getByRole('navigation').getByRole('link', { name: '办结公告' }).count(),
    ).toBe(0);
    await clerk.goto(`${baseUrl}/staff/announcements`);
    await expect.poll(() => clerk.getByText('无权访问').first().isVisible()).toBe(true);
  });

  it('shows the director the case under 待公告, the applicant masked, and publishes it', async () => {
    await director.goto(`${baseUrl}/staff/announcements`);
    await expect
      .poll(() => director.getByRole('heading', { name: '办结公告', level: 1 }).isVisible())
      .toBe(true);
    await expect
      .poll(() =>
        director.getByRole('navigation').getByRole('link', { name: '办结公告' }).isVisible(),
      )
      .toBe(true);
    // The director publishes; the publication period is the center admin's.
    expect(await director.getByRole('heading', { name: '公告设置' }).count()).toBe(0);
    // 待公告 first: what is still to do, with its actions.
    const pending = row(director, toPublish);
    const publish = pending.getByRole('button', {
      name: `公告 受理编号 ${toPublish}`,
      exact: true,
    });
    await expect.poll(() => publish.isVisible()).toBe(true);
    expect(await pending.getByText('张**', { exact: true }).isVisible()).toBe(true);
    expect(await pending.getByText('最低生活保障申请').isVisible()).toBe(true);
    expect(await pending.getByText(result).isVisible()).toBe(true);
    expect(await pending.getByText('张桂兰').count()).toBe(0);
    // A person with a two-character family name keeps both (欧阳**).
    await expect
      .poll(() => row(director, toWithhold).getByText('欧阳**', { exact: true }).isVisible())
      .toBe(true);
    // The receipt number opens the case.
    expect(await pending.getByRole('link', { name: new RegExp(toPublish) }).isVisible()).toBe(true);
    expect(await axeViolations(director)).toEqual([]);

    await publish.click();
    const preview = dialog(director).locator('.announcement-preview');
    await expect.poll(() => preview.getByText('张**', { exact: true }).isVisible()).toBe(true);
    expect(await preview.getByText(toPublish, { exact: true }).isVisible()).toBe(true);
    expect(await preview.getByText('最低生活保障申请').isVisible()).toBe(true);
    // The period comes with the center's settings, read when the dialog opens.
    await expect.poll(() => preview.getByText(/（今天起公告 7 天）$/).isVisible()).toBe(true);
    expect(await preview.getByText('张桂兰').count()).toBe(0);
    // The result line is shortened; the board's preview follows what is typed.
    const line = dialog(director).getByLabel('办理结果（公告内容）', { exact: true });
    expect(await line.inputValue()).toBe(result);
    await line.fill(shortened);
    await expect.poll(() => preview.getByText(shortened, { exact: true }).isVisible()).toBe(true);
    expect(await axeViolations(director)).toEqual([]);
    await shot(director, '65-console-announcements-publish');
    await dialog(director).getByRole('button', { name: '确认公告' }).click();
    await expect.poll(() => toast(director, /^已公告，公告栏展示至 /).isVisible()).toBe(true);

    // No longer to publish; under 已公告 with the date it stays on the board until.
    await expect.poll(() => row(director, toPublish).count()).toBe(0);
    await showStatus(director, '已公告');
    const published = row(director, toPublish);
    await expect.poll(() => published.getByText('已公告', { exact: true }).isVisible()).toBe(true);
    expect(
      await published.getByText(/^公告栏展示至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/).isVisible(),
    ).toBe(true);
    expect(await published.getByText(/ 由 周敏 公告$/).isVisible()).toBe(true);
    expect(await published.getByText(shortened, { exact: true }).isVisible()).toBe(true);
  });

  it('withholds another with a reason, which is required', async () => {
    // The center admin has the list open too, and will act on it after the director.
    const admin = await newPage(browser);
    await login(admin, 'admin');
    await admin.goto(`${baseUrl}/staff/announcements`);
    const stale = row(admin, toWithhold).getByRole('button', {
      name: `公告 受理编号 ${toWithhold}`,
      exact: true,
    });
    await expect.poll(() => stale.isVisible()).toBe(true);

    await showStatus(director, '待公告');
    const pending = row(director, toWithhold);
    await pending.getByRole('button', { name: `不予公告 受理编号 ${toWithhold}` }).click();
    await expect.poll(() => dialog(director).isVisible()).toBe(true);
    await dialog(director).getByRole('button', { name: '不予公告' }).click();
    await expect
      .poll(() => dialog(director).getByText('请输入不予公告的理由').isVisible())
      .toBe(true);
    await dialog(director).getByLabel('不予公告的理由', { exact: true }).fill('涉及个人隐私');
    expect(await axeViolations(director)).toEqual([]);
    await dialog(director).getByRole('button', { name: '不予公告' }).click();
    await expect.poll(() => toast(director, '已决定不予公告').isVisible()).toBe(true);

    // Decided meanwhile: the admin's 公告 is refused with the server's words, the list reloads and
    // the dialog closes (there is nothing left to decide).
    await stale.click();
    await dialog(admin).getByRole('button', { name: '确认公告' }).click();
    await expect.poll(() => toast(admin, /该记录刚被他人修改过|不能再操作/).isVisible()).toBe(true);
    const list = admin.locator('#main-content');
    await expect
      .poll(() => list.getByRole('row', { name: new RegExp(toWithhold) }).count())
      .toBe(0);
    await expect.poll(() => dialog(admin).count()).toBe(0);
    await admin.context().close();

    await showStatus(director, '不予公告');
    const withheld = row(director, toWithhold);
    await expect
      .poll(() => withheld.getByText('理由：涉及个人隐私', { exact: true }).isVisible())
      .toBe(true);
    expect(await withheld.getByText('周敏 决定不予公告').isVisible()).toBe(true);
    // Decided: no more actions on it.
    expect(await withheld.getByRole('button').count()).toBe(0);

    // 全部: the decided with what was decided, the pending with their actions.
    await showStatus(director, '全部');
    await expect.poll(() => row(director, toPublish).isVisible()).toBe(true);
    expect(await row(director, toWithhold).getByText('不予公告', { exact: true }).isVisible()).toBe(
      true,
    );
    expect(await axeViolations(director)).toEqual([]);
    await shot(director, '65-console-announcements');
  });

  it('puts the published one on the public board, masked, and not the withheld one', async () => {
    const board = (await (
      await fetch(`${baseUrl}/api/public/centers/qingshi/announcements`)
    ).json()) as { items: { receiptNo: string; applicantShown: string; resultLine: string }[] };
    const mine = board.items.find((a) => a.receiptNo === toPublish);
    expect(mine).toMatchObject({ applicantShown: '张**', resultLine: shortened });
    expect(board.items.some((a) => a.receiptNo === toWithhold)).toBe(false);

    const phone = await newPhonePage(browser);
    await phone.goto(`${baseUrl}/announcements?c=qingshi`);
    const card = phone.locator('.board-card', { hasText: toPublish });
    await expect.poll(() => card.getByText('张**', { exact: true }).isVisible()).toBe(true);
    expect(await card.getByText(shortened, { exact: true }).isVisible()).toBe(true);
    expect(await phone.getByText(toWithhold).count()).toBe(0);
    expect(await phone.getByText('张桂兰').count()).toBe(0);
    await phone.context().close();
  });

  it('gives the director’s board its card of late announcements', async () => {
    await director.goto(`${baseUrl}/staff/board`);
    const card = director.getByRole('region', { name: /逾期公告/ });
    await expect.poll(() => card.isVisible()).toBe(true);
    await expect.poll(() => card.getByText(/^共 \d+ 件$/).isVisible()).toBe(true);
    await shot(director, '65-console-board-announcements');
  });

  it('lets the center admin set the publication period (1–90 days)', async () => {
    const admin = await newPage(browser);
    await login(admin, 'admin');
    await admin.goto(`${baseUrl}/staff/announcements`);
    // Under the list, for the center admin only.
    await expect
      .poll(() => admin.getByRole('heading', { name: '公告设置', level: 2 }).isVisible())
      .toBe(true);
    const days = admin.getByLabel('公告期（天）', { exact: true });
    await expect.poll(() => days.inputValue()).toBe('7');
    expect(await axeViolations(admin)).toEqual([]);
    await shot(admin, '65-console-announcements-settings');
    await days.fill('10');
    await admin.getByRole('button', { name: '保存公告设置' }).click();
    await expect.poll(() => toast(admin, '公告设置已保存').isVisible()).toBe(true);
    // Back to the rule's 7 days, for the flows after this one.
    await expect.poll(() => days.inputValue()).toBe('10');
    await days.fill('7');
    await admin.getByRole('button', { name: '保存公告设置' }).click();
    await expect.poll(() => toast(admin, '公告设置已保存').count()).toBeGreaterThan(0);
    await admin.reload();
    await expect.poll(() => days.inputValue()).toBe('7');
    await admin.context().close();
  });
});
