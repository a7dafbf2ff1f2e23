import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, login, newPage, newPhonePage, shot } from '../browser.ts';
import { accessibleInBothModes } from '../portal.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');

/** A case of the demo center in a given state, with what its notice gives the applicant. */
async function demoCase(staff: Page, query: string) {
  const list = (await (await staff.request.get(`${baseUrl}/api/cases?${query}`)).json()) as {
    items: { id: number }[];
  };
  const first = list.items[0];
  if (!first) throw new Error(`the demo has no case with ${query}`);
  return (await (await staff.request.get(`${baseUrl}/api/cases/${first.id}`)).json()) as {
    receiptNo: string;
    queryCode: string;
  };
}

describe.skipIf(!available)('the citizens’ portal on a phone', () => {
  let browser: Browser;
  let phone: Page;
  beforeAll(async () => {
    browser = await launch();
    phone = await newPhonePage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens at the site’s root with the center, today’s hours and what a person can do', async () => {
    await phone.goto(`${baseUrl}/`);
    // The demo county has two centers: the person picks one, and the phone remembers it.
    await expect
      .poll(() => phone.getByRole('heading', { level: 1, name: '请选择服务中心' }).isVisible())
      .toBe(true);
    await shot(phone, 'portal-centers');
    await phone.getByRole('button', { name: /青石镇便民服务中心/ }).click();
    await expect
      .poll(() => phone.getByRole('heading', { level: 1, name: '青石镇便民服务中心' }).isVisible())
      .toBe(true);
    expect(await phone.getByText(/^今天 \d+月\d+日 星期./).isVisible()).toBe(true);
    for (const name of [/办事指南/, /办件查询/])
      expect(await phone.getByRole('link', { name }).isVisible()).toBe(true);
    expect(await phone.getByRole('heading', { name: '近七天办公时间' }).isVisible()).toBe(true);
    expect(await phone.locator('.week li').count()).toBe(7);
    // The staff console is one link away, at its own path.
    expect(await phone.getByRole('link', { name: '工作人员入口' }).getAttribute('href')).toBe(
      '/staff/',
    );
    await shot(phone, 'portal-home');
    await accessibleInBothModes(phone);
  });

  it('remembers 长辈模式 on the device: larger text after a reload', async () => {
    const size = () => phone.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    const normal = await size();
    await phone.getByRole('button', { name: '长辈模式', exact: false }).click();
    expect(await phone.getByRole('button', { name: /长辈模式/ }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await phone.reload();
    await expect.poll(() => phone.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    expect(await size()).toBeGreaterThan(normal);
    await shot(phone, 'portal-home-elder');
    await phone.getByRole('button', { name: /长辈模式/ }).click();
    await expect.poll(size).toBe(normal);
  });

  it('finds an item in the guide by its common name and by pinyin initials, and tells all of it', async () => {
    await phone.getByRole('link', { name: /办事指南/ }).click();
    const search = phone.getByLabel('搜索事项');
    await expect.poll(() => search.isVisible()).toBe(true);
    await search.fill('低保');
    const found = phone.locator('.items a').first();
    await expect.poll(() => found.textContent()).toContain('最低生活保障');
    expect(
      await phone
        .getByText(/又称：.*低保/)
        .first()
        .isVisible(),
    ).toBe(true);
    await search.fill('zdsh');
    await expect.poll(() => found.textContent()).toContain('最低生活保障');
    await shot(phone, 'portal-guide');
    await accessibleInBothModes(phone);

    await found.click();
    await expect
      .poll(() => phone.getByRole('heading', { name: '需要带的材料' }).isVisible())
      .toBe(true);
    expect(await phone.locator('ol.materials li').count()).toBeGreaterThan(0);
    expect(await phone.getByRole('heading', { name: '收费' }).isVisible()).toBe(true);
    expect(await phone.getByText(/承诺 \d+ (个工作日|天)内办结|当场办结/).isVisible()).toBe(true);
    await shot(phone, 'portal-guide-item');
    await accessibleInBothModes(phone);
  });

  it('tells the truth about a late case: overdue, with the phone to call', async () => {
    const director = await newPage(browser);
    await login(director, 'director');
    const late = await demoCase(director, 'light=red&status=in_progress&pageSize=1');
    await director.context().close();

    // The QR code on the notice carries both numbers: the case opens at once.
    await phone.goto(`${baseUrl}/query?receiptNo=${late.receiptNo}&queryCode=${late.queryCode}`);
    await expect
      .poll(() => phone.getByRole('heading', { name: '查询结果' }).isVisible())
      .toBe(true);
    expect(await phone.getByText('已超过承诺办结日期').isVisible()).toBe(true);
    expect(await phone.locator('.notice-bad a[href^="tel:"]').count()).toBe(1);
    expect(await phone.getByText(/已超过承诺办结时间/).isVisible()).toBe(true);
    // The receipt number stays on one line.
    const receipt = phone.locator('dd.nowrap');
    const box = await receipt.boundingBox();
    const lineHeight = await receipt.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
    expect(box!.height).toBeLessThan(lineHeight * 1.5);
    await shot(phone, 'portal-query-overdue');
    await accessibleInBothModes(phone);
  });

  it('lists the missing papers of a case waiting for them', async () => {
    const director = await newPage(browser);
    await login(director, 'director');
    const waiting = await demoCase(director, 'status=awaiting_materials&pageSize=1');
    await director.context().close();
    await phone.goto(
      `${baseUrl}/query?receiptNo=${waiting.receiptNo}&queryCode=${waiting.queryCode}`,
    );
    await expect
      .poll(() => phone.getByRole('heading', { name: '还缺这些材料' }).isVisible())
      .toBe(true);
    expect(await phone.locator('.card ol.materials li').count()).toBeGreaterThan(0);
    expect(await phone.getByLabel('查询码', { exact: true }).count()).toBe(0);
    await phone.getByRole('button', { name: '再查一个' }).click();
    expect(await phone.getByLabel('查询码', { exact: true }).getAttribute('inputmode')).toBe(
      'numeric',
    );
  });

  it('keeps every first load light: brotli scripts within 150 KB, no zod, no Ant Design', async () => {
    // The budget of issue 10 (Lighthouse measures the speed: bench/portal.ts). Ant Design would blow
    // it many times over; zod is the console's and the server's, never the citizen's.
    const paths = ['/', '/guide', '/guide/MZ-001', '/book', '/book/manage', '/query', '/visit'];
    paths.push('/visit/track', '/report', '/report/track', '/announcements');
    for (const path of paths) {
      const page = await newPhonePage(browser);
      const scripts: { url: string; encoding: string; bytes: number }[] = [];
      page.on('response', (r) => {
        if (r.request().resourceType() !== 'script') return;
        const h = r.headers();
        scripts.push({
          url: r.url(),
          encoding: h['content-encoding'] ?? '',
          bytes: Number(h['content-length'] ?? NaN),
        });
      });
      await page.goto(`${baseUrl}${path}?c=qingshi`, { waitUntil: 'networkidle' });
      const total = scripts.reduce((sum, s) => sum + s.bytes, 0);
      expect(scripts.length, path).toBeGreaterThan(0);
      // A file brotli cannot make smaller (a few bytes) is served as it is (build/precompress.ts).
      const plain = scripts.filter((s) => s.encoding !== 'br' && !(s.bytes < 200));
      expect(
        plain.map((s) => s.url),
        path,
      ).toEqual([]);
      expect(total, `${path}: ${scripts.map((s) => s.url).join(' ')}`).toBeLessThanOrEqual(
        150 * 1024,
      );
      expect(
        scripts.filter((s) => /\/assets\/(zod|app|antd|table|tooltip)-/.test(s.url)),
        path,
      ).toEqual([]);
      await page.context().close();
    }
  });
});
