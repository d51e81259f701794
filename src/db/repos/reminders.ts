// reminders: the repository for both backends (./dual.ts); the SQLite code is ../reminders.repo.ts.
import * as sqlite from '../reminders.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../reminders.repo.ts';

export const { anyPendingRequest, listPendingCreatedBy, queuedAtMs } = dualModule(
  'reminders',
  sqlite,
);
