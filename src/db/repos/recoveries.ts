// recoveries: the repository for both backends (./dual.ts); the SQLite code is ../recoveries.repo.ts.
import * as sqlite from '../recoveries.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../recoveries.repo.ts';

export const {
  decideRecovery,
  erpOpenOf,
  getRecovery,
  getRecoveryForDecision,
  insertRecovery,
  listRecoveries,
  listWrittenOffInvoices,
  nextRecoveryId,
  pendingRecoveryIds,
  postedRecoveryEntryIds,
  postedRecoveryIds,
  recoveredByInvoice,
  writtenOffParts,
} = dualModule('recoveries', sqlite);
