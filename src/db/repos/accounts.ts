// accounts: the repository for both backends (./dual.ts); the SQLite code is ../accounts.repo.ts.
import * as sqlite from '../accounts.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../accounts.repo.ts';

export const {
  getPeriod,
  getPostingAccounts,
  listAccounts,
  listOpenPeriods,
  listPeriods,
  loadLedgerContext,
} = dualModule('accounts', sqlite);
