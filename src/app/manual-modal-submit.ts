// The manual write-off modal's last step as one use-case: submit exactly the previewed
// write-off and drop the draft, or say why not (problems back on the invoices, or the preview
// at today's balances with the reason), in one transaction.

import { describeAppError } from '../domain/request-errors.ts';
import type { Customer } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import { discardDraft, type StoredDraft } from './drafts.ts';
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
import { inOneTransaction } from './use-case-tx.ts';

export interface SubmittedManual {
  readonly kind: 'submitted';
  readonly requestId: string;
  readonly requester: string;
  readonly totalMinor: number;
  readonly currency: string;
  readonly customers: readonly Customer[];
}

export function submitManualPreview(
  deps: AppDeps,
  ref: ModalRef,
): NoDraft | SubmittedManual | ManualStep {
  return inOneTransaction(deps, () => {
    const stored = ownedDraft(deps, ref);
    if (stored === null) return { kind: 'no_draft' };
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
    // Show the preview at today's balances with the reason; submitting again submits that.
    const { fresh } = error;
    const saved = saveRevision(deps, stored, {
      ...stored.draft,
      previewHash: fresh.previewHash,
      snapshot: fresh.snapshot,
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
