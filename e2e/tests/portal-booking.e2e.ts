import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, login, newPage, newPhonePage, shot } from '../browser.ts';
import { accessibleInBothModes, latestSmsCode, oneLine } from '../portal.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

/** The demo item booked here: 最低生活保障申请 of 青石镇 takes bookings. */
const ITEM = { code: 'MZ-001', name: '最低生活保障' };

/** The step the booking page is at: its numbered heading. */
const step = (page: Page, name: string) => page.getByRole('heading', { name });

describe.skipIf(!available)('网上预约 on a phone', () => {
  let browser: Browser;
  let phone: Page;
  let staff: Page;
  /** A mobile of this run only (the SMS limits are per number). */
  const mobile = `139${String(Date.now()).slice(-8)}`;
  let bookingCode = '';
  let bookedTime = '';

  beforeAll(async () => {
    browser = await launch();
    phone = await newPhonePage(browser);
    staff = await newPage(browser);
    await login(staff, 'director');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('books an item step by step: item, day, slot, name and mobile, SMS code', async () => {
    await phone.goto(`${baseUrl}/book?c=qingshi`);
    await expect.poll(() => step(phone, '第1步 选择事项').isVisible()).toBe(true);
    expect(await phone.getByRole('heading', { level: 1, name: '网上预约' }).isVisible()).toBe(true);
    await accessibleInBothModes(phone);

    await phone.getByRole('link', { name: new RegExp(ITEM.name) }).click();
    await expect.poll(() => step(phone, '第2步 选择日期').isVisible()).toBe(true);
    expect(new URL(phone.url()).searchParams.get('item')).toBe(ITEM.code);
    // Each day says its weekday; a day with no place left is shown, but cannot be chosen.
    const days = phone.locator('ul.days button');
    await expect.poll(() => days.count()).toBeGreaterThan(0);
    expect(await days.first().textContent()).toMatch(/^\d+月\d+日 周[一二三四五六日]/);
    for (const full of await phone.locator('ul.days button:has-text("约满")').all())
      expect(await full.isDisabled()).toBe(true);
    await accessibleInBothModes(phone);

    const firstDay = phone.locator('ul.days button:not([disabled])').first();
    const dayText = (await firstDay.locator('.choice-main').textContent())!.trim();
    await firstDay.click();
    await expect.poll(() => step(phone, '第3步 选择时段').isVisible()).toBe(true);
    // What is chosen so far stays in view, above the step.
    expect(await phone.locator('.chosen').textContent()).toContain(dayText);
    const slots = phone.locator('ul.slots button');
    expect(await slots.first().textContent()).toMatch(/^\d\d:\d\d–\d\d:\d\d (余\d+|约满)$/);
    await oneLine(phone, 'ul.slots button strong');
    await shot(phone, 'portal-booking');
    await accessibleInBothModes(phone);

    const firstSlot = phone.locator('ul.slots button:not([disabled])').first();
    bookedTime = (await firstSlot.locator('strong').textContent())!;
    await firstSlot.click();
    await expect.poll(() => step(phone, '第4步 填写姓名和手机号').isVisible()).toBe(true);
    await phone.getByLabel('姓名', { exact: true }).fill('张桂兰');
    // The phone's Back button goes back one step, not out of the booking; what was typed stays.
    await phone.goBack();
    await expect.poll(() => step(phone, '第3步 选择时段').isVisible()).toBe(true);
    await phone.locator('ul.slots button:not([disabled])').first().click();
    await expect.poll(() => step(phone, '第4步 填写姓名和手机号').isVisible()).toBe(true);
    expect(await phone.locator('.chosen').textContent()).toContain(bookedTime);
    expect(await phone.getByLabel('姓名', { exact: true }).inputValue()).toBe('张桂兰');

    const mobileBox = phone.getByLabel('手机号', { exact: true });
    expect(await mobileBox.getAttribute('inputmode')).toBe('tel');
    const codeBox = phone.getByLabel('短信验证码', { exact: true });
    expect(await codeBox.getAttribute('inputmode')).toBe('numeric');
    expect(await codeBox.getAttribute('autocomplete')).toBe('one-time-code');

    // Asking for the code without a usable number says so next to the number.
    await phone.getByRole('button', { name: '获取验证码' }).click();
    await expect.poll(() => phone.getByText('请填写手机号').isVisible()).toBe(true);

    await mobileBox.fill(`${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`);
    await phone.getByRole('button', { name: '获取验证码' }).click();
    const again = phone.getByRole('button', { name: /秒后可重新获取/ });
    await expect.poll(() => again.isVisible()).toBe(true);
    expect(await again.isDisabled()).toBe(true);
    expect(await phone.getByText('验证码已发出，请查看手机短信。').isVisible()).toBe(true);
    await accessibleInBothModes(phone);

    const sms = await latestSmsCode(staff, baseUrl, mobile);
    // A wrong code is refused next to the box, with the tries left.
    const wrong = sms === '000000' ? '111111' : '000000';
    await codeBox.fill(wrong);
    await phone.getByRole('button', { name: '提交预约' }).click();
    await expect
      .poll(() => phone.locator('.field .error').first().textContent())
      .toMatch(/还可以再试/);
    expect(await codeBox.getAttribute('aria-invalid')).toBe('true');

    await codeBox.fill(sms);
    await phone.getByRole('button', { name: '提交预约' }).click();
    await expect
      .poll(() => phone.getByRole('heading', { level: 1, name: '预约成功' }).isVisible())
      .toBe(true);
    bookingCode = (await phone.locator('.booking-code strong').textContent())!;
    expect(bookingCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    await oneLine(phone, '.booking-code strong');
    const done = (await phone.locator('main').textContent())!;
    for (const text of [
      ITEM.name,
      dayText.replace(/\s+/, ' '),
      bookedTime,
      '请按时到达，如不能前来请提前取消',
      '需要带的材料',
      '预约信息已用短信发到',
    ])
      expect(done).toContain(text);
    expect(await phone.locator('ol.materials li').count()).toBeGreaterThan(0);
    await shot(phone, 'portal-booked');
    await accessibleInBothModes(phone);
  });

  it('finds the booking again under 我的预约 and moves it to another slot', async () => {
    await phone.goto(`${baseUrl}/`);
    await phone.getByRole('link', { name: /我的预约/ }).click();
    await expect
      .poll(() => phone.getByRole('heading', { level: 1, name: '我的预约' }).isVisible())
      .toBe(true);
    await accessibleInBothModes(phone);
    // Typed as a person might: lower case, without the dash.
    await phone
      .getByLabel('预约码', { exact: true })
      .fill(bookingCode.replace('-', '').toLowerCase());
    await phone.getByLabel('手机号', { exact: true }).fill(mobile);
    await phone.getByRole('button', { name: '查询' }).click();
    await expect
      .poll(() => phone.getByRole('heading', { level: 2, name: '预约信息' }).isVisible())
      .toBe(true);
    expect(await phone.locator('.card').textContent()).toContain('已预约');
    expect(await phone.locator('.card').textContent()).toContain(bookedTime);
    await accessibleInBothModes(phone);

    await phone.getByRole('button', { name: '改期' }).click();
    await expect.poll(() => step(phone, '第1步 选择新的日期').isVisible()).toBe(true);
    await phone.locator('ul.days button:not([disabled])').first().click();
    await expect.poll(() => step(phone, '第2步 选择新的时段').isVisible()).toBe(true);
    await accessibleInBothModes(phone);
    const other = phone.locator('ul.slots button:not([disabled])').first();
    const newTime = (await other.locator('strong').textContent())!;
    await other.click();
    await expect.poll(() => step(phone, '第3步 确认改期').isVisible()).toBe(true);
    await phone.getByRole('button', { name: '确定改期' }).click();
    await expect.poll(() => phone.getByText('已经改好了').isVisible()).toBe(true);
    const card = (await phone.locator('.card').textContent())!;
    expect(card).toContain(newTime);
    expect(card).toContain(bookingCode);
    expect(newTime).not.toBe(bookedTime);
  });

  it('cancels it after asking once more', async () => {
    await phone.getByRole('button', { name: '取消预约' }).click();
    await expect
      .poll(() => phone.getByText('确定要取消这个预约吗？', { exact: false }).isVisible())
      .toBe(true);
    await accessibleInBothModes(phone);
    // Changing one's mind keeps the booking.
    await phone.getByRole('button', { name: '不取消了' }).click();
    expect(await phone.locator('.card').textContent()).toContain('已预约');
    await phone.getByRole('button', { name: '取消预约' }).click();
    await phone.getByRole('button', { name: '确定取消' }).click();
    await expect.poll(() => phone.getByText('预约已取消').isVisible()).toBe(true);
    expect(await phone.locator('.card dd.status-cancelled').textContent()).toBe('已取消');
    expect(await phone.getByRole('button', { name: '改期' }).count()).toBe(0);
    await accessibleInBothModes(phone);
  });

  it('offers 预约办理 on the guide page of an item that takes bookings', async () => {
    await phone.goto(`${baseUrl}/guide/${ITEM.code}`);
    const book = phone.getByRole('link', { name: '预约办理' });
    await expect.poll(() => book.isVisible()).toBe(true);
    await book.click();
    await expect.poll(() => step(phone, '第2步 选择日期').isVisible()).toBe(true);
  });
});
