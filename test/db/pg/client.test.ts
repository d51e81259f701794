// Opening PostgreSQL: instances that start together migrate a fresh database once (advisory
// lock), and a server out of reach is one sentence that never shows the password.
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { describe, expect, it } from 'vitest';
import { openPgDatabase, PG_MIGRATIONS_DIR, PgOpenError } from '../../../src/db/pg/client.ts';
import { createServerDatabase, TEST_DATABASE_URL } from './backends.ts';

describe('openPgDatabase', () => {
  it('reports an unreachable server in one sentence, password hidden', async () => {
    // Port 9 (discard) is closed on test machines: the connection is refused at once.
    const error: unknown = await openPgDatabase(
      'postgres://writeoff:s3cret@127.0.0.1:9/writeoff',
    ).then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof PgOpenError)) throw new Error(`expected a PgOpenError, got ${error}`);
    expect(error.message).toMatch(
      /^cannot open the PostgreSQL database postgres:\/\/writeoff:\*\*\*@127\.0\.0\.1:9\/writeoff: /,
    );
    expect(error.message).not.toContain('s3cret');
  });

  it.skipIf(TEST_DATABASE_URL === undefined)(
    'migrates a fresh database once when three instances start at the same time',
    async () => {
      const created = await createServerDatabase();
      try {
        const handles = await Promise.all([1, 2, 3].map(() => openPgDatabase(created.url)));
        const [first] = handles;
        const applied = await first?.db.execute(
          sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
        );
        const committed = readMigrationFiles({ migrationsFolder: PG_MIGRATIONS_DIR }).length;
        expect(applied?.rows[0]?.n).toBe(committed);
        await Promise.all(handles.map((h) => h.close()));
      } finally {
        await created.drop();
      }
    },
    60_000,
  );
});
