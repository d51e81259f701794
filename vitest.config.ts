import { defineConfig } from 'vitest/config';

/**
 * Use-case test files that exercise SQLite itself (its file, backups, its write lock, two
 * connections to one file): they do not run on PostgreSQL. docs/postgresql.md says why for each.
 */
const SQLITE_ONLY = ['test/app/backup-restore.test.ts'];

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
          exclude: SQLITE_ONLY,
          env: { WRITEOFF_TEST_BACKEND: 'pg' },
          setupFiles: ['test/support/pg-suite-setup.ts'],
        },
      },
    ],
  },
});
