// The automatic criteria's invoice range type-ahead (block_suggestion). A failing search
// answers an empty list and is logged, never thrown (Slack would show its own error).
import type { types } from '@slack/bolt';
import { findInvoiceNumbers } from '../../app/auto-form.ts';
import { plainText } from '../blocks.ts';
import type { SlackDeps } from '../deps.ts';
import { autoIds as ids } from '../ids.ts';
import type { OptionsRouter } from '../options-router.ts';

const OPTIONS_MAX = 50;

export function registerInvoiceTypeahead(options: OptionsRouter, deps: SlackDeps): void {
  for (const action of [ids.invoiceFromAction, ids.invoiceToAction]) {
    options.on(action, async ({ ack, options: load }) => {
      let answer: types.PlainTextOption[] = [];
      try {
        answer = findInvoiceNumbers(deps, load.value.slice(0, 100), OPTIONS_MAX).map((n) => ({
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
