// "Reject recovery" in a written-off request's thread (docs/write-off-rules.md#recovery): one
// read-only use-case says whether the clicker may reject the proposal; a refused click is told
// why at once, otherwise the reason modal opens on the click's trigger.
import type { App, BlockButtonAction } from '@slack/bolt';
import { recoveryRejectCheck } from '../../app/recovery-reject.ts';
import { formatMoney } from '../../domain/money.ts';
import type { SlackDeps } from '../deps.ts';
import { tellClicker } from '../flows/decision-response.ts';
import { ids } from '../ids.ts';
import { parseDecisionClick, reasonMetadata } from '../parse/approval.ts';
import { refusalText } from '../views/approval-notices.ts';
import { recoveryRejectModal } from '../views/approval-recovery.ts';

export function registerRecoveryRejectOpen(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ids.recovery.rejectAction, async ({ ack, body, client }) => {
    await ack();
    // The button's value is the recovery id (`RC-000001`), shaped like a request id.
    const click = parseDecisionClick(body);
    const found = recoveryRejectCheck(deps, { recoveryId: click.requestId, userId: click.userId });
    if (found.kind === 'refused' || click.triggerId === undefined) {
      const text =
        found.kind === 'refused'
          ? refusalText(found.error, found.currency)
          : 'This recovery cannot be rejected from here.';
      await tellClicker(client, click.surface, click.userId, text);
      return;
    }
    const { recovery, currency } = found;
    await client.views.open({
      trigger_id: click.triggerId,
      view: recoveryRejectModal(
        {
          recoveryId: recovery.id,
          requestId: recovery.requestId,
          invoice: recovery.invoiceNumber,
          amountText: formatMoney(recovery.amountMinor, currency),
        },
        reasonMetadata(click),
      ),
    });
  });
}
