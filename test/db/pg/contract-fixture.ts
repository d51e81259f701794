// A small ledger both dialects accept as plain SQL (TRUE/FALSE are 1/0 in SQLite), for the
// contract tests: customers whose ids and names differ in case and share fragments, invoices with
// lines (one settled at zero), on-account items, and requests in several states with their lines,
// items, locks and one posted journal entry. Identity ids are never given: PostgreSQL's
// sequences would not know them.
export const T0_MS = Date.UTC(2026, 5, 15, 14);

const customers = [
  ['C001', 'Acme Holdings'],
  ['C002', 'Bolt & Nut GmbH'],
  ['c003', 'acme east'],
  ['C010', 'Zeta Acmeworks'],
  ['D001', 'Delta_100% Ltd'],
  ['X9', 'Éclair Bakery'],
];

const invoices = [
  // number, customer, invoice_on, due_on, open, erp_open
  ['INV-001', 'C001', '2026-01-10', '2026-02-10', 12000, 12000],
  ['INV-002', 'C001', '2026-03-05', '2026-04-05', 500, 500],
  ['inv-003', 'C002', '2026-02-01', '2026-03-01', 7000, 7000],
  ['INV-004', 'C002', '2025-12-01', '2026-01-01', 0, 0],
  ['INV-010', 'c003', '2026-04-01', '2026-05-01', -300, -300],
  ['INV-020', 'C010', '2026-01-20', '2026-02-20', 90, 90],
] as const;

const lines = [
  // invoice, line, description, due, tax, retainage, finance charge
  ['INV-001', 1, 'Goods', 10000, 1600, 0, 0],
  ['INV-001', 2, 'Finance charge', 2000, 0, 0, 2000],
  ['INV-002', 1, 'Service', 500, 80, 0, 0],
  ['inv-003', 1, 'Work', 7000, 0, 700, 0],
  ['INV-004', 1, 'Settled', 0, 0, 0, 0],
  ['INV-010', 1, 'Credit', -300, 0, 0, 0],
  ['INV-020', 1, 'Small', 90, 0, 0, 0],
] as const;

const list = (rows: readonly (readonly (string | number)[])[]) =>
  rows
    .map((r) => `(${r.map((v) => (typeof v === 'number' ? v : `'${v}'`)).join(', ')})`)
    .join(', ');

const request = (id: string, status: string, customer: string, createdAtMs: number, extra = '') =>
  `INSERT INTO write_off_requests (id, mode, status, customer_id, period, write_off_on, currency,
     total_minor, requester, preview_hash, policy_version, created_at_ms${extra === '' ? '' : ', decided_at_ms, approver'})
   VALUES ('${id}', 'manual', '${status}', '${customer}', '2026-06', '2026-06-15', 'EUR', 500,
     'U_CLERK', 'hash-${id}', 'p1', ${createdAtMs}${extra})`;

const requestLine = (id: string, seq: number, invoice: string, amountMinor: number) =>
  `INSERT INTO write_off_request_lines (request_id, seq, kind, customer_id, invoice_number, line,
     item_version, amount_minor, tax_minor, retainage_minor, finance_charge_minor, account)
   SELECT '${id}', ${seq}, 'invoice', customer_id, number, 1, 1, ${amountMinor}, 0, 0, 0, '6800'
   FROM invoices WHERE number = '${invoice}'`;

const requestItem = (id: string, invoice: string, itemOn: string, amountMinor: number) =>
  `INSERT INTO write_off_request_items (request_id, seq, customer_id, invoice_number, item_on,
     amount_minor)
   SELECT '${id}', 1, customer_id, number, '${itemOn}', ${amountMinor} FROM invoices
   WHERE number = '${invoice}'`;

export const LEDGER_FIXTURE: readonly string[] = [
  `INSERT INTO settings (key, value) VALUES ('currency', 'EUR'), ('timezone', 'Europe/Berlin')`,
  `INSERT INTO accounts (code, name, role, is_default, active) VALUES
     ('1200', 'Receivables', 'ar', FALSE, TRUE), ('1210', 'Retainage', 'ar_retainage', FALSE, TRUE),
     ('1220', 'Finance charges', 'fc_receivable', FALSE, TRUE),
     ('2400', 'Tax payable', 'tax_payable', FALSE, TRUE),
     ('6800', 'Bad debt', 'write_off', TRUE, TRUE), ('6810', 'FC write-off', 'fc_write_off', FALSE, TRUE),
     ('6900', 'Old write-off', 'write_off', FALSE, FALSE)`,
  `INSERT INTO periods (name, start_on, end_on, closed) VALUES
     ('2026-05', '2026-05-01', '2026-05-31', TRUE), ('2026-06', '2026-06-01', '2026-06-30', FALSE),
     ('2026-07', '2026-07-01', '2026-07-31', FALSE)`,
  `INSERT INTO customers (id, name, name_lower) VALUES ${list(
    customers.map(([id, name]) => [id ?? '', name ?? '', (name ?? '').toLowerCase()]),
  )}`,
  `INSERT INTO invoices (number, customer_id, invoice_on, due_on, open_minor, erp_open_minor,
     content_hash, version, updated_at_ms) VALUES ${list(
       invoices.map((i) => [...i.slice(0, 4), i[4], i[5], `h-${i[0]}`, 1, T0_MS]),
     )}`,
  `INSERT INTO invoice_lines (invoice_number, line, description, due_minor, tax_minor,
     retainage_minor, finance_charge_minor) VALUES ${list(lines)}`,
  `INSERT INTO on_account_items (id, customer_id, item_on, amount_minor, erp_amount_minor, version,
     updated_at_ms) VALUES ('OA-1', 'C001', '2026-02-15', -250, -250, 1, ${T0_MS}),
     ('OA-2', 'C002', '2026-03-15', 0, 0, 2, ${T0_MS}), ('OA-3', 'c003', '2026-04-15', 40, 40, 1, ${T0_MS})`,
  request(
    'WO-000001',
    'posted',
    'C001',
    T0_MS - 9 * 86_400_000,
    `, ${T0_MS - 8 * 86_400_000}, 'U_BOSS'`,
  ),
  requestLine('WO-000001', 1, 'INV-002', 300),
  requestLine('WO-000001', 2, 'INV-002', 100),
  requestItem('WO-000001', 'INV-002', '2026-03-05', 400),
  `INSERT INTO journal_entries (reference, kind, request_id, period, entry_on, currency,
     created_at_ms, created_by) VALUES ('write-off:WO-000001', 'write_off', 'WO-000001', '2026-06',
     '2026-06-15', 'EUR', ${T0_MS - 8 * 86_400_000}, 'U_BOSS')`,
  request('WO-000002', 'pending', 'C002', T0_MS - 5 * 86_400_000),
  requestLine('WO-000002', 1, 'inv-003', 7000),
  requestItem('WO-000002', 'inv-003', '2026-02-01', 7000),
  `INSERT INTO request_invoice_locks (invoice_number, request_id) VALUES ('inv-003', 'WO-000002')`,
  `INSERT INTO request_on_account_locks (on_account_id, request_id) VALUES ('OA-3', 'WO-000002')`,
  request('WO-000003', 'pending', 'C001', T0_MS - 86_400_000),
  requestLine('WO-000003', 1, 'INV-001', 12000),
  `INSERT INTO request_invoice_locks (invoice_number, request_id) VALUES ('INV-001', 'WO-000003')`,
  request('WO-000004', 'stale', 'C010', T0_MS - 3 * 86_400_000),
];
