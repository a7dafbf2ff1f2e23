import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, login, newPage, newPhonePage, shot } from '../browser.ts';
import { accessibleInBothModes } from '../portal.ts';

const available = inject('browserAvailable');
const baseUrl = inject('baseUrl');
const board = `${baseUrl}/announcements?c=qingshi`;

/** An announcement as the staff's list gives it. */
interface Staffed {
  id: number;
  caseId: number;
  receiptNo: string;
  itemName: string;
  applicantShown: string;
  until: string | null;
  version: number;
}

/**
 * An announcement on the board of 青石镇 now, as the director sees it: the demo's pending one is
 * published first (the demo leaves its latest for the director to decide), so there is one to show
 * unless another flow has withheld it. With it, the case's applicant as entered at the window.
 */
async function publishedNow(browser: Browser) {
  const director = await newPage(browser);
  await login(director, 'director');
  const list = async (status: string) =>
    (
      (await (
        await director.request.get(`${baseUrl}/api/announcements?status=${status}&pageSize=100`)
      ).json()) as { items: Staffed[] }
    ).items;
  const pending = (await list('pending'))[0];
  let justPublished: Staffed | null = null;
  if (pending) {
    const answer = await director.request.post(
      `${baseUrl}/api/announcements/${pending.id}/publish`,
      { data: { version: pending.version } },
    );
    expect(answer.status()).toBe(200);
    justPublished = (await answer.json()) as Staffed;
  }
  const now = Date.now();
  const shown =
    justPublished ?? (await list('published')).find((a) => a.until && Date.parse(a.until) > now);
  const theCase = shown
    ? ((await (await director.request.get(`${baseUrl}/api/cases/${shown.caseId}`)).json()) as {
        applicantType: string;
        applicantName: string;
      })
    : null;
  await director.context().close();
  return shown && theCase
    ? { ...shown, applicantType: theCase.applicantType, applicantName: theCase.applicantName }
    : null;
}

describe.skipIf(!available)('办结公告, the center’s public board, on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is one tap from the home page, says what it is, and shows cards or that there are none', async () => {
    const phone = await newPhonePage(browser);
    await phone.goto(`${baseUrl}/?c=qingshi`);
    const entry = phone.getByRole('main').getByRole('link', { name: '办结公告' });
    await expect.poll(() => entry.isVisible()).toBe(true);
    await entry.scrollIntoViewIfNeeded();
    await shot(phone, 'portal-announcements-home');
    // The foot of every page has it too.
    expect(
      await phone.getByRole('contentinfo').getByRole('link', { name: '办结公告' }).count(),
    ).toBe(1);
    await entry.click();
    await expect
      .poll(() => phone.getByRole('heading', { level: 1, name: '办结公告' }).isVisible())
      .toBe(true);
    expect(await phone.getByText(/接受群众监督；公告期满后不再显示/).isVisible()).toBe(true);
    const cards = phone.locator('.board-card');
    const empty = phone.getByText('目前没有公告。');
    await expect
      .poll(async () => (await cards.count()) > 0 || (await empty.isVisible()))
      .toBe(true);
    expect(await phone.title()).toBe('办结公告 - 青石镇便民服务中心');
    await accessibleInBothModes(phone);
    await phone.context().close();
  });

  it('says plainly when a center has nothing on its board', async () => {
    const answer = await fetch(`${baseUrl}/api/public/centers/baisha/announcements`);
    expect(answer.status).toBe(200);
    const { items } = (await answer.json()) as { items: unknown[] };
    // 白沙乡 has no completed case of an announced item in the demo.
    expect(items).toEqual([]);
    const phone = await newPhonePage(browser);
    await phone.goto(`${baseUrl}/announcements?c=baisha`);
    await expect.poll(() => phone.getByText('目前没有公告。').isVisible()).toBe(true);
    expect(await phone.locator('.board-card').count()).toBe(0);
    await shot(phone, 'portal-announcements-empty');
    await accessibleInBothModes(phone);
    await phone.context().close();
  });

  it('answers an unknown center with 404 CENTER_NOT_FOUND', async () => {
    const answer = await fetch(`${baseUrl}/api/public/centers/nowhere/announcements`);
    expect(answer.status).toBe(404);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe(
      'CENTER_NOT_FOUND',
    );
  });

  it('shows a published case: item, receipt number on one line, the applicant masked', async () => {
    // The demo publishes its announcements on time; the latest stays pending for the director.
    const shown = await publishedNow(browser);
    if (!shown) throw new Error('青石镇 has no announcement within its period to show');

    // A phone that has not read the board yet (the answer may be cached for a minute).
    const phone = await newPhonePage(browser);
    await phone.goto(board);
    // Both answers give the receipt number as printed on the notice: 001-20260302-0007.
    const card = phone
      .locator('.board-card')
      .filter({ has: phone.locator('dd.nowrap', { hasText: shown.receiptNo }) });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toBe(shown.itemName);
    const receipt = card.locator('dd.nowrap');
    const text = (await card.textContent()) ?? '';
    expect(text).toContain(`申请人${shown.applicantShown}`);
    expect(text).toMatch(/办结日期\d{4}年\d{1,2}月\d{1,2}日/);
    expect(text).toMatch(/公告至\d{1,2}月\d{1,2}日/);
    if (shown.applicantType === 'enterprise') {
      expect(shown.applicantShown).toBe(shown.applicantName.trim());
    } else {
      // 张* — the family name only, never the full name.
      expect(text).not.toContain(shown.applicantName);
      expect(shown.applicantShown).toMatch(/^\S{1,2}\*+$/);
    }

    // The receipt number is never broken, in either mode, and stays inside the screen.
    const unbroken = async () => {
      const box = (await receipt.boundingBox())!;
      const line = await receipt.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
      expect(box.height).toBeLessThan(line * 1.5);
      expect(box.x + box.width).toBeLessThanOrEqual(phone.viewportSize()!.width);
    };
    await unbroken();
    await shot(phone, 'portal-announcements');
    await phone.getByRole('button', { name: /长辈模式/ }).click();
    await unbroken();
    await shot(phone, 'portal-announcements-elder');
    await accessibleInBothModes(phone);
    await phone.context().close();
  });
});
