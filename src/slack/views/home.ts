// Pure builder for the App Home tab: a "New write-off" button, the requests awaiting the
// viewer's approval (with the same Approve / Reject buttons as the thread), and the viewer's
// own pending and recent requests with their status.
import type { types } from '@slack/bolt';
import type { DigestSubscription } from '../../app/digest-subscriptions.ts';
import { context, divider, header, mentionUser, plainText, section } from '../blocks.ts';
import { ids } from '../ids.ts';
import { cardTitle, type RequestCard, statusLine, statusWord } from './approval-card.ts';
import { decisionActions } from './approval-messages.ts';
import { homeDecisionBlock, homeSplitLine } from './approval-split.ts';
import { delegateButtonBlock } from './delegate.ts';
import { digestHomeBlocks } from './home-digest.ts';
import { ownerButton } from './request-owner-actions.ts';

export interface HomeModel {
  readonly awaiting: readonly RequestCard[];
  readonly mine: readonly RequestCard[];
  /** Shown under the lists when they were cut short. */
  readonly moreAwaiting: boolean;
  /** A manager's weekly digest settings, shown when subscribed. */
  readonly digest?: DigestSubscription | null;
  /** Slack notifications that gave up (admins only; 0 hides the notice). */
  readonly failedNotifications: number;
  /** Approvers get "Set a delegate" (docs/write-off-rules.md#delegation). */
  readonly canDelegate?: boolean;
}

/** Each awaiting request takes two blocks; with the fixed blocks this stays far below 100. */
export const HOME_AWAITING_MAX = 20;
export const HOME_MINE_MAX = 20;

export function homeView(model: HomeModel): types.HomeView {
  return {
    type: 'home',
    blocks: [
      header('Write-offs', ids.home.headerBlock),
      {
        type: 'section',
        block_id: ids.home.newBlock,
        text: {
          type: 'mrkdwn',
          text: 'Write off receivables that will not be collected. A second person approves before anything is posted.',
        },
        accessory: {
          type: 'button',
          action_id: ids.home.newWriteOffAction,
          text: plainText('New write-off'),
          style: 'primary',
        },
      },
      context([
        'To cancel an *invalid* invoice, void it in your ERP instead: a write-off is for a valid invoice that will not be paid.',
      ]),
      ...failedNotice(model.failedNotifications),
      ...(model.canDelegate === true ? [delegateButtonBlock()] : []),
      divider(),
      section(`*Awaiting your approval* (${model.awaiting.length})`, ids.home.awaitingBlock),
      ...awaitingBlocks(model),
      divider(),
      section(`*Your requests* (${model.mine.length})`, ids.home.mineBlock),
      ...mineBlocks(model.mine),
      ...digestHomeBlocks(model.digest ?? null),
    ],
  };
}

function awaitingBlocks(model: HomeModel): types.KnownBlock[] {
  if (model.awaiting.length === 0) {
    return [context(['Nothing is waiting for you.'])];
  }
  const blocks = model.awaiting.slice(0, HOME_AWAITING_MAX).flatMap((card) => {
    const actions = decisionActions(card);
    return [
      section(
        `${cardTitle(card)}\nPeriod ${card.period} · requested by ${mentionUser(card.requester)}${homeSplitLine(card.split)}`,
      ),
      ...(actions === null ? [] : [homeDecisionBlock(card, actions)]),
    ];
  });
  return model.moreAwaiting
    ? [...blocks, context(['More requests are waiting; the oldest are in the approvals channel.'])]
    : blocks;
}

function mineBlocks(mine: readonly RequestCard[]): types.KnownBlock[] {
  if (mine.length === 0) return [context(['You have no write-off requests yet.'])];
  return mine.slice(0, HOME_MINE_MAX).map((card) => {
    const block = section(
      `${cardTitle(card)} · _${statusWord(card.status)}_\n${statusLine(card)}`,
      `${ids.home.mineItemBlockPrefix}:${card.requestId}`,
    );
    // An accessory, not an actions block: the tab's 100-block budget stays as it was.
    const button = ownerButton(card);
    return button === null ? block : { ...block, accessory: button };
  });
}

function failedNotice(failed: number): types.KnownBlock[] {
  if (failed === 0) return [];
  const what = failed === 1 ? '1 Slack notification' : `${failed} Slack notifications`;
  return [
    divider(),
    section(
      `:warning: *${what} failed* after 10 attempts and will not be retried on their own. See them with \`writeoff outbox --failed\`; once Slack is reachable again, send them with \`writeoff outbox --retry-all\`.`,
      ids.home.failedBlock,
    ),
  ];
}
