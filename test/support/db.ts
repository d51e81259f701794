// Test helpers for the sub-ledger: a fresh migrated in-memory database, and a small, valid
// A/R file (the docs/ar-file-format.md example, slightly extended) to import into it.
import { type ArFileV1, type ImportSummary, importArFile } from '../../src/app/import-ar-file.ts';
import { type Database, openTestDatabase } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';

export function createTestDatabase(): Database {
  return openTestDatabase();
}

/** A fresh migrated database with the small A/R file imported. */
export function createImportedDatabase(): Database {
  const database = createTestDatabase();
  importFixture(database);
  return database;
}

export const NOW_MS = Date.UTC(2026, 5, 15, 14, 0, 0);

/** A fresh copy every call, so tests can mutate it freely. */
export function smallArFile(): ArFileV1 {
  return {
    version: 1,
    currency: 'USD',
    timezone: 'America/New_York',
    accounts: [
      { code: '1200', name: 'Accounts receivable', role: 'ar' },
      { code: '1210', name: 'A/R retainage', role: 'ar_retainage' },
      { code: '1250', name: 'Finance charges receivable', role: 'fc_receivable' },
      { code: '2200', name: 'Sales tax payable', role: 'tax_payable' },
      { code: '7100', name: 'Bad debt expense', role: 'write_off', default: true },
      { code: '7150', name: 'Finance charge write-off', role: 'fc_write_off' },
      { code: '7160', name: 'Small balance write-off', role: 'write_off' },
    ],
    periods: [
      { name: '2026-05', start: '2026-05-01', end: '2026-05-31', closed: true },
      { name: '2026-06', start: '2026-06-01', end: '2026-06-30', closed: false },
      { name: '2026-07', start: '2026-07-01', end: '2026-07-31', closed: false },
    ],
    customers: [
      { id: 'C100', name: 'Acme Builders' },
      { id: 'C200', name: 'Bolt & Nut Supply' },
    ],
    invoices: [
      {
        number: '1001',
        customer: 'C100',
        date: '2026-03-01',
        dueDate: '2026-03-31',
        lines: [
          {
            line: 1,
            description: 'Framing',
            due: '107.00',
            tax: '7.00',
            retainage: '0.00',
            financeCharge: '0.00',
          },
          {
            line: 2,
            description: 'Late fee',
            due: '36.00',
            tax: '0.00',
            retainage: '0.00',
            financeCharge: '36.00',
          },
        ],
      },
      {
        number: '1002',
        customer: 'C100',
        date: '2026-04-01',
        dueDate: '2026-05-01',
        lines: [
          {
            line: 1,
            description: 'Roofing',
            due: '500.00',
            tax: '20.00',
            retainage: '50.00',
            financeCharge: '5.00',
          },
        ],
      },
      {
        number: '1003',
        customer: 'C200',
        date: '2026-04-10',
        dueDate: '2026-05-10',
        lines: [{ line: 1, description: 'Credit memo', due: '-25.50', tax: '-1.50' }],
      },
    ],
    onAccount: [{ id: 'P-9', customer: 'C100', date: '2026-03-05', amount: '-60.00' }],
  };
}

/** Imports `file` (default: the small file) and fails loudly if it is rejected. */
export function importFixture(database: Database, file: ArFileV1 = smallArFile()): ImportSummary {
  const result = importArFile(sqliteStore(database), file, NOW_MS);
  if (!result.ok) {
    throw new Error(
      `fixture import rejected: ${result.error.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  }
  return result.value;
}

/**
 * A pending request holding whole invoices (and on-account items), written straight to the
 * tables the request use-cases will own, with the invoice locks a pending request takes.
 */
export function insertPendingRequest(
  database: Database,
  request: {
    id: string;
    customerId: string;
    invoices?: readonly string[];
    onAccount?: readonly string[];
    requester?: string;
  },
): void {
  const { sqlite } = database;
  sqlite
    .prepare(
      `INSERT INTO write_off_requests (id, mode, status, customer_id, period, write_off_on, method,
         account, currency, total_minor, requester, preview_hash, policy_version, created_at_ms)
       VALUES (?, 'manual', 'pending', ?, '2026-06', '2026-06-15', 'entry', '7100', 'USD', 0, ?,
         'hash', 'v1', ?)`,
    )
    .run(request.id, request.customerId, request.requester ?? 'U_CLERK', NOW_MS);
  let seq = 0;
  const line = sqlite.prepare(
    `INSERT INTO write_off_request_lines (request_id, seq, kind, customer_id, invoice_number, line,
       on_account_id, item_version, amount_minor, tax_minor, retainage_minor,
       finance_charge_minor, account)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, 100, 0, 0, 0, '7100')`,
  );
  for (const invoice of request.invoices ?? []) {
    seq += 1;
    line.run(request.id, seq, 'invoice', request.customerId, invoice, 1, null);
    sqlite
      .prepare('INSERT INTO request_invoice_locks (invoice_number, request_id) VALUES (?, ?)')
      .run(invoice, request.id);
  }
  for (const id of request.onAccount ?? []) {
    seq += 1;
    line.run(request.id, seq, 'on_account', request.customerId, null, null, id);
    sqlite
      .prepare('INSERT INTO request_on_account_locks (on_account_id, request_id) VALUES (?, ?)')
      .run(id, request.id);
  }
}

/** Every write-off request row as stored (snake_case columns). */
export function requestRows(database: Database): Record<string, unknown>[] {
  return database.sqlite.prepare('SELECT * FROM write_off_requests').all() as Record<
    string,
    unknown
  >[];
}

/** Every row of every table, for "the database is unchanged" assertions. */
export function dumpDatabase(database: Database): Record<string, unknown[]> {
  const { sqlite } = database;
  // Request signatures are the receiver's replay memory (ADR 106): every request adds one, even
  // one that changes nothing in the ledger or the workflow.
  const tables = sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
      AND name NOT IN ('__drizzle_migrations', 'slack_request_signatures') ORDER BY name`)
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((t) => [t, sqlite.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()]),
  );
}
