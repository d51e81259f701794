// The automatic criteria's invoice range type-ahead (block_suggestion). A failing search
// answers an empty list and is logged, never thrown (Slack would show its own error).
import type { App, types } from '@slack/bolt';
import { findInvoiceNumbers } from '../../app/auto-form.ts';
import { plainText } from '../blocks.ts';
import type { SlackDeps } from '../deps.ts';
import { autoIds as ids } from '../ids.ts';

const OPTIONS_MAX = 50;

export function registerInvoiceTypeahead(app: App, deps: SlackDeps): void {
  for (const action of [ids.invoiceFromAction, ids.invoiceToAction]) {
    app.options<'block_suggestion'>({ action_id: action }, async ({ ack, options }) => {
      let answer: types.PlainTextOption[] = [];
      try {
        answer = findInvoiceNumbers(deps, options.value.slice(0, 100), OPTIONS_MAX).map((n) => ({
          text: plainText(n.slice(0, 75)),
          value: n,
        }));
      } catch (error) {
        deps.logger.error('invoice range type-ahead failed; answered with no options', error);
      }
      await ack({ options: answer });
    });
  }
}
