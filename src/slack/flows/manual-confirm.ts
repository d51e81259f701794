// After a manual write-off was submitted and the modal closed: deliver what the submission
// queued (the announcement in the approvals channel, through the notifications port) and tell
// the clerk by DM, with a link to the thread once it exists. The request is pending whatever
// Slack does here.
import type { App } from '@slack/bolt';
import type { SubmittedManual } from '../../app/manual-modal-submit.ts';
import type { RequestThread } from '../../app/notifier.ts';
import { formatMoney } from '../../domain/money.ts';
import type { SlackDeps } from '../deps.ts';
import { submittedMessage } from '../views/manual-confirmation.ts';

type WebClient = App['client'];

export async function confirmSubmitted(
  client: WebClient,
  deps: SlackDeps,
  submitted: SubmittedManual,
): Promise<void> {
  const { requestId } = submitted;
  let thread: RequestThread | null = null;
  try {
    thread = await deps.notifications.deliverFor(requestId);
  } catch (error) {
    deps.logger.error(`announceRequest failed for ${requestId}`, error);
  }
  let threadLink: string | null = null;
  if (thread) {
    const link = await client.chat.getPermalink({
      channel: thread.channel,
      message_ts: thread.threadTs ?? thread.ts,
    });
    threadLink = link.permalink ?? null;
  }
  const customer = submitted.customers.map((c) => `${c.name} (${c.id})`).join(', ');
  const message = submittedMessage({
    requestId,
    totalText: formatMoney(submitted.totalMinor, submitted.currency),
    customer,
    approvalsChannel: deps.approvalsChannel,
    threadLink,
  });
  const dm = await client.conversations.open({ users: submitted.requester });
  const channel = dm.channel?.id;
  if (channel !== undefined) await client.chat.postMessage({ channel, ...message });
}
