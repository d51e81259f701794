// The SQLite schema, second part: the write-off requests with their lines, per-item sums and
// the locks that keep one invoice in one pending request.
// Conventions in schema.ts, which drizzle-kit reads; code imports tables from there.
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { REQUEST_STATUSES } from '../domain/request-status.ts';
import { sqlList } from './schema-columns.ts';
import {
  accounts,
  customers,
  invoices,
  onAccountItems,
  periods,
  REQUEST_LINE_KINDS,
  REQUEST_METHODS,
  REQUEST_MODES,
} from './schema-ledger.ts';

export const writeOffRequests = sqliteTable(
  'write_off_requests',
  {
    /** e.g. `WO-000123`. */
    id: text('id').primaryKey(),
    mode: text('mode', { enum: REQUEST_MODES }).notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull(),
    /** Null for automatic runs, which can span customers. */
    customerId: text('customer_id').references(() => customers.id),
    period: text('period')
      .notNull()
      .references(() => periods.name),
    writeOffOn: text('write_off_on').notNull(),
    /** Manual requests only. */
    method: text('method', { enum: REQUEST_METHODS }),
    /** Entry method / automatic run: the one write-off account. */
    account: text('account').references(() => accounts.code),
    comment: text('comment'),
    reason: text('reason'),
    /** A code of the policy's `reasons` (docs/policy.md); null on requests made before codes. */
    reasonCode: text('reason_code'),
    /** Evidence link or note, required by the policy above a reason's threshold. */
    evidence: text('evidence'),
    /** Automatic runs: the criteria as given (type, value, dates, ranges). */
    criteriaJson: text('criteria_json'),
    currency: text('currency').notNull(),
    totalMinor: integer('total_minor').notNull(),
    requester: text('requester').notNull(),
    approver: text('approver'),
    rejectionReason: text('rejection_reason'),
    previewHash: text('preview_hash').notNull(),
    /** The policy version the request was submitted under (docs/policy.md). */
    policyVersion: text('policy_version').notNull(),
    /** The policy version in force when it was approved, rejected or cancelled. */
    decidedPolicyVersion: text('decided_policy_version'),
    /** The rejected or stale request this one resubmits (`WO-…`), if any; each is revised once. */
    revises: text('revises'),
    createdAtMs: integer('created_at_ms').notNull(),
    decidedAtMs: integer('decided_at_ms'),
    postedEntryId: integer('posted_entry_id'),
    reversalEntryId: integer('reversal_entry_id'),
    slackChannel: text('slack_channel'),
    slackTs: text('slack_ts'),
    slackThreadTs: text('slack_thread_ts'),
    /**
     * Split detection at submit (docs/decisions/225-split-detection.md): the related requests
     * and their combined amount, JSON; null when none. Approving then needs an acknowledgement.
     */
    splitJson: text('split_json'),
  },
  (t) => [
    check('write_off_requests_mode_check', sql`${t.mode} IN (${sqlList(REQUEST_MODES)})`),
    check('write_off_requests_status_check', sql`${t.status} IN (${sqlList(REQUEST_STATUSES)})`),
    check(
      'write_off_requests_method_check',
      sql`${t.method} IS NULL OR ${t.method} IN (${sqlList(REQUEST_METHODS)})`,
    ),
    // Second-person approval, enforced by the database as well as the use-case.
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

/** The previewed lines of a request, exactly as the approver saw them. */
export const writeOffRequestLines = sqliteTable(
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
    /** The invoice / on-account version the preview was computed from. */
    itemVersion: integer('item_version').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    taxMinor: integer('tax_minor').notNull(),
    retainageMinor: integer('retainage_minor').notNull(),
    financeChargeMinor: integer('finance_charge_minor').notNull(),
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

/**
 * A request's lines summed per written-off item (invoice or on-account item), written with the
 * lines at submit and never changed: the weekly digest reads these instead of grouping every
 * line (ADR 217). `seq` is the item's first line; `item_on` the invoice date (or the on-account
 * item's own date) at submit, from which the digest's age buckets are counted.
 */
export const writeOffRequestItems = sqliteTable(
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
    amountMinor: integer('amount_minor').notNull(),
  },
  (t) => [primaryKey({ name: 'write_off_request_items_pk', columns: [t.requestId, t.seq] })],
);

/**
 * An invoice is in at most one pending request: the primary key refuses a second. Rows are
 * inserted when a request becomes pending and deleted when it leaves pending.
 */
export const requestInvoiceLocks = sqliteTable(
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

/** The same guarantee for on-account items (account-balance runs write them off). */
export const requestOnAccountLocks = sqliteTable(
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
