import { defineConfig } from 'vitest/config';

/** Browser flows: one server for the run, Chromium driven by playwright-core. */
export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.ts'],
    globalSetup: ['./server.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // A page load on a busy 2-core machine can take seconds: wait for what a person would wait for.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
