// Glue shared by the manual write-off listeners: find the draft a view belongs to, save it,
// and render each step from the app's data through the pure view builders.
import type { App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import {
  loadDraft,
  loadFormData,
  type ManualDraft,
  type StoredDraft,
  saveDraft,
} from '../../app/drafts.ts';
import { invoicePage, loadCustomerLedger } from '../../app/drafts-invoices.ts';
import type { DraftPreview, DraftProblem } from '../../app/drafts-preview.ts';
import type { SlackDeps } from '../deps.ts';
import { encodeDraftMetadata, parseDraftMetadata } from '../parse/manual-metadata.ts';
import { type ModalView, manualMessageView } from '../views/manual-common.ts';
import { manualFormView } from '../views/manual-form.ts';
import { manualInvoicesView } from '../views/manual-invoices.ts';
import { formViewModel, invoicesViewModel, previewViewModel } from '../views/manual-models.ts';
import { manualPreviewView } from '../views/manual-preview.ts';

export const EXPIRED_TEXT =
  'This write-off form has expired or was already submitted. Type `/writeoff` to start a new one.';
export const NO_LEDGER_TEXT =
  'No A/R data has been imported yet, so there is nothing to write off. Ask an administrator to run `writeoff import FILE`.';

/**
 * The draft behind a modal, if the metadata is ours, the draft is this user's, and the draft was
 * opened in this very view (payloads name their view, and a forged one can name someone else's;
 * see docs/decisions/107-modal-owner.md).
 */
export function draftOfView(
  deps: SlackDeps,
  view: { readonly id?: string; readonly private_metadata?: string } | undefined,
  userId: string,
): StoredDraft | null {
  const draftId = parseDraftMetadata(view?.private_metadata);
  const stored = draftId === null ? null : loadDraft(deps, draftId, userId);
  if (stored === null) return null;
  const boundTo = stored.draft.viewId;
  return boundTo === undefined || boundTo === view?.id ? stored : null;
}

/** Saves a changed draft under a new revision, so re-rendered rows show the draft's values. */
export function saveRevision(
  deps: SlackDeps,
  stored: StoredDraft,
  draft: ManualDraft,
): StoredDraft {
  const next = { id: stored.id, draft: { ...draft, rev: draft.rev + 1 } };
  saveDraft(deps, next);
  return next;
}

export function formStepView(deps: SlackDeps, stored: StoredDraft): ModalView {
  const form = loadFormData(deps, stored);
  if (form === null) return manualMessageView(NO_LEDGER_TEXT);
  return manualFormView(formViewModel(form, encodeDraftMetadata(stored.id)));
}

export function invoicesStepView(
  deps: SlackDeps,
  stored: StoredDraft,
  problems: readonly DraftProblem[] = [],
  errorLines: readonly string[] = [],
): ModalView {
  const ledger = loadCustomerLedger(deps, stored.draft);
  if (ledger === null) return manualMessageView(EXPIRED_TEXT);
  const page = invoicePage(ledger, stored.draft);
  const metadata = encodeDraftMetadata(stored.id);
  return manualInvoicesView(invoicesViewModel(page, stored.draft, metadata, problems, errorLines));
}

export function previewStepView(
  stored: StoredDraft,
  preview: DraftPreview,
  notice: string | null = null,
): ModalView {
  const metadata = encodeDraftMetadata(stored.id);
  return manualPreviewView(previewViewModel(preview, stored.draft, metadata, notice));
}

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & { client: App['client'] };

/**
 * A block action inside the modal: re-render it from its draft with views.update (hash-guarded).
 * Without a draft of this user opened in this view nothing is updated: the view id comes from
 * the payload, and only a view proven to be the actor's may be changed (an expired modal says so
 * when it is submitted).
 */
export function redrawModal(
  deps: SlackDeps,
  render: (stored: StoredDraft, values: unknown, action: unknown) => ModalView,
) {
  return async ({ ack, body, action, client }: ActionArgs): Promise<void> => {
    await ack();
    const view = body.view;
    if (view === undefined) return;
    const stored = draftOfView(deps, view, body.user.id);
    if (stored === null) {
      deps.logger.info(`modal action on view ${view.id} by ${body.user.id}: no draft of theirs`);
      return;
    }
    const next = render(stored, view.state.values, action);
    await client.views.update({ view_id: view.id, hash: view.hash, view: next });
  };
}
