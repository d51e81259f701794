// Prepared statements of the A/R import (see ar-import.repo.ts). Kept apart so the writer
// reads as logic, not SQL.
import type { Connection } from './tx.ts';

const SETTLED = `'settled'`;
// An item is absent when this import did not touch it, and settling matters only while it
// still has a balance. `t` is the table alias.
const absentInvoice = (t: string) =>
  `(${t}.last_import_id IS NULL OR ${t}.last_import_id <> ?) AND ${t}.open_minor <> 0`;
const absentOnAccount = (t: string) =>
  `(${t}.last_import_id IS NULL OR ${t}.last_import_id <> ?) AND ${t}.amount_minor <> 0`;

export function prepareStatements({ sqlite }: Connection) {
  // Customers are staged and written with one statement: the triggers that keep the search
  // index in step (docs/decisions/235-type-ahead-indexes.md) cost ten times as much run once
  // per statement as run for many rows of one statement.
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS import_customers (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_lower TEXT NOT NULL)`);
  sqlite.exec('DELETE FROM temp.import_customers');
  const p = (sql: string) => sqlite.prepare(sql);
  return {
    putSetting: p(
      `INSERT INTO settings (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ),
    upsertAccount: p(
      `INSERT INTO accounts (code, name, role, is_default, active) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, role = excluded.role,
         is_default = excluded.is_default, active = 1`,
    ),
    upsertPeriod: p(
      `INSERT INTO periods (name, start_on, end_on, closed) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET start_on = excluded.start_on, end_on = excluded.end_on,
         closed = excluded.closed`,
    ),
    stageCustomer: p('INSERT INTO temp.import_customers (id, name, name_lower) VALUES (?, ?, ?)'),
    // `WHERE true`: SQLite's rule for an upsert fed by a SELECT (parsing ambiguity of ON).
    upsertStagedCustomers: p(
      `INSERT INTO customers (id, name, name_lower)
       SELECT id, name, name_lower FROM temp.import_customers WHERE true
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_lower = excluded.name_lower
       WHERE name <> excluded.name`,
    ),
    clearStagedCustomers: p('DELETE FROM temp.import_customers'),
    anyInvoice: p('SELECT 1 FROM invoices LIMIT 1'),
    anyOnAccount: p('SELECT 1 FROM on_account_items LIMIT 1'),
    invoiceHash: p('SELECT content_hash FROM invoices WHERE number = ?'),
    touchInvoice: p('UPDATE invoices SET last_import_id = ? WHERE number = ?'),
    insertInvoice: p(
      `INSERT INTO invoices (number, customer_id, invoice_on, due_on, open_minor, erp_open_minor,
         retainage_minor, content_hash, version, last_import_id, updated_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ),
    updateInvoice: p(
      `UPDATE invoices SET customer_id = ?, invoice_on = ?, due_on = ?, open_minor = ?,
         erp_open_minor = ?, retainage_minor = ?, content_hash = ?, version = version + 1,
         last_import_id = ?, updated_at_ms = ?
       WHERE number = ?`,
    ),
    deleteLines: p('DELETE FROM invoice_lines WHERE invoice_number = ?'),
    insertLine: p(
      `INSERT INTO invoice_lines (invoice_number, line, description, due_minor, tax_minor,
         retainage_minor, finance_charge_minor) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    onAccountRow: p(
      'SELECT customer_id, item_on, erp_amount_minor FROM on_account_items WHERE id = ?',
    ),
    touchOnAccount: p('UPDATE on_account_items SET last_import_id = ? WHERE id = ?'),
    insertOnAccount: p(
      `INSERT INTO on_account_items (id, customer_id, item_on, amount_minor, erp_amount_minor,
         version, last_import_id, updated_at_ms) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
    ),
    updateOnAccount: p(
      `UPDATE on_account_items SET customer_id = ?, item_on = ?, amount_minor = ?,
         erp_amount_minor = ?, version = version + 1, last_import_id = ?, updated_at_ms = ?
       WHERE id = ?`,
    ),
    pendingOnInvoice: p(
      `SELECT DISTINCT l.request_id FROM write_off_request_lines l
       JOIN write_off_requests r ON r.id = l.request_id
       WHERE l.invoice_number = ? AND r.status = 'pending'`,
    ),
    pendingOnOnAccount: p(
      `SELECT DISTINCT l.request_id FROM write_off_request_lines l
       JOIN write_off_requests r ON r.id = l.request_id
       WHERE l.on_account_id = ? AND r.status = 'pending'`,
    ),
    absentInvoicesPending: p(
      `SELECT DISTINCT l.request_id, i.number FROM invoices i
       JOIN write_off_request_lines l ON l.invoice_number = i.number
       JOIN write_off_requests r ON r.id = l.request_id
       WHERE r.status = 'pending' AND ${absentInvoice('i')}`,
    ),
    absentOnAccountPending: p(
      `SELECT DISTINCT l.request_id, o.id FROM on_account_items o
       JOIN write_off_request_lines l ON l.on_account_id = o.id
       JOIN write_off_requests r ON r.id = l.request_id
       WHERE r.status = 'pending' AND ${absentOnAccount('o')}`,
    ),
    zeroAbsentLines: p(
      `UPDATE invoice_lines SET due_minor = 0, tax_minor = 0, retainage_minor = 0,
         finance_charge_minor = 0
       WHERE invoice_number IN (SELECT number FROM invoices i WHERE ${absentInvoice('i')})`,
    ),
    settleAbsentInvoices: p(
      `UPDATE invoices SET open_minor = 0, erp_open_minor = 0, retainage_minor = 0,
         content_hash = ${SETTLED}, version = version + 1, updated_at_ms = ?
       WHERE ${absentInvoice('invoices')}`,
    ),
    settleAbsentOnAccount: p(
      `UPDATE on_account_items SET amount_minor = 0, erp_amount_minor = 0, version = version + 1,
         updated_at_ms = ? WHERE ${absentOnAccount('on_account_items')}`,
    ),
    markStale: p(
      `UPDATE write_off_requests SET status = 'stale' WHERE id = ? AND status = 'pending'`,
    ),
    unlockInvoices: p('DELETE FROM request_invoice_locks WHERE request_id = ?'),
    unlockOnAccount: p('DELETE FROM request_on_account_locks WHERE request_id = ?'),
    audit: p(
      // The request's preview hash goes with every audit row about it
      // (docs/write-off-rules.md#approval).
      `INSERT INTO audit_log (at_ms, actor, action, request_id, details_json, preview_hash)
       SELECT ?, 'system:import', 'request_stale', id, ?, preview_hash
       FROM write_off_requests WHERE id = ?`,
    ),
    finishImport: p(
      `UPDATE imports SET invoices_in_file = ?, lines_in_file = ?, on_account_in_file = ?
       WHERE id = ?`,
    ),
  };
}
