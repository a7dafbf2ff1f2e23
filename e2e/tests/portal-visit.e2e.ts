import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ARTIFACTS,
  axeViolations,
  chooseTags,
  dialog,
  launch,
  login,
  newPage,
  newPhonePage,
  shot,
} from '../browser.ts';
import { accessibleInBothModes, latestSmsCode } from '../portal.ts';
import { serverToday } from '../demo.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

const tag = Date.now() % 100000;
const name = `赵桂芳${tag}`;
const outcome = `已上门核实身份并现场受理高龄津贴申请（e2e ${tag}）`;

const heading = (page: Page, text: string, level = 1) =>
  page.getByRole('heading', { level, name: text, exact: true });

describe.skipIf(!available)('上门服务: a home-visit request from request to visit record', () => {
  let browser: Browser;
  let phone: Page;
  let staff: Page;
  /** A mobile of this run only (the SMS limits are per number). */
  const mobile = `136${String(Date.now()).slice(-8)}`;
  let code = '';

  beforeAll(async () => {
    browser = await launch();
    phone = await newPhonePage(browser);
    staff = await newPage(browser);
    await login(staff, 'director');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('takes a request online: who it is for, the address, the days from the calendar, the SMS code', async () => {
    await phone.goto(`${baseUrl}/?c=qingshi`);
    await phone.getByRole('link', { name: /^上门服务 / }).click();
    await expect.poll(() => heading(phone, '请工作人员上门').isVisible()).toBe(true);
    expect(new URL(phone.url()).pathname).toBe('/visit');
    const intro = (await phone.locator('.report-intro').textContent())!;
    for (const text of ['老人、残疾人或病人', '招商引资', '发短信告诉您'])
      expect(intro).toContain(text);
    expect(await phone.locator('.report-intro a[href^="tel:"]').count()).toBe(1);
    await accessibleInBothModes(phone);

    // Nothing chosen: each box says what is missing, the first gets the focus.
    await phone.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => phone.getByText('请选择谁需要上门服务').isVisible()).toBe(true);
    expect(await phone.getByText('请至少选一天').isVisible()).toBe(true);
    await accessibleInBothModes(phone);

    await phone.getByRole('radio', { name: '老年人' }).check();
    // What was said about a box goes once it is changed.
    expect(await phone.getByText('请选择谁需要上门服务').count()).toBe(0);
    await phone.getByLabel('姓名', { exact: true }).fill(name);
    await phone.getByLabel('手机号', { exact: true }).fill(mobile);
    await phone.getByRole('button', { name: '获取验证码' }).click();
    const sms = await latestSmsCode(staff, baseUrl, mobile);
    await phone.getByLabel('上门地址', { exact: true }).fill('青石镇东街 12 号 3 单元 201');
    await phone.getByLabel('要办的事（选填）').fill('高龄津贴');
    await phone.getByLabel('为什么需要上门', { exact: true }).fill('老人 86 岁，腿脚不便');
    // The days offered are working days after today; at most three can be ticked.
    const days = phone.locator('.mode-date input[type="checkbox"]');
    expect(await days.count()).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < 3; i++) await days.nth(i).check();
    expect(await days.nth(3).isDisabled()).toBe(true);
    await days.nth(2).uncheck();
    expect(await phone.getByText('已选 2 天').isVisible()).toBe(true);
    // Two days a row, each a large button whose date fits, in both modes (长辈模式 has larger type).
    const dates = phone.locator('.date-grid');
    for (const elder of [false, true]) {
      if (elder) await phone.getByRole('button', { name: /长辈模式/ }).click();
      const boxes = await phone.locator('.mode-date').evaluateAll((els) =>
        els.map((e) => ({
          ...e.getBoundingClientRect().toJSON(),
          fits: e.scrollWidth <= e.clientWidth,
        })),
      );
      expect(new Set(boxes.map((b: { top: number }) => b.top)).size).toBe(
        Math.ceil(boxes.length / 2),
      );
      for (const b of boxes as { height: number; width: number; fits: boolean }[]) {
        expect(b.height).toBeGreaterThanOrEqual(44);
        expect(b.width).toBeGreaterThanOrEqual(44);
        expect(b.fits).toBe(true);
      }
      await dates.screenshot({
        path: resolve(ARTIFACTS, `70b-portal-visit-dates${elder ? '-elder' : ''}.png`),
      });
      if (elder) await phone.getByRole('button', { name: /长辈模式/ }).click();
    }
    await phone.getByLabel('短信验证码', { exact: true }).fill(sms);
    await phone.evaluate(() => window.scrollTo(0, 0));
    await shot(phone, '70-portal-visit');
    await phone.getByRole('button', { name: '提交申请' }).click();

    await expect.poll(() => heading(phone, '已收到您的上门服务申请').isVisible()).toBe(true);
    code = (await phone.locator('.booking-code strong').textContent())!;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$/);
    const done = (await phone.locator('main').textContent())!;
    expect(done).toContain('商定上门的日子');
    await accessibleInBothModes(phone);
    await shot(phone, '71-portal-visit-done');
  });

  it('lets the center schedule it, then record the visit with the case it opened', async () => {
    const today = await serverToday();
    await staff.goto(`${baseUrl}/staff/visits`);
    const row = () => staff.getByRole('row', { name: new RegExp(name) }).first();
    await expect.poll(() => row().isVisible()).toBe(true);
    expect(await row().getByText('待安排', { exact: true }).isVisible()).toBe(true);
    expect(await row().textContent()).toContain(mobile.slice(-4));
    expect(await row().textContent()).not.toContain(mobile);

    // 安排: today (a visit may be any day from today on), 李娜.
    await row()
      .getByRole('button', { name: new RegExp(`^安排 ${name}`) })
      .click();
    await expect.poll(() => dialog(staff).isVisible()).toBe(true);
    const dateBox = dialog(staff).getByLabel('上门日期', { exact: true });
    await dateBox.click();
    await dateBox.fill(today);
    await dateBox.press('Enter');
    await chooseTags(staff, '上门人员（当天在岗）', ['李娜']);
    await dialog(staff).getByRole('button', { name: '保存' }).click();
    await expect.poll(() => row().getByText('已安排', { exact: true }).isVisible()).toBe(true);

    // The window opens a case for it (at the door), and the visit is recorded with it.
    const items = (await (await staff.request.get(`${baseUrl}/api/service-items`)).json()) as {
      id: number;
      code: string;
    }[];
    const made = await staff.request.post(`${baseUrl}/api/cases`, {
      data: {
        itemId: items.find((i) => i.code === 'MZ-004')!.id,
        channel: 'door',
        applicant: { type: 'person', name },
        then: { action: 'accept', kind: 'immediate' },
      },
    });
    expect(made.status(), await made.text()).toBe(201);
    const raw = ((await made.json()) as { receiptNo: string }).receiptNo;
    // As printed on the notice: 001-20260302-0007.
    const receiptNo = `${raw.slice(0, 3)}-${raw.slice(3, 11)}-${raw.slice(11)}`;

    await row()
      .getByRole('button', { name: new RegExp(`^记录上门 ${name}`) })
      .click();
    await expect.poll(() => dialog(staff).isVisible()).toBe(true);
    await dialog(staff).getByLabel('上门结果', { exact: true }).fill(outcome);
    await dialog(staff).getByLabel('关联办件受理编号（可不填）').fill(receiptNo);
    await dialog(staff).getByRole('button', { name: '保存' }).click();
    await expect.poll(() => row().getByText('已上门', { exact: true }).isVisible()).toBe(true);
    await expect
      .poll(() =>
        row()
          .getByRole('link', { name: `打开办件 ${receiptNo}` })
          .isVisible(),
      )
      .toBe(true);
    expect(await row().getByRole('button').count()).toBe(0);
    await dialog(staff).waitFor({ state: 'detached' });
    await staff.locator('.ant-message-notice').last().waitFor({ state: 'detached' });
    await shot(staff, '72-console-visits');
    expect(await axeViolations(staff)).toEqual([]);

    // The citizen follows it with the code and the mobile: 已上门, the outcome, the receipt number.
    await phone.goto(`${baseUrl}/visit/track?code=${code}`);
    await expect.poll(() => heading(phone, '上门服务进度').isVisible()).toBe(true);
    // A wrong mobile gets the same answer as an unknown code.
    await phone.getByLabel('手机号', { exact: true }).fill('13900000000');
    await phone.getByRole('button', { name: '查看进度' }).click();
    await expect
      .poll(() => phone.getByText('没有找到该上门服务申请，请核对查询码和手机号').isVisible())
      .toBe(true);
    await phone.getByLabel('手机号', { exact: true }).fill(mobile);
    await phone.getByRole('button', { name: '查看进度' }).click();
    await expect.poll(() => heading(phone, '办理进度', 2).isVisible()).toBe(true);
    const card = (await phone.locator('section.card').textContent())!;
    expect(card).toContain('已上门');
    expect(card).toContain(outcome);
    expect(card).toContain(receiptNo);
    expect(card).toContain('李*');
    expect(card).not.toContain('李娜');
    await accessibleInBothModes(phone);
    await shot(phone, '73-portal-visit-track');
  });

  it('links the guide’s home-visit items to the request, the phone kept', async () => {
    await phone.goto(`${baseUrl}/guide?c=qingshi`);
    const guide = (await (
      await staff.request.get(`${baseUrl}/api/public/centers/qingshi/guide`)
    ).json()) as { items: { code: string; name: string; homeVisit: boolean }[] };
    const item = guide.items.find((i) => i.homeVisit);
    if (!item) return;
    await phone.goto(`${baseUrl}/guide/${item.code}?c=qingshi`);
    const link = phone.getByRole('link', { name: '在网上申请上门' });
    await expect.poll(() => link.isVisible()).toBe(true);
    expect(await phone.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
    await link.click();
    await expect.poll(() => phone.getByText(`要办的事：${item.name}`).isVisible()).toBe(true);
  });
});
