// Step 1 of the manual write-off modal: the customer type-ahead (block_suggestion) and the
// submission that checks customer, period and date, then swaps in the invoice step.
import type { App } from '@slack/bolt';
import { applyFormStep, type FormErrors, findCustomers } from '../../app/drafts.ts';
import { plainText } from '../blocks.ts';
import type { SlackDeps } from '../deps.ts';
import { manualIds as ids } from '../ids.ts';
import { parseFormState } from '../parse/manual-state.ts';
import { manualMessageView } from '../views/manual-common.ts';
import { customerChoice } from '../views/manual-models.ts';
import { draftOfView, EXPIRED_TEXT, invoicesStepView, saveRevision } from './manual-steps.ts';

/** Options per type-ahead answer (Slack allows 100; a short list reads better). */
export const CUSTOMER_OPTIONS_MAX = 50;

const FORM_BLOCKS: Readonly<Record<keyof FormErrors, string>> = {
  customer: ids.customerBlock,
  period: ids.periodBlock,
  date: ids.dateBlock,
  mode: ids.modeBlock,
};

export function registerManualForm(app: App, deps: SlackDeps): void {
  app.options<'block_suggestion'>({ action_id: ids.customerAction }, async ({ ack, options }) => {
    const { currency, hits } = findCustomers(deps, options.value, CUSTOMER_OPTIONS_MAX);
    await ack({
      options: hits.map((hit) => {
        const choice = customerChoice(hit, currency);
        return { text: plainText(choice.label), value: choice.value };
      }),
    });
  });

  app.view(ids.formCallback, async ({ ack, view, body }) => {
    const stored = draftOfView(deps, view, body.user.id);
    if (stored === null) {
      await ack({ response_action: 'update', view: manualMessageView(EXPIRED_TEXT) });
      return;
    }
    const applied = applyFormStep(deps, stored, parseFormState(view.state.values));
    if (!applied.ok) {
      const errors = Object.fromEntries(
        Object.entries(applied.error).map(([field, message]) => [
          FORM_BLOCKS[field as keyof FormErrors],
          message,
        ]),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    const saved = saveRevision(deps, stored, applied.value.draft);
    await ack({ response_action: 'update', view: invoicesStepView(deps, saved) });
  });
}
