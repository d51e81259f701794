// "Edit and resubmit" of a rejected or stale automatic run (docs/automatic-write-offs.md): a new
// draft for the requester that revises the old request, and the automatic-criteria form
// prefilled with the run's criteria, period, account, comment, reason and evidence. Nothing is
// computed here: Preview runs the criteria over today's ledger, so the clerk sees fresh numbers
// before anything is submitted again (ADR 256).

import { autoRunInputSchema } from '../domain/auto-run-input.ts';
import type { AutoCriteriaInput } from '../domain/automatic.ts';
import type { AppError } from '../domain/request-errors.ts';
import type { Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import { type AutoFormData, type AutoFormInput, loadAutoFormData } from './auto-form.ts';
import type { AppDeps } from './deps.ts';
import { saveDraft, startManualDraft } from './drafts.ts';
import type { CriteriaStep } from './manual-modal-steps.ts';
import type { RequestView } from './request-views.ts';

/** Inside startRefreshDraft's transaction, for a request that is an automatic run. */
export function automaticRunDraft(
  deps: AppDeps,
  input: {
    readonly userId: string;
    readonly channelId: string;
    readonly viewId?: string;
  },
  view: RequestView,
): Result<CriteriaStep, AppError> {
  const criteria = autoRunInputSchema.safeParse(view.criteria);
  if (!criteria.success) {
    return err({
      kind: 'invalid_input',
      field: 'request',
      message: `${view.id} has no criteria to reopen; run it again with \`writeoff auto\``,
    });
  }
  const form = startManualDraft(deps, input);
  if (!form.ok) return form;
  const data = loadAutoFormData(deps);
  if (data === null) return ok({ kind: 'no_ledger' });
  const revisable = view.status === 'rejected' || view.status === 'stale';
  saveDraft(deps, {
    id: form.value.draftId,
    draft: { ...form.value.draft, ...(revisable && { revises: view.id }) },
  });
  return ok({
    kind: 'criteria',
    draftId: form.value.draftId,
    data,
    values: formValuesOf(criteria.data as AutoCriteriaInput, view, data),
  });
}

/**
 * The form as the run was submitted. The write-off date becomes today (the older-than date
 * stays the one the run used); a period closed since falls back to the form's default.
 */
function formValuesOf(
  criteria: AutoCriteriaInput,
  view: RequestView,
  data: AutoFormData,
): Partial<AutoFormInput> {
  const periodOpen = data.openPeriods.some((p) => p.name === criteria.period);
  return {
    type: criteria.type,
    value: criteria.value,
    fcOptions: criteria.fcPercent === undefined ? [] : [criteria.fcPercent],
    olderThan: criteria.olderThan,
    startDate: criteria.startDate ?? null,
    customerFrom: criteria.customers?.from ?? null,
    customerTo: criteria.customers?.to ?? null,
    invoiceFrom: criteria.invoices?.from ?? null,
    invoiceTo: criteria.invoices?.to ?? null,
    period: periodOpen ? criteria.period : data.defaultPeriod,
    date: data.today,
    account: criteria.type === 'finance-charge' ? null : (criteria.account ?? view.account),
    comment: view.comment,
    reasonCode: view.controls.reasonCode,
    evidence: view.controls.evidence,
  };
}
