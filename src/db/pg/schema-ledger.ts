// The PostgreSQL twin of src/db/schema.ts (ledger and requests; the journal and the rest of the
// workflow are in schema-workflow.ts): same tables, columns, keys, CHECKs and indexes, under
// the same names (test/db/pg/schema-equivalence.test.ts proves it by introspecting both).
// Column meanings are documented on the SQLite schema; only the type mapping differs
// (docs/decisions/230-postgresql-backend.md):
// - money (`*_minor`), instants (`*_at_ms`, `*_at_sec`) and identity ids are `bigint` read as JS
//   numbers (safe up to 2^53, like SQLite's integers in JS); small counts stay `integer`;
// - SQLite's 0/1 booleans are `boolean`, so CHECKs and partial indexes test them as booleans;
// - calendar dates stay ISO text so both backends compare and return the same strings.
// Journal and audit rows are append-only: triggers in a custom migration refuse UPDATE, DELETE
// and TRUNCATE (docs/decisions/012-append-only-journal-and-audit.md).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  ACCOUNT_ROLES,
  REQUEST_LINE_KINDS,
  REQUEST_METHODS,
  REQUEST_MODES,
  REQUEST_STATUSES,
} from '../schema.ts';
import { big, identity, sqlList } from './schema-columns.ts';

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const imports = pgTable('imports', {
  id: identity('id'),
  atMs: big('at_ms').notNull(),
  source: text('source').notNull(),
  invoicesInFile: integer('invoices_in_file').notNull(),
  linesInFile: integer('lines_in_file').notNull(),
  onAccountInFile: integer('on_account_in_file').notNull(),
});

export const accounts = pgTable(
  'accounts',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    role: text('role', { enum: ACCOUNT_ROLES }).notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    check('accounts_role_check', sql`${t.role} IN (${sqlList(ACCOUNT_ROLES)})`),
    check(
      'accounts_default_is_write_off_check',
      sql`NOT ${t.isDefault} OR (${t.role} = 'write_off' AND ${t.active})`,
    ),
    uniqueIndex('accounts_one_default_write_off_idx').on(t.role).where(sql`${t.isDefault}`),
  ],
);

export const periods = pgTable(
  'periods',
  {
    name: text('name').primaryKey(),
    startOn: text('start_on').notNull(),
    endOn: text('end_on').notNull(),
    closed: boolean('closed').notNull(),
  },
  (t) => [
    check('periods_range_check', sql`${t.startOn} <= ${t.endOn}`),
    index('periods_start_on_idx').on(t.startOn),
  ],
);

export const customers = pgTable(
  'customers',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    nameLower: text('name_lower').notNull(),
  },
  (t) => [index('customers_name_lower_idx').on(t.nameLower)],
);

export const invoices = pgTable(
  'invoices',
  {
    number: text('number').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    invoiceOn: text('invoice_on').notNull(),
    dueOn: text('due_on').notNull(),
    openMinor: big('open_minor').notNull(),
    contentHash: text('content_hash').notNull(),
    version: integer('version').notNull().default(1),
    lastImportId: big('last_import_id').references(() => imports.id),
    updatedAtMs: big('updated_at_ms').notNull(),
    erpOpenMinor: big('erp_open_minor').notNull().default(0),
    retainageMinor: big('retainage_minor').notNull().default(0),
  },
  (t) => [
    // open_minor last: a customer's open total is read from the index alone (ADR 290).
    index('invoices_customer_number_idx').on(t.customerId, t.number, t.openMinor),
    index('invoices_invoice_on_idx').on(t.invoiceOn),
    check('invoices_version_check', sql`${t.version} >= 1`),
  ],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    invoiceNumber: text('invoice_number')
      .notNull()
      .references(() => invoices.number, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    description: text('description').notNull(),
    dueMinor: big('due_minor').notNull(),
    taxMinor: big('tax_minor').notNull(),
    retainageMinor: big('retainage_minor').notNull(),
    financeChargeMinor: big('finance_charge_minor').notNull(),
  },
  (t) => [
    primaryKey({ name: 'invoice_lines_pk', columns: [t.invoiceNumber, t.line] }),
    check('invoice_lines_line_check', sql`${t.line} >= 1`),
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

export const onAccountItems = pgTable(
  'on_account_items',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    itemOn: text('item_on').notNull(),
    amountMinor: big('amount_minor').notNull(),
    erpAmountMinor: big('erp_amount_minor').notNull().default(0),
    version: integer('version').notNull().default(1),
    lastImportId: big('last_import_id').references(() => imports.id),
    updatedAtMs: big('updated_at_ms').notNull(),
  },
  // amount_minor last: a customer's on-account total is read from the index alone (ADR 290).
  (t) => [index('on_account_items_customer_idx').on(t.customerId, t.id, t.amountMinor)],
);

export const writeOffRequests = pgTable(
  'write_off_requests',
  {
    id: text('id').primaryKey(),
    mode: text('mode', { enum: REQUEST_MODES }).notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull(),
    customerId: text('customer_id').references(() => customers.id),
    period: text('period')
      .notNull()
      .references(() => periods.name),
    writeOffOn: text('write_off_on').notNull(),
    method: text('method', { enum: REQUEST_METHODS }),
    account: text('account').references(() => accounts.code),
    comment: text('comment'),
    reason: text('reason'),
    reasonCode: text('reason_code'),
    evidence: text('evidence'),
    criteriaJson: text('criteria_json'),
    currency: text('currency').notNull(),
    totalMinor: big('total_minor').notNull(),
    requester: text('requester').notNull(),
    approver: text('approver'),
    rejectionReason: text('rejection_reason'),
    previewHash: text('preview_hash').notNull(),
    policyVersion: text('policy_version').notNull(),
    decidedPolicyVersion: text('decided_policy_version'),
    revises: text('revises'),
    createdAtMs: big('created_at_ms').notNull(),
    decidedAtMs: big('decided_at_ms'),
    postedEntryId: big('posted_entry_id'),
    reversalEntryId: big('reversal_entry_id'),
    slackChannel: text('slack_channel'),
    slackTs: text('slack_ts'),
    slackThreadTs: text('slack_thread_ts'),
    splitJson: text('split_json'),
  },
  (t) => [
    check('write_off_requests_mode_check', sql`${t.mode} IN (${sqlList(REQUEST_MODES)})`),
    check('write_off_requests_status_check', sql`${t.status} IN (${sqlList(REQUEST_STATUSES)})`),
    check(
      'write_off_requests_method_check',
      sql`${t.method} IS NULL OR ${t.method} IN (${sqlList(REQUEST_METHODS)})`,
    ),
    check(
      'write_off_requests_approver_check',
      sql`${t.approver} IS NULL OR ${t.approver} <> ${t.requester}`,
    ),
    check(
      'write_off_requests_rejection_check',
      sql`${t.status} <> 'rejected' OR length(trim(coalesce(${t.rejectionReason}, ''))) > 0`,
    ),
    index('write_off_requests_status_idx').on(t.status, t.createdAtMs),
    index('write_off_requests_requester_idx').on(t.requester, t.createdAtMs),
    uniqueIndex('write_off_requests_revises_idx')
      .on(t.revises)
      .where(sql`${t.revises} IS NOT NULL`),
    foreignKey({
      name: 'write_off_requests_revises_fk',
      columns: [t.revises],
      foreignColumns: [t.id],
    }),
  ],
);

export const writeOffRequestLines = pgTable(
  'write_off_request_lines',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => writeOffRequests.id),
    seq: integer('seq').notNull(),
    kind: text('kind', { enum: REQUEST_LINE_KINDS }).notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    invoiceNumber: text('invoice_number').references(() => invoices.number),
    line: integer('line'),
    onAccountId: text('on_account_id').references(() => onAccountItems.id),
    itemVersion: integer('item_version').notNull(),
    amountMinor: big('amount_minor').notNull(),
    taxMinor: big('tax_minor').notNull(),
    retainageMinor: big('retainage_minor').notNull(),
    financeChargeMinor: big('finance_charge_minor').notNull(),
    account: text('account')
      .notNull()
      .references(() => accounts.code),
    comment: text('comment'),
  },
  (t) => [
    primaryKey({ name: 'write_off_request_lines_pk', columns: [t.requestId, t.seq] }),
    check('write_off_request_lines_kind_check', sql`${t.kind} IN (${sqlList(REQUEST_LINE_KINDS)})`),
    check(
      'write_off_request_lines_target_check',
      sql`(${t.kind} = 'invoice' AND ${t.invoiceNumber} IS NOT NULL AND ${t.line} IS NOT NULL
          AND ${t.onAccountId} IS NULL)
        OR (${t.kind} = 'on_account' AND ${t.onAccountId} IS NOT NULL
          AND ${t.invoiceNumber} IS NULL AND ${t.line} IS NULL)`,
    ),
    index('write_off_request_lines_invoice_idx').on(t.invoiceNumber),
    index('write_off_request_lines_on_account_idx').on(t.onAccountId),
  ],
);

export const writeOffRequestItems = pgTable(
  'write_off_request_items',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => writeOffRequests.id),
    seq: integer('seq').notNull(),
    customerId: text('customer_id').notNull(),
    invoiceNumber: text('invoice_number'),
    onAccountId: text('on_account_id'),
    itemOn: text('item_on'),
    amountMinor: big('amount_minor').notNull(),
  },
  (t) => [primaryKey({ name: 'write_off_request_items_pk', columns: [t.requestId, t.seq] })],
);

export const requestInvoiceLocks = pgTable(
  'request_invoice_locks',
  {
    invoiceNumber: text('invoice_number')
      .primaryKey()
      .references(() => invoices.number),
    requestId: text('request_id')
      .notNull()
      .references(() => writeOffRequests.id),
  },
  (t) => [index('request_invoice_locks_request_idx').on(t.requestId)],
);

export const requestOnAccountLocks = pgTable(
  'request_on_account_locks',
  {
    onAccountId: text('on_account_id')
      .primaryKey()
      .references(() => onAccountItems.id),
    requestId: text('request_id')
      .notNull()
      .references(() => writeOffRequests.id),
  },
  (t) => [index('request_on_account_locks_request_idx').on(t.requestId)],
);
