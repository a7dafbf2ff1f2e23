import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Unit and API tests. Browser flows live in e2e/ with their own config. */
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    globalSetup: ['packages/server/test/global-setup.ts'],
    // A limit only against a test that hangs, never a measure of speed (that is bench/'s job): the
    // date runs share a 2-core machine with the browser flows at the lowest priority, and a test of
    // 10 s alone then takes 30 (the CI reproduction of 2026-12-06 lost a migration test to 30 s).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // At least two files at once: Vitest's default (cores − 1) is one on a 2-core machine, which
    // leaves a core idle while a file waits on PostgreSQL or a child server (docs/perf.md, CI time).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
