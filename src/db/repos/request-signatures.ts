// request-signatures: the repository for both backends (./dual.ts); the SQLite code is ../request-signatures.repo.ts.
import * as sqlite from '../request-signatures.repo.ts';
import { dual } from './dual.ts';

export type * from '../request-signatures.repo.ts';

export const recordSignatures = dual(
  'request-signatures',
  'recordSignatures',
  sqlite.recordSignatures,
);
export const signatureRecorded = dual(
  'request-signatures',
  'signatureRecorded',
  sqlite.signatureRecorded,
);
