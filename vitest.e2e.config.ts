import { defineConfig } from 'vitest/config';

// Browser tests: the built app in the Jira shell, in Debian's Chromium (see test/e2e/support.ts).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One browser at a time: the machines have two cores, shared.
    pool: 'forks',
    fileParallelism: false,
    // A browser test that fails is run once more before it counts as failed: on two shared cores a
    // cold Chromium has once missed a 30 s wait that takes 3 s (bad-input: the sidebar's alert).
    // Every retry is printed in the run's report, and a test that fails twice still fails.
    retry: 1,
    globalSetup: ['test/e2e/global-setup.ts'],
    // A Content Security Policy violation in any frame fails the test (test/e2e/support.ts).
    setupFiles: ['test/e2e/csp-guard.ts'],
  },
});
