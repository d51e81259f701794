// digest: the repository for both backends (./dual.ts); the SQLite code is ../digest.repo.ts.
import * as sqlite from '../digest.repo.ts';
import { dual } from './dual.ts';

export type * from '../digest.repo.ts';

export const iteratePostedLines = dual('digest', 'iteratePostedLines', sqlite.iteratePostedLines);
export const listDecisions = dual('digest', 'listDecisions', sqlite.listDecisions);
export const listPendingAt = dual('digest', 'listPendingAt', sqlite.listPendingAt);
export const listPostedRequests = dual('digest', 'listPostedRequests', sqlite.listPostedRequests);
export const listReversals = dual('digest', 'listReversals', sqlite.listReversals);
export const summarizePostedItems = dual(
  'digest',
  'summarizePostedItems',
  sqlite.summarizePostedItems,
);
