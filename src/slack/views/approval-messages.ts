// Pure builders for a request's two messages in the approvals channel: the parent summary and
// the decision reply in its thread (the one with the buttons). Both are rebuilt from the current
// request after every change and replace the old ones in place (chat.update).
import type { types } from '@slack/bolt';
import {
  context,
  escapeMrkdwn,
  fields,
  header,
  type KnownBlock,
  mentionUser,
  plainText,
  section,
  truncate,
} from '../blocks.ts';
import { ids } from '../ids.ts';
import { amountText, type RequestCard, statusLine } from './approval-card.ts';
import { controlsContext, reasonFields } from './approval-controls.ts';
import { splitBlocks } from './approval-split.ts';

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers. */
  readonly text: string;
  readonly blocks: KnownBlock[];
}

const blockId = (prefix: string, card: RequestCard) => `${prefix}:${card.requestId}`;

export function approvalParentMessage(card: RequestCard): SlackMessage {
  const noteLine = card.note === null ? [] : [`Note: ${escapeMrkdwn(truncate(card.note, 500))}`];
  return {
    text: `Write-off ${card.requestId}: ${amountText(card)} for ${escapeMrkdwn(card.customerText)}, ${escapeMrkdwn(card.period)}, requested by ${mentionUser(card.requester)} (${card.status})`,
    blocks: [
      header(`Write-off ${card.requestId}: ${amountText(card)}`),
      fields(
        [
          `*Customer*\n${escapeMrkdwn(card.customerText)}`,
          `*Total*\n${amountText(card)}`,
          `*Period*\n${escapeMrkdwn(card.period)}`,
          `*Write-off date*\n${card.date}`,
          `*Requested by*\n${mentionUser(card.requester)}`,
          `*Method*\n${card.modeText} · ${card.itemCount} ${card.itemCount === 1 ? 'item' : 'items'}`,
        ],
        blockId(ids.approval.summaryBlockPrefix, card),
      ),
      ...(noteLine.length === 0 ? [] : [context(noteLine)]),
      ...controlsBlocks(card),
      context([`*Status:* ${statusLine(card)}`], blockId(ids.approval.statusBlockPrefix, card)),
    ],
  };
}

/** The thread reply: Approve / Reject while pending, Reverse once posted, the outcome after. */
export function approvalReplyMessage(card: RequestCard): SlackMessage {
  const actions = decisionActions(card);
  const intro =
    card.status === 'pending'
      ? `A second person must approve *${card.requestId}* (${amountText(card)} for ${escapeMrkdwn(card.customerText)}) before it is posted.`
      : `*${card.requestId}*: ${statusLine(card)}`;
  return {
    text:
      card.status === 'pending'
        ? `Approve or reject ${card.requestId}: ${amountText(card)} for ${escapeMrkdwn(card.customerText)}`
        : `${card.requestId} is ${card.status}`,
    blocks: [
      section(intro, blockId(ids.approval.noteBlockPrefix, card)),
      ...controlsBlocks(card),
      ...detailBlocks(card),
      ...splitBlocks(card),
      ...(actions === null ? [] : [actions]),
    ],
  };
}

// Reason, evidence, why and the policy version: two blocks (approval-controls.ts).
function controlsBlocks(card: RequestCard): KnownBlock[] {
  if (card.controls === undefined) return [];
  return [
    reasonFields(card.controls, blockId(ids.approval.reasonFieldsBlockPrefix, card)),
    controlsContext(card.controls, blockId(ids.approval.controlsBlockPrefix, card)),
  ];
}

// What the approver approves, in at most three blocks whatever the request's size: the journal
// entry, the largest items and the CSV detail (a copy when it fits in a section, else a file the
// notifier shares in the thread).
function detailBlocks(card: RequestCard): KnownBlock[] {
  const { detail } = card;
  if (detail === undefined) return [];
  const lines = `${detail.lines} ${detail.lines === 1 ? 'line' : 'lines'}`;
  return [
    section(detail.journal),
    section(detail.largest),
    detail.csv === null
      ? section(
          `*Detail (CSV, ${lines})*\nToo many to copy here: every line is in the CSV file shared in this thread; the largest items are above.`,
        )
      : section(`*Detail (CSV, ${lines})*\n\`\`\`${detail.csv}\`\`\``),
  ];
}

/** The buttons a request offers in its current status (shared with App Home); null for none. */
export function decisionActions(card: RequestCard): types.ActionsBlock | null {
  const elements =
    card.status === 'pending'
      ? [approveButton(card), rejectButton(card)]
      : card.status === 'posted'
        ? [reverseButton(card)]
        : [];
  if (elements.length === 0) return null;
  return { type: 'actions', block_id: blockId(ids.approval.decideBlockPrefix, card), elements };
}

const forWhom = (card: RequestCard) =>
  `${amountText(card)} for ${truncate(card.customerText, 100)} (${card.requestId})`;

function confirm(
  title: string,
  text: string,
  yes: string,
  style: 'primary' | 'danger',
): types.ConfirmationDialog {
  return {
    title: plainText(title),
    text: plainText(truncate(text, 300)),
    confirm: plainText(yes),
    deny: plainText('Cancel'),
    style,
  };
}

// Button values carry only the request id: the handler re-reads everything from the database.
function requestButton(
  card: RequestCard,
  actionId: string,
  label: string,
  confirmation: types.ConfirmationDialog,
  style?: 'primary' | 'danger',
): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plainText(label),
    ...(style === undefined ? {} : { style }),
    value: card.requestId,
    confirm: confirmation,
  };
}

function approveButton(card: RequestCard): types.Button {
  const dialog = confirm(
    'Approve and post?',
    `Post the write-off of ${forWhom(card)}? The journal entry is posted at once.`,
    'Approve and post',
    'primary',
  );
  return requestButton(card, ids.approval.approveAction, 'Approve', dialog, 'primary');
}

function rejectButton(card: RequestCard): types.Button {
  const dialog = confirm(
    'Reject this write-off?',
    `Reject the write-off of ${forWhom(card)}? You will be asked for a reason.`,
    'Reject',
    'danger',
  );
  return requestButton(card, ids.approval.rejectAction, 'Reject', dialog, 'danger');
}

function reverseButton(card: RequestCard): types.Button {
  const dialog = confirm(
    'Reverse this write-off?',
    `Reverse the posted write-off of ${forWhom(card)}? A mirror journal entry is posted and the balances reopen. You will be asked for a reason.`,
    'Reverse',
    'danger',
  );
  return requestButton(card, ids.approval.reverseAction, 'Reverse', dialog);
}
