// The SQLite schema, third part: the journal, roles and limits, audit, policy versions,
// delegations and recoveries, the Slack outbox, drafts, digests and replay signatures.
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
import { bool, sqlList } from './schema-columns.ts';
import {
  accounts,
  imports,
  invoices,
  JOURNAL_KINDS,
  OUTBOX_STATUSES,
  periods,
  USER_ROLES,
} from './schema-ledger.ts';
import { writeOffRequests } from './schema-requests.ts';

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
    /** The payment the ERP figure showed: how far it fell below what was open here. */
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
