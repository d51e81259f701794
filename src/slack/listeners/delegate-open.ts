// "Set a delegate" (App Home, the roles modal): one read of the open delegations, then the
// delegation modal opens (pushed on top when clicked inside another modal).
import type { App, BlockButtonAction } from '@slack/bolt';
import { delegationOverview } from '../../app/delegation.ts';
import type { SlackDeps } from '../deps.ts';
import { delegateModel } from '../flows/delegate-modal.ts';
import { ids } from '../ids.ts';
import { delegateModal } from '../views/delegate.ts';

export function registerDelegateOpen(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ids.delegate.openAction, async ({ ack, body, client }) => {
    await ack();
    const view = delegateModal(delegateModel(delegationOverview(deps), body.user.id));
    if (body.view?.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
    else await client.views.open({ trigger_id: body.trigger_id, view });
  });
}
