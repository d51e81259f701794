// The automatic-criteria steps of the write-off modal as use-cases, one per Slack interaction.
// A preview over the whole ledger takes seconds, longer than Slack waits for an
// acknowledgement, so each use-case decides what the ack says (no draft, field errors) at once
// and hands back the slow part to run after it: the preview (computed off the event loop, ADR
// 170), or the submit (previewed again, then one transaction that submits and drops the draft).

import { getLedgerSettings } from '../db/repos/settings.ts';
import type { ReasonCode, ReasonProblem } from '../domain/policy.ts';
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
import type { ReasonErrors } from './manual-modal-submit.ts';
import { reasonProblemAt, reasonsInForce } from './policy.ts';
import { inOneTransaction, whenUnlocked } from './use-case-tx.ts';

/** What the preview step shows: the run, and the reason inputs checked at its gross amount. */
export interface AutoPreviewStep {
  readonly run: AutoRunPreview;
  /** The policy's reasons, for the reason select on the preview step. */
  readonly reasons: readonly ReasonCode[];
  /** What Submit would refuse about the reason or evidence (docs/policy.md), or null. */
  readonly reasonProblem: ReasonProblem | null;
}

export type AutoPreviewOutcome =
  | { readonly kind: 'failed'; readonly error: AppError; readonly currency: string }
  | ({ readonly kind: 'ready' } & AutoPreviewStep);

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
      const form = checkAutoForm(deps, input);
      if (!form.ok) return { kind: 'form_errors', errors: form.error };
      // A draft opened by "Edit and resubmit" revises the old request (ADR 256).
      const { revises } = stored.draft;
      const checked = { ...form.value, ...(revises !== undefined && { revises }) };
      return {
        kind: 'accepted',
        draftId: stored.id,
        checked,
        preview: (onProgress) => previewCriteria(deps, checked, onProgress),
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
  return { kind: 'ready', ...previewStep(deps, result.value, checked) };
}

function previewStep(
  deps: AppDeps,
  run: AutoRunPreview,
  controls: { readonly reasonCode?: string; readonly evidence?: string },
): AutoPreviewStep {
  const { currency } = run.header;
  return deps.store.read((tx) => ({
    run,
    reasons: reasonsInForce(tx, currency),
    reasonProblem: reasonProblemAt(tx, controls, run.summary.grossMinor, currency) ?? null,
  }));
}

export type AutoSubmitOutcome =
  | ({ readonly kind: 'preview_changed' } & AutoPreviewStep)
  | { readonly kind: 'refused'; readonly error: AppError; readonly currency: string }
  | {
      readonly kind: 'submitted';
      readonly requestId: string;
      readonly totalMinor: number;
      readonly currency: string;
    };

/**
 * The previewed run submitted: no draft now, the reason or evidence refused at the gross
 * amount the preview showed (next to its input, like the manual preview step), or the submit
 * to run after the ack. The submit checks both again against the run it submits.
 */
export function submitAutoCriteria(
  deps: AppDeps,
  ref: ModalRef,
  run: SubmitAutoRunInput & { readonly previewedGrossMinor: number },
):
  | NoDraft
  | ReasonErrors
  | { readonly kind: 'accepted'; readonly submit: () => Promise<AutoSubmitOutcome> } {
  const { previewedGrossMinor, ...rest } = run;
  return deps.store.read((tx) => {
    const stored = ownedDraft(deps, ref);
    if (stored === null) return { kind: 'no_draft' } as const;
    const currency = getLedgerSettings(tx)?.currency ?? 'USD';
    const problem = reasonProblemAt(tx, run, previewedGrossMinor, currency);
    if (problem !== undefined) {
      return { kind: 'reason_errors', errors: { [problem.field]: problem.message } } as const;
    }
    const { revises } = stored.draft;
    const toSubmit = { ...rest, ...(revises !== undefined && { revises }) };
    return { kind: 'accepted', submit: () => submitRun(deps, stored.id, toSubmit) } as const;
  });
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
  const { error } = submitted;
  if (error.kind === 'refused') return error;
  return { kind: 'preview_changed', ...previewStep(deps, error.fresh, run) };
}
