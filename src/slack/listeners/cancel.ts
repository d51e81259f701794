// "Cancel request" on the requester's DM and App Home: acknowledges at once, runs the cancel
// use-case (requester or admin, pending or stale only), delivers what it queued (both approval
// messages redrawn, a note in the thread) and then answers the clicker: the DM's button is
// replaced by what happened; a refusal is told ephemerally and changes nothing.
import type { App, BlockButtonAction, webApi } from '@slack/bolt';
import { cancelRequest } from '../../app/decide-request.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import { section } from '../blocks.ts';
import type { SlackDeps } from '../deps.ts';
import { afterDecision, tellClicker } from '../flows/decision-response.ts';
import { currencyOf } from '../flows/reason-modal.ts';
import { ids } from '../ids.ts';
import { type DecisionClick, parseDecisionClick } from '../parse/approval.ts';
import { refusalText } from '../views/approval-notices.ts';

export function registerCancel(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ids.approval.cancelAction, async ({ ack, body, client }) => {
    await ack();
    await cancel(client, deps, parseDecisionClick(body));
  });
}

async function cancel(client: webApi.WebClient, deps: SlackDeps, click: DecisionClick) {
  const s = click.surface;
  const result = await whenUnlocked(() =>
    cancelRequest(deps, {
      requestId: click.requestId,
      by: click.userId,
      ...(s.kind === 'message' ? { slack: { channel: s.channel, ts: s.ts } } : {}),
    }),
  );
  await afterDecision(client, deps, {
    requestId: click.requestId,
    userId: click.userId,
    fromHome: s.kind === 'home',
  });
  if (!result.ok) {
    await tellClicker(client, s, click.userId, refusalText(result.error, currencyOf(deps, click)));
    return;
  }
  if (s.kind !== 'message') return;
  const text = `:no_entry_sign: You cancelled write-off request *${click.requestId}*. Nothing was posted and its invoices are free again.`;
  await client.chat.update({ channel: s.channel, ts: s.ts, text, blocks: [section(text)] });
}
