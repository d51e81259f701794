// open-items: the repository for both backends (./dual.ts); the SQLite code is ../open-items.repo.ts.
import * as sqlite from '../open-items.repo.ts';
import { dual } from './dual.ts';

export type * from '../open-items.repo.ts';

export const iterateCustomerOpenItems = dual(
  'open-items',
  'iterateCustomerOpenItems',
  sqlite.iterateCustomerOpenItems,
);
