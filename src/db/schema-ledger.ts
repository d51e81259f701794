// The SQLite schema, first part: the imported A/R sub-ledger (settings, accounts, periods,
// customers, invoices, on-account items) and the lists its CHECK constraints are built from.
// Conventions in schema.ts, which drizzle-kit reads; code imports tables from there.
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { REQUEST_STATUSES } from '../domain/request-status.ts';
import { bool, sqlList } from './schema-columns.ts';

export const ACCOUNT_ROLES = [
  'ar',
  'ar_retainage',
  'fc_receivable',
  'tax_payable',
  'write_off',
  'fc_write_off',
] as const;
export const REQUEST_MODES = [
  'manual',
  'finance-charge',
  'invoice-balance',
  'account-balance',
] as const;
export const REQUEST_METHODS = ['entry', 'line-item'] as const;
// The request states are a domain fact; the table's enum and check constraint use the same list.
export { REQUEST_STATUSES };
export const REQUEST_LINE_KINDS = ['invoice', 'on_account'] as const;
export const JOURNAL_KINDS = ['write_off', 'reversal'] as const;
export const USER_ROLES = ['clerk', 'approver', 'manager', 'admin'] as const;
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

/** Currency and company timezone of the imported file (keys `currency`, `timezone`). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** One row per import run; invoices and on-account items remember the last run that saw them. */
export const imports = sqliteTable('imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  atMs: integer('at_ms').notNull(),
  source: text('source').notNull(),
  invoicesInFile: integer('invoices_in_file').notNull(),
  linesInFile: integer('lines_in_file').notNull(),
  onAccountInFile: integer('on_account_in_file').notNull(),
});

export const accounts = sqliteTable(
  'accounts',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    role: text('role', { enum: ACCOUNT_ROLES }).notNull(),
    isDefault: bool('is_default').notNull().default(false),
    /** False when the account left the chart in a later import; kept for history. */
    active: bool('active').notNull().default(true),
  },
  (t) => [
    check('accounts_role_check', sql`${t.role} IN (${sqlList(ACCOUNT_ROLES)})`),
    check(
      'accounts_default_is_write_off_check',
      sql`${t.isDefault} = 0 OR (${t.role} = 'write_off' AND ${t.active} = 1)`,
    ),
    uniqueIndex('accounts_one_default_write_off_idx').on(t.role).where(sql`${t.isDefault} = 1`),
  ],
);

export const periods = sqliteTable(
  'periods',
  {
    name: text('name').primaryKey(),
    startOn: text('start_on').notNull(),
    endOn: text('end_on').notNull(),
    closed: bool('closed').notNull(),
  },
  (t) => [
    check('periods_range_check', sql`${t.startOn} <= ${t.endOn}`),
    index('periods_start_on_idx').on(t.startOn),
  ],
);

export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** lower(name), kept for fast prefix type-ahead. */
    nameLower: text('name_lower').notNull(),
  },
  (t) => [index('customers_name_lower_idx').on(t.nameLower)],
);

export const invoices = sqliteTable(
  'invoices',
  {
    number: text('number').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    invoiceOn: text('invoice_on').notNull(),
    dueOn: text('due_on').notNull(),
    /** Σ line due, maintained with the lines. Zero once the invoice left the file (ADR 011). */
    openMinor: integer('open_minor').notNull(),
    /** Digest of the lines; a change bumps `version` and makes pending requests stale. */
    contentHash: text('content_hash').notNull(),
    version: integer('version').notNull().default(1),
    lastImportId: integer('last_import_id').references(() => imports.id),
    updatedAtMs: integer('updated_at_ms').notNull(),
    /**
     * Σ line due as the ERP file last stated it (0 once settled); only the import sets it.
     * Postings move `open_minor`, never this: a re-import compares the two to spot a payment on
     * a written-off invoice (docs/decisions/228-recovery-after-payment.md).
     */
    erpOpenMinor: integer('erp_open_minor').notNull().default(0),
    /**
     * Σ line retainage, maintained with the lines in the same transaction as `open_minor` (the
     * imports and touchInvoice): a finance-charge run reads it instead of summing the lines it
     * leaves out (docs/decisions/320-automatic-preview-snapshot-and-invoice-retainage.md).
     */
    retainageMinor: integer('retainage_minor').notNull().default(0),
  },
  (t) => [
    // open_minor last: a customer's open total is read from the index alone (ADR 290).
    index('invoices_customer_number_idx').on(t.customerId, t.number, t.openMinor),
    index('invoices_invoice_on_idx').on(t.invoiceOn),
    check('invoices_version_check', sql`${t.version} >= 1`),
  ],
);

export const invoiceLines = sqliteTable(
  'invoice_lines',
  {
    invoiceNumber: text('invoice_number')
      .notNull()
      .references(() => invoices.number, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    description: text('description').notNull(),
    dueMinor: integer('due_minor').notNull(),
    taxMinor: integer('tax_minor').notNull(),
    retainageMinor: integer('retainage_minor').notNull(),
    financeChargeMinor: integer('finance_charge_minor').notNull(),
  },
  (t) => [
    primaryKey({ name: 'invoice_lines_pk', columns: [t.invoiceNumber, t.line] }),
    check('invoice_lines_line_check', sql`${t.line} >= 1`),
    // Tax, retainage and FC are parts of due: same sign (or zero), together at most due.
    check(
      'invoice_lines_parts_check',
      sql`(${t.dueMinor} >= 0 AND ${t.taxMinor} >= 0 AND ${t.retainageMinor} >= 0
        AND ${t.financeChargeMinor} >= 0
        AND ${t.taxMinor} + ${t.retainageMinor} + ${t.financeChargeMinor} <= ${t.dueMinor})
      OR (${t.dueMinor} <= 0 AND ${t.taxMinor} <= 0 AND ${t.retainageMinor} <= 0
        AND ${t.financeChargeMinor} <= 0
        AND ${t.taxMinor} + ${t.retainageMinor} + ${t.financeChargeMinor} >= ${t.dueMinor})`,
    ),
    // A finance-charge run reads only the lines with a finance charge, from this index alone
    // (ADR 286); what the others add to retainage is the invoice's `retainage_minor` less
    // theirs (ADR 320).
    index('invoice_lines_fc_idx')
      .on(t.invoiceNumber, t.line, t.dueMinor, t.taxMinor, t.retainageMinor, t.financeChargeMinor)
      .where(sql.raw('finance_charge_minor <> 0')),
  ],
);

export const onAccountItems = sqliteTable(
  'on_account_items',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    itemOn: text('item_on').notNull(),
    /** Negative = customer credit. Zero once the item left the file (ADR 011). */
    amountMinor: integer('amount_minor').notNull(),
    /**
     * The amount as the ERP file last stated it; only the import sets it (0 once settled).
     * Re-imports compare against it, not against `amount_minor`, which postings move, so an
     * ERP that has not caught up with a write-off does not resurrect it (ADR 031).
     */
    erpAmountMinor: integer('erp_amount_minor').notNull().default(0),
    version: integer('version').notNull().default(1),
    lastImportId: integer('last_import_id').references(() => imports.id),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  // amount_minor last: a customer's on-account total is read from the index alone (ADR 290).
  (t) => [index('on_account_items_customer_idx').on(t.customerId, t.id, t.amountMinor)],
);
