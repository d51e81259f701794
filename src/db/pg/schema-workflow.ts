// The PostgreSQL twin of src/db/schema.ts, second half: the journal, roles, audit, policy
// versions, the Slack outbox, drafts, digests and replay signatures. Type mapping as in
// schema-ledger.ts (docs/decisions/230-postgresql-backend.md).
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
import { JOURNAL_KINDS, OUTBOX_STATUSES, RECOVERY_STATUSES, USER_ROLES } from '../schema.ts';
import { big, identity, sqlList } from './schema-columns.ts';
import { accounts, imports, invoices, periods, writeOffRequests } from './schema-ledger.ts';

export const journalEntries = pgTable(
  'journal_entries',
  {
    id: identity('id'),
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
    reversesEntryId: big('reverses_entry_id'),
    createdAtMs: big('created_at_ms').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('journal_entries_reference_idx').on(t.reference),
    index('journal_entries_period_idx').on(t.period),
    index('journal_entries_request_idx').on(t.requestId),
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

export const journalPostings = pgTable(
  'journal_postings',
  {
    entryId: big('entry_id')
      .notNull()
      .references(() => journalEntries.id),
    seq: integer('seq').notNull(),
    account: text('account')
      .notNull()
      .references(() => accounts.code),
    debitMinor: big('debit_minor').notNull(),
    creditMinor: big('credit_minor').notNull(),
    customerId: text('customer_id'),
    invoiceNumber: text('invoice_number'),
    line: integer('line'),
    onAccountId: text('on_account_id'),
  },
  (t) => [
    primaryKey({ name: 'journal_postings_pk', columns: [t.entryId, t.seq] }),
    // Exactly one side carries a positive amount (booleans do not add up in PostgreSQL).
    check(
      'journal_postings_one_side_check',
      sql`${t.debitMinor} >= 0 AND ${t.creditMinor} >= 0
        AND (${t.debitMinor} > 0) <> (${t.creditMinor} > 0)`,
    ),
    index('journal_postings_account_idx').on(t.account),
    index('journal_postings_invoice_idx').on(t.invoiceNumber),
  ],
);

export const userRoles = pgTable(
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

export const approverLimits = pgTable(
  'approver_limits',
  {
    userId: text('user_id').notNull(),
    currency: text('currency').notNull(),
    limitMinor: big('limit_minor').notNull(),
  },
  (t) => [
    primaryKey({ name: 'approver_limits_pk', columns: [t.userId, t.currency] }),
    check('approver_limits_limit_check', sql`${t.limitMinor} >= 0`),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: identity('id'),
    atMs: big('at_ms').notNull(),
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

export const policyVersions = pgTable('policy_versions', {
  id: identity('id'),
  version: text('version').notNull(),
  contentHash: text('content_hash').notNull(),
  contentJson: text('content_json').notNull(),
  source: text('source').notNull(),
  loadedAtMs: big('loaded_at_ms').notNull(),
});

export const slackOutbox = pgTable(
  'slack_outbox',
  {
    id: identity('id'),
    requestId: text('request_id').references(() => writeOffRequests.id),
    kind: text('kind').notNull(),
    payloadJson: text('payload_json').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAtMs: big('next_at_ms').notNull(),
    lastError: text('last_error'),
    createdAtMs: big('created_at_ms').notNull(),
    sentAtMs: big('sent_at_ms'),
  },
  (t) => [
    uniqueIndex('slack_outbox_dedupe_key_idx').on(t.dedupeKey),
    index('slack_outbox_due_idx').on(t.status, t.nextAtMs),
    check('slack_outbox_status_check', sql`${t.status} IN (${sqlList(OUTBOX_STATUSES)})`),
    check('slack_outbox_attempts_check', sql`${t.attempts} >= 0`),
  ],
);

export const drafts = pgTable(
  'drafts',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    payloadJson: text('payload_json').notNull(),
    createdAtMs: big('created_at_ms').notNull(),
    updatedAtMs: big('updated_at_ms').notNull(),
  },
  (t) => [
    index('drafts_user_idx').on(t.userId, t.updatedAtMs),
    index('drafts_updated_idx').on(t.updatedAtMs),
  ],
);

export const digestSubscriptions = pgTable(
  'digest_subscriptions',
  {
    userId: text('user_id').primaryKey(),
    active: boolean('active').notNull(),
    weekday: integer('weekday').notNull().default(1),
    hour: integer('hour').notNull().default(8),
    timezone: text('timezone'),
    profileTimezone: text('profile_timezone'),
    activeSinceMs: big('active_since_ms').notNull(),
    updatedAtMs: big('updated_at_ms').notNull(),
  },
  (t) => [
    check('digest_subscriptions_weekday_check', sql`${t.weekday} BETWEEN 1 AND 7`),
    check('digest_subscriptions_hour_check', sql`${t.hour} BETWEEN 0 AND 23`),
  ],
);

/** The primary key is what makes a manager's week go out at most once, across instances. */
export const digestSends = pgTable(
  'digest_sends',
  {
    userId: text('user_id').notNull(),
    week: text('week').notNull(),
    timezone: text('timezone').notNull(),
    queuedAtMs: big('queued_at_ms').notNull(),
    channel: text('channel'),
    messageTs: text('message_ts'),
    sentAtMs: big('sent_at_ms'),
  },
  (t) => [primaryKey({ name: 'digest_sends_pk', columns: [t.userId, t.week] })],
);

export const slackRequestSignatures = pgTable(
  'slack_request_signatures',
  {
    signature: text('signature').primaryKey(),
    expiresAtSec: big('expires_at_sec').notNull(),
  },
  (t) => [index('slack_request_signatures_expiry_idx').on(t.expiresAtSec)],
);

/** Who stands in for an approver, and when; rows are ended, never deleted. */
export const approverDelegations = pgTable(
  'approver_delegations',
  {
    id: identity('id'),
    approver: text('approver').notNull(),
    delegate: text('delegate').notNull(),
    fromOn: text('from_on').notNull(),
    untilOn: text('until_on').notNull(),
    createdBy: text('created_by').notNull(),
    createdAtMs: big('created_at_ms').notNull(),
    endedAtMs: big('ended_at_ms'),
  },
  (t) => [
    check('approver_delegations_range_check', sql`${t.fromOn} <= ${t.untilOn}`),
    check('approver_delegations_self_check', sql`${t.approver} <> ${t.delegate}`),
    index('approver_delegations_delegate_idx').on(t.delegate, t.fromOn),
    index('approver_delegations_approver_idx').on(t.approver, t.fromOn),
  ],
);

/** A proposed recovery of a written-off amount the customer paid after all. */
export const recoveries = pgTable(
  'recoveries',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => writeOffRequests.id),
    invoiceNumber: text('invoice_number')
      .notNull()
      .references(() => invoices.number),
    paidMinor: big('paid_minor').notNull(),
    amountMinor: big('amount_minor').notNull(),
    status: text('status', { enum: RECOVERY_STATUSES }).notNull(),
    importId: big('import_id').references(() => imports.id),
    createdAtMs: big('created_at_ms').notNull(),
    decidedBy: text('decided_by'),
    decidedAtMs: big('decided_at_ms'),
    rejectionReason: text('rejection_reason'),
    entryId: big('entry_id').references(() => journalEntries.id),
  },
  (t) => [
    check('recoveries_status_check', sql`${t.status} IN (${sqlList(RECOVERY_STATUSES)})`),
    check('recoveries_amount_check', sql`${t.amountMinor} > 0 AND ${t.paidMinor} > 0`),
    index('recoveries_request_idx').on(t.requestId),
    index('recoveries_status_idx').on(t.status, t.createdAtMs),
  ],
);
