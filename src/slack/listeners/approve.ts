// Approve (thread reply and App Home): acknowledges at once, then one use-case approves and
// posts (status, second person, role, limit, balances as previewed) in one transaction; what it
// queued is delivered, and a click that changes nothing — a double click, a retry, a second
// process — is told why, ephemerally.
import type { App, BlockButtonAction } from '@slack/bolt';
import { approveFromSlack } from '../../app/decision-clicks.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import type { SlackDeps } from '../deps.ts';
import {
  afterDecision,
  homeIfFromHome,
  refusalOf,
  tellClicker,
} from '../flows/decision-response.ts';
import { ids } from '../ids.ts';
import { parseDecisionClick } from '../parse/approval.ts';
import { relatedAcknowledged } from '../parse/split-ack.ts';

export function registerApprove(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ids.approval.approveAction, async ({ ack, body, client }) => {
    await ack();
    const click = parseDecisionClick(body);
    const s = click.surface;
    const outcome = await whenUnlocked(() =>
      approveFromSlack(deps, {
        requestId: click.requestId,
        approver: click.userId,
        acknowledgedRelated: relatedAcknowledged(body, click.requestId),
        ...(s.kind === 'message' ? { slack: { channel: s.channel, ts: s.ts } } : {}),
        home: homeIfFromHome(deps, click.userId, s.kind === 'home'),
      }),
    );
    await afterDecision(client, deps, click.requestId, click.userId, outcome);
    const refusal = refusalOf(outcome);
    if (refusal !== null) await tellClicker(client, s, click.userId, refusal);
  });
  // Ticking the split-detection checkbox changes nothing yet: Approve reads it from the state.
  app.action(ids.split.ackAction, async ({ ack }) => {
    await ack();
  });
}
