// The manual write-off modal's steps as use-cases, one per Slack interaction: step 1's
// submission, the block actions of the invoice step (paging, select all, Change, Back), and the
// invoice step's submission. Each runs in one transaction: load the draft, merge the view's
// inputs, decide, save, and return what to show (manual-modal.ts).
import { type AutoFormData, type AutoFormInput, loadAutoFormData } from './auto-form.ts';
import type { AppDeps } from './deps.ts';
import {
  applyFormStep,
  type FormErrors,
  type FormInput,
  type StoredDraft,
  saveDraft,
} from './drafts.ts';
import { invoicePage, loadCustomerLedger, pageOfInvoice, setSelectAll } from './drafts-invoices.ts';
import { type DraftProblem, previewDraft } from './drafts-preview.ts';
import {
  formStep,
  invoicesStep,
  type ManualStep,
  type ModalRef,
  ownedDraft,
  type ProblemNote,
  type StepValues,
  saveRevision,
  withStepValues,
} from './manual-modal.ts';
import { snapshotToJson } from './snapshot.ts';
import { inOneTransaction } from './use-case-tx.ts';

/** The modal belongs to no draft of this user opened in this view (ADR 107): change nothing. */
export type NoDraft = { readonly kind: 'no_draft' };

/** The automatic-criteria form, for a draft (step 1 chose "Automatic criteria"). */
export type CriteriaStep =
  | {
      readonly kind: 'criteria';
      readonly draftId: string;
      readonly data: AutoFormData;
      /** What the form starts with ("Edit and resubmit" of an automatic run); empty if absent. */
      readonly values?: Partial<AutoFormInput>;
    }
  | { readonly kind: 'no_ledger' };

export type FormStepOutcome =
  | NoDraft
  | CriteriaStep
  | { readonly kind: 'form_errors'; readonly errors: FormErrors }
  | ManualStep;

/** Step 1 submitted: automatic criteria, field errors, or the invoice step. */
export function submitFormStep(deps: AppDeps, ref: ModalRef, input: FormInput): FormStepOutcome {
  return inOneTransaction(deps, () => {
    const stored = ownedDraft(deps, ref);
    if (stored === null) return { kind: 'no_draft' };
    if (input.mode === 'automatic') return criteriaStep(deps, stored.id);
    const applied = applyFormStep(deps, stored, input);
    if (!applied.ok) return { kind: 'form_errors', errors: applied.error };
    return invoicesStep(deps, saveRevision(deps, stored, applied.value.draft));
  });
}

/** The automatic-criteria form for the modal's draft (the "Write off by" radio, its type). */
export function showCriteriaStep(deps: AppDeps, ref: ModalRef): NoDraft | CriteriaStep {
  return inOneTransaction(deps, () => {
    const stored = ownedDraft(deps, ref);
    return stored === null ? { kind: 'no_draft' } : criteriaStep(deps, stored.id);
  });
}

function criteriaStep(deps: AppDeps, draftId: string): CriteriaStep {
  const data = loadAutoFormData(deps);
  return data === null ? { kind: 'no_ledger' } : { kind: 'criteria', draftId, data };
}

/** A block action of the invoice step; the page's inputs are kept first. */
export type InvoicesChange =
  | { readonly kind: 'page'; readonly page: number | null }
  | { readonly kind: 'select_all'; readonly selectAll: boolean }
  | { readonly kind: 'back_to_form' };

export function changeInvoicesStep(
  deps: AppDeps,
  ref: ModalRef,
  values: StepValues,
  change: InvoicesChange,
): NoDraft | ManualStep {
  return inOneTransaction(deps, () => {
    const stored = ownedDraft(deps, ref);
    if (stored === null) return { kind: 'no_draft' };
    const draft = withStepValues(deps, stored, values);
    if (change.kind === 'back_to_form') {
      return formStep(deps, saveRevision(deps, stored, { ...draft, step: 'form' }));
    }
    const changed =
      change.kind === 'page'
        ? { ...draft, page: change.page ?? draft.page }
        : setSelectAll(draft, change.selectAll);
    return invoicesStep(deps, saveRevision(deps, stored, changed));
  });
}

/** "Back" on the preview: the invoice step as the draft has it. */
export function backToInvoices(deps: AppDeps, ref: ModalRef): NoDraft | ManualStep {
  return inOneTransaction(deps, () => {
    const stored = ownedDraft(deps, ref);
    if (stored === null) return { kind: 'no_draft' };
    return invoicesStep(deps, saveRevision(deps, stored, { ...stored.draft, step: 'invoices' }));
  });
}

/**
 * Problems on the page the clerk is looking at, to show next to their inputs (ADR 042), and
 * those on other pages, each with its page.
 */
export interface ProblemsOnPage {
  readonly kind: 'problems';
  readonly rev: number;
  readonly method: 'entry' | 'line-item';
  readonly onPage: readonly DraftProblem[];
  readonly elsewhere: readonly ProblemNote[];
}

/**
 * The invoice step submitted: the inputs are saved even when the preview fails (the clerk's
 * work is never lost); then the preview, or the problems placed where the clerk can act on them.
 */
export function submitInvoicesStep(
  deps: AppDeps,
  ref: ModalRef,
  values: StepValues,
): NoDraft | ProblemsOnPage | ManualStep {
  return inOneTransaction(deps, () => {
    const stored = ownedDraft(deps, ref);
    if (stored === null) return { kind: 'no_draft' };
    const current = { id: stored.id, draft: withStepValues(deps, stored, values) };
    saveDraft(deps, current);
    const preview = previewDraft(deps, current);
    if (!preview.ok) return placeProblems(deps, current, preview.error);
    const saved = saveRevision(deps, current, {
      ...current.draft,
      step: 'preview',
      previewHash: preview.value.previewHash,
      snapshot: snapshotToJson(preview.value.snapshot),
    });
    return { kind: 'preview', stored: saved, preview: preview.value, notice: null };
  });
}

/**
 * Problems on this page stay on it; when every problem is on another page the modal jumps to
 * the first such page, with the problems listed on top.
 */
function placeProblems(
  deps: AppDeps,
  stored: StoredDraft,
  problems: readonly DraftProblem[],
): ProblemsOnPage | ManualStep {
  const { draft } = stored;
  const ledger = loadCustomerLedger(deps, draft);
  if (ledger === null) return { kind: 'expired' };
  const shown = new Set(
    invoicePage(ledger, draft)
      .rows.filter((r) => r.heldBy === null)
      .map((r) => r.number),
  );
  const onPage = problems.filter((p) => p.invoice === null || shown.has(p.invoice));
  const elsewhere = problems
    .filter((p) => p.invoice !== null && !shown.has(p.invoice))
    .map((p) => ({
      message: p.message,
      page: pageOfInvoice(ledger, draft, p.invoice ?? '') ?? 0,
    }));
  if (onPage.length > 0) {
    return { kind: 'problems', rev: draft.rev, method: draft.method, onPage, elsewhere };
  }
  const first = problems.find((p) => p.invoice !== null && !shown.has(p.invoice))?.invoice ?? '';
  const page = pageOfInvoice(ledger, draft, first) ?? draft.page;
  const saved = saveRevision(deps, stored, { ...draft, page, step: 'invoices' });
  return invoicesStep(deps, saved, problems, elsewhere);
}
