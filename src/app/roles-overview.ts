// What the roles modal shows: every grant, every approver limit, and the ledger currency that
// new limits are set in. Reads only.
import { getLedgerSettings } from '../db/repos/settings.ts';
import type { AppDeps } from './deps.ts';
import { listRoles, type RolesListing, userHasRole } from './roles.ts';

export interface RolesOverview extends RolesListing {
  /** Null before the first import; limits are then entered in USD. */
  readonly currency: string;
}

export function rolesOverview(deps: AppDeps): RolesOverview {
  return deps.store.read((tx) => {
    const settings = getLedgerSettings(tx);
    return { ...listRoles(deps), currency: settings?.currency ?? 'USD' };
  });
}

/** Admin by role, or listed in WRITEOFF_ADMINS (bootstrapped at start, trusted here too). */
export function isAdmin(
  deps: AppDeps,
  configuredAdmins: readonly string[],
  userId: string,
): boolean {
  return configuredAdmins.includes(userId) || userHasRole(deps, userId, 'admin');
}
