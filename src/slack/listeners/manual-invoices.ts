// Step 2 of the manual write-off modal. Paging, select all and "Change" are block actions
// inside the modal: each saves the page's inputs into the draft, then re-renders with
// views.update (hash-guarded). Each is one use-case (app/manual-modal-steps.ts); the submission
// is in manual-invoices-submit.ts.
import type { App, BlockAction } from '@slack/bolt';
import { changeInvoicesStep, type InvoicesChange } from '../../app/manual-modal-steps.ts';
import { whenUnlocked } from '../../app/use-case-tx.ts';
import type { SlackDeps } from '../deps.ts';
import { redrawModal } from '../flows/manual-steps.ts';
import { manualIds as ids } from '../ids.ts';
import {
  parseInvoiceStepValues,
  parsePageAction,
  parseSelectAllAction,
} from '../parse/manual-state.ts';

/** A block action of the invoice step: the page's inputs are kept, then the change applies. */
function invoicesAction(deps: SlackDeps, changeOf: (action: unknown) => InvoicesChange) {
  return redrawModal(deps, (ref, values, action) =>
    whenUnlocked(() =>
      changeInvoicesStep(deps, ref, parseInvoiceStepValues(values), changeOf(action)),
    ),
  );
}

export function registerManualInvoices(app: App, deps: SlackDeps): void {
  const toPage = (action: unknown): InvoicesChange => ({
    kind: 'page',
    page: parsePageAction(action),
  });
  app.action<BlockAction>(ids.prevPageAction, invoicesAction(deps, toPage));
  app.action<BlockAction>(ids.nextPageAction, invoicesAction(deps, toPage));
  app.action<BlockAction>(ids.jumpPageAction, invoicesAction(deps, toPage));
  app.action<BlockAction>(
    ids.selectAllAction,
    invoicesAction(deps, (action) => ({
      kind: 'select_all',
      selectAll: parseSelectAllAction(action),
    })),
  );
  app.action<BlockAction>(
    ids.backToFormAction,
    invoicesAction(deps, () => ({ kind: 'back_to_form' })),
  );
}
