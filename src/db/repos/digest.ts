// digest: the repository for both backends (./dual.ts); the SQLite code is ../digest.repo.ts.
import * as sqlite from '../digest.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../digest.repo.ts';

export const {
  iteratePostedLines,
  listDecisions,
  listPendingAt,
  listPostedRequests,
  listReversals,
  summarizePostedItems,
} = dualModule('digest', sqlite);
