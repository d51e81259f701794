// customers: the repository for both backends (./dual.ts); the SQLite code is ../customers.repo.ts.
import * as sqlite from '../customers.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../customers.repo.ts';

export const {
  MIN_FRAGMENT_CHARS,
  customerBalance,
  customerBalances,
  getCustomer,
  getCustomers,
  searchCustomers,
} = dualModule('customers', sqlite);
