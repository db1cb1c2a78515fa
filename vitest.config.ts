import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['server/test/**/*.test.ts'],
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 90_000,
          // On CI only, a failed integration test gets one more try: two tests (imports, the e2e ledger
          // flow) each failed once on a fully loaded 2-core machine and never in a dozen reruns. A retried
          // test is listed as such in the output; look into any that shows up there.
          retry: process.env.CI ? 1 : 0,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
    ],
  },
});
