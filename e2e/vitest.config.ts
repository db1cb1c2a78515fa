/** The browser suite: one fork, one file at a time, long timeouts (a server start plus Chromium). */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // on CI a failed browser test gets one more try (see the root vitest.config.ts)
    retry: process.env.CI ? 1 : 0,
    // a loaded 2-core machine renders slower than vitest's 1 s default for expect.poll
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
