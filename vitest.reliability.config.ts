import { defineConfig } from 'vitest/config';

// `npm run test:reliability`: the reliability suite at full size (issue 7). The same files run
// at a fast size inside `npm test`; see test/reliability/support/scale.ts.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    pool: 'forks',
    env: { WRITEOFF_RELIABILITY: 'full' },
    globalSetup: ['test/reliability/support/global-setup.ts'],
    // Two workers: the kill -9 trials mostly wait on their children, so the 10^5 random
    // operations run beside them.
    maxWorkers: 2,
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
