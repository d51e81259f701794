// requests: the repository for both backends (./dual.ts); the SQLite code is ../requests.repo.ts.
import * as sqlite from '../requests.repo.ts';
import { dual } from './dual.ts';

export type * from '../requests.repo.ts';

export const allInvoiceLocks = dual('requests', 'allInvoiceLocks', sqlite.allInvoiceLocks);
export const getRequest = dual('requests', 'getRequest', sqlite.getRequest);
export const getRequestForDecision = dual(
  'requests',
  'getRequestForDecision',
  sqlite.getRequestForDecision,
);
export const getRequestLines = dual('requests', 'getRequestLines', sqlite.getRequestLines);
export const getRevisionOf = dual('requests', 'getRevisionOf', sqlite.getRevisionOf);
export const insertRequest = dual('requests', 'insertRequest', sqlite.insertRequest);
export const invoiceLockHolder = dual('requests', 'invoiceLockHolder', sqlite.invoiceLockHolder);
export const invoiceLocksOfCustomer = dual(
  'requests',
  'invoiceLocksOfCustomer',
  sqlite.invoiceLocksOfCustomer,
);
export const listRequestRows = dual('requests', 'listRequestRows', sqlite.listRequestRows);
export const lockItems = dual('requests', 'lockItems', sqlite.lockItems);
export const lockItemsForPosting = dual(
  'requests',
  'lockItemsForPosting',
  sqlite.lockItemsForPosting,
);
export const nextRequestId = dual('requests', 'nextRequestId', sqlite.nextRequestId);
export const onAccountLockHolder = dual(
  'requests',
  'onAccountLockHolder',
  sqlite.onAccountLockHolder,
);
export const releaseLocks = dual('requests', 'releaseLocks', sqlite.releaseLocks);
export const setSlackMessage = dual('requests', 'setSlackMessage', sqlite.setSlackMessage);
export const updateRequestStatus = dual(
  'requests',
  'updateRequestStatus',
  sqlite.updateRequestStatus,
);
