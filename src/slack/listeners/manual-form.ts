// Step 1 of the manual write-off modal: the customer type-ahead (block_suggestion) and the
// submission that checks customer, period and date, then swaps in the invoice step.
import type { App, types } from '@slack/bolt';
import { type FormErrors, findCustomers } from '../../app/drafts.ts';
import { submitFormStep } from '../../app/manual-modal-steps.ts';
import { BEFORE_ACK_BUSY_BUDGET_MS, whenUnlocked } from '../../app/use-case-tx.ts';
import { plainText } from '../blocks.ts';
import type { SlackDeps } from '../deps.ts';
import { criteriaView } from '../flows/auto-run.ts';
import { manualStepView, modalRef } from '../flows/manual-steps.ts';
import { manualIds as ids } from '../ids.ts';
import { parseFormState } from '../parse/manual-state.ts';
import { customerChoice } from '../views/manual-models.ts';

/** Options per type-ahead answer (Slack allows 100; a short list reads better). */
export const CUSTOMER_OPTIONS_MAX = 50;
/** Longer queries are cut: no customer id or name needs more, and a huge paste stays cheap. */
export const CUSTOMER_QUERY_MAX_CHARS = 100;

const FORM_BLOCKS: Readonly<Record<keyof FormErrors, string>> = {
  customer: ids.customerBlock,
  period: ids.periodBlock,
  date: ids.dateBlock,
  mode: ids.modeBlock,
};

export function registerManualForm(app: App, deps: SlackDeps): void {
  // Slack shows its own error (and the request counts as failed) unless every options request
  // gets an answer, so a failing search answers an empty list and is logged, never thrown.
  app.options<'block_suggestion'>({ action_id: ids.customerAction }, async ({ ack, options }) => {
    let answer: types.PlainTextOption[] = [];
    try {
      answer = customerOptions(deps, options.value);
    } catch (error) {
      deps.logger.error('customer type-ahead failed; answered with no options', error);
    }
    await ack({ options: answer });
  });

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

function customerOptions(deps: SlackDeps, typed: string): types.PlainTextOption[] {
  const query = typed.slice(0, CUSTOMER_QUERY_MAX_CHARS).trim();
  const { currency, hits } = findCustomers(deps, query, CUSTOMER_OPTIONS_MAX);
  return hits.map((hit) => {
    const choice = customerChoice(hit, currency);
    return { text: plainText(choice.label), value: choice.value };
  });
}
