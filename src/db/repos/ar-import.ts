// ar-import: the repository for both backends (./dual.ts); the SQLite code is ../ar-import.repo.ts.
import * as sqlite from '../ar-import.repo.ts';
import { dual } from './dual.ts';

export type * from '../ar-import.repo.ts';
// Pure: the same on both backends.
export { invoiceContentHash } from '../ar-import.repo.ts';

export const createArImportWriter = dual(
  'ar-import',
  'createArImportWriter',
  sqlite.createArImportWriter,
);
export const deferForeignKeysToCommit = dual(
  'ar-import',
  'deferForeignKeysToCommit',
  sqlite.deferForeignKeysToCommit,
);
