// customers: the repository for both backends (./dual.ts); the SQLite code is ../customers.repo.ts.
import * as sqlite from '../customers.repo.ts';
import { dual } from './dual.ts';

export type * from '../customers.repo.ts';
export { MIN_FRAGMENT_CHARS } from '../customers.repo.ts';

export const customerBalance = dual('customers', 'customerBalance', sqlite.customerBalance);
export const customerBalances = dual('customers', 'customerBalances', sqlite.customerBalances);
export const getCustomer = dual('customers', 'getCustomer', sqlite.getCustomer);
export const getCustomers = dual('customers', 'getCustomers', sqlite.getCustomers);
export const searchCustomers = dual('customers', 'searchCustomers', sqlite.searchCustomers);
