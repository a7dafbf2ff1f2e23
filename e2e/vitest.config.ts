import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

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

/** Browser flows: one server for the run, Chromium driven by playwright-core. */
export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.ts'],
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
