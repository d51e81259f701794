// outbox-delivery: the repository for both backends (./dual.ts); the SQLite code is ../outbox-delivery.repo.ts.
import * as sqlite from '../outbox-delivery.repo.ts';
import { dual } from './dual.ts';

export type * from '../outbox-delivery.repo.ts';

export const claimOutboxRow = dual('outbox-delivery', 'claimOutboxRow', sqlite.claimOutboxRow);
export const countFailedRows = dual('outbox-delivery', 'countFailedRows', sqlite.countFailedRows);
export const listDueOutboxRows = dual(
  'outbox-delivery',
  'listDueOutboxRows',
  sqlite.listDueOutboxRows,
);
export const listDueOutboxRowsOfKind = dual(
  'outbox-delivery',
  'listDueOutboxRowsOfKind',
  sqlite.listDueOutboxRowsOfKind,
);
export const listOutboxRows = dual('outbox-delivery', 'listOutboxRows', sqlite.listOutboxRows);
export const listStaleWithoutNotice = dual(
  'outbox-delivery',
  'listStaleWithoutNotice',
  sqlite.listStaleWithoutNotice,
);
export const listUndeliveredRows = dual(
  'outbox-delivery',
  'listUndeliveredRows',
  sqlite.listUndeliveredRows,
);
export const markOutboxSent = dual('outbox-delivery', 'markOutboxSent', sqlite.markOutboxSent);
export const releaseOutboxRow = dual(
  'outbox-delivery',
  'releaseOutboxRow',
  sqlite.releaseOutboxRow,
);
export const requeueFailedRows = dual(
  'outbox-delivery',
  'requeueFailedRows',
  sqlite.requeueFailedRows,
);
export const rescheduleOutboxRow = dual(
  'outbox-delivery',
  'rescheduleOutboxRow',
  sqlite.rescheduleOutboxRow,
);
