// balances: the repository for both backends (./dual.ts); the SQLite code is ../balances.repo.ts.
import * as sqlite from '../balances.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../balances.repo.ts';

export const { adjustInvoiceLine, adjustOnAccount, moveInvoiceLines, touchInvoice } = dualModule(
  'balances',
  sqlite,
);
