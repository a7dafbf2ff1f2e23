import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import { groupOf } from './groups.ts';

/**
 * The flows share one server and its data, and some build on what an earlier file did to the demo
 * center (a finding recorded in one shows in the money of the next), so they always run in the
 * same order: by file name. Vitest's default would put a file that failed last time first.
 */
class ByFileName extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

/** The flows of one group (run.ts runs both at once), or all of them. */
const group = process.env.BIANMIN_E2E_GROUP;
const files = readdirSync(resolve(import.meta.dirname, 'tests'))
  .filter((f) => f.endsWith('.e2e.ts') && (!group || String(groupOf(f)) === group))
  .map((f) => `tests/${f}`);

/** Browser flows: one server for the run, Chromium driven by playwright-core. */
export default defineConfig({
  test: {
    include: files,
    globalSetup: ['./server.ts'],
    setupFiles: ['./failure.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    sequence: { sequencer: ByFileName },
    // A page load on a busy 2-core machine can take seconds: wait for what a person would wait for.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
