// delegations: the repository for both backends (./dual.ts); the SQLite code is ../delegations.repo.ts.
import * as sqlite from '../delegations.repo.ts';
import { dual } from './dual.ts';

export type * from '../delegations.repo.ts';

export const endDelegationsOf = dual('delegations', 'endDelegationsOf', sqlite.endDelegationsOf);
export const insertDelegation = dual('delegations', 'insertDelegation', sqlite.insertDelegation);
export const listActiveDelegations = dual(
  'delegations',
  'listActiveDelegations',
  sqlite.listActiveDelegations,
);
export const listActiveForDelegate = dual(
  'delegations',
  'listActiveForDelegate',
  sqlite.listActiveForDelegate,
);
export const listOpenDelegations = dual(
  'delegations',
  'listOpenDelegations',
  sqlite.listOpenDelegations,
);
