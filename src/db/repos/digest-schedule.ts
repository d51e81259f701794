// digest-schedule: the repository for both backends (./dual.ts); the SQLite code is ../digest-schedule.repo.ts.
import * as sqlite from '../digest-schedule.repo.ts';
import { dual } from './dual.ts';

export type * from '../digest-schedule.repo.ts';

export const getSend = dual('digest-schedule', 'getSend', sqlite.getSend);
export const getSubscription = dual('digest-schedule', 'getSubscription', sqlite.getSubscription);
export const insertSend = dual('digest-schedule', 'insertSend', sqlite.insertSend);
export const listActiveManagerSubscriptions = dual(
  'digest-schedule',
  'listActiveManagerSubscriptions',
  sqlite.listActiveManagerSubscriptions,
);
export const listSubscriptions = dual(
  'digest-schedule',
  'listSubscriptions',
  sqlite.listSubscriptions,
);
export const markSendComplete = dual(
  'digest-schedule',
  'markSendComplete',
  sqlite.markSendComplete,
);
export const recordSendMessage = dual(
  'digest-schedule',
  'recordSendMessage',
  sqlite.recordSendMessage,
);
export const upsertSubscription = dual(
  'digest-schedule',
  'upsertSubscription',
  sqlite.upsertSubscription,
);
