// The roles modal's model from what the use-case read (app/roles-modal.ts): each user with
// their roles and approval limits.
import { USER_ROLES } from '../../app/roles.ts';
import type { RolesOverview } from '../../app/roles-overview.ts';
import { formatMoney } from '../../domain/money.ts';
import type { RolesModel } from '../views/roles.ts';

export function rolesModel(overview: RolesOverview): RolesModel {
  const users = [...new Set(overview.grants.map((g) => g.userId))].sort();
  return {
    users: users.map((userId) => ({
      userId,
      roles: overview.grants.filter((g) => g.userId === userId).map((g) => g.role),
      limits: overview.limits
        .filter((l) => l.userId === userId)
        .map((l) => `${formatMoney(l.limitMinor, l.currency)} ${l.currency}`),
    })),
    roles: USER_ROLES,
    currency: overview.currency,
  };
}
