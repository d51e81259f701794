// What a recovery proposal and its posting say (docs/write-off-rules.md#recovery): in the
// original request's thread (with "Approve recovery" and "Reject recovery") and to its
// requester, and the modal that asks for the reason of a rejection.
import type { types } from '@slack/bolt';
import type { Notice } from '../../app/notification-outbox.ts';
import { formatMoney } from '../../domain/money.ts';
import { context, escapeMrkdwn, mentionUser, plainText, section, truncate } from '../blocks.ts';
import { ids } from '../ids.ts';
import type { RequestCard } from './approval-card.ts';
import type { SlackMessage } from './approval-messages.ts';
import { REASON_MAX_CHARS } from './approval-modals.ts';

type Proposed = Extract<Notice, { kind: 'recovery_proposed' }>;
type Posted = Extract<Notice, { kind: 'recovery_posted' }>;
type Rejected = Extract<Notice, { kind: 'recovery_rejected' }>;

const money = (n: { readonly currency: string }, minor: number) => formatMoney(minor, n.currency);

function proposedText(card: RequestCard, n: Proposed): string {
  return `:moneybag: *Recovery proposed (${n.recoveryId}):* the ERP shows ${money(n, n.paidMinor)} paid on invoice ${escapeMrkdwn(n.invoice)} after it was written off in ${card.requestId}. Reversing ${money(n, n.amountMinor)} of the write-off needs an approver; nothing is posted until then.`;
}

export function recoveryProposedNote(card: RequestCard, n: Proposed): SlackMessage {
  const text = proposedText(card, n);
  const button: types.Button = {
    type: 'button',
    action_id: ids.recovery.approveAction,
    text: plainText('Approve recovery'),
    style: 'primary',
    value: n.recoveryId,
    confirm: {
      title: plainText('Post the recovery?'),
      text: plainText(
        `Reverse ${money(n, n.amountMinor)} of ${card.requestId}? A journal entry is posted at once.`,
      ),
      confirm: plainText('Post'),
      deny: plainText('Cancel'),
    },
  };
  return {
    text: text.replaceAll('*', ''),
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: `${ids.recovery.actionsBlockPrefix}:${n.recoveryId}`,
        elements: [button, rejectButton(n.recoveryId)],
      },
    ],
  };
}

export function recoveryProposedDm(card: RequestCard, n: Proposed): string {
  return `:moneybag: A customer paid on your written-off invoice ${escapeMrkdwn(n.invoice)} (${card.requestId}): ${money(n, n.paidMinor)}. A recovery of ${money(n, n.amountMinor)} (${n.recoveryId}) awaits an approver in the request's thread.`;
}

export function recoveryPostedText(card: RequestCard, n: Posted): string {
  return `:white_check_mark: Recovery ${n.recoveryId} posted by ${mentionUser(n.by)}: journal entry #${n.entryId} reverses ${money(n, n.amountMinor)} of ${card.requestId}.`;
}

function rejectButton(recoveryId: string): types.Button {
  return {
    type: 'button',
    action_id: ids.recovery.rejectAction,
    text: plainText('Reject recovery'),
    value: recoveryId,
  };
}

export function recoveryRejectedText(card: RequestCard, n: Rejected): string {
  return `:x: Recovery ${n.recoveryId} (${money(n, n.amountMinor)} of ${card.requestId}) rejected by ${mentionUser(n.by)}; nothing was posted. Reason: ${escapeMrkdwn(truncate(n.reason, 1000))}`;
}

/** What the reason modal says about the proposal it rejects. */
export interface RecoveryRejectCard {
  readonly recoveryId: string;
  readonly requestId: string;
  readonly invoice: string;
  /** `$50.00`. */
  readonly amountText: string;
}

export function recoveryRejectModal(
  card: RecoveryRejectCard,
  privateMetadata: string,
): types.ModalView {
  return {
    type: 'modal',
    callback_id: ids.recovery.rejectModal,
    private_metadata: privateMetadata,
    title: plainText('Reject recovery'),
    submit: plainText('Reject'),
    close: plainText('Cancel'),
    blocks: [
      section(
        `Reject recovery ${card.recoveryId}: reversing ${card.amountText} of ${card.requestId} (invoice ${escapeMrkdwn(card.invoice)})? Nothing is posted; the write-off stays as it is.`,
      ),
      {
        type: 'input',
        block_id: ids.approval.reasonBlock,
        label: plainText('Reason'),
        element: {
          type: 'plain_text_input',
          action_id: ids.approval.reasonInput,
          multiline: true,
          max_length: REASON_MAX_CHARS,
          placeholder: plainText('e.g. the ERP only applied our write-off; no payment was made'),
        },
      },
      context(['The requester is told by DM with your reason, and the reason is audited.']),
    ],
  };
}
