// accounts: the repository for both backends (./dual.ts); the SQLite code is ../accounts.repo.ts.
import * as sqlite from '../accounts.repo.ts';
import { dual } from './dual.ts';

export type * from '../accounts.repo.ts';

export const getPeriod = dual('accounts', 'getPeriod', sqlite.getPeriod);
export const getPostingAccounts = dual('accounts', 'getPostingAccounts', sqlite.getPostingAccounts);
export const listAccounts = dual('accounts', 'listAccounts', sqlite.listAccounts);
export const listOpenPeriods = dual('accounts', 'listOpenPeriods', sqlite.listOpenPeriods);
export const listPeriods = dual('accounts', 'listPeriods', sqlite.listPeriods);
export const loadLedgerContext = dual('accounts', 'loadLedgerContext', sqlite.loadLedgerContext);
