// The roles modal as use-cases, one per Slack interaction: `/writeoff roles` (WRITEOFF_ADMINS are
// made admins first, audited, which is how the first admin exists; then the list if the caller
// is an admin) and the modal's submission (one change, validated before anything is written,
// answered with the updated list) — each in one transaction.

import { type DelegationOverview, delegationOverview } from './delegation.ts';
import type { AppDeps } from './deps.ts';
import {
  applyRoleChange,
  type RoleChanged,
  type RoleChangeInput,
  type RoleChangeProblem,
} from './role-change.ts';
import { bootstrapAdmins, userHasRole } from './roles.ts';
import { isAdmin, type RolesOverview, rolesOverview } from './roles-overview.ts';
import { inOneTransaction } from './use-case-tx.ts';

export type OpenRolesOutcome =
  | { readonly kind: 'open'; readonly overview: RolesOverview }
  /** An approver who is not an admin manages only their own delegate here. */
  | { readonly kind: 'delegate'; readonly overview: DelegationOverview }
  /** Not an admin: who the admins are, to ask. */
  | { readonly kind: 'not_admin'; readonly admins: readonly string[] };

export function openRolesModal(
  deps: AppDeps,
  input: { readonly configuredAdmins: readonly string[]; readonly userId: string },
): OpenRolesOutcome {
  return inOneTransaction(deps, () => {
    bootstrapAdmins(deps, input.configuredAdmins);
    const overview = rolesOverview(deps);
    if (isAdmin(deps, input.configuredAdmins, input.userId)) return { kind: 'open', overview };
    if (userHasRole(deps, input.userId, 'approver')) {
      return { kind: 'delegate', overview: delegationOverview(deps) };
    }
    const admins = overview.grants.filter((g) => g.role === 'admin').map((g) => g.userId);
    return { kind: 'not_admin', admins };
  });
}

export type ChangeRoleOutcome =
  | { readonly kind: 'not_admin' }
  | { readonly kind: 'refused'; readonly problem: RoleChangeProblem }
  | { readonly kind: 'changed'; readonly change: RoleChanged; readonly overview: RolesOverview };

export function changeRoleFromModal(
  deps: AppDeps,
  input: { readonly configuredAdmins: readonly string[]; readonly change: RoleChangeInput },
): ChangeRoleOutcome {
  return inOneTransaction(deps, () => {
    if (!isAdmin(deps, input.configuredAdmins, input.change.by)) return { kind: 'not_admin' };
    const result = applyRoleChange(deps, input.change);
    if (!result.ok) return { kind: 'refused', problem: result.error };
    return { kind: 'changed', change: result.value, overview: rolesOverview(deps) };
  });
}
