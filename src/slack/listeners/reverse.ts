// Reverse a posted write-off from its thread: the button (approvers and admins, with a confirm
// dialog) opens a reason modal; on submit the reverse use-case posts the mirror entry and the
// messages are updated in place.
import type { App, BlockButtonAction } from '@slack/bolt';
import { canReverse } from '../../app/decision-precheck.ts';
import { reverseRequest } from '../../app/reverse-request.ts';
import type { SlackDeps } from '../deps.ts';
import { openReasonModal, registerReasonModal } from '../flows/reason-modal.ts';
import { ids } from '../ids.ts';
import { parseDecisionClick } from '../parse/approval.ts';
import { reverseReasonModal } from '../views/approval-modals.ts';

export function registerReverse(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ids.approval.reverseAction, async ({ ack, body, client }) => {
    await ack();
    await openReasonModal(client, deps, parseDecisionClick(body), {
      precheck: canReverse,
      unavailableText: 'This write-off cannot be reversed from here.',
      modal: reverseReasonModal,
    });
  });

  registerReasonModal(app, deps, ids.approval.reverseModal, reverseRequest);
}
