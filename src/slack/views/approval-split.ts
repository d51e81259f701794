// Split detection in the decision reply (docs/write-off-rules.md#split-detection): the warning
// with the related requests and the combined amount, and, while the request is pending, the
// "I have seen the related requests" checkbox the approver must tick before Approve posts.
// The tick travels in the Approve click's `state.values`; nothing is stored until then.
import type { types } from '@slack/bolt';
import type { RequestView } from '../../app/request-views.ts';
import { formatMoney } from '../../domain/money.ts';
import { context, escapeMrkdwn, type KnownBlock, plainText, section, truncate } from '../blocks.ts';
import { ids } from '../ids.ts';

export interface SplitCard {
  /** `WO-000001 ($4,000.00), WO-000002 ($900.00)`. */
  readonly relatedText: string;
  readonly combinedText: string;
  readonly thresholdText: string;
  readonly windowDays: number;
  readonly sameInvoices: readonly string[];
}

export const SPLIT_ACK_LABEL = 'I have seen the related requests';

export function splitCard(view: RequestView): SplitCard | undefined {
  const split = view.split;
  if (split === undefined || split === null) return undefined;
  const money = (minor: number) => formatMoney(minor, view.currency);
  return {
    relatedText: split.related.map((r) => `${r.requestId} (${money(r.grossMinor)})`).join(', '),
    combinedText: money(split.combinedMinor),
    thresholdText: money(split.thresholdMinor),
    windowDays: split.windowDays,
    sameInvoices: split.sameInvoices,
  };
}

export const splitAckBlockId = (requestId: string) => `${ids.split.ackBlockPrefix}:${requestId}`;

/** The warning (and the checkbox while pending); none when split detection found nothing. */
export function splitBlocks(card: {
  readonly requestId: string;
  readonly status: string;
  readonly split?: SplitCard;
}): KnownBlock[] {
  const split = card.split;
  if (split === undefined) return [];
  const invoices =
    split.sameInvoices.length === 0
      ? ''
      : ` It writes off invoice ${escapeMrkdwn(truncate(split.sameInvoices.join(', '), 300))} again.`;
  const text = truncate(
    `:mag: *Possible split.* The same requester asked for write-offs for this customer in the last ${split.windowDays} days: ${escapeMrkdwn(split.relatedText)}. Together with this one: *${split.combinedText}* (split-detection threshold ${split.thresholdText}).${invoices}`,
    3000,
  );
  if (card.status !== 'pending') return [context([text])];
  return [
    section(text),
    { type: 'actions', block_id: splitAckBlockId(card.requestId), elements: [splitAckCheckbox()] },
  ];
}

/** "I have seen the related requests": Approve reads it from the click's state. */
export function splitAckCheckbox(): types.Checkboxes {
  return {
    type: 'checkboxes',
    action_id: ids.split.ackAction,
    options: [{ text: plainText(SPLIT_ACK_LABEL), value: ids.split.ackValue }],
  };
}

/**
 * App Home (docs/decisions/263-split-acknowledgement-on-app-home.md): a flagged pending request's
 * buttons share one actions block with the checkbox, under the acknowledgement's block id, so
 * the tick travels in the Approve click's view state and the tab keeps two blocks per request.
 */
export function homeDecisionBlock(
  card: { readonly requestId: string; readonly status: string; readonly split?: SplitCard },
  actions: types.ActionsBlock,
): types.ActionsBlock {
  if (card.split === undefined || card.status !== 'pending') return actions;
  return {
    ...actions,
    block_id: splitAckBlockId(card.requestId),
    elements: [splitAckCheckbox(), ...actions.elements],
  };
}

/** One line for App Home: what the rule found, and what the approver must do. */
export function homeSplitLine(split: SplitCard | undefined): string {
  if (split === undefined) return '';
  const again = split.sameInvoices.length === 0 ? '' : ' (same invoice again)';
  return `\n:mag: *Possible split${again}:* ${escapeMrkdwn(truncate(split.relatedText, 500))}; together *${split.combinedText}*. Tick the box, then Approve.`;
}
