// balances: the repository for both backends (./dual.ts); the SQLite code is ../balances.repo.ts.
import * as sqlite from '../balances.repo.ts';
import { dual } from './dual.ts';

export type * from '../balances.repo.ts';

export const adjustInvoiceLine = dual('balances', 'adjustInvoiceLine', sqlite.adjustInvoiceLine);
export const adjustOnAccount = dual('balances', 'adjustOnAccount', sqlite.adjustOnAccount);
export const touchInvoice = dual('balances', 'touchInvoice', sqlite.touchInvoice);
