// Step 3 of the manual write-off modal: Submit sends exactly the previewed write-off for
// approval and drops the draft in one use-case (response_action clear); then what the outbox
// queued is delivered (the announcement in the approvals channel) and the clerk gets a DM with
// the request id and a link to the thread. Back returns to the invoices.
import type { App } from '@slack/bolt';
import { submitManualPreview } from '../../app/manual-modal-submit.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import type { SlackDeps } from '../deps.ts';
import { confirmSubmitted } from '../flows/manual-confirm.ts';
import { manualStepView, modalRef } from '../flows/manual-steps.ts';
import { manualIds as ids } from '../ids.ts';
import { parseReasonState, reasonErrors } from '../parse/reason-state.ts';

export function registerManualPreview(app: App, deps: SlackDeps): void {
  app.view(ids.previewCallback, async ({ ack, view, body, client }) => {
    const outcome = await whenUnlocked(
      () =>
        submitManualPreview(
          deps,
          modalRef(view, body.user.id),
          parseReasonState(view.state.values),
        ),
      BEFORE_ACK_BUSY_BUDGET_MS,
    );
    if (outcome.kind === 'reason_errors') {
      await ack({ response_action: 'errors', errors: reasonErrors(outcome.errors) });
      return;
    }
    if (outcome.kind !== 'submitted') {
      await ack({ response_action: 'update', view: manualStepView(outcome) });
      return;
    }
    await ack({ response_action: 'clear' });
    await confirmSubmitted(client, deps, outcome);
  });
}
