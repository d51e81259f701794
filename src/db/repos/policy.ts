// policy: the repository for both backends (./dual.ts); the SQLite code is ../policy.repo.ts.
import * as sqlite from '../policy.repo.ts';
import { dual } from './dual.ts';

export type * from '../policy.repo.ts';

export const getPolicyVersion = dual('policy', 'getPolicyVersion', sqlite.getPolicyVersion);
export const insertPolicyVersion = dual(
  'policy',
  'insertPolicyVersion',
  sqlite.insertPolicyVersion,
);
export const latestPolicyVersion = dual(
  'policy',
  'latestPolicyVersion',
  sqlite.latestPolicyVersion,
);
export const listPolicyVersions = dual('policy', 'listPolicyVersions', sqlite.listPolicyVersions);
