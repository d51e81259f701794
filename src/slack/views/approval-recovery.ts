// What a recovery proposal and its posting say (docs/write-off-rules.md#recovery): in the
// original request's thread (with "Approve recovery") and to its requester.
import type { types } from '@slack/bolt';
import type { Notice } from '../../app/notification-outbox.ts';
import { formatMoney } from '../../domain/money.ts';
import { escapeMrkdwn, mentionUser, plainText, section } from '../blocks.ts';
import { ids } from '../ids.ts';
import type { RequestCard } from './approval-card.ts';
import type { SlackMessage } from './approval-messages.ts';

type Proposed = Extract<Notice, { kind: 'recovery_proposed' }>;
type Posted = Extract<Notice, { kind: 'recovery_posted' }>;

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
        elements: [button],
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
