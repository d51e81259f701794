// outbox-delivery: the repository for both backends (./dual.ts); the SQLite code is ../outbox-delivery.repo.ts.
import * as sqlite from '../outbox-delivery.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../outbox-delivery.repo.ts';

export const {
  anyOutboxWorkDue,
  claimOutboxRow,
  countFailedRows,
  listDueOutboxRows,
  listDueOutboxRowsOfKind,
  listOutboxRows,
  listStaleWithoutNotice,
  listUndeliveredRows,
  markOutboxSent,
  releaseOutboxRow,
  requeueFailedRows,
  rescheduleOutboxRow,
} = dualModule('outbox-delivery', sqlite);
