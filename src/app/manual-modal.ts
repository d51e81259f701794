// What the manual write-off modal shows after a step, as a value (docs/decisions/205-one-use-case-per-interaction.md):
// each Slack interaction calls one use-case in manual-modal-steps.ts / manual-modal-submit.ts,
// which loads the draft, decides and saves in one transaction and returns a `ManualStep`; the
// Slack layer renders it with pure view builders. Shared here: finding the draft a modal belongs
// to (docs/decisions/107-modal-owner.md) and turning a draft into the step it is on.
import type { AppDeps } from './deps.ts';
import {
  type FormData,
  loadDraft,
  loadFormData,
  type ManualDraft,
  type StoredDraft,
  saveDraft,
} from './drafts.ts';
import {
  applyStepInput,
  type InvoicePage,
  invoicePage,
  loadCustomerLedger,
  type RowInput,
} from './drafts-invoices.ts';
import type { DraftPreview, DraftProblem } from './drafts-preview.ts';

/** Which modal, as the payload names it: the draft id from its metadata, the actor, the view. */
export interface ModalRef {
  /** Null when the metadata is not ours (or was tampered with). */
  readonly draftId: string | null;
  readonly userId: string;
  readonly viewId: string | undefined;
}

/** A problem listed above the invoices; `page` (0-based) when it sits on another page. */
export interface ProblemNote {
  readonly message: string;
  readonly page: number | null;
}

/** Why a preview is shown again instead of being submitted. */
export type PreviewNotice =
  | { readonly kind: 'changed' }
  | { readonly kind: 'refused'; readonly text: string };

export type ManualStep =
  /** No draft of this user opened in this view: expired, submitted, or not theirs. */
  | { readonly kind: 'expired' }
  /** Nothing imported yet. */
  | { readonly kind: 'no_ledger' }
  | { readonly kind: 'form'; readonly form: FormData }
  | {
      readonly kind: 'invoices';
      readonly stored: StoredDraft;
      readonly page: InvoicePage;
      readonly problems: readonly DraftProblem[];
      readonly notes: readonly ProblemNote[];
    }
  | {
      readonly kind: 'preview';
      readonly stored: StoredDraft;
      readonly preview: DraftPreview;
      readonly notice: PreviewNotice | null;
    };

/**
 * The draft behind a modal, if the metadata is ours, the draft is this user's, and the draft was
 * opened in this very view (payloads name their view, and a forged one can name someone else's).
 */
export function ownedDraft(deps: AppDeps, ref: ModalRef): StoredDraft | null {
  const stored = ref.draftId === null ? null : loadDraft(deps, ref.draftId, ref.userId);
  if (stored === null) return null;
  const boundTo = stored.draft.viewId;
  return boundTo === undefined || boundTo === ref.viewId ? stored : null;
}

/** Saves a changed draft under a new revision, so re-rendered rows show the draft's values. */
export function saveRevision(deps: AppDeps, stored: StoredDraft, draft: ManualDraft): StoredDraft {
  const next = { id: stored.id, draft: { ...draft, rev: draft.rev + 1 } };
  saveDraft(deps, next);
  return next;
}

export function formStep(deps: AppDeps, stored: StoredDraft): ManualStep {
  const form = loadFormData(deps, stored);
  return form === null ? { kind: 'no_ledger' } : { kind: 'form', form };
}

export function invoicesStep(
  deps: AppDeps,
  stored: StoredDraft,
  problems: readonly DraftProblem[] = [],
  notes: readonly ProblemNote[] = [],
): ManualStep {
  const ledger = loadCustomerLedger(deps, stored.draft);
  if (ledger === null) return { kind: 'expired' };
  return { kind: 'invoices', stored, page: invoicePage(ledger, stored.draft), problems, notes };
}

/** What one invoice row sent back, with the revision its block ids carry. */
export interface RowValues extends RowInput {
  readonly rev: number;
}

/** The invoice step's `view.state.values`, parsed, before the draft's revision is known. */
export interface StepValues {
  readonly account: string | null;
  readonly comment: string | null;
  readonly rows: readonly RowValues[];
}

/**
 * The draft with this view's inputs merged in (not saved). Rows of an older revision (a view
 * rendered before select all flipped) are ignored, since the draft moved on.
 */
export function withStepValues(
  deps: AppDeps,
  stored: StoredDraft,
  values: StepValues,
): ManualDraft {
  const ledger = loadCustomerLedger(deps, stored.draft);
  if (ledger === null) return stored.draft;
  const rev = stored.draft.rev;
  const rows = values.rows.filter((row) => row.rev === rev).map(({ rev: _rev, ...row }) => row);
  return applyStepInput(ledger, stored.draft, {
    account: values.account,
    comment: values.comment,
    rows,
  });
}
