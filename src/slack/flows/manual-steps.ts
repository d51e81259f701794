// Glue shared by the manual write-off listeners, with no data access of its own: which modal a
// payload names, and the step a use-case returned (app/manual-modal.ts) rendered through the
// pure view builders.
import type { App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ManualStep, ModalRef, PreviewNotice } from '../../app/manual-modal.ts';
import type { NoDraft } from '../../app/manual-modal-steps.ts';
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
export const PREVIEW_CHANGED_TEXT =
  'The figures changed since this preview was made (a payment, a re-import or another request). Check the new preview and submit again.';
export const PREVIEW_REFRESHED_TEXT = 'This preview was refreshed; check it and submit again.';

/** The modal a payload names: its draft (from the metadata), the actor and the view id. */
export function modalRef(
  view: { readonly id?: string; readonly private_metadata?: string } | undefined,
  userId: string,
): ModalRef {
  return { draftId: parseDraftMetadata(view?.private_metadata), userId, viewId: view?.id };
}

function noticeText(notice: PreviewNotice | null): string | null {
  if (notice === null) return null;
  return notice.kind === 'changed'
    ? PREVIEW_CHANGED_TEXT
    : `${notice.text} ${PREVIEW_REFRESHED_TEXT}`;
}

/** The view for a step; a modal that is no longer this user's draft reads as expired. */
export function manualStepView(step: ManualStep | NoDraft): ModalView {
  switch (step.kind) {
    case 'no_draft':
    case 'expired':
      return manualMessageView(EXPIRED_TEXT);
    case 'no_ledger':
      return manualMessageView(NO_LEDGER_TEXT);
    case 'form':
      return manualFormView(formViewModel(step.form, encodeDraftMetadata(step.form.draftId)));
    case 'invoices': {
      const { stored, page, problems, notes } = step;
      const lines = notes.map((n) =>
        n.page === null ? n.message : `${n.message} (page ${n.page + 1})`,
      );
      const metadata = encodeDraftMetadata(stored.id);
      return manualInvoicesView(invoicesViewModel(page, stored.draft, metadata, problems, lines));
    }
    case 'preview': {
      const metadata = encodeDraftMetadata(step.stored.id);
      const notice = noticeText(step.notice);
      return manualPreviewView(previewViewModel(step.preview, step.stored.draft, metadata, notice));
    }
  }
}

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & { client: App['client'] };

/**
 * A block action inside the modal: run its use-case and re-render the modal with views.update
 * (hash-guarded). Without a draft of this user opened in this view nothing is updated: the view
 * id comes from the payload, and only a view proven to be the actor's may be changed (an expired
 * modal says so when it is submitted).
 */
export function redrawModal(
  deps: SlackDeps,
  useCase: (ref: ModalRef, values: unknown, action: unknown) => Promise<ManualStep | NoDraft>,
) {
  return async ({ ack, body, action, client }: ActionArgs): Promise<void> => {
    await ack();
    const view = body.view;
    if (view === undefined) return;
    const step = await useCase(modalRef(view, body.user.id), view.state.values, action);
    if (step.kind === 'no_draft') {
      deps.logger.info(`modal action on view ${view.id} by ${body.user.id}: no draft of theirs`);
      return;
    }
    await client.views.update({ view_id: view.id, hash: view.hash, view: manualStepView(step) });
  };
}
