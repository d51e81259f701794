// Step 2 of the manual write-off modal. Paging, select all and "Change" are block actions
// inside the modal: each saves the page's inputs into the draft, then re-renders with
// views.update (hash-guarded). Submitting validates the whole draft (every page) and either
// shows the preview or places each problem next to its input (ADR 042).
import type { App, BlockAction } from '@slack/bolt';
import type { ManualDraft, StoredDraft } from '../../app/drafts.ts';
import { saveDraft } from '../../app/drafts.ts';
import { applyStepInput, loadCustomerLedger, setSelectAll } from '../../app/drafts-invoices.ts';
import { previewDraft } from '../../app/drafts-preview.ts';
import type { SlackDeps } from '../deps.ts';
import { placeProblems } from '../flows/manual-problems.ts';
import {
  draftOfView,
  EXPIRED_TEXT,
  formStepView,
  invoicesStepView,
  previewStepView,
  redrawModal,
  saveRevision,
} from '../flows/manual-steps.ts';
import { manualIds as ids } from '../ids.ts';
import {
  parseInvoiceStepState,
  parsePageAction,
  parseSelectAllAction,
} from '../parse/manual-state.ts';
import { manualMessageView } from '../views/manual-common.ts';

/** The draft with this view's inputs merged in (not saved). */
export function withViewInputs(deps: SlackDeps, stored: StoredDraft, values: unknown): ManualDraft {
  const ledger = loadCustomerLedger(deps, stored.draft);
  if (ledger === null) return stored.draft;
  return applyStepInput(ledger, stored.draft, parseInvoiceStepState(values, stored.draft.rev));
}

/** Runs a modal block action: save inputs, change the draft, re-render the modal. */
function modalAction(
  deps: SlackDeps,
  change: (draft: ManualDraft, action: unknown) => ManualDraft,
  render: (deps: SlackDeps, stored: StoredDraft) => ReturnType<typeof formStepView>,
) {
  return redrawModal(deps, (stored, values, action) =>
    render(deps, saveRevision(deps, stored, change(withViewInputs(deps, stored, values), action))),
  );
}

export function registerManualInvoices(app: App, deps: SlackDeps): void {
  const toPage = (draft: ManualDraft, action: unknown) => ({
    ...draft,
    page: parsePageAction(action) ?? draft.page,
  });
  app.action<BlockAction>(ids.prevPageAction, modalAction(deps, toPage, invoicesStepView));
  app.action<BlockAction>(ids.nextPageAction, modalAction(deps, toPage, invoicesStepView));
  app.action<BlockAction>(ids.jumpPageAction, modalAction(deps, toPage, invoicesStepView));
  app.action<BlockAction>(
    ids.selectAllAction,
    modalAction(
      deps,
      (draft, action) => setSelectAll(draft, parseSelectAllAction(action)),
      invoicesStepView,
    ),
  );
  app.action<BlockAction>(
    ids.backToFormAction,
    modalAction(deps, (draft) => ({ ...draft, step: 'form' }), formStepView),
  );

  app.view(ids.invoicesCallback, async ({ ack, view, body }) => {
    const stored = draftOfView(deps, view, body.user.id);
    if (stored === null) {
      await ack({ response_action: 'update', view: manualMessageView(EXPIRED_TEXT) });
      return;
    }
    // Inputs are kept even when the preview fails: the clerk's work is never lost.
    const current = { id: stored.id, draft: withViewInputs(deps, stored, view.state.values) };
    saveDraft(deps, current);
    const preview = previewDraft(deps, current);
    if (!preview.ok) {
      await ack(placeProblems(deps, current, preview.error));
      return;
    }
    const saved = saveRevision(deps, current, {
      ...current.draft,
      step: 'preview',
      previewHash: preview.value.previewHash,
      snapshot: preview.value.snapshot,
    });
    await ack({ response_action: 'update', view: previewStepView(saved, preview.value) });
  });
}
