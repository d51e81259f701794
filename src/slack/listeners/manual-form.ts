// Step 1 of the manual write-off modal submitted: one use-case checks customer, period and date,
// then swaps in the invoice step (or the automatic criteria form). The customer type-ahead is in
// customer-typeahead.ts.
import type { App } from '@slack/bolt';
import type { FormErrors } from '../../app/drafts.ts';
import { submitFormStep } from '../../app/manual-modal-steps.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import type { SlackDeps } from '../deps.ts';
import { criteriaView } from '../flows/auto-run.ts';
import { manualStepView, modalRef } from '../flows/manual-steps.ts';
import { manualIds as ids } from '../ids.ts';
import { parseFormState } from '../parse/manual-state.ts';

const FORM_BLOCKS: Readonly<Record<keyof FormErrors, string>> = {
  customer: ids.customerBlock,
  period: ids.periodBlock,
  date: ids.dateBlock,
  mode: ids.modeBlock,
};

export function registerManualForm(app: App, deps: SlackDeps): void {
  app.view(ids.formCallback, async ({ ack, view, body }) => {
    const outcome = await whenUnlocked(
      () => submitFormStep(deps, modalRef(view, body.user.id), parseFormState(view.state.values)),
      BEFORE_ACK_BUSY_BUDGET_MS,
    );
    if (outcome.kind === 'form_errors') {
      const errors = Object.fromEntries(
        Object.entries(outcome.errors).map(([field, message]) => [
          FORM_BLOCKS[field as keyof FormErrors],
          message,
        ]),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    const next = outcome.kind === 'criteria' ? criteriaView(outcome) : manualStepView(outcome);
    await ack({ response_action: 'update', view: next });
  });
}
