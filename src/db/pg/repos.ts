// Every PostgreSQL repository by the name of its SQLite twin's module, for the bridge thread
// (src/db/pg/bridge-worker.ts): the main thread names a repo and a function, this answers.
import * as accounts from './accounts.repo.ts';
import * as arImport from './ar-import.repo.ts';
import * as audit from './audit.repo.ts';
import * as balances from './balances.repo.ts';
import * as customers from './customers.repo.ts';
import * as delegations from './delegations.repo.ts';
import * as digest from './digest.repo.ts';
import * as digestSchedule from './digest-schedule.repo.ts';
import * as drafts from './drafts.repo.ts';
import * as invoices from './invoices.repo.ts';
import * as journal from './journal.repo.ts';
import * as ledgerState from './ledger-state.repo.ts';
import * as openItems from './open-items.repo.ts';
import * as operationalFigures from './operational-figures.repo.ts';
import * as outbox from './outbox.repo.ts';
import * as outboxDelivery from './outbox-delivery.repo.ts';
import * as policy from './policy.repo.ts';
import * as recoveries from './recoveries.repo.ts';
import * as reminders from './reminders.repo.ts';
import * as requestSignatures from './request-signatures.repo.ts';
import * as requestSlack from './request-slack.repo.ts';
import * as requests from './requests.repo.ts';
import * as roles from './roles.repo.ts';
import * as settings from './settings.repo.ts';
import * as split from './split.repo.ts';

export const PG_REPOS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  accounts,
  'ar-import': arImport,
  audit,
  balances,
  customers,
  delegations,
  digest,
  'digest-schedule': digestSchedule,
  drafts,
  invoices,
  journal,
  'ledger-state': ledgerState,
  'open-items': openItems,
  'operational-figures': operationalFigures,
  outbox,
  'outbox-delivery': outboxDelivery,
  policy,
  recoveries,
  reminders,
  'request-signatures': requestSignatures,
  'request-slack': requestSlack,
  requests,
  roles,
  settings,
  split,
};
