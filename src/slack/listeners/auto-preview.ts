// Preview on the automatic-criteria form: one use-case checks the form (field errors go next to
// their inputs) and hands back the preview, which is computed after a progress view
// acknowledged the submission (Slack waits 3 s for the ack; the preview may take longer).
import type { App } from '@slack/bolt';
import type { AutoFormErrors } from '../../app/auto-form.ts';
import { checkAutoCriteria } from '../../app/auto-modal.ts';
import type { SlackDeps } from '../deps.ts';
import { showAutoPreview } from '../flows/auto-run.ts';
import { EXPIRED_TEXT, modalRef } from '../flows/manual-steps.ts';
import { autoIds as ids, reasonIds } from '../ids.ts';
import { parseAutoState } from '../parse/auto-state.ts';
import { autoProgressView } from '../views/auto-preview.ts';
import { manualMessageView } from '../views/manual-common.ts';

const FIELD_BLOCKS: Readonly<Record<keyof AutoFormErrors, string>> = {
  type: ids.typeBlock,
  value: ids.valueBlock,
  fcPercent: ids.fcBlock,
  olderThan: ids.olderThanBlock,
  startDate: ids.startBlock,
  customerFrom: ids.customerFromBlock,
  customerTo: ids.customerToBlock,
  invoiceFrom: ids.invoiceFromBlock,
  invoiceTo: ids.invoiceToBlock,
  period: ids.periodBlock,
  date: ids.dateBlock,
  account: ids.accountBlock,
  comment: ids.commentBlock,
  reasonCode: reasonIds.reasonBlock,
  evidence: reasonIds.evidenceBlock,
};

export function registerAutoPreview(app: App, deps: SlackDeps): void {
  app.view(ids.criteriaCallback, async ({ ack, view, body, client }) => {
    const outcome = checkAutoCriteria(
      deps,
      modalRef(view, body.user.id),
      parseAutoState(view.state.values),
    );
    if (outcome.kind === 'no_draft') {
      await ack({ response_action: 'update', view: manualMessageView(EXPIRED_TEXT) });
      return;
    }
    if (outcome.kind === 'form_errors') {
      const errors = Object.fromEntries(
        Object.entries(outcome.errors).map(([field, message]) => [
          FIELD_BLOCKS[field as keyof AutoFormErrors],
          message,
        ]),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack({
      response_action: 'update',
      view: autoProgressView('Computing the preview over the open items…'),
    });
    await showAutoPreview(client, deps, view.id, outcome, body.user.id);
  });
}
