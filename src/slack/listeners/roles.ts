// `/writeoff roles` (admins only): a modal listing roles and limits, applying one change per
// submission and showing the updated list. WRITEOFF_ADMINS are made admins first (audited),
// which is how the first admin exists.
import type { App } from '@slack/bolt';
import { applyRoleChange, type RoleChangeField } from '../../app/role-change.ts';
import { bootstrapAdmins, USER_ROLES } from '../../app/roles.ts';
import { isAdmin, rolesOverview } from '../../app/roles-overview.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import { formatMoney } from '../../domain/money.ts';
import type { SlackDeps } from '../deps.ts';
import { ids } from '../ids.ts';
import { parseRolesSubmission } from '../parse/roles.ts';
import { notAdminReply, type RolesModel, roleChangeNotice, rolesModal } from '../views/roles.ts';
import type { SubcommandHandler } from './writeoff-command.ts';

export function rolesSubcommand(deps: SlackDeps): SubcommandHandler {
  return async ({ ack, body, client }) => {
    await whenUnlocked(() => bootstrapAdmins(deps, deps.admins), BEFORE_ACK_BUSY_BUDGET_MS);
    if (!isAdmin(deps, deps.admins, body.user_id)) {
      await ack(notAdminReply(adminsOf(deps)));
      return;
    }
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: rolesModal(rolesModel(deps)) });
  };
}

const BLOCK_OF: Record<RoleChangeField, string> = {
  user: ids.roles.userBlock,
  change: ids.roles.changeBlock,
  role: ids.roles.roleBlock,
  limit: ids.roles.limitBlock,
};

export function registerRoles(app: App, deps: SlackDeps): void {
  app.view(ids.roles.modal, async ({ ack, body }) => {
    const submission = parseRolesSubmission(body);
    if (!isAdmin(deps, deps.admins, submission.by)) {
      await ack({
        response_action: 'errors',
        errors: { [ids.roles.userBlock]: notAdminReply([]).text },
      });
      return;
    }
    const result = await whenUnlocked(
      () => applyRoleChange(deps, submission),
      BEFORE_ACK_BUSY_BUDGET_MS,
    );
    if (!result.ok) {
      await ack({
        response_action: 'errors',
        errors: { [BLOCK_OF[result.error.field]]: result.error.message },
      });
      return;
    }
    const c = result.value;
    const notice = roleChangeNotice({
      ...c,
      limitText: c.limitMinor === null ? null : formatMoney(c.limitMinor, c.currency),
    });
    await ack({ response_action: 'update', view: rolesModal({ ...rolesModel(deps), notice }) });
  });
}

function rolesModel(deps: SlackDeps): RolesModel {
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
