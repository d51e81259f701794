// invoices: the repository for both backends (./dual.ts); the SQLite code is ../invoices.repo.ts.
import * as sqlite from '../invoices.repo.ts';
import { dual } from './dual.ts';

export type * from '../invoices.repo.ts';

export const countOpenInvoices = dual('invoices', 'countOpenInvoices', sqlite.countOpenInvoices);
export const getInvoice = dual('invoices', 'getInvoice', sqlite.getInvoice);
export const getInvoiceLocks = dual('invoices', 'getInvoiceLocks', sqlite.getInvoiceLocks);
export const getInvoiceVersions = dual('invoices', 'getInvoiceVersions', sqlite.getInvoiceVersions);
export const getOnAccountItem = dual('invoices', 'getOnAccountItem', sqlite.getOnAccountItem);
export const getOnAccountLocks = dual('invoices', 'getOnAccountLocks', sqlite.getOnAccountLocks);
export const getOnAccountVersions = dual(
  'invoices',
  'getOnAccountVersions',
  sqlite.getOnAccountVersions,
);
export const listOnAccountItems = dual('invoices', 'listOnAccountItems', sqlite.listOnAccountItems);
export const listOpenInvoices = dual('invoices', 'listOpenInvoices', sqlite.listOpenInvoices);
export const searchInvoiceNumbers = dual(
  'invoices',
  'searchInvoiceNumbers',
  sqlite.searchInvoiceNumbers,
);
