/** What the citizens' portal flows share: accessibility in both modes, unbroken codes, SMS codes. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations } from './browser.ts';

/** Zero WCAG 2.1 AA violations, in the normal look and in 长辈模式. */
export async function accessibleInBothModes(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
  const elder = await page.evaluate(() => document.documentElement.classList.contains('elder'));
  await page.getByRole('button', { name: /长辈模式/ }).click();
  expect(await axeViolations(page)).toEqual([]);
  if (!elder) await page.getByRole('button', { name: /长辈模式/ }).click();
}

/** An element's text stays on one line (a code or a time is never broken). */
export async function oneLine(page: Page, selector: string) {
  const el = page.locator(selector).first();
  const box = await el.boundingBox();
  const lineHeight = await el.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
  expect(box!.height).toBeLessThan(lineHeight * 1.5);
}

/**
 * The SMS code last sent to a mobile, as the staff's 短信记录 shows it: with no SMS gateway set up
 * (the demo), messages are only recorded, and their text keeps the code.
 */
export async function latestSmsCode(staff: Page, baseUrl: string, mobile: string): Promise<string> {
  let code: string | null = null;
  await expect
    .poll(
      async () => {
        const answer = await staff.request.get(`${baseUrl}/api/outbox?pageSize=50`);
        if (!answer.ok()) return `HTTP ${answer.status()}`;
        const page = (await answer.json()) as {
          items: { id: number; recipientMasked: string; template: string; text: string }[];
        };
        const mine = page.items
          .filter(
            (m) => m.template === 'verify_code' && m.recipientMasked.endsWith(mobile.slice(-4)),
          )
          .sort((a, b) => b.id - a.id)[0];
        code = /(?<!\d)(\d{6})(?!\d)/.exec(mine?.text ?? '')?.[1] ?? null;
        return code !== null;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return code!;
}
