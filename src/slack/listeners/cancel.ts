// "Cancel request" on the requester's DM and App Home: acknowledges at once, one use-case
// cancels (requester or admin, pending or stale only), what it queued is delivered (both
// approval messages redrawn, a note in the thread) and then the clicker is answered: the DM's
// button is replaced by what happened; a refusal is told ephemerally and changes nothing.
import type { App, BlockButtonAction } from '@slack/bolt';
import { cancelFromSlack } from '../../app/decision-clicks.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import { section } from '../blocks.ts';
import type { SlackDeps } from '../deps.ts';
import {
  afterDecision,
  homeIfFromHome,
  refusalOf,
  tellClicker,
} from '../flows/decision-response.ts';
import { ids } from '../ids.ts';
import { parseDecisionClick } from '../parse/approval.ts';

export function registerCancel(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ids.approval.cancelAction, async ({ ack, body, client }) => {
    await ack();
    const click = parseDecisionClick(body);
    const s = click.surface;
    const outcome = await whenUnlocked(() =>
      cancelFromSlack(deps, {
        requestId: click.requestId,
        by: click.userId,
        ...(s.kind === 'message' ? { slack: { channel: s.channel, ts: s.ts } } : {}),
        home: homeIfFromHome(deps, click.userId, s.kind === 'home'),
      }),
    );
    await afterDecision(client, deps, click.requestId, click.userId, outcome);
    const refusal = refusalOf(outcome);
    if (refusal !== null) {
      await tellClicker(client, s, click.userId, refusal);
      return;
    }
    if (s.kind !== 'message') return;
    const text = `:no_entry_sign: You cancelled write-off request *${click.requestId}*. Nothing was posted and its invoices are free again.`;
    await client.chat.update({ channel: s.channel, ts: s.ts, text, blocks: [section(text)] });
  });
}
