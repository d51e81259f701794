// `/writeoff roles` (admins; an approver gets their delegation modal): one use-case makes WRITEOFF_ADMINS admins (audited, which is
// how the first admin exists) and reads the list; the modal opens on the command's trigger
// (roles.ts applies the changes).
import { openRolesModal } from '../../app/roles-modal.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import type { SlackDeps } from '../deps.ts';
import type { SubcommandHandler } from '../flows/command.ts';
import { delegateModel } from '../flows/delegate-modal.ts';
import { rolesModel } from '../flows/roles-modal.ts';
import { delegateModal } from '../views/delegate.ts';
import { notAdminReply, rolesModal } from '../views/roles.ts';

export function rolesSubcommand(deps: SlackDeps): SubcommandHandler {
  return async ({ ack, body, client }) => {
    const outcome = await whenUnlocked(
      () => openRolesModal(deps, { configuredAdmins: deps.admins, userId: body.user_id }),
      BEFORE_ACK_BUSY_BUDGET_MS,
    );
    if (outcome.kind === 'not_admin') {
      await ack(notAdminReply(outcome.admins));
      return;
    }
    if (outcome.kind === 'delegate') {
      // An approver who is not an admin manages only their own delegate here.
      await ack();
      const view = delegateModal(delegateModel(outcome.overview, body.user_id));
      await client.views.open({ trigger_id: body.trigger_id, view });
      return;
    }
    await ack();
    await client.views.open({
      trigger_id: body.trigger_id,
      view: rolesModal(rolesModel(outcome.overview)),
    });
  };
}
