// The A/R sub-ledger and the write-off workflow, in SQLite. Money is integer minor units
// (`*_minor`), calendar dates are ISO text (`*_on`), instants are epoch milliseconds
// (`*_at_ms`). Every status is an enum column plus a named CHECK, every index is named.
// Journal and audit rows are append-only: triggers in a custom migration refuse UPDATE and
// DELETE (ADR 012).
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

/** `'a', 'b'` for a CHECK … IN (…) built from one of the lists above. */
function sqlList(values: readonly string[]) {
  return sql.raw(values.map((v) => `'${v}'`).join(', '));
}

const bool = (name: string) => integer(name, { mode: 'boolean' });

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
  },
  (t) => [
    index('invoices_customer_number_idx').on(t.customerId, t.number),
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
  (t) => [index('on_account_items_customer_idx').on(t.customerId, t.id)],
);

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

export const journalEntries = sqliteTable(
  'journal_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `write-off:<requestId>` or `reversal:<requestId>`: a second post hits the unique index. */
    reference: text('reference').notNull(),
    kind: text('kind', { enum: JOURNAL_KINDS }).notNull(),
    requestId: text('request_id')
      .notNull()
      .references(() => writeOffRequests.id),
    period: text('period')
      .notNull()
      .references(() => periods.name),
    entryOn: text('entry_on').notNull(),
    currency: text('currency').notNull(),
    reversesEntryId: integer('reverses_entry_id'),
    createdAtMs: integer('created_at_ms').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('journal_entries_reference_idx').on(t.reference),
    index('journal_entries_period_idx').on(t.period),
    index('journal_entries_request_idx').on(t.requestId),
    // The weekly digest reads entries by kind and posting time.
    index('journal_entries_kind_created_idx').on(t.kind, t.createdAtMs),
    check('journal_entries_kind_check', sql`${t.kind} IN (${sqlList(JOURNAL_KINDS)})`),
    check(
      'journal_entries_reverses_check',
      sql`(${t.kind} = 'reversal') = (${t.reversesEntryId} IS NOT NULL)`,
    ),
    foreignKey({
      name: 'journal_entries_reverses_fk',
      columns: [t.reversesEntryId],
      foreignColumns: [t.id],
    }),
  ],
);

export const journalPostings = sqliteTable(
  'journal_postings',
  {
    entryId: integer('entry_id')
      .notNull()
      .references(() => journalEntries.id),
    seq: integer('seq').notNull(),
    account: text('account')
      .notNull()
      .references(() => accounts.code),
    debitMinor: integer('debit_minor').notNull(),
    creditMinor: integer('credit_minor').notNull(),
    customerId: text('customer_id'),
    invoiceNumber: text('invoice_number'),
    line: integer('line'),
    onAccountId: text('on_account_id'),
  },
  (t) => [
    primaryKey({ name: 'journal_postings_pk', columns: [t.entryId, t.seq] }),
    // Exactly one side carries a positive amount; zero postings are left out.
    check(
      'journal_postings_one_side_check',
      sql`${t.debitMinor} >= 0 AND ${t.creditMinor} >= 0
        AND (${t.debitMinor} > 0) + (${t.creditMinor} > 0) = 1`,
    ),
    index('journal_postings_account_idx').on(t.account),
    index('journal_postings_invoice_idx').on(t.invoiceNumber),
  ],
);

export const userRoles = sqliteTable(
  'user_roles',
  {
    userId: text('user_id').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'user_roles_pk', columns: [t.userId, t.role] }),
    check('user_roles_role_check', sql`${t.role} IN (${sqlList(USER_ROLES)})`),
  ],
);

export const approverLimits = sqliteTable(
  'approver_limits',
  {
    userId: text('user_id').notNull(),
    currency: text('currency').notNull(),
    limitMinor: integer('limit_minor').notNull(),
  },
  (t) => [
    primaryKey({ name: 'approver_limits_pk', columns: [t.userId, t.currency] }),
    check('approver_limits_limit_check', sql`${t.limitMinor} >= 0`),
  ],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    atMs: integer('at_ms').notNull(),
    /** Slack user id, or `system:import` / `system:cli` for unattended steps. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    requestId: text('request_id'),
    detailsJson: text('details_json').notNull().default('{}'),
    slackChannel: text('slack_channel'),
    slackTs: text('slack_ts'),
    previewHash: text('preview_hash'),
  },
  (t) => [
    index('audit_log_request_idx').on(t.requestId, t.id),
    index('audit_log_at_idx').on(t.atMs),
  ],
);

/**
 * Every distinct policy the product has run under (docs/decisions/180-policy-file-and-versions.md):
 * a new row when a changed file is loaded. Requests name their version in `policy_version`.
 */
export const policyVersions = sqliteTable('policy_versions', {
  /** Load order: the row with the highest id is the policy in force. */
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** `p` + the first 12 hex digits of the content hash; what requests store. */
  version: text('version').notNull(),
  contentHash: text('content_hash').notNull(),
  /** The policy as loaded, canonical JSON. */
  contentJson: text('content_json').notNull(),
  source: text('source').notNull(),
  loadedAtMs: integer('loaded_at_ms').notNull(),
});

/**
 * An approver away between two dates (company calendar, inclusive) names a delegate: their
 * reminders and escalations go to the delegate, who approves within their own limit
 * (docs/decisions/226-delegation.md). Rows are ended (`ended_at_ms`), never deleted.
 */
export const approverDelegations = sqliteTable(
  'approver_delegations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    approver: text('approver').notNull(),
    delegate: text('delegate').notNull(),
    fromOn: text('from_on').notNull(),
    untilOn: text('until_on').notNull(),
    createdBy: text('created_by').notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
    endedAtMs: integer('ended_at_ms'),
  },
  (t) => [
    check('approver_delegations_range_check', sql`${t.fromOn} <= ${t.untilOn}`),
    check('approver_delegations_self_check', sql`${t.approver} <> ${t.delegate}`),
    index('approver_delegations_delegate_idx').on(t.delegate, t.fromOn),
    index('approver_delegations_approver_idx').on(t.approver, t.fromOn),
  ],
);

export const RECOVERY_STATUSES = ['pending', 'posted', 'rejected'] as const;

/**
 * A proposed recovery (docs/decisions/228-recovery-after-payment.md): the ERP showed a payment on
 * an invoice a posted write-off covered, so part of that write-off should be reversed. Nothing
 * is posted until an approver approves it; the entry's reference `recovery:<id>` is unique.
 */
export const recoveries = sqliteTable(
  'recoveries',
  {
    /** e.g. `RC-000001`. */
    id: text('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => writeOffRequests.id),
    invoiceNumber: text('invoice_number')
      .notNull()
      .references(() => invoices.number),
    /** What the ERP figure dropped by, beyond what the write-off left open. */
    paidMinor: integer('paid_minor').notNull(),
    /** Written-off amount to reverse: at most the paid amount and the unrecovered write-off. */
    amountMinor: integer('amount_minor').notNull(),
    status: text('status', { enum: RECOVERY_STATUSES }).notNull(),
    importId: integer('import_id').references(() => imports.id),
    createdAtMs: integer('created_at_ms').notNull(),
    decidedBy: text('decided_by'),
    decidedAtMs: integer('decided_at_ms'),
    rejectionReason: text('rejection_reason'),
    entryId: integer('entry_id').references(() => journalEntries.id),
  },
  (t) => [
    check('recoveries_status_check', sql`${t.status} IN (${sqlList(RECOVERY_STATUSES)})`),
    check('recoveries_amount_check', sql`${t.amountMinor} > 0 AND ${t.paidMinor} > 0`),
    index('recoveries_request_idx').on(t.requestId),
    index('recoveries_status_idx').on(t.status, t.createdAtMs),
  ],
);

/** Slack messages to send; retried until sent, never duplicated (unique dedupe key). */
export const slackOutbox = sqliteTable(
  'slack_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id').references(() => writeOffRequests.id),
    kind: text('kind').notNull(),
    payloadJson: text('payload_json').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAtMs: integer('next_at_ms').notNull(),
    lastError: text('last_error'),
    createdAtMs: integer('created_at_ms').notNull(),
    sentAtMs: integer('sent_at_ms'),
  },
  (t) => [
    uniqueIndex('slack_outbox_dedupe_key_idx').on(t.dedupeKey),
    index('slack_outbox_due_idx').on(t.status, t.nextAtMs),
    check('slack_outbox_status_check', sql`${t.status} IN (${sqlList(OUTBOX_STATUSES)})`),
    check('slack_outbox_attempts_check', sql`${t.attempts} >= 0`),
  ],
);

/** Slack modal drafts; `private_metadata` carries only the id. */
export const drafts = sqliteTable(
  'drafts',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    payloadJson: text('payload_json').notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [
    index('drafts_user_idx').on(t.userId, t.updatedAtMs),
    // `/writeoff` deletes drafts older than the cut-off on every command, across all users.
    index('drafts_updated_idx').on(t.updatedAtMs),
  ],
);

/**
 * Managers who asked for the weekly digest (docs/digest.md). A row stays when they switch it
 * off, so their day, hour and zone survive. `timezone` is the one they chose; otherwise
 * `profile_timezone` (from their Slack profile) and then the company zone apply.
 */
export const digestSubscriptions = sqliteTable(
  'digest_subscriptions',
  {
    userId: text('user_id').primaryKey(),
    active: bool('active').notNull(),
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: integer('weekday').notNull().default(1),
    hour: integer('hour').notNull().default(8),
    timezone: text('timezone'),
    profileTimezone: text('profile_timezone'),
    /** When it was last switched on: no digest is due for a slot before that. */
    activeSinceMs: integer('active_since_ms').notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [
    check('digest_subscriptions_weekday_check', sql`${t.weekday} BETWEEN 1 AND 7`),
    check('digest_subscriptions_hour_check', sql`${t.hour} BETWEEN 0 AND 23`),
  ],
);

/**
 * One row per manager per ISO week whose digest was queued: the primary key is what makes a
 * week go out at most once, across restarts and processes (ADR 140). `message_ts` records the
 * DM once posted, so a retry after a failed upload never posts it again.
 */
export const digestSends = sqliteTable(
  'digest_sends',
  {
    userId: text('user_id').notNull(),
    week: text('week').notNull(),
    timezone: text('timezone').notNull(),
    queuedAtMs: integer('queued_at_ms').notNull(),
    channel: text('channel'),
    messageTs: text('message_ts'),
    sentAtMs: integer('sent_at_ms'),
  },
  (t) => [primaryKey({ name: 'digest_sends_pk', columns: [t.userId, t.week] })],
);

/**
 * Signatures of Slack requests already handled, kept until their timestamp leaves the replay
 * window, so a captured request replayed to any process on this database is refused (ADR 106).
 */
export const slackRequestSignatures = sqliteTable(
  'slack_request_signatures',
  {
    signature: text('signature').primaryKey(),
    expiresAtSec: integer('expires_at_sec').notNull(),
  },
  (t) => [index('slack_request_signatures_expiry_idx').on(t.expiresAtSec)],
);
