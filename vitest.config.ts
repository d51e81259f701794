import { defineConfig } from 'vitest/config';

/**
 * Use-case test files that do not run on PostgreSQL (docs/postgresql.md says why for each): they
 * exercise SQLite itself (its file, backups, its write lock, connections to one file), or they
 * touch no database at all.
 */
const NOT_ON_POSTGRES = [
  'test/app/backup-restore.test.ts',
  'test/app/event-loop-write-lock.test.ts',
  'test/app/posting-concurrency.test.ts',
  'test/app/app-errors.test.ts',
  'test/app/import-amount.test.ts',
  'test/app/import/json-elements.test.ts',
];

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      {
        // The use-case suite again on PostgreSQL: PGlite, or the server of TEST_DATABASE_URL
        // (docs/postgresql.md, "The suites on both backends").
        extends: true,
        test: {
          name: 'postgresql',
          include: ['test/app/**/*.test.ts'],
          exclude: NOT_ON_POSTGRES,
          // Each statement is a round trip to the bridge thread, and the import writes item by
          // item there: the demo ledger's import takes seconds, not a tenth of one.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          env: { WRITEOFF_TEST_BACKEND: 'pg' },
          setupFiles: ['test/support/pg-suite-setup.ts'],
          // Files share their worker's PGlite databases (test/support/backend.ts): opening one
          // costs about two seconds of CPU, and they are emptied between tests anyway.
          isolate: false,
        },
      },
    ],
  },
});
