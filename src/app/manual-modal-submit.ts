// The manual write-off modal's last step as one use-case: submit exactly the previewed
// write-off and drop the draft, or say why not (problems back on the invoices, or the preview
// at today's balances with the reason), in one transaction.

import { describeAppError } from '../domain/request-errors.ts';
import type { Customer } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import { discardDraft, type StoredDraft, saveDraft } from './drafts.ts';
import { loadCustomerLedger, pageOfInvoice } from './drafts-invoices.ts';
import { type DraftProblem, submitDraft } from './drafts-preview.ts';
import {
  invoicesStep,
  type ManualStep,
  type ModalRef,
  ownedDraft,
  saveRevision,
} from './manual-modal.ts';
import type { NoDraft } from './manual-modal-steps.ts';
import { getRequestView } from './request-views.ts';
import { snapshotToJson } from './snapshot.ts';
import type { RequestControls } from './submit-run.ts';
import { inOneTransaction } from './use-case-tx.ts';

export interface SubmittedManual {
  readonly kind: 'submitted';
  readonly requestId: string;
  readonly requester: string;
  readonly totalMinor: number;
  readonly currency: string;
  readonly customers: readonly Customer[];
}

/** The reason or evidence was refused: shown next to its input, nothing else changes. */
export interface ReasonErrors {
  readonly kind: 'reason_errors';
  readonly errors: Partial<Record<'reason' | 'evidence', string>>;
}

export function submitManualPreview(
  deps: AppDeps,
  ref: ModalRef,
  controls: RequestControls = {},
): NoDraft | SubmittedManual | ManualStep | ReasonErrors {
  return inOneTransaction(deps, () => {
    const found = ownedDraft(deps, ref);
    if (found === null) return { kind: 'no_draft' };
    // Kept on the draft, so a preview shown again (or Back and forth) keeps what was chosen.
    const stored = { id: found.id, draft: { ...found.draft, ...draftControls(controls) } };
    saveDraft(deps, stored);
    const submitted = submitDraft(deps, stored);
    if (submitted.ok) {
      const { requestId } = submitted.value;
      discardDraft(deps, stored.id);
      const request = getRequestView(deps, requestId);
      return {
        kind: 'submitted',
        requestId,
        requester: stored.draft.userId,
        totalMinor: request?.totalMinor ?? 0,
        currency: request?.currency ?? '',
        customers: request?.customers ?? [],
      };
    }
    const error = submitted.error;
    if (error.kind === 'problems') return invoicesWithProblems(deps, stored, error.problems);
    const refused = error.kind === 'refused' ? error.error : null;
    if (refused?.kind === 'invalid_input' && isReasonField(refused.field)) {
      return { kind: 'reason_errors', errors: { [refused.field]: refused.message } };
    }
    // Show the preview at today's balances with the reason; submitting again submits that.
    const { fresh } = error;
    const saved = saveRevision(deps, stored, {
      ...stored.draft,
      previewHash: fresh.previewHash,
      snapshot: snapshotToJson(fresh.snapshot),
    });
    return {
      kind: 'preview',
      stored: saved,
      preview: fresh,
      notice:
        error.kind === 'refused'
          ? { kind: 'refused', text: describeAppError(error.error, error.currency) }
          : { kind: 'changed' },
    };
  });
}

function draftControls(controls: RequestControls) {
  return { reasonCode: controls.reasonCode ?? null, evidence: controls.evidence ?? null };
}

const isReasonField = (field: string): field is 'reason' | 'evidence' =>
  field === 'reason' || field === 'evidence';

/** From the preview back to the invoices, showing the problems (e.g. a balance changed). */
function invoicesWithProblems(
  deps: AppDeps,
  stored: StoredDraft,
  problems: readonly DraftProblem[],
): ManualStep {
  const ledger = loadCustomerLedger(deps, stored.draft);
  if (ledger === null) return { kind: 'expired' };
  const first = problems.find((p) => p.invoice !== null)?.invoice ?? '';
  const page = pageOfInvoice(ledger, stored.draft, first) ?? stored.draft.page;
  const saved = saveRevision(deps, stored, { ...stored.draft, page, step: 'invoices' });
  return invoicesStep(
    deps,
    saved,
    problems,
    problems.map((p) => ({ message: p.message, page: null })),
  );
}
