import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dialog, launch, login, newPage, newPhonePage, shot } from '../browser.ts';
import { accessibleInBothModes, latestSmsCode, oneLine } from '../portal.ts';
import { serverToday } from '../demo.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

const tag = Date.now() % 100000;
const anonymousDetails = `昨天下午在民政窗口办低保，工作人员一直玩手机，让我等了一个多小时（e2e a${tag}）`;
const namedDetails = `社保窗口的工作人员说话很冲，材料没看就让我回去（e2e n${tag}）`;
const replyText = `经中心考核小组核查，当天窗口人员未离岗，您反映的等候时间过长已要求改进。感谢您的监督。（e2e ${tag}）`;

const heading = (page: Page, name: string, level = 1) =>
  page.getByRole('heading', { level, name, exact: true });

describe.skipIf(!available)('投诉举报 on a phone', () => {
  let browser: Browser;
  let phone: Page;
  let staff: Page;
  /** A mobile of this run only (the SMS limits are per number). */
  const mobile = `137${String(Date.now()).slice(-8)}`;
  let trackingCode = '';

  beforeAll(async () => {
    browser = await launch();
    phone = await newPhonePage(browser);
    staff = await newPage(browser);
    await login(staff, 'director');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('takes an anonymous complaint at any hour and gives a tracking code to follow it', async () => {
    // From the home page's entry.
    await phone.goto(`${baseUrl}/?c=qingshi`);
    await phone.getByRole('link', { name: /投诉举报/ }).click();
    await expect.poll(() => heading(phone, '投诉举报').isVisible()).toBe(true);
    expect(new URL(phone.url()).pathname).toBe('/report');
    const head = (await phone.locator('.report-intro').textContent())!;
    for (const text of ['24 小时', '严格保密', '15 个工作日内核查处理'])
      expect(head).toContain(text);
    // The center's phone is one tap away.
    expect(await phone.locator('.report-intro a[href^="tel:"]').count()).toBe(1);
    // 实名 by default, with the name, the mobile and the SMS code.
    expect(await phone.getByRole('radio', { name: '实名' }).isChecked()).toBe(true);
    expect(await phone.getByLabel('手机号', { exact: true }).isVisible()).toBe(true);
    await accessibleInBothModes(phone);

    await phone.getByRole('button', { name: /长辈模式/ }).click();
    await shot(phone, 'portal-report-elder');
    await phone.getByRole('button', { name: /长辈模式/ }).click();

    await phone.getByRole('radio', { name: '匿名' }).check();
    expect(await phone.getByLabel('手机号', { exact: true }).count()).toBe(0);
    expect(await phone.getByLabel('姓名', { exact: true }).count()).toBe(0);
    // Nothing written: said next to the box, which gets the focus.
    await phone.getByRole('button', { name: '提交', exact: true }).click();
    const detailsBox = phone.getByLabel('反映的问题', { exact: true });
    await expect.poll(() => phone.getByText('请写下您要反映的问题').isVisible()).toBe(true);
    expect(await detailsBox.getAttribute('aria-invalid')).toBe('true');
    await accessibleInBothModes(phone);

    await detailsBox.fill(anonymousDetails);
    expect(
      await phone.getByText(`已写 ${anonymousDetails.length} 字，最多 2000 字`).isVisible(),
    ).toBe(true);
    await phone.getByLabel('涉及的窗口或人员（选填）').fill('民政窗口');
    // No day after today by the server's clock.
    const today = await serverToday();
    const dateBox = phone.getByLabel('发生日期（选填）');
    expect(await dateBox.getAttribute('max')).toBe(today);
    await dateBox.fill(today);
    await phone.getByRole('button', { name: '提交', exact: true }).click();

    await expect.poll(() => heading(phone, '已收到您的投诉举报').isVisible()).toBe(true);
    trackingCode = (await phone.locator('.booking-code strong').textContent())!;
    expect(trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$/);
    await oneLine(phone, '.booking-code strong');
    const done = (await phone.locator('main').textContent())!;
    expect(done).toContain('请记下查询码');
    expect(done).toMatch(/受理时间\d{4}年\d+月\d+日 \d\d:\d\d/);
    expect(done).toMatch(/将于 \d+月\d+日前核查处理/);
    expect(done).toContain('匿名投诉举报不发短信');
    expect(done).not.toContain('结果将以短信发送到您的手机');
    await shot(phone, 'portal-report-done');
    await accessibleInBothModes(phone);
    // In 长辈模式 too, the code stays whole on the phone's screen.
    await phone.getByRole('button', { name: /长辈模式/ }).click();
    await oneLine(phone, '.booking-code strong');
    await shot(phone, 'portal-report-done-elder');
    await phone.getByRole('button', { name: /长辈模式/ }).click();

    await phone.getByRole('link', { name: '查看处理结果' }).click();
    await expect.poll(() => heading(phone, '查询结果', 2).isVisible()).toBe(true);
    expect(new URL(phone.url()).searchParams.get('code')).toBe(trackingCode);
    const card = (await phone.locator('.card').textContent())!;
    expect(card).toContain(trackingCode);
    expect(card).toContain('核查中');
    expect(card).toMatch(/将于 \d+月\d+日前处理/);
    expect(card).not.toContain('已超过承诺的处理时间');
    await shot(phone, 'portal-report-track');
    await accessibleInBothModes(phone);
  });

  it('finds a report by its code however it is typed, and says so when there is none', async () => {
    await phone.getByRole('button', { name: '查另一个' }).click();
    const codeBox = phone.getByLabel('查询码', { exact: true });
    await expect.poll(() => codeBox.isVisible()).toBe(true);
    // A code that is no report's: the server's words under the box.
    await codeBox.fill('ABCD-EFGH-JK');
    await phone.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => codeBox.getAttribute('aria-invalid')).toBe('true');
    expect((await phone.locator('.field .error').textContent())!.length).toBeGreaterThan(0);
    await accessibleInBothModes(phone);

    await codeBox.fill(trackingCode.replaceAll('-', ' ').toLowerCase());
    await phone.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => heading(phone, '查询结果', 2).isVisible()).toBe(true);
    expect(await phone.locator('.card').textContent()).toContain('核查中');
  });

  it('says plainly, in red, when the promised time has passed, with the phone to call', async () => {
    // The demo has no late online report: the page is shown the server's answer for one.
    await phone.route('**/api/public/reports/track', (route) =>
      route.fulfill({
        json: {
          trackingCode: 'KQ7M-P9XW-3H',
          centerName: '青石镇便民服务中心',
          centerPhone: '0571-84681230',
          receivedAt: '2026-11-02T01:30:00.000Z',
          stage: 'received',
          decideBy: '2026-11-23',
          overdue: true,
          reply: null,
        },
      }),
    );
    await phone.goto(`${baseUrl}/report/track?code=KQ7M-P9XW-3H`);
    await expect.poll(() => heading(phone, '查询结果', 2).isVisible()).toBe(true);
    const late = phone.locator('.card .notice-bad');
    expect(await late.textContent()).toBe('已超过承诺的处理时间如有疑问请拨打 0571-84681230');
    expect(await late.locator('a').getAttribute('href')).toBe('tel:0571-84681230');
    expect(await phone.locator('.card').textContent()).toContain('将于 11月23日前处理');
    await shot(phone, 'portal-report-overdue');
    await accessibleInBothModes(phone);
    await phone.unroute('**/api/public/reports/track');
  });

  it('takes a named complaint with the mobile confirmed by an SMS code: the result comes by SMS', async () => {
    await phone.goto(`${baseUrl}/report?c=qingshi`);
    await expect.poll(() => heading(phone, '投诉举报').isVisible()).toBe(true);
    await phone.getByLabel('姓名', { exact: true }).fill('王秀英');
    const mobileBox = phone.getByLabel('手机号', { exact: true });
    expect(await mobileBox.getAttribute('inputmode')).toBe('tel');
    await mobileBox.fill(mobile);
    await phone.getByRole('button', { name: '获取验证码' }).click();
    const again = phone.getByRole('button', { name: /秒后可重新获取/ });
    await expect.poll(() => again.isVisible()).toBe(true);
    expect(await again.isDisabled()).toBe(true);
    const codeBox = phone.getByLabel('短信验证码', { exact: true });
    expect(await codeBox.getAttribute('autocomplete')).toBe('one-time-code');
    const sms = await latestSmsCode(staff, baseUrl, mobile);

    // A wrong code is refused under the code box.
    await phone.getByLabel('反映的问题', { exact: true }).fill(namedDetails);
    await codeBox.fill(sms === '000000' ? '111111' : '000000');
    await phone.getByRole('button', { name: '提交', exact: true }).click();
    await expect.poll(() => codeBox.getAttribute('aria-invalid')).toBe('true');

    await codeBox.fill(sms);
    await phone.evaluate(() => window.scrollTo(0, 0));
    await shot(phone, 'portal-report');
    await accessibleInBothModes(phone);
    await phone.getByRole('button', { name: '提交', exact: true }).click();
    await expect.poll(() => heading(phone, '已收到您的投诉举报').isVisible()).toBe(true);
    const done = (await phone.locator('main').textContent())!;
    expect(done).toContain('结果将以短信发送到您的手机');
    expect(await phone.locator('.booking-code strong').textContent()).not.toBe(trackingCode);
  });

  it('shows the reply in full once the group decided and the duty officer recorded it', async () => {
    const toast = (page: Page, text: string) =>
      page.locator('.ant-message-notice', { hasText: text }).first();
    const anonymousRow = (page: Page) =>
      page.getByRole('row', { name: new RegExp(`e2e a${tag}`) }).first();

    // The assessment group checks it: not substantiated (the clerk was at the window).
    const kaohe = await newPage(browser);
    await login(kaohe, 'kaohe');
    await kaohe.goto(`${baseUrl}/staff/reports`);
    await expect.poll(() => anonymousRow(kaohe).isVisible()).toBe(true);
    // The named one is in the list too, its reporter masked.
    expect(
      await kaohe
        .getByRole('row', { name: new RegExp(`e2e n${tag}`) })
        .first()
        .isVisible(),
    ).toBe(true);
    expect(await kaohe.getByText('王秀英').count()).toBe(0);
    await anonymousRow(kaohe)
      .getByRole('button', { name: /核查处理/ })
      .click();
    await expect
      .poll(() => dialog(kaohe).getByLabel('核查经过和理由', { exact: true }).isVisible())
      .toBe(true);
    // (Ant Design's button-style radios: the label is what is pressed.)
    await dialog(kaohe).getByText('不属实', { exact: true }).click();
    await dialog(kaohe)
      .getByLabel('核查经过和理由', { exact: true })
      .fill(`调取窗口监控，工作人员未离岗，当天排队人多（e2e ${tag}）`);
    await dialog(kaohe).getByRole('button', { name: '核查处理' }).click();
    await expect.poll(() => toast(kaohe, '已处理').isVisible()).toBe(true);
    await kaohe.context().close();

    // Decided, not yet answered: the reporter learns that the answer is on its way.
    await phone.goto(`${baseUrl}/report/track?code=${trackingCode}`);
    await expect.poll(() => heading(phone, '查询结果', 2).isVisible()).toBe(true);
    expect(await phone.locator('.card').textContent()).toContain('已处理，答复正在送达');

    // The duty officer records the reply.
    const duty = await newPage(browser);
    await login(duty, 'duty');
    await duty.goto(`${baseUrl}/staff/reports`);
    const decided = anonymousRow(duty);
    await expect
      .poll(() => decided.getByRole('button', { name: /记录答复/ }).isVisible())
      .toBe(true);
    await decided.getByRole('button', { name: /记录答复/ }).click();
    await expect
      .poll(() => dialog(duty).getByLabel('答复内容', { exact: true }).isVisible())
      .toBe(true);
    await dialog(duty).getByLabel('答复内容', { exact: true }).fill(replyText);
    await dialog(duty).getByRole('button', { name: '记录答复' }).click();
    await expect.poll(() => toast(duty, '已记录答复').isVisible()).toBe(true);
    await duty.context().close();

    await phone.reload();
    await expect.poll(() => heading(phone, '查询结果', 2).isVisible()).toBe(true);
    const card = (await phone.locator('.card').textContent())!;
    expect(card).toContain('已答复');
    expect(card).toMatch(/答复日期\d{4}年\d+月\d+日/);
    expect(card).toContain(replyText);
    await shot(phone, 'portal-report-replied');
    await accessibleInBothModes(phone);
  });
});
