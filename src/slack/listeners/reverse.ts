// Reverse a posted write-off from its thread: the button (approvers and admins, with a confirm
// dialog) opens a reason modal; on submit the reverse use-case posts the mirror entry and the
// messages are updated in place.
import type { App, BlockButtonAction } from '@slack/bolt';
import { canReverse } from '../../app/decision-precheck.ts';
import { getRequestView } from '../../app/request-views.ts';
import { reverseRequest } from '../../app/reverse-request.ts';
import type { SlackDeps } from '../deps.ts';
import { ids } from '../ids.ts';
import { parseDecisionClick, reasonMetadata } from '../parse/approval.ts';
import { requestCard } from '../views/approval-card.ts';
import { reverseReasonModal } from '../views/approval-modals.ts';
import { refusalText } from '../views/approval-notices.ts';
import { currencyOf } from './approval-actions.ts';
import { registerReasonModal } from './approval-reject.ts';
import { tellClicker } from './approval-respond.ts';

export function registerReverse(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ids.approval.reverseAction, async ({ ack, body, client }) => {
    await ack();
    const click = parseDecisionClick(body);
    const refused = canReverse(deps, click.requestId, click.userId);
    const view = getRequestView(deps, click.requestId);
    if (refused !== undefined || view === null || click.triggerId === undefined) {
      const text =
        refused === undefined
          ? 'This write-off cannot be reversed from here.'
          : refusalText(refused, currencyOf(deps, click));
      await tellClicker(client, click.surface, click.userId, text);
      return;
    }
    await client.views.open({
      trigger_id: click.triggerId,
      view: reverseReasonModal(requestCard(view), reasonMetadata(click)),
    });
  });

  registerReasonModal(app, deps, ids.approval.reverseModal, reverseRequest);
}
