import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ARTIFACTS,
  axeViolations,
  dialog,
  launch,
  login,
  newPage,
  pickOption,
} from '../browser.ts';
import { serverToday } from '../demo.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

const toast = (page: Page, text: string | RegExp) =>
  page.locator('.ant-message-notice', { hasText: text }).first();
const row = (page: Page, receiptNo: string) =>
  page.getByRole('row', { name: new RegExp(receiptNo) }).first();
/** The figures line of the center's list (满意率 of the whole month, or of all time). */
const figures = (page: Page) => page.locator('.rating-stats');
const save = (page: Page) =>
  dialog(page)
    .getByRole('button', { name: /保\s*存/ })
    .click();

interface Stats {
  total: number;
  bad: number;
  excluded: number;
  ratePercent: number | null;
}

/** The figures of all the center's ratings, as the server counts them. */
async function allFigures(page: Page): Promise<Stats> {
  const res = await page.request.get(`${baseUrl}/api/ratings?pageSize=1`);
  return ((await res.json()) as { stats: Stats }).stats;
}

/**
 * 好差评 at the window and its contest, at an office monitor: 王芳 enters the paper card of a case 李娜
 * completed (李娜 herself may not), 李娜 contests it as malicious with her reason, and 孙丽华 of the
 * assessment group upholds the contest: the rating leaves the figures and stays listed.
 */
describe.skipIf(!available)('window ratings and contests (好差评) in Chromium', () => {
  let browser: Browser;
  let clerk: Page;
  let duty: Page;
  let kaohe: Page;
  let caseId = 0;
  let receiptNo = '';
  const card = '窗口工作人员态度生硬，材料没收就让回去等通知';
  const contestReason =
    '申请人不符合临时救助条件，经当面说明政策并出具告知书；窗口录像显示全程语气平和，评价与事实不符';
  const decisionReason = '经调阅窗口录像和告知书，经办过程规范，评价与事实不符，认定为恶意评价';

  beforeAll(async () => {
    browser = await launch();
    clerk = await newPage(browser);
    // 李娜, window 01 of 青石镇.
    await login(clerk, 'clerk');
    duty = await newPage(browser);
    // 王芳, the center's office: enters paper cards.
    await login(duty, 'duty');
    kaohe = await newPage(browser);
    // 孙丽华, member of the assessment group.
    await login(kaohe, 'kaohe');

    // 李娜 receives and completes a case today (server time), as at her window.
    const items = (await (await clerk.request.get(`${baseUrl}/api/service-items`)).json()) as {
      id: number;
      code: string;
    }[];
    const made = await clerk.request.post(`${baseUrl}/api/cases`, {
      data: {
        itemId: items.find((i) => i.code === 'MZ-002')!.id,
        channel: 'window',
        applicant: { type: 'person', name: '钱国栋' },
        then: { action: 'accept', kind: 'promised' },
      },
    });
    expect(made.status(), await made.text()).toBe(201);
    const c = (await made.json()) as { id: number; version: number; receiptNo: string };
    const done = await clerk.request.post(`${baseUrl}/api/cases/${c.id}/complete`, {
      data: { version: c.version, result: '经审核，不符合临时救助条件，已书面告知' },
    });
    expect(done.status(), await done.text()).toBe(200);
    caseId = c.id;
    receiptNo = c.receiptNo.replace(/^(\d{3})(\d{8})(\d{4})$/, '$1-$2-$3');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses 李娜 a window rating of the case she handled', async () => {
    await clerk.goto(`${baseUrl}/staff/cases/${caseId}`);
    const rating = clerk.locator('.case-section', {
      has: clerk.getByRole('heading', { name: '群众评价' }),
    });
    await expect.poll(() => rating.getByText('尚未评价').isVisible()).toBe(true);
    await rating.getByRole('button', { name: '录入窗口评价' }).click();
    await pickOption(clerk, '评价等级', '非常满意');
    await save(clerk);
    await expect.poll(() => toast(clerk, '工作人员不能评价自己经办的办件').isVisible()).toBe(true);
    await dialog(clerk)
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await expect.poll(() => dialog(clerk).count()).toBe(0);
    expect(await rating.getByText('尚未评价').isVisible()).toBe(true);
  });

  it('lets 王芳 enter the paper card: a 差评 that opens its follow-up', async () => {
    await duty.goto(`${baseUrl}/staff/cases/${caseId}`);
    const rating = duty.locator('.case-section', {
      has: duty.getByRole('heading', { name: '群众评价' }),
    });
    const enter = rating.getByRole('button', { name: '录入窗口评价' });
    await expect.poll(() => enter.isVisible()).toBe(true);
    await enter.click();
    // A 差评 names its reason.
    await pickOption(duty, '评价等级', '非常不满意');
    await save(duty);
    await expect
      .poll(() => dialog(duty).getByText('请至少勾选一项原因').first().isVisible())
      .toBe(true);
    await pickOption(duty, '原因', '服务态度差');
    await duty.keyboard.press('Escape');
    await dialog(duty).getByLabel('评价内容', { exact: true }).fill(card);
    expect(await axeViolations(duty)).toEqual([]);
    await save(duty);
    await expect.poll(() => toast(duty, '已录入评价').isVisible()).toBe(true);
    await expect.poll(() => dialog(duty).count()).toBe(0);
    await expect.poll(() => rating.getByText('非常不满意', { exact: true }).isVisible()).toBe(true);
    const shown = (await rating.textContent())!;
    for (const words of ['窗口录入（王芳）', '服务态度差', card, '待指派'])
      expect(shown).toContain(words);
    expect(await rating.getByRole('button', { name: '录入窗口评价' }).count()).toBe(0);
  });

  it('lets 李娜 contest it as malicious, with her reason', async () => {
    await clerk.goto(`${baseUrl}/staff/ratings`);
    const mine = clerk.getByRole('heading', { name: '我经办办件的评价' });
    await expect.poll(() => mine.isVisible()).toBe(true);
    // A window clerk reads no center-wide list.
    expect(await clerk.getByRole('region', { name: '本中心评价' }).count()).toBe(0);
    const contest = row(clerk, receiptNo).getByRole('button', {
      name: `提出异议 受理编号 ${receiptNo}`,
    });
    await expect.poll(() => contest.isVisible()).toBe(true);
    await contest.click();
    // The reason is required.
    await save(clerk);
    await expect
      .poll(() =>
        dialog(clerk)
          .getByText(/请.*异议理由/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await dialog(clerk).getByLabel('异议理由', { exact: true }).fill(contestReason);
    expect(await axeViolations(clerk)).toEqual([]);
    await save(clerk);
    await expect.poll(() => toast(clerk, '异议已提交，待考核小组认定').isVisible()).toBe(true);
    await expect.poll(() => dialog(clerk).count()).toBe(0);
    await expect
      .poll(() => row(clerk, receiptNo).getByText('李娜 提出异议，待考核小组认定').isVisible())
      .toBe(true);
    expect(
      await row(clerk, receiptNo)
        .getByRole('button', { name: /^提出异议/ })
        .count(),
    ).toBe(0);
    expect(await axeViolations(clerk)).toEqual([]);
  });

  it('lets the assessment group uphold it: out of the figures, still listed', async () => {
    const before = await allFigures(kaohe);
    await kaohe.goto(`${baseUrl}/staff/ratings`);
    const figureLine = figures(kaohe);
    await expect.poll(() => figureLine.textContent()).toContain('全部评价（不限月份）');
    const all = (await figureLine.textContent())!;
    expect(all).toContain(`计入 ${before.total} 条，其中差评 ${before.bad} 条`);
    // The 差评 tab narrows the list, not the figures: the 满意率 stays that of all ratings.
    await kaohe
      .getByRole('radiogroup', { name: '查看' })
      .getByText('差评', { exact: true })
      .click();
    await expect.poll(() => row(kaohe, receiptNo).isVisible()).toBe(true);
    expect(await figureLine.textContent()).toBe(all);

    await kaohe
      .getByRole('radiogroup', { name: '查看' })
      .getByText('待认定的异议', { exact: true })
      .click();
    const decide = row(kaohe, receiptNo).getByRole('button', {
      name: `认定异议 受理编号 ${receiptNo}`,
    });
    await expect.poll(() => decide.isVisible()).toBe(true);
    expect(await row(kaohe, receiptNo).textContent()).toContain('李娜 提出异议，待考核小组认定');
    expect(await figureLine.textContent()).toBe(all);
    expect(await axeViolations(kaohe)).toEqual([]);
    await decide.click();
    const d = dialog(kaohe);
    await expect.poll(() => d.getByText(contestReason).isVisible()).toBe(true);
    // What the group decides on: whom it rates, how the rating came in, who contests it.
    const about = (await d.textContent())!;
    for (const words of ['被评价人李娜', '窗口录入（王芳）', `“${card}”`, '李娜 于 '])
      expect(about).toContain(words);
    await d.getByRole('radio', { name: /^异议成立/ }).check();
    await d.getByLabel('认定理由', { exact: true }).fill(decisionReason);
    expect(await axeViolations(kaohe)).toEqual([]);
    // The dialog as the group member sees it on her monitor.
    mkdirSync(ARTIFACTS, { recursive: true });
    await kaohe.screenshot({ path: resolve(ARTIFACTS, '78-console-rating-contest.png') });
    await save(kaohe);
    await expect.poll(() => toast(kaohe, '已认定').isVisible()).toBe(true);
    await expect.poll(() => d.count()).toBe(0);
    // No longer waiting for the group.
    await expect.poll(() => row(kaohe, receiptNo).count()).toBe(0);

    // Under 全部评价 it is still listed, marked; the figures no longer count it.
    await kaohe
      .getByRole('radiogroup', { name: '查看' })
      .getByText('全部评价', { exact: true })
      .click();
    const listed = row(kaohe, receiptNo);
    await expect.poll(() => listed.getByText('恶意评价，不计入').isVisible()).toBe(true);
    expect(await listed.textContent()).toContain('异议成立：孙丽华 认定为恶意评价');
    const after = await allFigures(kaohe);
    expect(after).toMatchObject({
      total: before.total - 1,
      bad: before.bad - 1,
      excluded: before.excluded + 1,
    });
    await expect
      .poll(() => figureLine.textContent())
      .toContain(`计入 ${after.total} 条，其中差评 ${after.bad} 条`);
    expect(await figureLine.textContent()).toContain(
      `另有 ${after.excluded} 条经考核小组认定为恶意评价，不计入`,
    );

    // The month of the rating (today, as the server counts it) shows that month's figures.
    const month = (await serverToday()).slice(0, 7);
    const picker = kaohe.getByLabel('评价月份', { exact: true });
    await picker.click();
    await picker.fill(month);
    await picker.press('Enter');
    const label = `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月全部评价`;
    await expect.poll(() => figureLine.textContent()).toContain(label);
    await expect.poll(() => listed.getByText('恶意评价，不计入').isVisible()).toBe(true);
    expect(await axeViolations(kaohe)).toEqual([]);
  });

  it('shows 李娜 the decision on her rating', async () => {
    await clerk.goto(`${baseUrl}/staff/ratings`);
    const mine = row(clerk, receiptNo);
    await expect.poll(() => mine.getByText('恶意评价，不计入').isVisible()).toBe(true);
    expect(await mine.getByRole('button', { name: /^提出异议/ }).count()).toBe(0);
  });
});
