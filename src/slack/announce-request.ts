// Posts a submitted write-off request to the approvals channel: a parent message with the
// summary and a thread reply where the decision happens. Minimal version written with the
// manual flow; the approval feature extends it (buttons, outbox delivery).
import type { webApi } from '@slack/bolt';
import { getRequestView, setRequestSlackMessage } from '../app/request-views.ts';
import { formatMoney } from '../domain/money.ts';
import { context, fields, header, mentionUser, section } from './blocks.ts';
import type { SlackDeps } from './deps.ts';

type WebClient = webApi.WebClient;

export async function announceRequest(
  client: WebClient,
  deps: SlackDeps,
  requestId: string,
): Promise<void> {
  const request = getRequestView(deps, requestId);
  if (request === null) throw new Error(`announceRequest: unknown request ${requestId}`);
  const total = formatMoney(request.totalMinor, request.currency);
  const customer = request.customers.map((c) => `${c.id} ${c.name}`).join(', ');
  const text = `Write-off request ${request.id}: ${total} for ${customer}, requested by ${mentionUser(request.requester)}.`;
  const parent = await client.chat.postMessage({
    channel: deps.approvalsChannel,
    text,
    blocks: [
      header(`Write-off request ${request.id}`),
      fields([
        `*Customer*\n${customer}`,
        `*Total*\n${total}`,
        `*Period*\n${request.period}`,
        `*Date*\n${request.date}`,
        `*Invoices*\n${request.items.length}`,
        `*Requested by*\n${mentionUser(request.requester)}`,
      ]),
      context(['Status: pending approval — decide in the thread.']),
    ],
  });
  const ts = parent.ts;
  if (ts === undefined) throw new Error('announceRequest: chat.postMessage returned no ts');
  await client.chat.postMessage({
    channel: deps.approvalsChannel,
    thread_ts: ts,
    text: `Approval for ${request.id}: someone other than ${mentionUser(request.requester)} with an approval limit of at least ${total} decides here.`,
    blocks: [
      section(
        `Approval for *${request.id}* (${total}). Someone other than ${mentionUser(request.requester)} with an approval limit of at least ${total} decides here.`,
      ),
    ],
  });
  setRequestSlackMessage(deps, { requestId, channel: deps.approvalsChannel, ts, threadTs: ts });
}
