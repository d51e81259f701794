// The roles modal's submission (admins only): one change per submission, answered with the
// updated list. `/writeoff roles` opens it (flows/roles-modal.ts).
import type { App } from '@slack/bolt';
import { applyRoleChange, type RoleChangeField } from '../../app/role-change.ts';
import { isAdmin } from '../../app/roles-overview.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import { formatMoney } from '../../domain/money.ts';
import type { SlackDeps } from '../deps.ts';
import { rolesModel } from '../flows/roles-modal.ts';
import { ids } from '../ids.ts';
import { parseRolesSubmission } from '../parse/roles.ts';
import { notAdminReply, roleChangeNotice, rolesModal } from '../views/roles.ts';

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
