// reminders: the repository for both backends (./dual.ts); the SQLite code is ../reminders.repo.ts.
import * as sqlite from '../reminders.repo.ts';
import { dual } from './dual.ts';

export type * from '../reminders.repo.ts';

export const listPendingCreatedBy = dual(
  'reminders',
  'listPendingCreatedBy',
  sqlite.listPendingCreatedBy,
);
export const queuedAtMs = dual('reminders', 'queuedAtMs', sqlite.queuedAtMs);
