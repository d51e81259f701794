// Every repository of src/db has its PostgreSQL twin with the same names and shapes (docs/decisions/
// 265-postgresql-repositories.md): the use-cases will call the twins by name with the same
// arguments, so a function missing or reshaped on one side must fail here, not at run time. The
// contract tests prove the answers alike function by function; this file checks whole modules.
import { describe, expect, it } from 'vitest';
import * as accounts from '../../../src/db/accounts.repo.ts';
import * as arImport from '../../../src/db/ar-import.repo.ts';
import * as audit from '../../../src/db/audit.repo.ts';
import * as balances from '../../../src/db/balances.repo.ts';
import * as customers from '../../../src/db/customers.repo.ts';
import * as delegations from '../../../src/db/delegations.repo.ts';
import * as digest from '../../../src/db/digest.repo.ts';
import * as digestSchedule from '../../../src/db/digest-schedule.repo.ts';
import * as drafts from '../../../src/db/drafts.repo.ts';
import * as invoices from '../../../src/db/invoices.repo.ts';
import * as journal from '../../../src/db/journal.repo.ts';
import * as ledgerState from '../../../src/db/ledger-state.repo.ts';
import * as openItems from '../../../src/db/open-items.repo.ts';
import * as operationalFigures from '../../../src/db/operational-figures.repo.ts';
import * as outbox from '../../../src/db/outbox.repo.ts';
import * as outboxDelivery from '../../../src/db/outbox-delivery.repo.ts';
import * as pgAccounts from '../../../src/db/pg/accounts.repo.ts';
import * as pgArImport from '../../../src/db/pg/ar-import.repo.ts';
import * as pgAudit from '../../../src/db/pg/audit.repo.ts';
import * as pgBalances from '../../../src/db/pg/balances.repo.ts';
import * as pgCustomers from '../../../src/db/pg/customers.repo.ts';
import * as pgDelegations from '../../../src/db/pg/delegations.repo.ts';
import * as pgDigest from '../../../src/db/pg/digest.repo.ts';
import * as pgDigestSchedule from '../../../src/db/pg/digest-schedule.repo.ts';
import * as pgDrafts from '../../../src/db/pg/drafts.repo.ts';
import * as pgInvoices from '../../../src/db/pg/invoices.repo.ts';
import * as pgJournal from '../../../src/db/pg/journal.repo.ts';
import * as pgLedgerState from '../../../src/db/pg/ledger-state.repo.ts';
import * as pgOpenItems from '../../../src/db/pg/open-items.repo.ts';
import * as pgOperationalFigures from '../../../src/db/pg/operational-figures.repo.ts';
import * as pgOutbox from '../../../src/db/pg/outbox.repo.ts';
import * as pgOutboxDelivery from '../../../src/db/pg/outbox-delivery.repo.ts';
import * as pgPolicy from '../../../src/db/pg/policy.repo.ts';
import * as pgRecoveries from '../../../src/db/pg/recoveries.repo.ts';
import * as pgReminders from '../../../src/db/pg/reminders.repo.ts';
import * as pgRequestSignatures from '../../../src/db/pg/request-signatures.repo.ts';
import * as pgRequestSlack from '../../../src/db/pg/request-slack.repo.ts';
import * as pgRequests from '../../../src/db/pg/requests.repo.ts';
import * as pgRoles from '../../../src/db/pg/roles.repo.ts';
import * as pgSettings from '../../../src/db/pg/settings.repo.ts';
import * as pgSplit from '../../../src/db/pg/split.repo.ts';
import * as policy from '../../../src/db/policy.repo.ts';
import * as recoveries from '../../../src/db/recoveries.repo.ts';
import * as reminders from '../../../src/db/reminders.repo.ts';
import * as requestSignatures from '../../../src/db/request-signatures.repo.ts';
import * as requestSlack from '../../../src/db/request-slack.repo.ts';
import * as requests from '../../../src/db/requests.repo.ts';
import * as roles from '../../../src/db/roles.repo.ts';
import * as settings from '../../../src/db/settings.repo.ts';
import * as split from '../../../src/db/split.repo.ts';
import type { PgTwin } from './contract.ts';

/** Exports that take no transaction: pure helpers both backends share (imported, not twinned). */
const SHARED = ['invoiceContentHash', 'invoiceSums', 'toOutboxMessage'] as const;
type Shared = (typeof SHARED)[number];
type Repo<M> = Omit<M, Shared>;

/** The compiler's half: each twin is a PgTwin of its whole SQLite module. */
const TWINS = {
  accounts: [accounts, pgAccounts satisfies PgTwin<Repo<typeof accounts>>],
  arImport: [arImport, pgArImport satisfies PgTwin<Repo<typeof arImport>>],
  audit: [audit, pgAudit satisfies PgTwin<Repo<typeof audit>>],
  balances: [balances, pgBalances satisfies PgTwin<Repo<typeof balances>>],
  customers: [customers, pgCustomers satisfies PgTwin<Repo<typeof customers>>],
  delegations: [delegations, pgDelegations satisfies PgTwin<Repo<typeof delegations>>],
  digestSchedule: [digestSchedule, pgDigestSchedule satisfies PgTwin<Repo<typeof digestSchedule>>],
  digest: [digest, pgDigest satisfies PgTwin<Repo<typeof digest>>],
  drafts: [drafts, pgDrafts satisfies PgTwin<Repo<typeof drafts>>],
  invoices: [invoices, pgInvoices satisfies PgTwin<Repo<typeof invoices>>],
  journal: [journal, pgJournal satisfies PgTwin<Repo<typeof journal>>],
  ledgerState: [ledgerState, pgLedgerState satisfies PgTwin<Repo<typeof ledgerState>>],
  openItems: [openItems, pgOpenItems satisfies PgTwin<Repo<typeof openItems>>],
  operationalFigures: [
    operationalFigures,
    pgOperationalFigures satisfies PgTwin<Repo<typeof operationalFigures>>,
  ],
  outboxDelivery: [outboxDelivery, pgOutboxDelivery satisfies PgTwin<Repo<typeof outboxDelivery>>],
  outbox: [outbox, pgOutbox satisfies PgTwin<Repo<typeof outbox>>],
  policy: [policy, pgPolicy satisfies PgTwin<Repo<typeof policy>>],
  recoveries: [recoveries, pgRecoveries satisfies PgTwin<Repo<typeof recoveries>>],
  reminders: [reminders, pgReminders satisfies PgTwin<Repo<typeof reminders>>],
  requestSignatures: [
    requestSignatures,
    pgRequestSignatures satisfies PgTwin<Repo<typeof requestSignatures>>,
  ],
  requestSlack: [requestSlack, pgRequestSlack satisfies PgTwin<Repo<typeof requestSlack>>],
  requests: [requests, pgRequests satisfies PgTwin<Repo<typeof requests>>],
  roles: [roles, pgRoles satisfies PgTwin<Repo<typeof roles>>],
  settings: [settings, pgSettings satisfies PgTwin<Repo<typeof settings>>],
  split: [split, pgSplit satisfies PgTwin<Repo<typeof split>>],
} as const;

/** Only the PostgreSQL side has the outbox's one-statement claim (SKIP LOCKED, ADR 230). */
const PG_ONLY = ['claimDueOutboxRows'];

function functionNames(module: object): string[] {
  return Object.entries(module)
    .filter(([name, value]) => typeof value === 'function' && !SHARED.includes(name as Shared))
    .map(([name]) => name)
    .sort();
}

describe('every SQLite repository has its PostgreSQL twin', () => {
  it.each(Object.entries(TWINS))('%s: the same function names', (_name, [sqlite, pg]) => {
    const twin = functionNames(pg).filter((name) => !PG_ONLY.includes(name));
    expect(twin).toEqual(functionNames(sqlite));
  });
});
