import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  axeViolations,
  choose,
  dialog,
  launch,
  login,
  newPage,
  newPhonePage,
  shot,
} from '../browser.ts';
import { serverToday } from '../demo.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

/** axe on the page as it stands: no WCAG 2.1 A/AA violation. */
async function expectAccessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

/** The open dropdown's option with this text (antd renders it outside the form). */
const option = (page: Page, text: string) =>
  page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();

/** What a registration at the workbench produced, read off its success message. */
interface Registered {
  caseId: number;
  receiptNo: string;
  noticeId: number | null;
}

const done = (page: Page) => page.locator('.intake-done');

/** Waits for the success message of a registration and reads the case, receipt and notice. */
async function registered(page: Page): Promise<Registered> {
  await done(page).waitFor({ state: 'visible' });
  const text = (await done(page).textContent()) ?? '';
  const receiptNo = /受理编号 (\d{3}-\d{8}-\d{4})/.exec(text)?.[1];
  if (!receiptNo) throw new Error(`no receipt number in "${text}"`);
  const caseHref = await done(page).locator('a[href^="/staff/cases/"]').getAttribute('href');
  const printLink = done(page).locator('a[href^="/staff/notices/"]');
  const noticeHref = (await printLink.count()) > 0 ? await printLink.getAttribute('href') : null;
  return {
    caseId: Number(/\/cases\/(\d+)/.exec(caseHref ?? '')?.[1]),
    receiptNo,
    noticeId: noticeHref ? Number(/\/notices\/(\d+)/.exec(noticeHref)?.[1]) : null,
  };
}

/** Starts a registration: the item (typed and picked) and the applicant's name. */
async function startIntake(page: Page, item: string | null, name: string) {
  await page.goto(`${baseUrl}/staff/workbench`);
  const picker = page.getByLabel('办理事项', { exact: true });
  await picker.waitFor();
  // The picker has the focus when the page opens: the clerk just types.
  await expect.poll(() => picker.evaluate((el) => el === document.activeElement)).toBe(true);
  if (item) {
    await page.keyboard.type(item);
    await option(page, item).waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    // Picking the item moves the cursor to the name.
    await expect
      .poll(() =>
        page
          .getByLabel('申请人姓名', { exact: true })
          .evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    await page.keyboard.type(name);
  } else {
    await page.getByLabel('申请人姓名', { exact: true }).fill(name);
  }
}

/** The notice on its print page: title and receipt number on the sheet, and its PDF. */
async function checkNotice(page: Page, noticeId: number, title: string, receiptNo: string) {
  const tab = await page.context().newPage();
  await tab.goto(`${baseUrl}/staff/notices/${noticeId}/print`);
  const sheet = tab.locator('.notice-sheet');
  await expect.poll(() => sheet.getByRole('heading', { name: title }).isVisible()).toBe(true);
  await expect.poll(() => sheet.getByText(receiptNo, { exact: true }).isVisible()).toBe(true);
  await expect.poll(() => tab.getByRole('button', { name: '打印' }).isVisible()).toBe(true);
  await expect.poll(() => tab.getByRole('link', { name: '下载PDF' }).isVisible()).toBe(true);
  const pdf = await tab.request.get(`${baseUrl}/api/notices/${noticeId}/pdf`);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
  return tab;
}

/** The case's status tag in the page header. */
const statusTag = (page: Page, label: string) =>
  page.locator('.page-header').getByText(label, { exact: true });

/** Opens an action's form on the case page and submits it with its own button. */
async function act(page: Page, action: string, fill?: () => Promise<void>) {
  await page
    .locator('.case-detail-actions')
    .getByRole('button', { name: action, exact: true })
    .click();
  await expect.poll(() => dialog(page).isVisible()).toBe(true);
  await fill?.();
  await dialog(page).getByRole('button', { name: action, exact: true }).click();
  await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
}

describe.skipIf(!available)('cases at the window in Chromium', () => {
  let browser: Browser;
  let page: Page;
  /** The promised case, for the director and the public page. */
  let promised: Registered;
  let promisedCode = '';

  beforeAll(async () => {
    browser = await launch();
    page = await newPage(browser);
    await login(page, 'clerk');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows an accessible workbench (axe: no WCAG 2.1 AA violation)', async () => {
    await page.goto(`${baseUrl}/staff/workbench`);
    await expect.poll(() => page.getByRole('heading', { name: '接待登记' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('我的在办').first().isVisible()).toBe(true);
    await expectAccessible(page);
  });

  it('accepts an immediate case on the fast path (item, name, Enter) and completes it', async () => {
    await startIntake(page, '高龄津贴申领', '王德福');
    await page.keyboard.press('Enter');
    const c = await registered(page);
    expect(c.noticeId).not.toBeNull();
    // The form is ready for the next visitor, the cursor back on the item picker.
    await expect
      .poll(() =>
        page
          .getByLabel('办理事项', { exact: true })
          .evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    await expect.poll(() => page.getByLabel('申请人姓名', { exact: true }).inputValue()).toBe('');
    const row = page.getByRole('row', { name: new RegExp(c.receiptNo) }).first();
    await expect.poll(() => row.getByText(/剩余 \d+ 分钟/).isVisible()).toBe(true);
    await expect.poll(() => row.getByText('即办件').isVisible()).toBe(true);

    const tab = await checkNotice(page, c.noticeId!, '即办件受理通知书', c.receiptNo);
    await tab.close();

    await page.goto(`${baseUrl}/staff/cases/${c.caseId}`);
    await expect.poll(() => statusTag(page, '办理中').isVisible()).toBe(true);
    await act(page, '办结', async () => {
      await dialog(page)
        .getByLabel('办理结果', { exact: true })
        .fill('已审核，高龄津贴当场登记发放。');
    });
    await expect.poll(() => statusTag(page, '已办结').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('按期办结').isVisible()).toBe(true);
  });

  it('accepts a promised case with its completion date, pauses and resumes it', async () => {
    // By its code: the catalog may hold a look-alike name.
    await startIntake(page, 'MZ-002', '张秀兰');
    await page.getByLabel('联系电话（选填）', { exact: true }).fill('13812345678');
    await page.getByLabel('申请人姓名', { exact: true }).press('Enter');
    promised = await registered(page);
    const row = page.getByRole('row', { name: new RegExp(promised.receiptNo) }).first();
    await expect.poll(() => row.getByText(/剩余 \d+ 个工作日/).isVisible()).toBe(true);
    await expect.poll(() => row.getByText('绿牌').isVisible()).toBe(true);
    await shot(page, '20-workbench');

    const tab = await checkNotice(page, promised.noticeId!, '承诺件通知书', promised.receiptNo);
    promisedCode = (
      (await tab
        .locator('.notice-sheet__row', { hasText: '查询码' })
        .locator('dd')
        .textContent()) ?? ''
    ).trim();
    expect(promisedCode).toMatch(/^\w+$/);
    await tab.close();

    await page.goto(`${baseUrl}/staff/cases/${promised.caseId}`);
    // The completion date, with its time, is on the case.
    const deadline = page.locator('.ant-descriptions-item-content .deadline');
    await expect.poll(() => deadline.isVisible()).toBe(true);
    expect(await deadline.textContent()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect.poll(() => page.getByText('期限 5 个工作日').isVisible()).toBe(true);
    // The phone is masked; 查看 shows it and says the read was recorded.
    await expect.poll(() => page.getByText('138****5678').isVisible()).toBe(true);
    await page.getByRole('button', { name: /查看完整的联系电话/ }).click();
    await expect.poll(() => page.getByText('13812345678').isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/已记入审计日志/).isVisible()).toBe(true);

    await act(page, '暂停计时', async () => {
      await dialog(page).getByLabel('说明', { exact: true }).fill('等待申请人补充收入证明');
    });
    await expect.poll(() => statusTag(page, '已暂停').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('暂停中').isVisible()).toBe(true);
    await act(page, '恢复计时');
    await expect.poll(() => statusTag(page, '办理中').isVisible()).toBe(true);
    await shot(page, '21-case-promised');
  });

  it('lets the director extend the promised case, with the approver named', async () => {
    const director = await newPage(browser);
    await login(director, 'director');
    await director.goto(`${baseUrl}/staff/cases/${promised.caseId}`);
    await act(director, '延期', async () => {
      // The hint says how much at most, in the term's unit (it once read "按个工作日计").
      await expect
        .poll(() => dialog(director).getByText('最多延期 10 个工作日，只能延期一次').isVisible())
        .toBe(true);
      await dialog(director).getByLabel('延期天数', { exact: true }).fill('3');
      await dialog(director).getByLabel('延期理由', { exact: true }).fill('需入户核查家庭经济状况');
    });
    await expect.poll(() => director.getByText(/延期 3 个工作日，周敏/).isVisible()).toBe(true);
    // The extension notice is among the case's notices, and offered for printing beside the words.
    await expect
      .poll(() => director.getByRole('cell', { name: '延期办理通知书', exact: true }).isVisible())
      .toBe(true);
    await expect
      .poll(() => director.getByRole('link', { name: '打印延期办理通知书' }).isVisible())
      .toBe(true);
    // Extended once: no second extension.
    expect(
      await director.locator('.case-detail-actions').getByRole('button', { name: '延期' }).count(),
    ).toBe(0);
    await director.context().close();
    // The clerk, without the approver's permission, has no 延期 button.
    await page.goto(`${baseUrl}/staff/cases/${promised.caseId}`);
    await expect.poll(() => page.getByText('期限 8 个工作日').isVisible()).toBe(true);
    expect(
      await page.locator('.case-detail-actions').getByRole('button', { name: '延期' }).count(),
    ).toBe(0);
  });

  it('accepts a petition through the kind panel', async () => {
    await startIntake(page, '群众来信来访事项', '刘长顺');
    // A petition item: Enter opens the panel with 信访件 chosen.
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('heading', { name: '信访件或上报件受理' }).isVisible())
      .toBe(true);
    await page.getByRole('button', { name: '确认受理' }).click();
    const c = await registered(page);
    const tab = await checkNotice(page, c.noticeId!, '信访件受理通知书', c.receiptNo);
    await tab.close();
  });

  it('accepts a reported case, submits it to the higher authority and completes it', async () => {
    await startIntake(page, '农村村民宅基地和建房（规划许可）申请', '陈建军');
    await page.getByRole('button', { name: '信访/上报受理' }).click();
    await page.getByRole('radio', { name: '上报件' }).check();
    await expect.poll(() => page.getByLabel('期限（天）', { exact: true }).inputValue()).toBe('20');
    await page.getByRole('button', { name: '确认受理' }).click();
    const c = await registered(page);
    const tab = await checkNotice(page, c.noticeId!, '上报件受理通知书', c.receiptNo);
    await tab.close();

    await page.goto(`${baseUrl}/staff/cases/${c.caseId}`);
    await expect.poll(() => statusTag(page, '办理中').isVisible()).toBe(true);
    const due = new Date(Date.parse(await serverToday()) + 30 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    await act(page, '报送上级', async () => {
      await dialog(page).getByLabel('上级机关', { exact: true }).fill('县自然资源和规划局');
      const date = dialog(page).getByLabel('上级承诺办结日期', { exact: true });
      await date.fill(due);
      await date.press('Tab');
    });
    await expect.poll(() => statusTag(page, '已上报').isVisible()).toBe(true);
    await expect
      .poll(() =>
        page.getByText(new RegExp(`报送 县自然资源和规划局，上级承诺 ${due} 前办结`)).isVisible(),
      )
      .toBe(true);
    // The higher authority's answer first: until it is recorded there is nothing to complete.
    await expect
      .poll(() =>
        page
          .getByText(/上级答复：剩余/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    expect(
      await page.locator('.case-detail-actions').getByRole('button', { name: '办结' }).count(),
    ).toBe(0);
    await act(page, '登记上级审批结果', async () => {
      await dialog(page).getByRole('radio', { name: '批准', exact: true }).check();
      await dialog(page)
        .getByLabel('说明', { exact: true })
        .fill('县自然资源和规划局批复同意（示范规许〔2026〕12 号）');
    });
    await expect.poll(() => page.getByText(/批准（.* 登记）/).isVisible()).toBe(true);
    await act(page, '办结', async () => {
      await dialog(page)
        .getByLabel('办理结果', { exact: true })
        .fill('县局已批复同意，批准书已转交申请人。');
    });
    await expect.poll(() => statusTag(page, '已办结').isVisible()).toBe(true);
  });

  it('tells the missing materials in one go, and the notice lists them', async () => {
    await startIntake(page, '最低生活保障申请', '赵桂芳');
    await page.getByRole('button', { name: '一次性告知补正' }).click();
    await page.getByRole('checkbox', { name: '户口簿' }).check();
    await page.getByRole('checkbox', { name: '家庭收入及财产状况申报表' }).check();
    await page.getByRole('button', { name: '出具补充件通知书' }).click();
    const c = await registered(page);
    const tab = await checkNotice(page, c.noticeId!, '补充件通知书', c.receiptNo);
    const list = tab.locator('.notice-sheet__list');
    await expect.poll(() => list.getByText('户口簿', { exact: true }).isVisible()).toBe(true);
    await expect
      .poll(() => list.getByText('家庭收入及财产状况申报表', { exact: true }).isVisible())
      .toBe(true);
    await shot(tab, '22-notice-supplement');
    await tab.close();
  });

  it('returns a request with written reasons', async () => {
    await startIntake(page, '个体工商户设立登记', '周小勇');
    await page.getByRole('button', { name: '退回', exact: true }).click();
    await page
      .getByLabel('退回理由', { exact: true })
      .fill('经营场所位于基本农田保护区内，依法不得登记。');
    await page.getByRole('button', { name: '出具退回件通知书' }).click();
    const c = await registered(page);
    const tab = await checkNotice(page, c.noticeId!, '退回件通知书', c.receiptNo);
    await expect.poll(() => tab.getByText(/基本农田保护区/).isVisible()).toBe(true);
    await tab.close();
  });

  it('answers an inquiry outside the catalog', async () => {
    await startIntake(page, null, '孙大妈');
    await page.getByRole('button', { name: '咨询答复' }).click();
    await page.getByLabel('咨询内容', { exact: true }).fill('新农合缴费时间');
    await page
      .getByLabel('答复内容', { exact: true })
      .fill('每年9月至12月在村委会或手机上缴纳，2027年度标准以县医保局公告为准。');
    await page.getByRole('button', { name: '答复并出具通知书' }).click();
    const c = await registered(page);
    const tab = await checkNotice(page, c.noticeId!, '咨询件受理通知书', c.receiptNo);
    await tab.close();
  });

  it('hands a visitor over to another window (首问负责), escorted', async () => {
    await startIntake(page, '失业登记', '吴海峰');
    await page.getByRole('button', { name: '转交他人' }).click();
    // The item's windows (社保 02 and 03) come first, each marked whether at the post now.
    await page.getByLabel('接手人员', { exact: true }).click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect
      .poll(() => options.first().textContent())
      .toMatch(/^陈刚（社保医保窗口） · 本事项窗口 · (不在岗|在岗)$/);
    await expect
      .poll(() => options.nth(1).textContent())
      .toMatch(/^刘洋（就业服务窗口） · 本事项窗口/);
    await page.keyboard.press('Escape');
    await choose(page, '接手人员', '陈刚', page);
    await expect.poll(() => page.getByRole('radio', { name: '引导至窗口' }).isChecked()).toBe(true);
    await page.getByLabel('说明', { exact: true }).fill('社保业务，已引导至 02 号窗口');
    await page.getByRole('button', { name: '登记并转交' }).click();
    const c = await registered(page);
    await expect.poll(() => done(page).getByText('已登记并转交给陈刚').isVisible()).toBe(true);
    await page.goto(`${baseUrl}/staff/cases/${c.caseId}`);
    const handovers = page.locator('.case-section', { hasText: '首问负责移交记录' });
    await expect.poll(() => handovers.getByRole('cell', { name: '陈刚' }).isVisible()).toBe(true);
    await expect
      .poll(() => handovers.getByRole('cell', { name: '引导至窗口' }).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByText('李娜').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('陈刚（社保医保窗口）').first().isVisible()).toBe(true);
    // 陈刚 holds it now: 李娜 sees why she has no buttons on it.
    await expect
      .poll(() =>
        page
          .getByText(/此件由 陈刚（社保医保窗口） 经办：只有经办人或中心主任可以办理/)
          .isVisible(),
      )
      .toBe(true);
    expect(await page.locator('.case-detail-actions').getByRole('button').count()).toBe(1); // 返回
    await shot(page, '24-case-not-holder');
  });

  it('accepts an urgent case with the shorter term, shown on the countdown and the notice', async () => {
    await startIntake(page, 'MZ-002', '孙桂英');
    await expect
      .poll(() => page.getByLabel('承诺期限（工作日）', { exact: true }).inputValue())
      .toBe('5');
    await page.getByRole('checkbox', { name: '加急（急事急办）' }).check();
    // 急事急办: the term the catalog allows (5) shortened by the case settings (50 %).
    await expect
      .poll(() => page.getByLabel('承诺期限（工作日）', { exact: true }).inputValue())
      .toBe('2');
    await expect
      .poll(() => page.getByText('加急：最多 2 个工作日（按办件设置缩短）').isVisible())
      .toBe(true);
    await page.getByRole('button', { name: /承诺受理/ }).click();
    const c = await registered(page);
    const row = page.getByRole('row', { name: new RegExp(c.receiptNo) }).first();
    await expect.poll(() => row.locator('.countdown-urgent').isVisible()).toBe(true);
    const tab = await checkNotice(page, c.noticeId!, '承诺件通知书', c.receiptNo);
    await expect.poll(() => tab.getByText(/由 5 个工作日缩短为 2 个工作日/).isVisible()).toBe(true);
    await tab.close();
    await page.goto(`${baseUrl}/staff/cases/${c.caseId}`);
    await expect
      .poll(() => page.getByText('期限 2 个工作日（加急，目录期限 5 个工作日）').isVisible())
      .toBe(true);
  });

  it('offers no pause or extension on an overdue case, and warns of a petition still to decide', async () => {
    // The demo's open overdue case at the clerk's window: only what can still be done.
    await page.goto(`${baseUrl}/staff/workbench`);
    const red = page
      .locator('.case-row-red')
      .filter({ hasText: '办理中' })
      .filter({ has: page.locator('.countdown > .light-red') })
      .first();
    await expect.poll(() => red.isVisible()).toBe(true);
    await red.getByRole('link').first().click();
    const bar = page.locator('.case-detail-actions');
    await expect.poll(() => bar.getByRole('button', { name: '办结' }).isVisible()).toBe(true);
    for (const name of ['暂停计时', '延期', '加急'])
      expect(await bar.getByRole('button', { name, exact: true }).count()).toBe(0);
    const url = page.url();
    const director = await newPage(browser);
    await login(director, 'director');
    await director.goto(url);
    const dbar = director.locator('.case-detail-actions');
    await expect.poll(() => dbar.getByRole('button', { name: '办结' }).isVisible()).toBe(true);
    expect(await dbar.getByRole('button', { name: '延期', exact: true }).count()).toBe(0);
    // The petition letter the demo left undecided: its 15-day decision is counted down.
    await director.goto(`${baseUrl}/staff/board`);
    const awaiting = director.getByRole('region', { name: /待决定与待上级答复/ });
    await expect
      .poll(() =>
        awaiting
          .getByText(/受理决定：(剩余|已超期)/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await expect
      .poll(() =>
        awaiting
          .getByText(/上级答复：(剩余|已超期)/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await shot(director, '32-board-awaiting');
    await director.context().close();
  });

  it('finds the cases in the case list by receipt number', async () => {
    await page.goto(`${baseUrl}/staff/cases?status=all`);
    await page.getByLabel('受理编号或申请人', { exact: true }).fill(promised.receiptNo);
    await page.getByLabel('受理编号或申请人', { exact: true }).press('Enter');
    await expect
      .poll(() => page.getByRole('link', { name: new RegExp(promised.receiptNo) }).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
  });

  it('lets the applicant look the promised case up on a phone (axe: no violation)', async () => {
    const phone = await newPhonePage(browser);
    await phone.goto(`${baseUrl}/query`);
    await expect
      .poll(() => phone.getByRole('heading', { name: '办件进度查询' }).isVisible())
      .toBe(true);
    await expectAccessible(phone);

    // A wrong code: a plain explanation.
    await phone.getByLabel('受理编号', { exact: true }).fill(promised.receiptNo);
    await phone.getByLabel('查询码', { exact: true }).fill('000000');
    await phone.getByRole('button', { name: '查询' }).click();
    await expect
      .poll(() => phone.getByText(/没有查到。请核对通知书上的受理编号和查询码/).isVisible())
      .toBe(true);

    await phone.getByLabel('查询码', { exact: true }).fill(promisedCode);
    await phone.getByRole('button', { name: '查询' }).click();
    await expect
      .poll(() => phone.getByRole('heading', { name: '查询结果' }).isVisible())
      .toBe(true);
    await expect
      .poll(() => phone.getByText('临时救助申请', { exact: true }).isVisible())
      .toBe(true);
    await expect.poll(() => phone.getByText('正在办理', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => phone.getByText('承诺办结日期').isVisible()).toBe(true);
    await expectAccessible(phone);
    await shot(phone, '23-public-query');
    await phone.context().close();
  });
});
