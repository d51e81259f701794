// "Edit and resubmit" for a rejected or stale request (and "Open a fresh preview" in older stale
// DMs). An automatic run reopens its criteria (auto-resubmit.ts). A manual request gets a new
// manual draft for the requester that revises it, with the same customer, period,
// method, accounts, comments, reason, evidence and invoices, at today's balances,
// so the invoice step and then the preview show fresh numbers before anything is submitted
// again. A partial amount is kept only while it is still below the invoice's open balance; a full
// write-off, or a partial no longer below the balance, is taken at the fresh full balance (ADR
// 053).
import { listOpenPeriods } from '../db/repos/accounts.ts';
import { formatAmount } from '../domain/money.ts';
import type { AppError } from '../domain/request-errors.ts';
import type { Result, WriteOffItem } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import { automaticRunDraft } from './auto-resubmit.ts';
import type { AppDeps } from './deps.ts';
import { type InvoiceChoice, saveDraft, startManualDraft } from './drafts.ts';
import { loadCustomerLedger } from './drafts-invoices.ts';
import { invoicesStep, type ManualStep } from './manual-modal.ts';
import type { CriteriaStep } from './manual-modal-steps.ts';
import { getAuditTrail, getRequestView, type RequestView } from './request-views.ts';
import { inOneTransaction } from './use-case-tx.ts';

export function startRefreshDraft(
  deps: AppDeps,
  input: {
    readonly requestId: string;
    readonly userId: string;
    readonly channelId: string;
    readonly viewId?: string;
  },
): Result<ManualStep | CriteriaStep, AppError> {
  // One transaction: the new draft is created, filled and shown from the same picture.
  return inOneTransaction(deps, () => refreshInto(deps, input));
}

function refreshInto(
  deps: AppDeps,
  input: Parameters<typeof startRefreshDraft>[1],
): Result<ManualStep | CriteriaStep, AppError> {
  return deps.store.write((tx) => {
    const view = getRequestView(deps, input.requestId);
    if (view === null) return err({ kind: 'request_not_found', requestId: input.requestId });
    if (view.requester !== input.userId) {
      return err({
        kind: 'not_allowed',
        userId: input.userId,
        action: `reopen ${view.id} (only its requester may)`,
      });
    }
    const revised = view.controls.revisedBy;
    if (revised !== null) {
      return err({
        kind: 'invalid_input',
        field: 'request',
        message: `${view.id} was already resubmitted as ${revised}`,
      });
    }
    if (view.mode !== 'manual') return automaticRunDraft(deps, input, view);
    if (view.customerId === null) return err({ kind: 'request_not_found', requestId: view.id });
    const form = startManualDraft(deps, input);
    if (!form.ok) return form;
    const open = listOpenPeriods(tx).map((p) => p.name);
    const base = {
      ...form.value.draft,
      customerId: view.customerId,
      period: open.includes(view.period) ? view.period : form.value.defaultPeriod,
      date: form.value.today,
      method: view.method ?? 'entry',
      account: view.account,
      comment: view.comment,
      reasonCode: view.controls.reasonCode,
      evidence: view.controls.evidence,
      // A rejected or stale request is resubmitted: the new one links back to it.
      ...(view.status === 'rejected' || view.status === 'stale' ? { revises: view.id } : {}),
    };
    const ledger = loadCustomerLedger(deps, base);
    if (ledger === null) return err({ kind: 'request_not_found', requestId: view.id });
    const openMinor = new Map(ledger.invoices.map((row) => [row.number, row.openMinor]));
    const stored = {
      id: form.value.draftId,
      draft: {
        ...base,
        step: 'invoices' as const,
        choices: choicesOf(view, openMinor, submittedPartials(deps, view.id)),
      },
    };
    saveDraft(deps, stored);
    return ok(invoicesStep(deps, stored));
  });
}

/**
 * The invoices submitted with a partial amount, from the `submitted` audit row; undefined for a
 * request submitted before that was recorded (then any amount below today's balance counts).
 */
function submittedPartials(deps: AppDeps, requestId: string): ReadonlySet<string> | undefined {
  const submitted = getAuditTrail(deps, requestId).find((a) => a.action === 'submitted');
  const partials = submitted?.details.partialInvoices;
  return Array.isArray(partials) ? new Set(partials.map(String)) : undefined;
}

function choicesOf(
  view: RequestView,
  openMinor: ReadonlyMap<string, number>,
  partials: ReadonlySet<string> | undefined,
): Record<string, InvoiceChoice> {
  const choices: Record<string, InvoiceChoice> = {};
  for (const item of view.items) {
    if (item.kind !== 'invoice' || !openMinor.has(item.invoice)) continue;
    const balance = openMinor.get(item.invoice) ?? 0;
    const wasPartial = partials === undefined || partials.has(item.invoice);
    const partial = wasPartial && Math.abs(item.totalMinor) < Math.abs(balance);
    choices[item.invoice] = {
      selected: true,
      ...(partial ? { amount: formatAmount(item.totalMinor, view.currency) } : {}),
      ...(view.method === 'line-item' ? lineItemChoice(item) : {}),
    };
  }
  return choices;
}

function lineItemChoice(item: Extract<WriteOffItem, { kind: 'invoice' }>): InvoiceChoice {
  const [line] = item.lines;
  if (line === undefined) return {};
  return {
    account: line.account,
    ...(line.comment === undefined ? {} : { comment: line.comment }),
  };
}
