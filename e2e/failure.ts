import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach } from 'vitest';
import { apiCalls, ARTIFACTS, openPages } from './browser.ts';

/**
 * When a flow fails, say what each open page showed at that moment: its address, the messages and
 * field errors on it, the open dialog and its last API calls (a refusal with its answer) — printed with the failure, so a red CI run explains
 * itself — and keep a screenshot of each (test-results/e2e/failed-<file>-<n>.png).
 */
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  let n = 0;
  for (const page of openPages) {
    n += 1;
    const seen = await page
      .evaluate(() => {
        const texts = (selector: string) =>
          [...document.querySelectorAll(selector)].map((e) => (e as HTMLElement).innerText.trim());
        return {
          messages: texts('.ant-message-notice'),
          fieldErrors: texts('.ant-form-item-explain-error'),
          alerts: texts('[role="alert"]'),
          dialog: texts('[role="dialog"]').map((t) => t.slice(0, 400)),
        };
      })
      .catch((e: unknown) => ({ unreadable: String(e) }));
    const api = apiCalls.get(page) ?? [];
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = (context.task.file?.name ?? 'flow').replace(/^.*\//, '').replace(/\.e2e\.ts$/, '');
    const path = resolve(ARTIFACTS, `failed-${file}-${n}.png`);
    await page.screenshot({ path, fullPage: true }).catch(() => undefined);
    console.error(
      `[page ${n}] ${page.url()} ${JSON.stringify({ ...seen, api })} (screenshot ${path})`,
    );
  }
});
