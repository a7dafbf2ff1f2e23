import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, chooseTags, dialog, launch, login, newPage, shot } from '../browser.ts';
import { serverToday } from '../demo.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

/** Screenshots to look at by hand, beside the test artifacts. */
const SHOTS = '/tmp/shots';

async function picture(page: Page, name: string) {
  await shot(page, `attendance-${name}`);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/attendance-${name}.png`, fullPage: true });
}

/** Beijing wall-clock parts of an instant. */
function beijing(ms: number) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    text: `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

const toast = (page: Page, text: string | RegExp) =>
  page.locator('.ant-message-notice', { hasText: text }).first();
const rowWith = (page: Page, text: string | RegExp) =>
  page.getByRole('row', { name: text }).first();

async function pickTime(page: Page, label: string, text: string) {
  const input = dialog(page).getByLabel(label, { exact: true });
  await input.click();
  await input.fill(text);
  await input.press('Enter');
}

describe.skipIf(!available)('attendance, leave and duty in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a clerk signs in and asks to go out; her supervising leader approves; 在岗情况 shows her away', async () => {
    const clerk = await newPage(browser);
    await login(clerk, 'clerk');
    await clerk
      .getByRole('navigation', { name: '主菜单' })
      .getByRole('link', { name: '考勤打卡' })
      .click();
    await expect
      .poll(() => clerk.getByRole('heading', { name: '考勤打卡', level: 1 }).isVisible())
      .toBe(true);
    const signIn = clerk.getByRole('button', { name: /签\s*到/ });
    await expect.poll(() => signIn.isEnabled()).toBe(true);
    await signIn.click();
    await expect.poll(() => toast(clerk, '签到成功').isVisible()).toBe(true);
    await expect.poll(() => signIn.isDisabled()).toBe(true);
    expect(await clerk.getByRole('button', { name: /签\s*退/ }).isEnabled()).toBe(true);
    // The month's table shows the demo's days, with statuses a clerk reads at a glance.
    await expect.poll(() => clerk.getByText('本月合计').isVisible()).toBe(true);
    expect(await clerk.getByRole('cell', { name: '正常' }).count()).toBeGreaterThan(0);
    expect(await axeViolations(clerk)).toEqual([]);
    await picture(clerk, 'clock');

    // An outing must lie within one day's business hours (08:30–17:30 in winter); out of hours the
    // test asks for a leave on official business instead, which shows as 请假 on the same page.
    const now = Date.now();
    const start = Math.floor(now / 300_000) * 300_000 - 300_000;
    const nowParts = beijing(now);
    const outing = nowParts.minutes >= 8 * 60 + 40 && nowParts.minutes < 16 * 60 + 20;
    const end = start + (outing ? 60 : 120) * 60_000;
    await clerk
      .getByRole('navigation', { name: '主菜单' })
      .getByRole('link', { name: '请假外出' })
      .click();
    await clerk.getByRole('button', { name: '申请请假外出' }).click();
    await expect.poll(() => dialog(clerk).getByText('中途外出').isVisible()).toBe(true);
    if (!outing) await dialog(clerk).getByText('因公请假', { exact: true }).click();
    await pickTime(clerk, '开始时间', beijing(start).text);
    await pickTime(clerk, '结束时间', beijing(end).text);
    await dialog(clerk).getByLabel('事由', { exact: true }).fill('到县民政局报送低保材料');
    // The pickers' panels have faded out before the page is checked.
    await expect
      .poll(() => clerk.locator('.ant-picker-dropdown:visible, .ant-slide-up-leave').count())
      .toBe(0);
    expect(await axeViolations(clerk)).toEqual([]);
    await picture(clerk, 'leave-form');
    await dialog(clerk).getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => toast(clerk, '申请已提交，等待分管领导审批').isVisible()).toBe(true);
    await expect.poll(() => rowWith(clerk, /到县民政局报送低保材料/).isVisible()).toBe(true);
    expect(
      await rowWith(clerk, /到县民政局报送低保材料/)
        .getByText('待审批')
        .isVisible(),
    ).toBe(true);

    const leader = await newPage(browser);
    await login(leader, 'leader');
    await leader.goto(`${baseUrl}/staff/attendance/leave`);
    await leader.getByRole('tab', { name: /待我审批/ }).click();
    const row = rowWith(leader, /李娜.*到县民政局报送低保材料/);
    await expect.poll(() => row.isVisible()).toBe(true);
    // 陈刚's leave from the demo waits too.
    expect(await rowWith(leader, /陈刚/).isVisible()).toBe(true);
    expect(await axeViolations(leader)).toEqual([]);
    await picture(leader, 'to-approve');
    await row.getByRole('button', { name: '同意', exact: true }).click();
    await dialog(leader).getByLabel('意见', { exact: true }).fill('同意，尽快返回');
    await dialog(leader).getByRole('button', { name: '同意', exact: true }).click();
    await expect.poll(() => toast(leader, '已同意').isVisible()).toBe(true);
    await expect.poll(() => row.getByText('已同意').isVisible()).toBe(true);

    await leader
      .getByRole('navigation', { name: '主菜单' })
      .getByRole('link', { name: '在岗情况' })
      .click();
    const li = rowWith(leader, /李娜/);
    await expect.poll(() => li.isVisible()).toBe(true);
    await expect
      .poll(() => li.getByText(outing ? '外出' : '因公请假', { exact: true }).isVisible())
      .toBe(true);
    await expect
      .poll(() =>
        rowWith(leader, /W002\s*陈刚/)
          .getByText('未签到')
          .isVisible(),
      )
      .toBe(true);
    expect(await axeViolations(leader)).toEqual([]);
    await picture(leader, 'at-post');

    // The leader opens her month from here.
    await li.getByRole('button', { name: '考勤' }).click();
    await expect.poll(() => dialog(leader).getByText('李娜 的考勤').isVisible()).toBe(true);
    await expect.poll(() => dialog(leader).getByText('本月合计').isVisible()).toBe(true);
    expect(await axeViolations(leader)).toEqual([]);
    await picture(leader, 'person-month');
  });

  it('the center office assigns the duty officers of a date; weekends and holidays are marked', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await page
      .getByRole('navigation', { name: '主菜单' })
      .getByRole('link', { name: '值班表' })
      .click();
    await expect
      .poll(() => page.getByRole('heading', { name: '值班表', level: 1 }).isVisible())
      .toBe(true);
    await expect
      .poll(() => page.getByRole('cell', { name: '周末' }).first().isVisible())
      .toBe(true);
    const today = await serverToday();
    await page.getByRole('button', { name: `安排 ${today}` }).click();
    await chooseTags(page, '值班人员', ['王芳', '李娜']);
    await dialog(page).getByLabel('备注', { exact: true }).fill('e2e 值班');
    expect(await axeViolations(page)).toEqual([]);
    await dialog(page).getByRole('button', { name: '保存' }).click();
    await expect.poll(() => toast(page, '值班安排已保存').isVisible()).toBe(true);
    const row = rowWith(page, new RegExp(today));
    await expect.poll(() => row.getByText('王芳、李娜').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await picture(page, 'duty');

    // Everyone reads it; only the office arranges it.
    const clerk = await newPage(browser);
    await login(clerk, 'clerk');
    await clerk.goto(`${baseUrl}/staff/attendance/duty`);
    await expect
      .poll(() => rowWith(clerk, new RegExp(today)).getByText('王芳、李娜').isVisible())
      .toBe(true);
    expect(await clerk.getByRole('button', { name: /^安排/ }).count()).toBe(0);
  });
});
