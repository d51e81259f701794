// The PostgreSQL schema (db/pg migrations) must stay equivalent to SQLite's (db/migrations):
// same tables, columns with type families, nullability, defaults, keys, unique and other
// indexes, CHECK names and append-only triggers, each read back from the migrated databases
// (docs/decisions/230-postgresql-backend.md). Runs on PGlite always and on the real server
// when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgDatabaseHandle } from '../../../src/db/pg/client.ts';
import { createTestDatabase } from '../../support/db.ts';
import { pgBackends, query } from './backends.ts';
import { type SchemaShape, sqliteShape } from './introspect.ts';
import { pgShape } from './introspect-pg.ts';

const OPEN_TIMEOUT_MS = 120_000;

function sqliteReference(): SchemaShape {
  const database = createTestDatabase();
  try {
    return sqliteShape(database.sqlite);
  } finally {
    database.close();
  }
}

describe('the SQLite reference shape', () => {
  it('sees the tables, indexes and append-only triggers it is meant to compare', () => {
    const shape = sqliteReference();
    expect(Object.keys(shape).length).toBeGreaterThanOrEqual(23);
    expect(shape.accounts?.columns.is_default?.family).toBe('boolean');
    expect(shape.journal_entries?.indexes.journal_entries_reference_idx?.unique).toBe(true);
    expect(shape.journal_entries?.columns.id?.generated).toBe(true);
    expect(Object.values(shape).flatMap((t) => t.appendOnly)).toHaveLength(6);
    expect(shape.invoice_lines?.foreignKeys).toEqual([
      'invoice_number -> invoices(number) on delete cascade',
    ]);
  });
});

describe.each(pgBackends())('PostgreSQL schema on $backend.name', ({ backend, skip }) => {
  let handle: PgDatabaseHandle | undefined;
  beforeAll(async () => {
    if (!skip) handle = await backend.open();
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => handle?.close(), OPEN_TIMEOUT_MS);
  const pg = () => {
    if (handle === undefined) throw new Error('database not opened');
    return handle;
  };

  it.skipIf(skip)('has the same tables as SQLite', async () => {
    expect(Object.keys(await pgShape(pg()))).toEqual(Object.keys(sqliteReference()));
  });

  it.skipIf(skip)('has the same columns, keys, indexes, checks and triggers', async () => {
    const expected = sqliteReference();
    const actual = await pgShape(pg());
    // Table by table, so a failure names the table whose shape drifted.
    for (const table of Object.keys(expected)) {
      expect({ table, ...actual[table] }).toEqual({ table, ...expected[table] });
    }
  });

  it.skipIf(skip)('refuses to change or remove journal and audit rows', async () => {
    await seedOneJournalEntry(pg());
    const refused = async (statement: string) =>
      expect(query(pg(), statement)).rejects.toThrow(/append-only/);
    await refused(`UPDATE journal_entries SET created_by = 'U2'`);
    await refused(`DELETE FROM journal_entries`);
    await refused(`UPDATE journal_postings SET debit_minor = 1`);
    await refused(`DELETE FROM journal_postings`);
    await refused(`TRUNCATE journal_postings`);
    await refused(`UPDATE audit_log SET actor = 'U2'`);
    await refused(`DELETE FROM audit_log`);
    await refused(`TRUNCATE audit_log`);
    const entries = await query<{ n: number }>(
      pg(),
      'SELECT count(*)::int AS n FROM journal_entries',
    );
    expect(entries[0]?.n).toBe(1);
  });

  it.skipIf(skip)('holds the rules SQLite holds (second person, one default account)', async () => {
    await expect(
      query(pg(), `UPDATE write_off_requests SET approver = requester WHERE id = 'WO-000001'`),
    ).rejects.toThrow(/write_off_requests_approver_check/);
    await query(pg(), `INSERT INTO accounts VALUES ('7100', 'Bad debt', 'write_off', true, true)`);
    await expect(
      query(pg(), `INSERT INTO accounts VALUES ('7160', 'Small', 'write_off', true, true)`),
    ).rejects.toThrow(/accounts_one_default_write_off_idx/);
  });

  // Last: it changes the schema, to show the comparison is not blind to drift.
  it.skipIf(skip)('notices a column that became nullable and an index that went', async () => {
    await query(pg(), 'ALTER TABLE drafts ALTER COLUMN payload_json DROP NOT NULL');
    await query(pg(), 'DROP INDEX drafts_updated_idx');
    const drafts = (await pgShape(pg())).drafts;
    const expected = sqliteReference().drafts;
    expect(drafts?.columns.payload_json?.notNull).toBe(false);
    expect(Object.keys(drafts?.indexes ?? {})).toEqual(['drafts_user_idx']);
    expect(drafts).not.toEqual(expected);
  });
});

/** A period, an account, a request, one entry with one posting, and one audit row. */
async function seedOneJournalEntry(handle: PgDatabaseHandle): Promise<void> {
  for (const statement of [
    `INSERT INTO periods VALUES ('2026-06', '2026-06-01', '2026-06-30', false)`,
    `INSERT INTO accounts (code, name, role) VALUES ('1200', 'A/R', 'ar')`,
    `INSERT INTO write_off_requests (id, mode, status, period, write_off_on, currency,
       total_minor, requester, preview_hash, policy_version, created_at_ms)
     VALUES ('WO-000001', 'manual', 'posted', '2026-06', '2026-06-15', 'USD', 100, 'U1',
       'h', 'p1', 0)`,
    `INSERT INTO journal_entries (reference, kind, request_id, period, entry_on, currency,
       created_at_ms, created_by)
     VALUES ('write-off:WO-000001', 'write_off', 'WO-000001', '2026-06', '2026-06-15', 'USD',
       0, 'U1')`,
    `INSERT INTO journal_postings VALUES (1, 1, '1200', 0, 100, 'C1', NULL, NULL, NULL)`,
    `INSERT INTO audit_log (at_ms, actor, action) VALUES (0, 'U1', 'posted')`,
  ]) {
    await query(handle, statement);
  }
}
