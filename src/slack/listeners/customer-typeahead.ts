// Customer type-aheads (block_suggestion): the manual form's customer, and the automatic
// criteria's customer range. Slack shows its own error (and the request counts as failed)
// unless every options request gets an answer, so a failing search answers an empty list and
// is logged, never thrown.
import type { types } from '@slack/bolt';
import { findCustomers } from '../../app/drafts.ts';
import { plainText } from '../blocks.ts';
import type { SlackDeps } from '../deps.ts';
import { autoIds, manualIds } from '../ids.ts';
import type { OptionsRouter } from '../options-router.ts';
import { customerChoice } from '../views/manual-models.ts';

/** Options per type-ahead answer (Slack allows 100; a short list reads better). */
export const CUSTOMER_OPTIONS_MAX = 50;
/** Longer queries are cut: no customer id or name needs more, and a huge paste stays cheap. */
export const CUSTOMER_QUERY_MAX_CHARS = 100;

export function registerCustomerTypeahead(options: OptionsRouter, deps: SlackDeps): void {
  const fields = [
    { actionId: manualIds.customerAction, trim: true, what: 'customer type-ahead' },
    { actionId: autoIds.customerFromAction, trim: false, what: 'customer range type-ahead' },
    { actionId: autoIds.customerToAction, trim: false, what: 'customer range type-ahead' },
  ];
  for (const { actionId, trim, what } of fields) {
    options.on(actionId, async ({ ack, options: load }) => {
      let answer: types.PlainTextOption[] = [];
      try {
        const cut = load.value.slice(0, CUSTOMER_QUERY_MAX_CHARS);
        const { currency, hits } = findCustomers(
          deps,
          trim ? cut.trim() : cut,
          CUSTOMER_OPTIONS_MAX,
        );
        answer = hits.map((hit) => {
          const choice = customerChoice(hit, currency);
          return { text: plainText(choice.label), value: choice.value };
        });
      } catch (error) {
        deps.logger.error(`${what} failed; answered with no options`, error);
      }
      await ack({ options: answer });
    });
  }
}
