// journal: the repository for both backends (./dual.ts); the SQLite code is ../journal.repo.ts.
import * as sqlite from '../journal.repo.ts';
import { dual } from './dual.ts';

export type * from '../journal.repo.ts';

export const getAccountTotals = dual('journal', 'getAccountTotals', sqlite.getAccountTotals);
export const getJournalEntry = dual('journal', 'getJournalEntry', sqlite.getJournalEntry);
export const getJournalEntryByReference = dual(
  'journal',
  'getJournalEntryByReference',
  sqlite.getJournalEntryByReference,
);
export const getPostings = dual('journal', 'getPostings', sqlite.getPostings);
export const insertJournalEntry = dual('journal', 'insertJournalEntry', sqlite.insertJournalEntry);
export const iteratePeriodPostings = dual(
  'journal',
  'iteratePeriodPostings',
  sqlite.iteratePeriodPostings,
);
