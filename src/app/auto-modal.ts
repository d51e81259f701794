// The automatic-criteria steps of the write-off modal as use-cases, one per Slack interaction.
// A preview over the whole ledger takes seconds, longer than Slack waits for an
// acknowledgement, so each use-case decides what the ack says (no draft, field errors) at once
// and hands back the slow part to run after it: the preview (computed off the event loop, ADR
// 170), or the submit (previewed again, then one transaction that submits and drops the draft).
import type { AppError } from '../domain/request-errors.ts';
import {
  type AutoFormErrors,
  type AutoFormInput,
  type CheckedAutoForm,
  checkAutoForm,
  loadAutoFormData,
} from './auto-form.ts';
import {
  previewAutomaticOffThread,
  previewAutoRunOffThread,
  type RunProgress,
} from './auto-preview-off-thread.ts';
import { type AutoRunPreview, type SubmitAutoRunInput, submitAutoRun } from './auto-run.ts';
import type { AppDeps } from './deps.ts';
import { discardDraft } from './drafts.ts';
import { type ModalRef, ownedDraft } from './manual-modal.ts';
import type { NoDraft } from './manual-modal-steps.ts';
import { inOneTransaction, whenUnlocked } from './use-case-tx.ts';

export type AutoPreviewOutcome =
  | { readonly kind: 'failed'; readonly error: AppError; readonly currency: string }
  | { readonly kind: 'ready'; readonly run: AutoRunPreview };

export type AutoCriteriaOutcome =
  | NoDraft
  | { readonly kind: 'form_errors'; readonly errors: AutoFormErrors }
  | {
      readonly kind: 'accepted';
      readonly draftId: string;
      readonly checked: CheckedAutoForm;
      /** Run after the acknowledgement; `onProgress` hears how many customers were read. */
      readonly preview: (onProgress?: RunProgress) => Promise<AutoPreviewOutcome>;
    };

/** The criteria form submitted: field errors now, or the preview to compute after the ack. */
export function checkAutoCriteria(
  deps: AppDeps,
  ref: ModalRef,
  input: AutoFormInput,
): AutoCriteriaOutcome {
  return inOneTransaction(
    deps,
    (): AutoCriteriaOutcome => {
      const stored = ownedDraft(deps, ref);
      if (stored === null) return { kind: 'no_draft' };
      const checked = checkAutoForm(deps, input);
      if (!checked.ok) return { kind: 'form_errors', errors: checked.error };
      return {
        kind: 'accepted',
        draftId: stored.id,
        checked: checked.value,
        preview: (onProgress) => previewCriteria(deps, checked.value, onProgress),
      };
    },
    'deferred',
  );
}

async function previewCriteria(
  deps: AppDeps,
  checked: CheckedAutoForm,
  onProgress: RunProgress | undefined,
): Promise<AutoPreviewOutcome> {
  const result = await previewAutoRunOffThread(deps, checked.input, onProgress);
  if (!result.ok) {
    const currency = loadAutoFormData(deps)?.currency ?? 'USD';
    return { kind: 'failed', error: result.error, currency };
  }
  return { kind: 'ready', run: result.value };
}

export type AutoSubmitOutcome =
  | { readonly kind: 'preview_changed'; readonly fresh: AutoRunPreview }
  | { readonly kind: 'refused'; readonly error: AppError; readonly currency: string }
  | {
      readonly kind: 'submitted';
      readonly requestId: string;
      readonly totalMinor: number;
      readonly currency: string;
    };

/** The previewed run submitted: no draft now, or the submit to run after the ack. */
export function submitAutoCriteria(
  deps: AppDeps,
  ref: ModalRef,
  run: SubmitAutoRunInput,
): NoDraft | { readonly kind: 'accepted'; readonly submit: () => Promise<AutoSubmitOutcome> } {
  const stored = inOneTransaction(deps, () => ownedDraft(deps, ref), 'deferred');
  if (stored === null) return { kind: 'no_draft' };
  return { kind: 'accepted', submit: () => submitRun(deps, stored.id, run) };
}

async function submitRun(
  deps: AppDeps,
  draftId: string,
  run: SubmitAutoRunInput,
): Promise<AutoSubmitOutcome> {
  const previewed = await previewAutomaticOffThread(deps, run.input);
  const submitted: ReturnType<typeof submitAutoRun> = await whenUnlocked(() =>
    inOneTransaction(deps, () => {
      const result = submitAutoRun(deps, run, previewed);
      if (result.ok) discardDraft(deps, draftId);
      return result;
    }),
  );
  if (submitted.ok) return { kind: 'submitted', ...submitted.value };
  return submitted.error;
}
