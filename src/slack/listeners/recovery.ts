// "Approve recovery" in a written-off request's thread (docs/write-off-rules.md#recovery): one
// use-case posts the recovery (approver, own limit, once); what it queued is delivered, and a
// click that changes nothing is told why, ephemerally.
import type { App, BlockButtonAction } from '@slack/bolt';
import { approveRecovery } from '../../app/recovery.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import type { SlackDeps } from '../deps.ts';
import { tellClicker } from '../flows/decision-response.ts';
import { ids } from '../ids.ts';
import { parseDecisionClick } from '../parse/approval.ts';
import { refusalText } from '../views/approval-notices.ts';

export function registerRecovery(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ids.recovery.approveAction, async ({ ack, body, client }) => {
    await ack();
    // The button's value is the recovery id (`RC-000001`), shaped like a request id.
    const click = parseDecisionClick(body);
    const s = click.surface;
    const result = await whenUnlocked(() =>
      approveRecovery(deps, {
        recoveryId: click.requestId,
        by: click.userId,
        ...(s.kind === 'message' ? { slack: { channel: s.channel, ts: s.ts } } : {}),
      }),
    );
    if (result.ok) {
      await deps.notifications.deliverFor(result.value.requestId);
      return;
    }
    await tellClicker(client, s, click.userId, refusalText(result.error, 'USD'));
  });
}
