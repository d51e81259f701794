// ar-import: the repository for both backends (./dual.ts); the SQLite code is ../ar-import.repo.ts.
import * as sqlite from '../ar-import.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../ar-import.repo.ts';

export const {
  createArImportWriter,
  deferForeignKeysToCommit,
  invoiceContentHash,
  serializeImports,
} = dualModule('ar-import', sqlite);
