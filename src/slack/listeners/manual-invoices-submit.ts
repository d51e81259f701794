// Step 2 of the manual write-off modal submitted: one use-case validates the whole draft (every
// page) and answers with the preview, or with each problem next to its input (ADR 042).
import type { App } from '@slack/bolt';
import { submitInvoicesStep } from '../../app/manual-modal-steps.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import type { SlackDeps } from '../deps.ts';
import { problemErrors } from '../flows/manual-problems.ts';
import { manualStepView, modalRef } from '../flows/manual-steps.ts';
import { manualIds as ids } from '../ids.ts';
import { parseInvoiceStepValues } from '../parse/manual-state.ts';

export function registerInvoicesSubmission(app: App, deps: SlackDeps): void {
  app.view(ids.invoicesCallback, async ({ ack, view, body }) => {
    const outcome = await whenUnlocked(
      () =>
        submitInvoicesStep(
          deps,
          modalRef(view, body.user.id),
          parseInvoiceStepValues(view.state.values),
        ),
      BEFORE_ACK_BUSY_BUDGET_MS,
    );
    if (outcome.kind === 'problems') {
      await ack(problemErrors(outcome));
      return;
    }
    await ack({ response_action: 'update', view: manualStepView(outcome) });
  });
}
