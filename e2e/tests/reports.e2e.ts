import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, choose, dialog, launch, login, newPage, shot } from '../browser.ts';
import { serverToday } from '../demo.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

const tag = Date.now() % 100000;
const reporterName = `郑秀兰${tag}`;
const reporterContact = '13766554321';
const details = `晚上来电：下午在民政救助窗口办事，工作人员暗示要“意思意思”才给加快办理（e2e ${tag}）`;
const reason = `调取窗口监控并询问当事人，索要好处属实（e2e ${tag}）`;

const toast = (page: Page, text: string | RegExp) =>
  page.locator('.ant-message-notice', { hasText: text }).first();
const rowWith = (page: Page, text: string | RegExp) =>
  page.getByRole('row', { name: text }).first();

/** A screenshot for the test artifacts and one to look at in /tmp/shots. */
async function snap(page: Page, name: string) {
  await shot(page, name);
  mkdirSync('/tmp/shots', { recursive: true });
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
}

describe.skipIf(!available)('public reports in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the duty officer registers a report at night, the group substantiates it, the reply is recorded, and 李娜 sees the finding without any reporter data', async () => {
    // 1. The duty officer takes the call (24 hours: no business-hours restriction).
    const duty = await newPage(browser);
    await login(duty, 'duty');
    await duty.goto(`${baseUrl}/staff/reports`);
    await expect
      .poll(() => duty.getByRole('heading', { name: '群众举报', level: 1 }).isVisible())
      .toBe(true);
    // The demo's two reports: one answered, one awaiting the group.
    await expect
      .poll(() => duty.getByText('已答复', { exact: true }).first().isVisible())
      .toBe(true);
    await snap(duty, 'reports-list');
    expect(await axeViolations(duty)).toEqual([]);

    await duty.getByRole('button', { name: '登记举报' }).click();
    await expect
      .poll(() => dialog(duty).getByLabel('举报人姓名', { exact: true }).isVisible())
      .toBe(true);
    await dialog(duty).getByLabel('举报人姓名', { exact: true }).fill(reporterName);
    await dialog(duty).getByLabel('举报人联系方式', { exact: true }).fill(reporterContact);
    await dialog(duty).getByLabel('举报内容', { exact: true }).fill(details);
    await choose(duty, '被举报人', '李娜');
    const date = dialog(duty).getByLabel('问题发生日期', { exact: true });
    await date.fill(await serverToday());
    await date.press('Tab');
    await choose(duty, '考核内容', '第七项');
    await snap(duty, 'reports-register');
    expect(await axeViolations(duty)).toEqual([]);
    await dialog(duty).getByRole('button', { name: '登记举报' }).click();
    await expect.poll(() => toast(duty, /已登记第 \d+ 号举报/).isVisible()).toBe(true);
    const row = rowWith(duty, new RegExp(`e2e ${tag}`));
    await expect.poll(() => row.getByText('待核查', { exact: true }).isVisible()).toBe(true);
    // Masked in the list.
    expect(await row.getByText('郑*', { exact: false }).first().isVisible()).toBe(true);
    expect(await duty.getByText(reporterContact).count()).toBe(0);
    expect(await duty.getByText(reporterName).count()).toBe(0);

    // 2. The assessment group substantiates it.
    const kaohe = await newPage(browser);
    await login(kaohe, 'kaohe');
    await kaohe.goto(`${baseUrl}/staff/reports`);
    const pending = rowWith(kaohe, new RegExp(`e2e ${tag}`));
    await expect.poll(() => pending.isVisible()).toBe(true);
    await pending.getByRole('button', { name: /核查处理/ }).click();
    await expect
      .poll(() => dialog(kaohe).getByLabel('核查经过和理由', { exact: true }).isVisible())
      .toBe(true);
    await dialog(kaohe).getByLabel('核查经过和理由', { exact: true }).fill(reason);
    await dialog(kaohe).getByLabel('情节严重，需移送纪检', { exact: true }).check();
    await snap(kaohe, 'reports-decide');
    expect(await axeViolations(kaohe)).toEqual([]);
    await dialog(kaohe).getByRole('button', { name: '核查处理' }).click();
    await expect.poll(() => toast(kaohe, '已处理：属实').isVisible()).toBe(true);
    await expect
      .poll(() =>
        rowWith(kaohe, new RegExp(`e2e ${tag}`))
          .getByText('属实', { exact: true })
          .isVisible(),
      )
      .toBe(true);

    // The serious finding waits in 巡查记录 → 纪检移送; the member refers it to 镇纪委.
    await kaohe.goto(`${baseUrl}/staff/assessment/inspections`);
    await expect
      .poll(() => kaohe.getByRole('heading', { name: '纪检移送', level: 2 }).isVisible())
      .toBe(true);
    const refer = kaohe.getByRole('button', { name: /^移送纪检 李娜/ }).first();
    await expect.poll(() => refer.isVisible()).toBe(true);
    await refer.click();
    await expect
      .poll(() => dialog(kaohe).getByLabel('移送机关', { exact: true }).isVisible())
      .toBe(true);
    await dialog(kaohe).getByRole('button', { name: '移送纪检' }).click();
    await expect.poll(() => toast(kaohe, '已移送纪检').isVisible()).toBe(true);
    await expect
      .poll(() =>
        kaohe
          .getByRole('button', { name: /^记录处理结果 李娜/ })
          .first()
          .isVisible(),
      )
      .toBe(true);
    await snap(kaohe, 'reports-referrals');
    expect(await axeViolations(kaohe)).toEqual([]);

    // 3. The duty officer records the reply; the report is closed.
    await duty.reload();
    const decided = rowWith(duty, new RegExp(`e2e ${tag}`));
    await expect
      .poll(() => decided.getByRole('button', { name: /记录答复/ }).isVisible())
      .toBe(true);
    await decided.getByRole('button', { name: /记录答复/ }).click();
    await expect
      .poll(() => dialog(duty).getByLabel('答复内容', { exact: true }).isVisible())
      .toBe(true);
    await dialog(duty)
      .getByLabel('答复内容', { exact: true })
      .fill('经中心考核小组核查，您反映的问题属实，已按规定处理。感谢您的监督。');
    await snap(duty, 'reports-reply');
    await dialog(duty).getByRole('button', { name: '记录答复' }).click();
    await expect.poll(() => toast(duty, '已记录答复').isVisible()).toBe(true);
    await expect
      .poll(() =>
        rowWith(duty, new RegExp(`e2e ${tag}`))
          .getByText('已答复', { exact: true })
          .isVisible(),
      )
      .toBe(true);
    await snap(duty, 'reports-replied');

    // 4. 李娜 sees the finding in 我的考核, and nothing of the reporter.
    const clerk = await newPage(browser);
    await login(clerk, 'clerk');
    await clerk.goto(`${baseUrl}/staff/my/assessment`);
    await expect
      .poll(() => clerk.getByText(reason, { exact: false }).first().isVisible())
      .toBe(true);
    const text = await clerk.locator('body').innerText();
    expect(text).not.toContain(reporterName);
    expect(text).not.toContain('郑*');
    expect(text).not.toContain(reporterContact);
    expect(text).not.toContain('137****4321');
    expect(text).not.toContain(details);
    await snap(clerk, 'reports-my-assessment');
    // And she has no way into the reports.
    await clerk.goto(`${baseUrl}/staff/reports`);
    await expect
      .poll(() =>
        clerk
          .getByText(/无权访问|没有权限/)
          .first()
          .isVisible(),
      )
      .toBe(true);
  });
});
