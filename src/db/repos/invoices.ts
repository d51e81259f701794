// invoices: the repository for both backends (./dual.ts); the SQLite code is ../invoices.repo.ts.
import * as sqlite from '../invoices.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../invoices.repo.ts';

export const {
  countOpenInvoices,
  getInvoice,
  getInvoiceLocks,
  getInvoiceVersions,
  getOnAccountItem,
  getOnAccountLocks,
  getOnAccountVersions,
  listOnAccountItems,
  listOpenInvoices,
  searchInvoiceNumbers,
} = dualModule('invoices', sqlite);
