import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ClockedServer } from '../clocked-server.ts';
import { axeViolations, DEMO_PASSWORD, launch, newPage, shot } from '../browser.ts';

const available = inject('browserAvailable');

/**
 * Supervision that reaches people (issue 11), on a server of its own whose clock is set at each
 * start (BIANMIN_CLOCK) on one data folder, so working days can pass. Monday 1 June 2026: 李娜
 * accepts a 临时救助 case (5 working days) for an applicant with a mobile. Monday 8 June: the
 * demo's late case is red and hers has turned yellow; the warning sweep told her. She sees the red
 * one from her bell (申请延期 disabled, with the reason), asks for an extension of the yellow one;
 * the director approves it in his inbox and urges the red one from the board; the applicant's SMS
 * is in 短信记录; she completes the case, and June shows in the board's trend and in the county's
 * comparison of centers.
 */
const MOBILE = '13712345608';
const shown = (receiptNo: string) => receiptNo.replace(/^(\d{3})(\d{8})(\d{4})$/, '$1-$2-$3');
const toast = (page: Page, text: string | RegExp) =>
  page.locator('.ant-message-notice', { hasText: text }).first();
const bell = (page: Page) => page.getByRole('button', { name: /^待办与提醒，/ });

describe.skipIf(!available)('supervision: warnings, an extension request, 催办, the month', () => {
  const server = new ClockedServer('supervision');
  const base = server.baseUrl;
  let browser: Browser;
  let made = { id: 0, version: 0, receiptNo: '' };

  /** A staff member's page on this test's own server, signed in afresh. */
  async function staffPage(username: string) {
    const page = await newPage(browser);
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/staff/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/staff/login'));
    return page;
  }
  const unreadOf = async (page: Page) =>
    ((await (await page.request.get(`${base}/api/inbox/count`)).json()) as { unread: number })
      .unread;

  beforeAll(async () => {
    browser = await launch();
    await server.start('2026-06-01T09:30:00+08:00');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('Monday 1 June: 李娜 accepts a 临时救助 case for an applicant with a mobile', async () => {
    const clerk = await staffPage('clerk');
    const items = (await (await clerk.request.get(`${base}/api/service-items`)).json()) as {
      id: number;
      code: string;
    }[];
    const res = await clerk.request.post(`${base}/api/cases`, {
      data: {
        itemId: items.find((i) => i.code === 'MZ-002')!.id,
        channel: 'window',
        applicant: { type: 'person', name: '王秀兰', phone: MOBILE },
        then: { action: 'accept', kind: 'promised' },
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    made = (await res.json()) as typeof made;
    // 5 working days: Monday 8 June, closing time.
    expect((await res.json()) as { deadlineAt: string }).toMatchObject({
      deadlineAt: '2026-06-08T10:00:00.000Z',
    });
    await clerk.context().close();
  });

  // A restart and the first warning sweep take a while on a busy machine: a longer time limit.
  it('Monday 8 June: her red case is in her bell; there the extension is refused with the reason', async () => {
    await server.stop();
    await server.start('2026-06-08T09:00:00+08:00');
    const clerk = await staffPage('clerk');
    // The sweep runs at start: her red and yellow cases are told.
    await expect
      .poll(
        async () => {
          const res = await clerk.request.get(`${base}/api/inbox?pageSize=50`);
          const body = (await res.json()) as { items: { kind: string; link: string }[] };
          return body.items.some(
            (i) => i.kind === 'case_yellow' && i.link === `/staff/cases/${made.id}`,
          );
        },
        { timeout: 70_000, interval: 1000 },
      )
      .toBe(true);
    await clerk.reload();
    const n = await unreadOf(clerk);
    await expect.poll(() => bell(clerk).getAttribute('aria-label')).toBe(`待办与提醒，${n} 条未读`);
    await bell(clerk).click();
    const panel = clerk.locator('.inbox-bell-panel');
    await panel.waitFor({ state: 'visible' });
    const red = panel.locator('.inbox-bell-item', { hasText: '办件已超期' }).first();
    await red.waitFor({ state: 'visible' });
    await shot(clerk, 'supervision-bell');
    await red.click();
    await clerk.waitForURL(/\/staff\/cases\/\d+$/);
    // Past the deadline: the button is there, disabled, with the reason beside it.
    const ask = clerk.getByRole('button', { name: '申请延期' });
    await ask.waitFor({ state: 'visible' });
    expect(await ask.isDisabled()).toBe(true);
    await clerk.getByText('已超过办理期限，不能申请延期').waitFor();
    await shot(clerk, 'supervision-red-case');
    expect(await axeViolations(clerk)).toEqual([]);
    await clerk.context().close();
  }, 300_000);

  it('her yellow case: she asks for 3 more working days, seeing the new deadline first', async () => {
    const clerk = await staffPage('clerk');
    await bell(clerk).click();
    const panel = clerk.locator('.inbox-bell-panel');
    await panel
      .locator('.inbox-bell-item', { hasText: shown(made.receiptNo) })
      .filter({ hasText: '办件即将到期' })
      .first()
      .click();
    await clerk.waitForURL(new RegExp(`/staff/cases/${made.id}$`));
    await clerk.getByRole('button', { name: '申请延期' }).click();
    const form = clerk.getByRole('dialog');
    await form.getByText('现在的办结期限').waitFor();
    await form.getByText('2026-06-08 18:00').waitFor();
    await form.getByLabel('延期天数').fill('3');
    // Three working days after Monday 8 June: Thursday 11 June.
    await form.getByText('2026-06-11 18:00').waitFor();
    // Without a reason the form says so on the field.
    await form.getByRole('button', { name: '申请延期' }).click();
    await form.getByText('请输入延期理由').waitFor();
    await form.getByLabel('延期理由').fill('需入户核查家庭经济状况，村委会证明尚未出具');
    await shot(clerk, 'supervision-request');
    expect(await axeViolations(clerk)).toEqual([]);
    await form.getByRole('button', { name: '申请延期' }).click();
    await toast(clerk, '延期申请已提交').waitFor();
    const card = clerk.locator('.ant-card', { hasText: '延期申请' }).filter({ hasText: '待审批' });
    await card.getByText('李娜 于').first().waitFor();
    await card.getByRole('button', { name: '撤回申请' }).waitFor();
    await clerk.context().close();
  });

  it('the director approves it in his inbox; the case and its deadline follow', async () => {
    const director = await staffPage('director');
    // His list of requests (延期审批) has it, waiting, with the deadline now and after.
    await director.goto(`${base}/staff/extensions`);
    const listed = director.locator('tr', { hasText: shown(made.receiptNo) }).first();
    await listed.waitFor({ state: 'visible' });
    expect(await listed.innerText()).toContain('2026-06-08 18:00 → 2026-06-11 18:00');
    await listed.getByRole('button', { name: '审批' }).click();
    await director.getByRole('dialog').getByText('需入户核查家庭经济状况').waitFor();
    await shot(director, 'supervision-extensions-list');
    expect(await axeViolations(director)).toEqual([]);
    await director.keyboard.press('Escape');
    await expect.poll(() => director.getByRole('dialog').count()).toBe(0);
    // He decides in his inbox.
    await expect.poll(() => unreadOf(director)).toBeGreaterThan(0);
    await director.goto(`${base}/staff/inbox`);
    const row = director
      .locator('.inbox-row', { hasText: '延期申请待审批' })
      .filter({ hasText: shown(made.receiptNo) })
      .first();
    await row.waitFor({ state: 'visible' });
    const decision = row.locator('.extension-decision');
    await decision.getByText('需入户核查家庭经济状况').waitFor();
    await decision.getByText('2026-06-08 18:00 → 2026-06-11 18:00').waitFor();
    await shot(director, 'supervision-inbox-decision');
    expect(await axeViolations(director)).toEqual([]);
    await row.getByRole('button', { name: '批准', exact: true }).click();
    await director
      .locator('.ant-popconfirm')
      .getByRole('button', { name: '批准', exact: true })
      .click();
    await toast(director, '已批准延期').waitFor();
    await row.getByText('已批准').first().waitFor();

    await director.goto(`${base}/staff/cases/${made.id}`);
    await director.getByText('2026-06-11 18:00').first().waitFor();
    const trail = director.locator('.ant-card', { hasText: '办理过程' }).last();
    await trail.getByText('批准延期 3 个工作日（李娜申请），办结期限延至 2026年6月11日').waitFor();
    await director.getByText('延期办理通知书').first().waitFor();
    await shot(director, 'supervision-case-extended');
    await director.context().close();
  });

  it('the director urges the red case from the board; 李娜 gets it', async () => {
    const director = await staffPage('director');
    await director.goto(`${base}/staff/board`);
    const overdue = director.locator('section[aria-labelledby="board-overdue"]');
    const first = overdue.locator('tbody tr.ant-table-row').first();
    await first.waitFor({ state: 'visible' });
    expect(await first.innerText()).toContain('未催办');
    await first.getByRole('button', { name: /^催办 / }).click();
    const form = director.getByRole('dialog');
    await form.getByLabel('催办意见（可不填）').fill('申请人来电询问，请今天内答复');
    await form.getByRole('button', { name: '催办' }).click();
    await toast(director, '已催办').waitFor();
    await expect.poll(() => first.innerText()).toContain('1 次');
    // Her extended case has left the yellow list: its deadline moved.
    const soon = director.locator('section[aria-labelledby="board-due-soon"]');
    await soon.waitFor({ state: 'visible' });
    expect(await soon.innerText()).not.toContain(shown(made.receiptNo));
    await shot(director, 'supervision-board');
    expect(await axeViolations(director)).toEqual([]);
    await director.context().close();

    const clerk = await staffPage('clerk');
    await bell(clerk).click();
    const urged = clerk.locator('.inbox-bell-panel .inbox-bell-item', { hasText: '办件催办' });
    await urged.first().waitFor({ state: 'visible' });
    expect(await urged.first().innerText()).toContain('被催办（第 1 次）');
    await clerk.context().close();
  });

  it('the applicant’s text message is in 短信记录', async () => {
    const director = await staffPage('director');
    await director.goto(`${base}/staff/outbox`);
    const row = director.locator('tr', { hasText: '办件延期' }).first();
    await row.waitFor({ state: 'visible' });
    const text = await row.innerText();
    expect(text).toContain(shown(made.receiptNo));
    expect(text).toContain('延长后的办结期限为 2026年6月11日');
    expect(text).toContain(MOBILE.slice(-4));
    await shot(director, 'supervision-sms');
    await director.context().close();
  });

  it('she completes it in time: June shows in the board’s trend and the county’s comparison', async () => {
    const director = await staffPage('director');
    const trendLabel = async () => {
      await director.goto(`${base}/staff/board`);
      const chart = director.locator('.stats-board-trend [aria-label^="近 12 个月按时办结率："]');
      await chart.waitFor({ state: 'visible' });
      return (await chart.getAttribute('aria-label'))!;
    };
    const june = (label: string) => /6月 ([^；（]+)（(\d+) 件）$/.exec(label);
    const before = june(await trendLabel());
    expect(before).not.toBeNull();

    const clerk = await staffPage('clerk');
    const c = (await (await clerk.request.get(`${base}/api/cases/${made.id}`)).json()) as {
      version: number;
    };
    const done = await clerk.request.post(`${base}/api/cases/${made.id}/complete`, {
      data: { version: c.version, result: '临时救助金 1500 元已发放' },
    });
    expect(done.status(), await done.text()).toBe(200);
    await clerk.context().close();

    await expect
      .poll(async () => Number(june(await trendLabel())?.[2]))
      .toBe(Number(before![2]) + 1);
    expect(june(await trendLabel())![1]).toMatch(/%$/);
    await director.locator('.stats-board-trend').scrollIntoViewIfNeeded();
    await shot(director, 'supervision-board-trend');
    await director.context().close();

    const county = await staffPage('county');
    await county.goto(`${base}/staff/stats/county?month=2026-06`);
    const qingshi = county.locator('tr', { hasText: '青石镇便民服务中心' }).first();
    await qingshi.waitFor({ state: 'visible' });
    const chart = county.locator('[aria-label^="各中心按时办结率与办结件数："]');
    await chart.waitFor({ state: 'visible' });
    expect(await chart.getAttribute('aria-label')).toMatch(/青石镇便民服务中心 [1-9]\d* 件/);
    await shot(county, 'supervision-county');
    expect(await axeViolations(county)).toEqual([]);
    await county.context().close();
  });
});
