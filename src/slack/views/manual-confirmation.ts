// The DM that confirms a submitted write-off request to the clerk.

import type { KnownBlock } from '../blocks.ts';
import { context, escapeMrkdwn, section } from '../blocks.ts';
import { manualIds as ids } from '../ids.ts';
import { cancelButton, ownerActions } from './request-owner-actions.ts';

export interface SubmittedModel {
  readonly requestId: string;
  readonly totalText: string;
  /** `Acme Builders (C100)`, as imported (escaped here). */
  readonly customer: string;
  readonly approvalsChannel: string;
  /** Link to the approval thread; null when the announcement could not be posted. */
  readonly threadLink: string | null;
}

export interface DirectMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

export function submittedMessage(model: SubmittedModel): DirectMessage {
  const customer = escapeMrkdwn(model.customer);
  const where =
    model.threadLink === null
      ? `It will appear in <#${model.approvalsChannel}> shortly.`
      : `<${model.threadLink}|Open the approval thread> in <#${model.approvalsChannel}>.`;
  const text = `Write-off request ${model.requestId} (${model.totalText}, ${customer}) is pending approval. ${where}`;
  return {
    text,
    blocks: [
      section(
        `:white_check_mark: Write-off request *${model.requestId}* for ${customer}, *${model.totalText}*, is pending approval.\n${where}`,
        ids.messageBlock,
      ),
      context([
        'Someone other than you approves it in the thread; nothing is posted before that. You will get a message when it is decided.',
      ]),
      ownerActions(model.requestId, [
        cancelButton(model.requestId, `${model.requestId} (${model.totalText})`),
      ]),
    ],
  };
}
