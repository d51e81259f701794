// The roles modal's submission (admins only): one change per submission, checked and applied by
// one use-case, answered with the updated list. `/writeoff roles` opens it (roles-command.ts).
import type { App } from '@slack/bolt';
import type { RoleChangeField } from '../../app/role-change.ts';
import { changeRoleFromModal } from '../../app/roles-modal.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import { formatMoney } from '../../domain/money.ts';
import type { SlackDeps } from '../deps.ts';
import { rolesModel } from '../flows/roles-modal.ts';
import { ids } from '../ids.ts';
import { parseRolesSubmission } from '../parse/roles.ts';
import { notAdminReply, roleChangeNotice, rolesModal } from '../views/roles.ts';
import { UNREADABLE_FORM } from '../views/unreadable-form.ts';

const BLOCK_OF: Record<RoleChangeField, string> = {
  user: ids.roles.userBlock,
  change: ids.roles.changeBlock,
  role: ids.roles.roleBlock,
  limit: ids.roles.limitBlock,
};

export function registerRoles(app: App, deps: SlackDeps): void {
  app.view(ids.roles.modal, async ({ ack, body }) => {
    const change = parseRolesSubmission(body);
    if (change === undefined) {
      await ack({ response_action: 'errors', errors: { [ids.roles.userBlock]: UNREADABLE_FORM } });
      return;
    }
    const outcome = await whenUnlocked(
      () => changeRoleFromModal(deps, { configuredAdmins: deps.admins, change }),
      BEFORE_ACK_BUSY_BUDGET_MS,
    );
    if (outcome.kind === 'not_admin') {
      await ack({
        response_action: 'errors',
        errors: { [ids.roles.userBlock]: notAdminReply([]).text },
      });
      return;
    }
    if (outcome.kind === 'refused') {
      await ack({
        response_action: 'errors',
        errors: { [BLOCK_OF[outcome.problem.field]]: outcome.problem.message },
      });
      return;
    }
    const c = outcome.change;
    const notice = roleChangeNotice({
      ...c,
      limitText: c.limitMinor === null ? null : formatMoney(c.limitMinor, c.currency),
    });
    await ack({
      response_action: 'update',
      view: rolesModal({ ...rolesModel(outcome.overview), notice }),
    });
  });
}
