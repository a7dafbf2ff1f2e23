import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolve } from 'node:path';
import {
  ARTIFACTS,
  axeViolations,
  chooseTags,
  dialog,
  launch,
  login,
  newPage,
  shot,
} from '../browser.ts';
import { serverToday } from '../demo.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

/** What this run's call-out is about: its rows are told from the demo's by it. */
const matter = `企业设备进口报关材料急需盖章（e2e ${Date.now() % 100000}）`;

const toast = (page: Page, text: string | RegExp) =>
  page.locator('.ant-message-notice', { hasText: text }).first();
const rowWith = (page: Page, ...texts: (string | RegExp)[]) => {
  let row = page.getByRole('row');
  for (const text of texts) row = row.filter({ hasText: text });
  return row.first();
};

/** A picture of what is on the screen (a dialog over the page), as a test artifact. */
async function view(page: Page, name: string) {
  await page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`) });
}

/** 'YYYY-MM-DD' `days` days before `date`. */
function daysBefore(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/**
 * The most recent weekend day or statutory holiday before the server's today, from the center's
 * calendar as the server has it (a make-up workday is a working day; a year the calendar lacks is
 * passed over), so that the flow works on any date.
 */
async function lastClosedDay(page: Page): Promise<string> {
  const today = await serverToday();
  const years = new Map<number, { holidays: Set<string>; workdays: Set<string> } | null>();
  for (let back = 1; back <= 30; back++) {
    const date = daysBefore(today, back);
    const year = Number(date.slice(0, 4));
    if (!years.has(year)) {
      const res = await page.request.get(`${baseUrl}/api/calendar/${year}`);
      const cal = res.ok()
        ? ((await res.json()) as { holidays: { date: string }[]; workdays: { date: string }[] })
        : null;
      years.set(
        year,
        cal && {
          holidays: new Set(cal.holidays.map((h) => h.date)),
          workdays: new Set(cal.workdays.map((w) => w.date)),
        },
      );
    }
    const cal = years.get(year);
    if (!cal) continue;
    if (cal.holidays.has(date)) return date;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if ((weekday === 0 || weekday === 6) && !cal.workdays.has(date)) return date;
  }
  throw new Error(`no weekend or holiday of a known year in the 30 days before ${today}`);
}

/**
 * Type a date or a date and time into a picker of the open dialog, as a person does: a date is
 * left with Tab, a time confirmed with the panel's 确定 (Enter would also submit the form).
 */
async function pick(page: Page, label: string, text: string) {
  const input = dialog(page).getByLabel(label, { exact: true });
  await input.click();
  await input.fill(text);
  if (text.includes(':'))
    await page.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
  else await input.press('Tab');
  expect(await input.inputValue()).toBe(text);
}

/** The pickers' panels have faded out (before the page is checked or pictured). */
const pickersClosed = (page: Page) =>
  expect
    .poll(() => page.locator('.ant-picker-dropdown:visible, .ant-slide-up-leave').count())
    .toBe(0);

describe.skipIf(!available)('holiday call-outs in Chromium', () => {
  let browser: Browser;
  /** The closed day the call-out is on. */
  let day: string;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the duty officer records who was called out on a closed day and when one of them arrived', async () => {
    const page = await newPage(browser);
    await login(page, 'duty');
    day = await lastClosedDay(page);
    await page
      .getByRole('navigation', { name: '主菜单' })
      .getByRole('link', { name: '节假日召回' })
      .click();
    await expect
      .poll(() => page.getByRole('heading', { name: '节假日召回', level: 1 }).isVisible())
      .toBe(true);
    // The demo's call-out: 徐丹 came in time, 杨帆 never came.
    await expect.poll(() => rowWith(page, '杨帆').isVisible()).toBe(true);
    expect(await rowWith(page, '杨帆').getByText('未到', { exact: true }).isVisible()).toBe(true);
    expect(await rowWith(page, '徐丹').getByText('按时到岗', { exact: true }).isVisible()).toBe(
      true,
    );
    expect(await page.getByText(/通知后 60 分钟内到达为按时/).isVisible()).toBe(true);
    // Who entered it is named as colleagues know them, without the login.
    expect(await rowWith(page, '杨帆').textContent()).not.toContain('duty');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '登记召回' }).click();
    await expect
      .poll(() => dialog(page).getByText('登记节假日召回', { exact: true }).isVisible())
      .toBe(true);
    await pick(page, '召回日期（周末或法定节假日）', day);
    await dialog(page).getByLabel('召回事由', { exact: true }).fill(matter);
    await chooseTags(page, '通知的窗口人员', ['朱勇', '胡婷']);
    await pick(page, '通知时间', `${day} 09:00`);
    await pickersClosed(page);
    expect(await axeViolations(page)).toEqual([]);
    await view(page, '74a-console-callout-form');
    await dialog(page)
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect.poll(() => toast(page, '已登记 2 人的召回').isVisible()).toBe(true);
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);

    // Neither has come: the response time (60 minutes from 09:00) is long over.
    for (const name of ['朱勇', '胡婷'])
      await expect
        .poll(() => rowWith(page, matter, name).getByText('未到', { exact: true }).isVisible())
        .toBe(true);
    expect(await rowWith(page, matter, '朱勇').getByText('应于 10:00 前到达').isVisible()).toBe(
      true,
    );
    expect(await rowWith(page, matter, '朱勇').getByText('王芳').isVisible()).toBe(true);

    // 朱勇 came at 09:45: in time.
    await page.getByRole('button', { name: `记录到达 ${day} 朱勇` }).click();
    await expect.poll(() => dialog(page).getByText(matter).isVisible()).toBe(true);
    await pick(page, '到达时间', `${day} 09:45`);
    await pickersClosed(page);
    expect(await axeViolations(page)).toEqual([]);
    await dialog(page)
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect.poll(() => toast(page, '已记录到达时间').isVisible()).toBe(true);
    await expect
      .poll(() => rowWith(page, matter, '朱勇').getByText('按时到岗', { exact: true }).isVisible())
      .toBe(true);
    expect(await rowWith(page, matter, '朱勇').getByText(`${day} 09:45`).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: `记录到达 ${day} 朱勇` }).count()).toBe(0);
    // 胡婷 never answered.
    expect(await rowWith(page, matter, '胡婷').getByText('未到', { exact: true }).isVisible()).toBe(
      true,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '74-console-callouts');

    // The duty officer does not change the response time (the center office does).
    expect(await page.getByRole('spinbutton', { name: '响应时限' }).count()).toBe(0);
    await page.context().close();
  });

  it('the assessment group sees the unanswered one on 巡查记录 and opens the inspection form filled from it', async () => {
    const page = await newPage(browser);
    await login(page, 'kaohe');
    await page.goto(`${baseUrl}/staff/assessment/inspections`);
    const card = page.locator('.ant-card', { hasText: '节假日召回：未到和迟到' });
    const row = () => rowWith(page, matter, '胡婷');
    await expect.poll(() => row().isVisible()).toBe(true);
    expect(await row().getByText('未到', { exact: true }).isVisible()).toBe(true);
    // The one who came in time is not there; the demo's unanswered one is.
    expect(await card.getByRole('row').filter({ hasText: '朱勇' }).count()).toBe(0);
    expect(await card.getByRole('row').filter({ hasText: '杨帆' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await shot(page, '74b-console-callout-review');

    await row()
      .getByRole('button', { name: /录入巡查发现/ })
      .click();
    const date = dialog(page).getByLabel('巡查日期', { exact: true });
    await expect.poll(() => date.isVisible()).toBe(true);
    expect(await date.inputValue()).toBe(day);
    const description = dialog(page).getByLabel('第 1 条问题的问题描述', { exact: true });
    expect(await description.inputValue()).toContain(matter);
    expect(await description.inputValue()).toContain(`${day}（`);
    expect(await description.inputValue()).toContain('09:00 通知胡婷，应于 10:00 前到达，未到');
    expect(
      await dialog(page)
        .locator('.ant-select', { has: page.getByLabel('第 1 条问题的工作人员', { exact: true }) })
        .textContent(),
    ).toContain('胡婷');
    expect(await axeViolations(page)).toEqual([]);
    await view(page, '74c-console-callout-finding');
    // The group weighs it; nothing is recorded unless it saves (the later files count findings).
    await dialog(page)
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await page.context().close();
  });
});
