// delegations: the repository for both backends (./dual.ts); the SQLite code is ../delegations.repo.ts.
import * as sqlite from '../delegations.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../delegations.repo.ts';

export const {
  endDelegationsOf,
  insertDelegation,
  listActiveDelegations,
  listActiveForDelegate,
  listOpenDelegations,
} = dualModule('delegations', sqlite);
