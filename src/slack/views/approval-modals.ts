// Pure builders for the two reason modals: Reject (a pending request) and Reverse (a posted
// one). Both require a reason; the audit trail and the requester's DM carry it.
import type { types } from '@slack/bolt';
import { context, escapeMrkdwn, plainText, section } from '../blocks.ts';
import { ids } from '../ids.ts';
import { cardTitle, type RequestCard } from './approval-card.ts';

export const REASON_MAX_CHARS = 1000;

function reasonModal(
  card: RequestCard,
  options: {
    readonly callbackId: string;
    readonly title: string;
    readonly submit: string;
    readonly intro: string;
    readonly label: string;
    readonly placeholder: string;
    readonly footnote: string;
  },
  privateMetadata: string,
): types.ModalView {
  return {
    type: 'modal',
    callback_id: options.callbackId,
    private_metadata: privateMetadata,
    title: plainText(options.title),
    submit: plainText(options.submit),
    close: plainText('Cancel'),
    blocks: [
      section(`${options.intro}\n${cardTitle(card)} · ${card.period}`),
      {
        type: 'input',
        block_id: ids.approval.reasonBlock,
        label: plainText(options.label),
        element: {
          type: 'plain_text_input',
          action_id: ids.approval.reasonInput,
          multiline: true,
          max_length: REASON_MAX_CHARS,
          placeholder: plainText(options.placeholder),
        },
      },
      context([escapeMrkdwn(options.footnote)]),
    ],
  };
}

export function rejectReasonModal(card: RequestCard, privateMetadata: string): types.ModalView {
  return reasonModal(
    card,
    {
      callbackId: ids.approval.rejectModal,
      title: 'Reject write-off',
      submit: 'Reject',
      intro: 'Reject this write-off request? Nothing is posted.',
      label: 'Reason',
      placeholder: 'Why it should not be written off (the requester sees this)',
      footnote: 'The requester is told by DM with your reason, and the reason is audited.',
    },
    privateMetadata,
  );
}

export function reverseReasonModal(card: RequestCard, privateMetadata: string): types.ModalView {
  return reasonModal(
    card,
    {
      callbackId: ids.approval.reverseModal,
      title: 'Reverse write-off',
      submit: 'Reverse',
      intro: `Reverse posted journal entry #${card.entryId ?? '?'}? A mirror entry is posted and the written-off balances reopen; the original entry is never changed.`,
      label: 'Reason',
      placeholder: 'Why the write-off is reversed (e.g. the customer paid after all)',
      footnote: 'The requester is told by DM, and the reason is audited.',
    },
    privateMetadata,
  );
}
