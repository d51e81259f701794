// Pure builders for delegation (docs/write-off-rules.md#delegation): the modal where an approver
// (or an admin, for any approver) names a delegate and the dates away, and the button that
// opens it from App Home and the roles modal.
import type { types } from '@slack/bolt';
import { context, mentionUser, plainText, section, truncate } from '../blocks.ts';
import { ids } from '../ids.ts';

export interface DelegateModel {
  /** Prefilled approver: the person who opened the modal. */
  readonly approver: string;
  /** Company today, the default first day away. */
  readonly today: string;
  /** Current and future delegations, one line each (`<@U1> → <@U2>, 2026-07-01 – 2026-07-14`). */
  readonly current: readonly { approver: string; delegate: string; from: string; until: string }[];
  readonly notice?: string;
}

const I = ids.delegate;

export function delegateModal(model: DelegateModel): types.ModalView {
  const lines = model.current.map(
    (d) => `${mentionUser(d.approver)} → ${mentionUser(d.delegate)}, ${d.from} – ${d.until}`,
  );
  return {
    type: 'modal',
    callback_id: I.modal,
    private_metadata: JSON.stringify({ v: 1 }),
    title: plainText('Delegate while away'),
    submit: plainText('Save'),
    close: plainText('Close'),
    blocks: [
      ...(model.notice === undefined ? [] : [section(`:white_check_mark: ${model.notice}`)]),
      section(
        truncate(
          `*Delegations*\n${lines.length === 0 ? 'Nobody has a delegate.' : lines.join('\n')}`,
          2900,
        ),
      ),
      {
        type: 'input',
        block_id: I.approverBlock,
        label: plainText('Approver who is away'),
        element: { type: 'users_select', action_id: I.approverInput, initial_user: model.approver },
      },
      {
        type: 'input',
        block_id: I.delegateBlock,
        label: plainText('Delegate'),
        hint: plainText(
          'Reminders and escalations go to the delegate, who approves within their OWN limit.',
        ),
        element: { type: 'users_select', action_id: I.delegateInput },
      },
      {
        type: 'input',
        block_id: I.fromBlock,
        label: plainText('First day away'),
        element: { type: 'datepicker', action_id: I.fromInput, initial_date: model.today },
      },
      {
        type: 'input',
        block_id: I.untilBlock,
        label: plainText('Last day away'),
        element: { type: 'datepicker', action_id: I.untilInput, initial_date: model.today },
      },
      context(['A new delegation replaces the approver’s earlier one. Every change is audited.']),
    ],
  };
}

/** "Set a delegate" (App Home for approvers and admins, and the roles modal). */
export function delegateButtonBlock(): types.SectionBlock {
  return {
    type: 'section',
    block_id: I.openBlock,
    text: {
      type: 'mrkdwn',
      text: 'Away? Name a delegate for your approvals and the dates you are out.',
    },
    accessory: { type: 'button', action_id: I.openAction, text: plainText('Set a delegate') },
  };
}
