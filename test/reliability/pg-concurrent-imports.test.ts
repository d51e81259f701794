// Imports at the same instant on one PostgreSQL database, from separate processes: two
// instances filling an empty database with demo data at start, or two operators importing.
// Each import runs whole, one after the other (an advisory lock, as SQLite's write lock): the
// first inserts, the others find the same file already there, and none fails on a key that
// another inserted meanwhile. Needs TEST_DATABASE_URL.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/db/store.ts';
import { outputOf, spawnChild } from './support/children.ts';
import { SMALL_LEDGER, tempDir, writeLedgerFile } from './support/ledger.ts';
import { freshServerDatabase, withoutServer } from './support/pg-server.ts';

const PROCESSES = 3;
const dir = tempDir('pg-imports');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(withoutServer())('imports of one file at once on PostgreSQL', () => {
  it(`all ${PROCESSES} succeed and the ledger holds the file once`, async () => {
    const db = await freshServerDatabase();
    try {
      openPostgresStore(db.url).close(); // migrated before the race, as a running bot would have
      const file = writeLedgerFile(dir);
      const startAt = String(Date.now() + 4000);
      const results = await Promise.all(
        Array.from({ length: PROCESSES }, () =>
          outputOf(spawnChild('import-file.ts', [db.url, file, startAt])),
        ),
      );
      const failed = results.filter((r) => r.code !== 0).map((r) => r.err.slice(-600));
      expect(failed).toEqual([]);
      const outcomes = results.map((r) => JSON.parse(r.out) as { ok: boolean });
      expect(outcomes.every((o) => o.ok)).toBe(true);
      expect(await db.count('SELECT count(*) FROM invoices')).toBe(SMALL_LEDGER.invoices);
      expect(await db.count("SELECT count(*) FROM audit_log WHERE action = 'ar_import'")).toBe(
        PROCESSES,
      );
      expect(await db.violations()).toEqual([]);
    } finally {
      await db.drop();
    }
  }, 180_000);
});
