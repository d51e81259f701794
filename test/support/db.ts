// Test helpers for the sub-ledger: a fresh migrated in-memory database, and a small, valid
// A/R file (the docs/ar-file-format.md example, slightly extended) to import into it.
import { type ArFileV1, type ImportSummary, importArFile } from '../../src/app/import-ar-file.ts';
import { type Database, openTestDatabase } from '../../src/db/client.ts';
import type { Store } from '../../src/db/tx.ts';
import {
  createTestStore,
  isPostgres,
  type StoreSource,
  sqlAll,
  sqlColumn,
  sqlRun,
  storeOf,
} from './backend.ts';

export function createTestDatabase(): Database {
  return openTestDatabase();
}

/** A fresh migrated database with the small A/R file imported. */
export function createImportedDatabase(): Database {
  const database = createTestDatabase();
  importFixture(database);
  return database;
}

/** A fresh store of the suite's backend (test/support/backend.ts), small A/R file imported. */
export function createImportedStore(): Store {
  const store = createTestStore();
  importFixture(store);
  return store;
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
export function importFixture(
  database: StoreSource,
  file: ArFileV1 = smallArFile(),
): ImportSummary {
  const result = importArFile(storeOf(database), file, NOW_MS);
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
  database: StoreSource,
  request: {
    id: string;
    customerId: string;
    invoices?: readonly string[];
    onAccount?: readonly string[];
    requester?: string;
  },
): void {
  sqlRun(
    database,
    `INSERT INTO write_off_requests (id, mode, status, customer_id, period, write_off_on, method,
       account, currency, total_minor, requester, preview_hash, policy_version, created_at_ms)
     VALUES (?, 'manual', 'pending', ?, '2026-06', '2026-06-15', 'entry', '7100', 'USD', 0, ?,
       'hash', 'v1', ?)`,
    request.id,
    request.customerId,
    request.requester ?? 'U_CLERK',
    NOW_MS,
  );
  let seq = 0;
  const line = (kind: string, invoice: string | null, lineNo: number | null, id: string | null) =>
    sqlRun(
      database,
      `INSERT INTO write_off_request_lines (request_id, seq, kind, customer_id, invoice_number,
         line, on_account_id, item_version, amount_minor, tax_minor, retainage_minor,
         finance_charge_minor, account)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, 100, 0, 0, 0, '7100')`,
      request.id,
      seq,
      kind,
      request.customerId,
      invoice,
      lineNo,
      id,
    );
  for (const invoice of request.invoices ?? []) {
    seq += 1;
    line('invoice', invoice, 1, null);
    sqlRun(
      database,
      'INSERT INTO request_invoice_locks (invoice_number, request_id) VALUES (?, ?)',
      invoice,
      request.id,
    );
  }
  for (const id of request.onAccount ?? []) {
    seq += 1;
    line('on_account', null, null, id);
    sqlRun(
      database,
      'INSERT INTO request_on_account_locks (on_account_id, request_id) VALUES (?, ?)',
      id,
      request.id,
    );
  }
}

/** Every write-off request row as stored (snake_case columns). */
export function requestRows(database: StoreSource): Record<string, unknown>[] {
  return sqlAll(database, 'SELECT * FROM write_off_requests');
}

/** Every row of every table, for "the database is unchanged" assertions. */
export function dumpDatabase(database: StoreSource): Record<string, unknown[]> {
  // Request signatures are the receiver's replay memory (ADR 106): every request adds one, even
  // one that changes nothing in the ledger or the workflow.
  const skipped = ['__drizzle_migrations', 'slack_request_signatures'];
  const tables = (
    isPostgres(database)
      ? sqlColumn(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
      : sqlColumn(
          database,
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
  )
    .map(String)
    .filter((t) => !skipped.includes(t))
    .sort();
  return Object.fromEntries(
    tables.map((t) => [t, sqlAll(database, `SELECT * FROM "${t}" ORDER BY 1, 2`)]),
  );
}
