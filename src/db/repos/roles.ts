// roles: the repository for both backends (./dual.ts); the SQLite code is ../roles.repo.ts.
import * as sqlite from '../roles.repo.ts';
import { dualModule } from './dual.ts';

export type * from '../roles.repo.ts';

export const {
  deleteRole,
  getApproverLimit,
  hasRole,
  insertRole,
  listApproverLimits,
  listApproversCovering,
  listRoleGrants,
  upsertApproverLimit,
} = dualModule('roles', sqlite);
