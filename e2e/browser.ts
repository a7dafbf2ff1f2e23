import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve(import.meta.dirname, '../test-results/e2e');

/** Debian's Chromium, headless, with nothing reaching out to the network. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // The browser's own controls (the date picker's 年/月/日) in Chinese, as on a phone in China.
      '--lang=zh-CN',
    ],
  });
}

/** Save a full-page screenshot as a test artifact (test-results/e2e/NAME.png). */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Take the picture a person would look at: after loading spinners are gone.
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  const path = resolve(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A fresh page in its own context, the size of an office monitor, in Chinese. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 860 },
    locale: 'zh-CN',
    // As a person who asked for less motion: the console's dialogs and lists open without zooming
    // or sliding, so a click on a busy machine lands where Playwright looked (App.tsx).
    reducedMotion: 'reduce',
  });
  return tracked(await context.newPage());
}

/** A phone in the hand of an applicant: 390×844, touch, in Chinese. */
export async function newPhonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
    reducedMotion: 'reduce',
  });
  return tracked(await context.newPage());
}

/** Every page a test opened and has not closed: what a failure report looks at. */
export const openPages = new Set<Page>();

/** The last API calls of each open page, with the error code of a refused one (for failures). */
export const apiCalls = new WeakMap<Page, string[]>();

function tracked(page: Page): Page {
  openPages.add(page);
  const calls: string[] = [];
  apiCalls.set(page, calls);
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (!url.pathname.startsWith('/api/')) return;
    const line = `${res.request().method()} ${url.pathname} ${res.status()}`;
    const keep = (text: string) => {
      calls.push(text);
      if (calls.length > 12) calls.shift();
    };
    if (res.status() < 400) keep(line);
    else
      res
        .text()
        .then((body) => keep(`${line} ${body.slice(0, 200)}`))
        .catch(() => keep(line));
  });
  page.on('requestfailed', (req) => {
    if (new URL(req.url()).pathname.startsWith('/api/'))
      calls.push(
        `${req.method()} ${new URL(req.url()).pathname} failed: ${req.failure()?.errorText}`,
      );
  });
  page.on('close', () => openPages.delete(page));
  return page;
}

/** The demo password of every demo account (README). */
export const DEMO_PASSWORD = 'Bianmin2026!';

/** Sign in through the login page as a person does. */
export async function login(page: Page, username: string): Promise<void> {
  await page.goto(`${inject('baseUrl')}/staff/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/staff/login'));
}

/** The open modal dialog. */
export const dialog = (page: Page) => page.getByRole('dialog');

/**
 * Pick an option of a searchable Select the way a clerk does: type, Enter. The field is looked for
 * in the open dialog unless another scope is given (antd renders the options outside the form).
 */
export async function choose(
  page: Page,
  label: string,
  text: string,
  scope: Page | Locator = dialog(page),
): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(text);
  const match = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first();
  await match.waitFor({ state: 'visible' });
  await input.press('Enter');
  await match.waitFor({ state: 'hidden' });
}

/**
 * Fill a searchable multiple Select (staff to notify, to send, on duty) with the keyboard: for each
 * name type it, wait for its option, Enter, and wait for its tag in the field; then close the list.
 */
export async function chooseTags(
  page: Page,
  label: string,
  names: readonly string[],
  scope: Page | Locator = dialog(page),
): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  const field = input.locator(
    'xpath=ancestor-or-self::*[contains(concat(" ", @class, " "), " ant-select ")][1]',
  );
  for (const name of names) {
    await input.click();
    await input.fill(name);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: name })
      .first()
      .waitFor({ state: 'visible' });
    await input.press('Enter');
    await field.locator('.ant-select-selection-item', { hasText: name }).first().waitFor();
  }
  await input.press('Escape');
}

/**
 * Pick an option of a plain (not searchable) Select with the keyboard, as a person can: ↓ opens the
 * list and moves to the option, Enter takes it; then wait until the field shows it (a tag, for a
 * multiple Select, whose list stays open). A mouse click on an option that is still sliding into
 * place can land on nothing on a busy machine; the keyboard does not depend on where things are.
 * The field is looked for in the open dialog unless another scope is given.
 */
export async function pickOption(
  page: Page,
  label: string,
  text: string,
  scope: Page | Locator = dialog(page),
): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.focus();
  const active = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option-active')
    .first();
  for (let moves = 0; ; moves += 1) {
    if (moves > 50) throw new Error(`${label}: no option ${text}`);
    await input.press('ArrowDown');
    await active.waitFor({ state: 'visible' });
    if ((await active.innerText()).trim() === text) break;
  }
  await input.press('Enter');
  await input
    .locator('xpath=ancestor-or-self::*[contains(concat(" ", @class, " "), " ant-select ")][1]')
    .filter({ hasText: text })
    .waitFor();
}

/** The WCAG 2.1 A/AA problems axe finds on the page as it stands (empty when there are none). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Axe judges the page as it is at that instant, and a fading element has too little contrast for
  // that moment. So: let a toast (message) go away first — one may start fading in the middle of the
  // check — then let opening and closing animations end (a modal zooming in, a dropdown closing);
  // endless ones (spinners) are left alone; 3 s at most.
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 6000 })
    .catch(() => undefined);
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 3000)),
    ]),
  );
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}
