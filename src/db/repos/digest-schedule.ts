// digest-schedule: the repository for both backends (./dual.ts); the SQLite code is ../digest-schedule.repo.ts.
import * as sqlite from '../digest-schedule.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../digest-schedule.repo.ts';

export const {
  getSend,
  getSubscription,
  insertSend,
  listActiveManagerSubscriptions,
  listSubscriptions,
  markSendComplete,
  recordSendMessage,
  upsertSubscription,
} = dualModule('digest-schedule', sqlite);
