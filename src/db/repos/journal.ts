// journal: the repository for both backends (./dual.ts); the SQLite code is ../journal.repo.ts.
import * as sqlite from '../journal.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../journal.repo.ts';

export const {
  getAccountTotals,
  getJournalEntry,
  getJournalEntryByReference,
  getPostings,
  insertJournalEntry,
  iteratePeriodPostings,
} = dualModule('journal', sqlite);
