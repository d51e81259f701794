// The buttons a requester has on their own request (docs/write-off-rules.md#approval): Cancel
// while it is pending (in the DM confirming the submission and on App Home), and Edit and
// resubmit once it was rejected or went stale. Button values carry only the request id; the
// use-case re-reads the request and checks who clicked.
import type { types } from '@slack/bolt';
import { plainText, truncate } from '../blocks.ts';
import { ids } from '../ids.ts';
import { amountText, type RequestCard } from './approval-card.ts';

export function cancelButton(requestId: string, what: string): types.Button {
  return {
    type: 'button',
    action_id: ids.approval.cancelAction,
    text: plainText('Cancel request'),
    style: 'danger',
    value: requestId,
    confirm: {
      title: plainText('Cancel this request?'),
      text: plainText(
        truncate(
          `Cancel write-off request ${what}? Nothing is posted and its invoices are free again. This cannot be undone.`,
          300,
        ),
      ),
      confirm: plainText('Cancel request'),
      deny: plainText('Keep it'),
      style: 'danger',
    },
  };
}

export function resubmitButton(requestId: string): types.Button {
  return {
    type: 'button',
    action_id: ids.approval.resubmitAction,
    text: plainText('Edit and resubmit'),
    style: 'primary',
    value: requestId,
  };
}

/** The requester's button for their request as it stands, or null when there is none. */
export function ownerButton(card: RequestCard): types.Button | null {
  if (card.status === 'pending') {
    return cancelButton(card.requestId, `${card.requestId} (${amountText(card)})`);
  }
  if (card.controls?.resubmittable === true) return resubmitButton(card.requestId);
  return null;
}

/** An actions block with the requester's buttons (for DMs). */
export function ownerActions(
  requestId: string,
  buttons: readonly types.Button[],
): types.ActionsBlock {
  return {
    type: 'actions',
    block_id: `${ids.approval.ownerBlockPrefix}:${requestId}`,
    elements: [...buttons],
  };
}
