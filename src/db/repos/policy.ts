// policy: the repository for both backends (./dual.ts); the SQLite code is ../policy.repo.ts.
import * as sqlite from '../policy.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../policy.repo.ts';

export const { getPolicyVersion, insertPolicyVersion, latestPolicyVersion, listPolicyVersions } =
  dualModule('policy', sqlite);
