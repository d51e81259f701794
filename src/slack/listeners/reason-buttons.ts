// Reject (pending request) and Reverse (posted write-off, with a confirm dialog) ask for a
// reason first: one read-only use-case says whether the clicker may decide; a refused click is
// told why at once, otherwise the reason modal opens on the click's trigger.
import type { App, BlockButtonAction, types } from '@slack/bolt';
import { type ReasonAction, reasonModalFor } from '../../app/decision-clicks.ts';
import type { SlackDeps } from '../deps.ts';
import { tellClicker } from '../flows/decision-response.ts';
import { ids } from '../ids.ts';
import { parseDecisionClick, reasonMetadata } from '../parse/approval.ts';
import { type RequestCard, requestCard } from '../views/approval-card.ts';
import { rejectReasonModal, reverseReasonModal } from '../views/approval-modals.ts';
import { refusalText } from '../views/approval-notices.ts';

interface ReasonButton {
  readonly actionId: string;
  readonly action: ReasonAction;
  /** Told to the clicker when the modal cannot open although nothing refused (no request…). */
  readonly unavailableText: string;
  readonly modal: (card: RequestCard, privateMetadata: string) => types.ModalView;
}

const BUTTONS: readonly ReasonButton[] = [
  {
    actionId: ids.approval.rejectAction,
    action: 'reject',
    unavailableText: 'This request cannot be rejected from here.',
    modal: rejectReasonModal,
  },
  {
    actionId: ids.approval.reverseAction,
    action: 'reverse',
    unavailableText: 'This write-off cannot be reversed from here.',
    modal: reverseReasonModal,
  },
];

export function registerReasonButtons(app: App, deps: SlackDeps): void {
  for (const button of BUTTONS) {
    app.action<BlockButtonAction>(button.actionId, async ({ ack, body, client }) => {
      await ack();
      const click = parseDecisionClick(body);
      const found = reasonModalFor(deps, {
        action: button.action,
        requestId: click.requestId,
        userId: click.userId,
      });
      if (found.kind !== 'open' || click.triggerId === undefined) {
        const text =
          found.kind === 'refused'
            ? refusalText(found.error, found.currency)
            : button.unavailableText;
        await tellClicker(client, click.surface, click.userId, text);
        return;
      }
      await client.views.open({
        trigger_id: click.triggerId,
        view: button.modal(requestCard(found.request), reasonMetadata(click)),
      });
    });
  }
}
