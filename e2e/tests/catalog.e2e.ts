import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, choose, dialog, launch, login, newPage, shot } from '../browser.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

/** Paste text into a box as if from the clipboard (a document's list, several lines at once). */
async function paste(page: Page, label: string, text: string) {
  const box = dialog(page).getByLabel(label, { exact: true });
  await box.focus();
  await box.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** The form item (label, box and messages) of a field in the open dialog. */
const formItem = (page: Page, label: string) =>
  dialog(page)
    .locator('.ant-form-item')
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .first();

describe.skipIf(!available)('catalog, board and violation candidates in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('the center admin keeps the catalog', () => {
    let page: Page;
    const code = `E2E-${Date.now() % 100000}`;
    beforeAll(async () => {
      page = await newPage(browser);
      await login(page, 'admin');
    });

    it('creates an item with three materials and a fee with its legal basis', async () => {
      await page.goto(`${baseUrl}/staff/catalog`);
      await expect
        .poll(() => page.getByRole('heading', { name: '办件设置' }).isVisible())
        .toBe(true);
      await page.getByRole('button', { name: '新建服务事项' }).click();
      await expect.poll(() => dialog(page).getByText('新建服务事项').isVisible()).toBe(true);

      await dialog(page).getByLabel('编号', { exact: true }).fill(code);
      await dialog(page).getByLabel('事项名称', { exact: true }).fill('临时救助申请（测试）');
      await choose(page, '窗口单位', '民政办');
      await dialog(page).getByText('承诺件', { exact: true }).click();
      await dialog(page).getByLabel('承诺期限', { exact: true }).fill('5');
      await dialog(page).getByLabel('法定期限', { exact: true }).fill('20');

      // A list copied from a document: one paste, three materials.
      await paste(page, '材料 1', '1. 临时救助申请书\n2、居民身份证\n（3）困难情况证明\n');
      await expect
        .poll(() => dialog(page).getByLabel('材料 3', { exact: true }).inputValue())
        .toBe('困难情况证明');
      expect(await dialog(page).getByLabel('材料 1', { exact: true }).inputValue()).toBe(
        '临时救助申请书',
      );
      expect(await dialog(page).getByLabel('材料 2', { exact: true }).inputValue()).toBe(
        '居民身份证',
      );

      // The fee rule is spelled out where fees are entered.
      await expect
        .poll(() =>
          dialog(page)
            .getByText(/严禁“三乱”/)
            .isVisible(),
        )
        .toBe(true);
      // It says only what the system does: completion announcements are not built yet.
      await expect
        .poll(() =>
          dialog(page)
            .getByText(/办结公告栏尚未开通，目前不会自动公告/)
            .isVisible(),
        )
        .toBe(true);
      expect(
        await dialog(page)
          .getByText(/自动列入公告栏/)
          .count(),
      ).toBe(0);
      await dialog(page).getByRole('button', { name: '添加收费项目' }).click();
      await dialog(page).getByLabel('第 1 项收费名称', { exact: true }).fill('证明工本费');
      await dialog(page).getByLabel('第 1 项金额（元）', { exact: true }).fill('5');
      await dialog(page)
        .getByLabel('第 1 项收费依据', { exact: true })
        .fill('《某省行政事业性收费目录清单》第 12 项');
      await dialog(page).getByRole('button', { name: '保存' }).click();

      const row = page.getByRole('row', { name: new RegExp(code) });
      await expect.poll(() => row.isVisible()).toBe(true);
      await expect.poll(() => row.getByText('3 项', { exact: true }).isVisible()).toBe(true);
      await expect.poll(() => row.getByText('5 元（1 项）').isVisible()).toBe(true);
      await expect
        .poll(() => row.getByText('承诺 5 个工作日', { exact: true }).isVisible())
        .toBe(true);
      await expect
        .poll(() => row.getByText('法定 20 个工作日', { exact: true }).isVisible())
        .toBe(true);
      await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);

      // Anyone can open the row to read the checklist and each fee's basis.
      await row.getByRole('button', { name: /展开|Expand/ }).click();
      await expect
        .poll(() => page.getByText('依据：《某省行政事业性收费目录清单》第 12 项').isVisible())
        .toBe(true);
      await shot(page, '30-catalog');
      expect(await axeViolations(page)).toEqual([]);
    });

    it('shows a used code on the 编号 field', async () => {
      await page.getByRole('button', { name: '新建服务事项' }).click();
      await dialog(page).getByLabel('编号', { exact: true }).fill(code);
      await dialog(page).getByLabel('事项名称', { exact: true }).fill('重复编号的事项');
      await choose(page, '窗口单位', '民政办');
      await dialog(page).getByText('即办件', { exact: true }).click();
      await dialog(page).getByRole('button', { name: '保存' }).click();
      await expect
        .poll(() => formItem(page, '编号').locator('.ant-form-item-explain-error').textContent())
        .toMatch(/已被使用|已存在/);
      await dialog(page).getByRole('button', { name: '取消' }).click();
      await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    });

    it('changes the yellow-card threshold', async () => {
      // The petition decision and the urgent term are case settings too, each explained.
      await expect
        .poll(() => page.getByText(/自收到之日起 15 日（自然日）内决定是否受理/).isVisible())
        .toBe(true);
      await expect
        .poll(() => page.getByText(/加急办件的期限最多为目录期限的 50%/).isVisible())
        .toBe(true);
      await page.getByRole('button', { name: '修改办件设置' }).click();
      const box = dialog(page).getByLabel('黄牌预警比例', { exact: true });
      await box.fill('75');
      await expect
        .poll(() =>
          dialog(page)
            .getByText(/办件期限用去 75% 时亮黄牌/)
            .isVisible(),
        )
        .toBe(true);
      await dialog(page).getByRole('button', { name: '保存' }).click();
      await expect.poll(() => page.getByText('办件设置已保存').isVisible()).toBe(true);
      await expect.poll(() => page.getByText('75%', { exact: true }).isVisible()).toBe(true);
    });
  });

  it("shows the director's board with its tiles and tables", async () => {
    const page = await newPage(browser);
    await login(page, 'director');
    await page.goto(`${baseUrl}/staff/board`);
    await expect
      .poll(() => page.getByRole('heading', { name: '办件督办', level: 1 }).isVisible())
      .toBe(true);
    for (const tile of ['在办', '黄牌', '红牌', '暂停']) {
      await expect
        .poll(() => page.locator('.board-tile-title').getByText(tile, { exact: true }).isVisible())
        .toBe(true);
    }
    await expect
      .poll(() => page.getByRole('heading', { name: '按窗口' }).first().isVisible())
      .toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: /超期办件/ }).isVisible()).toBe(true);
    // The demo data has overdue cases: each links to its case by the printed receipt number.
    const overdue = page.getByRole('region', { name: /超期办件/ });
    await expect
      .poll(() =>
        overdue
          .getByRole('link', { name: /\d{3}-\d{8}-\d{4}/ })
          .first()
          .isVisible(),
      )
      .toBe(true);
    await expect
      .poll(() =>
        page.getByRole('heading', { name: /^\d{4} 年 \d{1,2} 月 按时办结率$/ }).isVisible(),
      )
      .toBe(true);
    await shot(page, '31-board');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('lets the assessment group read a candidate and dismiss it with a reason', async () => {
    const page = await newPage(browser);
    await login(page, 'kaohe');
    await page.goto(`${baseUrl}/staff/violations`);
    await expect
      .poll(() => page.getByRole('heading', { name: '超期违纪线索', level: 1 }).isVisible())
      .toBe(true);
    const view = page.getByRole('button', { name: /^查看 / });
    await expect.poll(() => view.first().isVisible()).toBe(true);
    const label = (await view.first().getAttribute('aria-label')) ?? '';
    const receiptNo = label.replace(/^查看 /, '');
    await view.first().click();

    const drawer = page.getByRole('dialog', { name: /超期违纪线索/ });
    const decide = page.getByRole('dialog', { name: /排除线索/ });
    await expect
      .poll(() => drawer.getByRole('heading', { name: '办件情况' }).isVisible())
      .toBe(true);
    await expect
      .poll(() => drawer.getByRole('heading', { name: '办理经过' }).isVisible())
      .toBe(true);
    await expect.poll(() => drawer.locator('.ant-timeline-item').count()).toBeGreaterThan(0);
    await expect
      .poll(() =>
        drawer
          .getByText(/考核内容第六项/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    // Picture the drawer once it has slid in.
    await expect.poll(async () => (await drawer.boundingBox())?.x ?? 9999).toBeLessThan(700);
    await shot(page, '32-violations');
    expect(await axeViolations(page)).toEqual([]);

    await drawer.getByRole('button', { name: '排除' }).click();
    // The reason is required.
    await decide.getByRole('button', { name: '排除' }).click();
    await expect.poll(() => decide.getByText('请输入理由').isVisible()).toBe(true);
    await decide
      .getByLabel('理由', { exact: true })
      .fill('经核实，申请人书面要求暂缓办理，窗口未及时登记暂停，不属无故超期。');
    await decide.getByRole('button', { name: '排除' }).click();
    await expect.poll(() => page.getByText('线索已排除，不计入考核').isVisible()).toBe(true);
    await expect
      .poll(() => drawer.getByText('经核实，申请人书面要求暂缓办理', { exact: false }).isVisible())
      .toBe(true);
    await drawer.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => drawer.count()).toBe(0);

    await page.getByRole('tab', { name: '已排除' }).click();
    await expect
      .poll(() => page.getByRole('row', { name: new RegExp(receiptNo) }).isVisible())
      .toBe(true);
    await page.context().close();
  });
});
