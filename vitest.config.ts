import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests start real HTTP servers and SQLite files; give slow shared machines room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // A throwaway PostgreSQL for the store contract and multi-instance tests, when one can be started.
    globalSetup: ['./test/global-postgres.ts', './test/global-shared-data.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
