// `/writeoff roles` (admins only): a modal listing roles and limits (listeners/roles.ts applies
// the changes). WRITEOFF_ADMINS are made admins first (audited), which is how the first admin
// exists.
import { bootstrapAdmins, USER_ROLES, userHasRole } from '../../app/roles.ts';
import { isAdmin, rolesOverview } from '../../app/roles-overview.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import { formatMoney } from '../../domain/money.ts';
import type { SlackDeps } from '../deps.ts';
import { openDelegateModal } from '../listeners/delegate.ts';
import { notAdminReply, type RolesModel, rolesModal } from '../views/roles.ts';
import type { SubcommandHandler } from './command.ts';

export function rolesSubcommand(deps: SlackDeps): SubcommandHandler {
  return async ({ ack, body, client }) => {
    await whenUnlocked(() => bootstrapAdmins(deps, deps.admins), BEFORE_ACK_BUSY_BUDGET_MS);
    if (!isAdmin(deps, deps.admins, body.user_id)) {
      // An approver who is not an admin manages only their own delegate here.
      if (userHasRole(deps, body.user_id, 'approver')) {
        await ack();
        await openDelegateModal(client, deps, {
          userId: body.user_id,
          triggerId: body.trigger_id,
          inModal: false,
        });
        return;
      }
      await ack(notAdminReply(adminsOf(deps)));
      return;
    }
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: rolesModal(rolesModel(deps)) });
  };
}

export function rolesModel(deps: SlackDeps): RolesModel {
  const overview = rolesOverview(deps);
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

function adminsOf(deps: SlackDeps): string[] {
  return rolesOverview(deps)
    .grants.filter((g) => g.role === 'admin')
    .map((g) => g.userId);
}
