import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Domain tests build large inputs (5 MB ADF, 100,000-deep nesting); keep them off the 5 s default.
    testTimeout: 30_000,
    pool: 'forks',
  },
});
