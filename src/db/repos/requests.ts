// requests: the repository for both backends (./dual.ts); the SQLite code is ../requests.repo.ts.
import * as sqlite from '../requests.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../requests.repo.ts';

export const {
  allInvoiceLocks,
  getRequest,
  getRequestForDecision,
  getRequestLines,
  getRevisionOf,
  insertRequest,
  invoiceLockHolder,
  invoiceLocksOfCustomer,
  listRequestRows,
  lockItems,
  lockItemsForPosting,
  nextRequestId,
  onAccountLockHolder,
  releaseLocks,
  setSlackMessage,
  updateRequestStatus,
} = dualModule('requests', sqlite);
