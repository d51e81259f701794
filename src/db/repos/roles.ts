// roles: the repository for both backends (./dual.ts); the SQLite code is ../roles.repo.ts.
import * as sqlite from '../roles.repo.ts';
import { dual } from './dual.ts';

export type * from '../roles.repo.ts';

export const deleteRole = dual('roles', 'deleteRole', sqlite.deleteRole);
export const getApproverLimit = dual('roles', 'getApproverLimit', sqlite.getApproverLimit);
export const hasRole = dual('roles', 'hasRole', sqlite.hasRole);
export const insertRole = dual('roles', 'insertRole', sqlite.insertRole);
export const listApproverLimits = dual('roles', 'listApproverLimits', sqlite.listApproverLimits);
export const listApproversCovering = dual(
  'roles',
  'listApproversCovering',
  sqlite.listApproversCovering,
);
export const listRoleGrants = dual('roles', 'listRoleGrants', sqlite.listRoleGrants);
export const upsertApproverLimit = dual('roles', 'upsertApproverLimit', sqlite.upsertApproverLimit);
