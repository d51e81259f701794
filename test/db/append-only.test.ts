// Journal and audit rows are facts: the database itself refuses to change or remove them.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { createImportedDatabase, insertPendingRequest, NOW_MS } from '../support/db.ts';

let database: Database;

function postEntry(reference: string): number {
  const { sqlite } = database;
  const id = Number(
    sqlite
      .prepare(
        `INSERT INTO journal_entries (reference, kind, request_id, period, entry_on, currency,
           created_at_ms, created_by) VALUES (?, 'write_off', 'WO-000001', '2026-06', '2026-06-15',
           'USD', ?, 'U_BOSS')`,
      )
      .run(reference, NOW_MS).lastInsertRowid,
  );
  const posting = sqlite.prepare(
    `INSERT INTO journal_postings (entry_id, seq, account, debit_minor, credit_minor,
       invoice_number, line) VALUES (?, ?, ?, ?, ?, '1001', 1)`,
  );
  posting.run(id, 1, '7100', 10000, 0);
  posting.run(id, 2, '1200', 0, 10000);
  return id;
}

beforeEach(() => {
  database = createImportedDatabase();
  insertPendingRequest(database, { id: 'WO-000001', customerId: 'C100', invoices: ['1001'] });
});

describe('append-only tables', () => {
  it.each([
    ['journal_entries', 'UPDATE journal_entries SET entry_on = ?', ['2026-06-16']],
    ['journal_entries', 'DELETE FROM journal_entries', []],
    ['journal_postings', 'UPDATE journal_postings SET debit_minor = debit_minor + ?', [1]],
    ['journal_postings', 'DELETE FROM journal_postings', []],
    ['audit_log', 'UPDATE audit_log SET actor = ?', ['U_MALLORY']],
    ['audit_log', 'DELETE FROM audit_log', []],
  ])('%s refuses: %s', (table, statement, args) => {
    postEntry('write-off:WO-000001');
    const before = database.sqlite.prepare(`SELECT * FROM ${table}`).all();
    expect(before.length).toBeGreaterThan(0);
    expect(() => database.sqlite.prepare(statement).run(...args)).toThrow(/append-only/);
    expect(database.sqlite.prepare(`SELECT * FROM ${table}`).all()).toEqual(before);
  });

  it('accepts new rows: a reversal is a new entry that points at the original', () => {
    const original = postEntry('write-off:WO-000001');
    database.sqlite
      .prepare(
        `INSERT INTO journal_entries (reference, kind, request_id, period, entry_on, currency,
           reverses_entry_id, created_at_ms, created_by) VALUES ('reversal:WO-000001', 'reversal',
           'WO-000001', '2026-06', '2026-06-20', 'USD', ?, ?, 'U_BOSS')`,
      )
      .run(original, NOW_MS);
    expect(database.sqlite.prepare('SELECT count(*) FROM journal_entries').pluck().get()).toBe(2);
  });

  it('posts a request at most once: the reference is unique', () => {
    postEntry('write-off:WO-000001');
    expect(() => postEntry('write-off:WO-000001')).toThrow(/UNIQUE constraint failed/);
  });

  it('refuses a posting with both sides, or neither side, positive', () => {
    const id = postEntry('write-off:WO-000001');
    const posting = database.sqlite.prepare(
      `INSERT INTO journal_postings (entry_id, seq, account, debit_minor, credit_minor)
       VALUES (?, ?, '7100', ?, ?)`,
    );
    expect(() => posting.run(id, 3, 100, 100)).toThrow(/journal_postings_one_side_check/);
    expect(() => posting.run(id, 4, 0, 0)).toThrow(/journal_postings_one_side_check/);
    expect(() => posting.run(id, 5, -100, 0)).toThrow(/journal_postings_one_side_check/);
  });
});
