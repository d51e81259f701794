// recoveries: the repository for both backends (./dual.ts); the SQLite code is ../recoveries.repo.ts.
import * as sqlite from '../recoveries.repo.ts';
import { dual } from './dual.ts';

export type * from '../recoveries.repo.ts';

export const decideRecovery = dual('recoveries', 'decideRecovery', sqlite.decideRecovery);
export const erpOpenOf = dual('recoveries', 'erpOpenOf', sqlite.erpOpenOf);
export const getRecovery = dual('recoveries', 'getRecovery', sqlite.getRecovery);
export const getRecoveryForDecision = dual(
  'recoveries',
  'getRecoveryForDecision',
  sqlite.getRecoveryForDecision,
);
export const insertRecovery = dual('recoveries', 'insertRecovery', sqlite.insertRecovery);
export const listRecoveries = dual('recoveries', 'listRecoveries', sqlite.listRecoveries);
export const listWrittenOffInvoices = dual(
  'recoveries',
  'listWrittenOffInvoices',
  sqlite.listWrittenOffInvoices,
);
export const nextRecoveryId = dual('recoveries', 'nextRecoveryId', sqlite.nextRecoveryId);
export const pendingRecoveryIds = dual(
  'recoveries',
  'pendingRecoveryIds',
  sqlite.pendingRecoveryIds,
);
export const postedRecoveryEntryIds = dual(
  'recoveries',
  'postedRecoveryEntryIds',
  sqlite.postedRecoveryEntryIds,
);
export const postedRecoveryIds = dual('recoveries', 'postedRecoveryIds', sqlite.postedRecoveryIds);
export const recoveredByInvoice = dual(
  'recoveries',
  'recoveredByInvoice',
  sqlite.recoveredByInvoice,
);
export const writtenOffParts = dual('recoveries', 'writtenOffParts', sqlite.writtenOffParts);
