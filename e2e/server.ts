import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    browserAvailable: boolean;
  }
}

const root = resolve(import.meta.dirname, '..');

/**
 * Start the real server (built web app, embedded database in a temporary folder, demo data) once
 * for the browser tests. Without Chromium the tests are skipped, loudly; CI sets
 * BIANMIN_REQUIRE_BROWSER=1 so that a missing browser fails instead.
 */
export default async function setup(project: TestProject) {
  const browserAvailable = existsSync(CHROMIUM);
  if (!browserAvailable) {
    const msg = `Chromium not found at ${CHROMIUM}: browser tests cannot run (apt-get install chromium fonts-noto-cjk).`;
    if (process.env.BIANMIN_REQUIRE_BROWSER === '1') throw new Error(msg);
    console.warn(
      `\n\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!!! SKIPPING BROWSER TESTS — ${msg}\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n`,
    );
  }
  if (!existsSync(join(root, 'packages/web/dist/index.html'))) {
    throw new Error('The web app is not built: run `npm run build` first (npm test does).');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'bianmin-e2e-'));
  // Each group's server in its own range (run.ts starts two at once).
  const port =
    40000 + Number(process.env.BIANMIN_E2E_GROUP ?? 0) * 1000 + Math.floor(Math.random() * 1000);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(root, 'packages/server/src/main.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        BIANMIN_DATA_DIR: dataDir,
        // Backups beside the data folder (removed with it); none at night: a flow takes its own.
        BIANMIN_BACKUP_DIR: `${dataDir}-backups`,
        BIANMIN_BACKUP_AT: 'off',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error('the server did not start within 120 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('browserAvailable', browserAvailable);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-backups`, { recursive: true, force: true });
  };
}
