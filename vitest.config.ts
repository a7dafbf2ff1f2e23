import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Unit and API tests. Browser flows live in e2e/ with their own config. */
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    globalSetup: ['packages/server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // At least two files at once: Vitest's default (cores − 1) is one on a 2-core machine, which
    // leaves a core idle while a file waits on PostgreSQL or a child server (docs/perf.md, CI time).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
