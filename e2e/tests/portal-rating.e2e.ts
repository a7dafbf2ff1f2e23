import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ClockedServer } from '../clocked-server.ts';
import { choose, DEMO_PASSWORD, dialog, launch, newPage, newPhonePage, shot } from '../browser.ts';
import { accessibleInBothModes, latestSmsCode } from '../portal.ts';

const available = inject('browserAvailable');

/**
 * The whole chain of 好差评, on a server of its own whose clock is set at each start
 * (BIANMIN_CLOCK) on the same data folder, so days can pass: 1 June 2026 (Monday) the citizen
 * books Wednesday 3 June online; 2 June the reminder is queued; 3 June the clerk turns the booking
 * into a case and completes it, the director publishes the announcement, the citizen rates it
 * 不满意; the director assigns the follow-up, the clerk calls back and replies; the citizen reads
 * the answer.
 */
interface Message {
  id: number;
  template: string;
  recipientMasked: string;
  text: string;
}

describe.skipIf(!available)('好差评, the whole chain, on a phone', () => {
  const server = new ClockedServer('rating');
  const base = server.baseUrl;
  let browser: Browser;
  const mobile = `137${String(Date.now()).slice(-8)}`;
  let receipt = { id: 0, receiptNo: '', queryCode: '' };

  /** A staff member's page, signed in afresh (a moved clock ends the sessions). */
  async function staffPage(username: string) {
    const page = await newPage(browser);
    page.setDefaultTimeout(20_000);
    // The login page of this test's own server (browser.ts's login goes to the shared one).
    await page.goto(`${base}/staff/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/staff/login'));
    return page;
  }
  const messages = async (staff: Page) =>
    (
      (await (await staff.request.get(`${base}/api/outbox?pageSize=100`)).json()) as {
        items: Message[];
      }
    ).items.filter((m) => m.recipientMasked.endsWith(mobile.slice(-4)));

  beforeAll(async () => {
    browser = await launch();
    await server.start('2026-06-01T10:00:00+08:00');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('1 June: the citizen books 最低生活保障 for Wednesday online', async () => {
    const phone = await newPhonePage(browser);
    const staff = await staffPage('director');
    await phone.goto(`${base}/book?c=qingshi`);
    await phone.getByRole('link', { name: /最低生活保障/ }).click();
    const wednesday = phone.locator('ul.days button:not([disabled])', { hasText: '6月3日' });
    await expect.poll(() => wednesday.isVisible()).toBe(true);
    await wednesday.click();
    await phone.locator('ul.slots button:not([disabled])').first().click();
    await phone.getByLabel('姓名', { exact: true }).fill('张桂兰');
    await phone.getByLabel('手机号', { exact: true }).fill(mobile);
    await phone.getByRole('button', { name: '获取验证码' }).click();
    const code = await latestSmsCode(staff, base, mobile);
    await phone.getByLabel('短信验证码', { exact: true }).fill(code);
    await phone.getByRole('button', { name: '提交预约' }).click();
    await expect
      .poll(() => phone.getByRole('heading', { level: 1, name: '预约成功' }).isVisible())
      .toBe(true);
    expect((await messages(staff)).map((m) => m.template)).toContain('booking_confirmed');
    await phone.context().close();
    await staff.context().close();
  });

  it('2 June: the reminder is in the outbox', async () => {
    await server.stop();
    await server.start('2026-06-02T10:00:00+08:00');
    const staff = await staffPage('director');
    await expect
      .poll(async () => (await messages(staff)).map((m) => m.template), { timeout: 20_000 })
      .toContain('booking_reminder');
    await staff.context().close();
  });

  it('3 June: the clerk turns the booking into a case and completes it; the director publishes it', async () => {
    await server.stop();
    await server.start('2026-06-03T08:35:00+08:00');
    const clerk = await staffPage('clerk');
    const bookings = (await (
      await clerk.request.get(`${base}/api/bookings?date=2026-06-03&q=${mobile}`)
    ).json()) as { items: { id: number; itemId: number }[] };
    const booking = bookings.items[0]!;
    const items = (await (await clerk.request.get(`${base}/api/service-items`)).json()) as {
      id: number;
      code: string;
    }[];
    const made = await clerk.request.post(`${base}/api/cases`, {
      data: {
        itemId: items.find((i) => i.code === 'MZ-001')!.id,
        channel: 'window',
        applicant: { type: 'person', name: '张桂兰', phone: mobile },
        bookingId: booking.id,
        then: { action: 'accept', kind: 'promised' },
      },
    });
    expect(made.status(), await made.text()).toBe(201);
    const c = (await made.json()) as {
      id: number;
      version: number;
      receiptNo: string;
      queryCode: string;
    };
    receipt = c;
    const done = await clerk.request.post(`${base}/api/cases/${c.id}/complete`, {
      data: { version: c.version, result: '准予最低生活保障，自2026年7月起按月发放' },
    });
    expect(done.status(), await done.text()).toBe(200);
    await clerk.context().close();

    const director = await staffPage('director');
    const pending = (await (
      await director.request.get(`${base}/api/announcements?status=pending&pageSize=100`)
    ).json()) as { items: { id: number; caseId: number; version: number }[] };
    const mine = pending.items.find((a) => a.caseId === c.id)!;
    const published = await director.request.post(`${base}/api/announcements/${mine.id}/publish`, {
      data: { version: mine.version },
    });
    expect(published.status()).toBe(200);
    // The invitation to rate went to the applicant with the completion.
    const invite = (await messages(director)).find((m) => m.template === 'rating_invite');
    expect(invite?.text).toContain('欢迎对我们的服务作出评价');
    await director.context().close();

    const phone = await newPhonePage(browser);
    await phone.goto(`${base}/announcements?c=qingshi`);
    await expect.poll(() => phone.getByText('准予最低生活保障').first().isVisible()).toBe(true);
    expect(await phone.locator('main').textContent()).toContain('张**');
    await phone.context().close();
  });

  it('the citizen rates it 不满意 on the query page, with reasons', async () => {
    const phone = await newPhonePage(browser);
    await phone.goto(`${base}/query?receiptNo=${receipt.receiptNo}&queryCode=${receipt.queryCode}`);
    const form = phone.getByRole('form', { name: '服务评价' });
    await expect.poll(() => form.isVisible()).toBe(true);
    await accessibleInBothModes(phone);
    // A 差评 without a reason is stopped next to the boxes.
    await form.getByRole('radio', { name: '不满意', exact: true }).check();
    await form.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => phone.getByText('请至少勾选一项不满意的原因').isVisible()).toBe(true);
    await form.getByRole('checkbox', { name: '未一次性告知' }).check();
    await form.getByRole('checkbox', { name: '多次跑腿' }).check();
    await form.getByLabel(/还想说的话/).fill('第一次来没说要户口本，又跑了一趟');
    await form.locator('fieldset.levels').scrollIntoViewIfNeeded();
    await shot(phone, 'portal-rating');
    await accessibleInBothModes(phone);
    await form.getByRole('button', { name: '提交评价' }).click();
    const given = phone.getByRole('region', { name: '您的评价' });
    await expect.poll(() => given.isVisible()).toBe(true);
    const text = (await given.textContent())!;
    for (const words of ['谢谢您的评价', '不满意', '多次跑腿、未一次性告知', '已转中心主任'])
      expect(text).toContain(words);
    // Called back by the next working day; rectified within 15, the Dragon Boat Festival (19 June) not counted.
    expect(text).toContain('回访期限2026年6月4日');
    expect(text).toContain('整改答复期限2026年6月25日');
    // The SMS link opens the same case, already rated: no second rating.
    const director = await staffPage('director');
    const invite = (await messages(director)).find((m) => m.template === 'rating_invite')!;
    const link = /(http\S+\/rate\/[A-Za-z0-9_-]{43})/.exec(invite.text)![1]!;
    await director.context().close();
    await phone.goto(link);
    await expect
      .poll(() => phone.getByRole('heading', { name: '您的评价' }).isVisible())
      .toBe(true);
    expect(await phone.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    await accessibleInBothModes(phone);
    await phone.context().close();
  });

  it('the director assigns the follow-up; the clerk calls back and replies', async () => {
    const director = await staffPage('director');
    await director.goto(`${base}/staff/ratings`);
    await director.locator('.ant-segmented-item', { hasText: '回访整改未办结' }).click();
    const assign = director.getByRole('button', {
      name: `指派 受理编号 ${receipt.receiptNo.replace(/^(\d{3})(\d{8})(\d{4})$/, '$1-$2-$3')}`,
    });
    await expect.poll(() => assign.isVisible()).toBe(true);
    await assign.click();
    await choose(director, '责任人', '李娜');
    await dialog(director)
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect.poll(() => director.getByText('责任人 李娜').first().isVisible()).toBe(true);
    await expect.poll(() => dialog(director).count()).toBe(0);
    await shot(director, 'console-ratings');
    await director.context().close();

    const clerk = await staffPage('clerk');
    await clerk.goto(`${base}/staff/ratings`);
    const shown = receipt.receiptNo.replace(/^(\d{3})(\d{8})(\d{4})$/, '$1-$2-$3');
    const contact = clerk.getByRole('button', { name: `记录回访 受理编号 ${shown}` }).first();
    await expect.poll(() => contact.isVisible()).toBe(true);
    await contact.click();
    await dialog(clerk)
      .getByLabel('回访情况')
      .fill('已电话联系申请人，说明户口本为必备材料，并致歉');
    await dialog(clerk)
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect.poll(() => clerk.getByText('已记录回访').first().isVisible()).toBe(true);
    await expect.poll(() => dialog(clerk).count()).toBe(0);
    const reply = clerk.getByRole('button', { name: `整改答复 受理编号 ${shown}` }).first();
    await expect.poll(() => reply.isVisible()).toBe(true);
    await reply.click();
    await dialog(clerk)
      .getByLabel('整改情况')
      .fill('已在窗口张贴最低生活保障材料清单，并对经办人进行提醒谈话');
    await dialog(clerk)
      .getByLabel('给评价人的答复')
      .fill('您反映的问题属实，已整改。今后将一次性告知所需材料，给您添麻烦了。');
    await dialog(clerk)
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect.poll(() => clerk.getByText('已答复评价人').first().isVisible()).toBe(true);
    await clerk.context().close();
  });

  it('the citizen sees the answer on the query page, and was told by SMS', async () => {
    const director = await staffPage('director');
    expect((await messages(director)).map((m) => m.template)).toContain('rating_answered');
    await director.context().close();
    const phone = await newPhonePage(browser);
    await phone.goto(`${base}/query?receiptNo=${receipt.receiptNo}&queryCode=${receipt.queryCode}`);
    const given = phone.getByRole('region', { name: '您的评价' });
    await expect.poll(() => given.isVisible()).toBe(true);
    const text = (await given.textContent())!;
    for (const words of [
      '已整改，并给您答复',
      '给您的答复',
      '您反映的问题属实，已整改',
      '整改情况',
      '回访日期',
    ])
      expect(text).toContain(words);
    await given.scrollIntoViewIfNeeded();
    await shot(phone, 'portal-rating-answered');
    await accessibleInBothModes(phone);
    await phone.context().close();
  });
});
