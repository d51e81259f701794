// Manual write-off (docs/write-off-rules.md#manual-write-off): a clerk picks invoices of one
// customer, each at its full open balance or a partial amount, with one account and comment (Entry)
// or one per invoice (Line item). Every problem of the request is collected, not just the first
// (ADR 004).
import { openBalance, splitPartialAmount } from './allocation.ts';
import { isIsoDate } from './dates.ts';
import type { WriteOffError } from './errors.ts';
import type { LedgerContext } from './ledger-context.ts';
import { checkPeriod, resolveWriteOffAccount } from './ledger-context.ts';
import { parseAmount } from './money.ts';
import { createPreviewBuilder, invoiceItem } from './preview.ts';
import type { Invoice, IsoDate, Preview, Result, SkippedInvoice, WriteOffLine } from './types.ts';
import { err, ok } from './types.ts';

export type DistributionMethod = 'entry' | 'line-item';

export interface ManualSelection {
  readonly invoice: string;
  /** Decimal text; absent means the full open balance. */
  readonly amount?: string;
  /** Line item method only. */
  readonly account?: string;
  /** Line item method only. */
  readonly comment?: string;
}

export interface ManualRequest {
  readonly customerId: string;
  readonly period: string;
  readonly date: IsoDate;
  readonly method: DistributionMethod;
  /** Entry method only; absent means the default write-off account. */
  readonly account?: string;
  /** Entry method only. */
  readonly comment?: string;
  readonly invoices: 'all' | readonly ManualSelection[];
}

/** One invoice accepted for write-off, before allocation. */
interface Accepted {
  readonly invoice: Invoice;
  readonly amountMinor: number;
  readonly account: string;
  readonly comment?: string;
}

/**
 * Validates the request against the customer's invoices and builds the preview, or returns
 * every error found. `openInvoices` are the customer's invoices (those with a zero balance
 * are reported as not open); `pendingElsewhere` maps invoice number → pending request id.
 */
export function previewManual(
  request: ManualRequest,
  ctx: LedgerContext,
  openInvoices: readonly Invoice[],
  pendingElsewhere: ReadonlyMap<string, string>,
): Result<Preview, WriteOffError[]> {
  const errors: WriteOffError[] = [];
  const period = checkPeriod(ctx.periods, request.period);
  if (!period.ok) errors.push(period.error);
  if (!isIsoDate(request.date)) {
    errors.push({ kind: 'invalid_date', field: 'date', text: request.date });
  }
  const entryAccount = checkRequestLevelFields(request, ctx, errors);
  const { accepted, skipped } =
    request.invoices === 'all'
      ? selectAll(request, entryAccount, openInvoices, pendingElsewhere, errors)
      : selectListed(
          request,
          request.invoices,
          ctx,
          entryAccount,
          openInvoices,
          pendingElsewhere,
          errors,
        );
  if (errors.length > 0) return err(errors);
  const builder = createPreviewBuilder(
    { mode: 'manual', currency: ctx.currency, period: request.period, date: request.date },
    ctx.postingAccounts,
  );
  for (const a of accepted) {
    const item = invoiceItem(a.invoice.customerId, a.invoice.number, writeOffLines(a));
    if (item !== undefined) builder.addItem(item);
  }
  for (const s of skipped) builder.addSkipped(s);
  return ok(builder.build());
}

function writeOffLines(accepted: Accepted): WriteOffLine[] {
  const note = accepted.comment === undefined ? {} : { comment: accepted.comment };
  return splitPartialAmount(accepted.invoice, accepted.amountMinor).map((share) => ({
    ...share,
    account: accepted.account,
    ...note,
  }));
}

/** Entry: the request's account (or the default). Line item: no request-level account/comment. */
function checkRequestLevelFields(
  request: ManualRequest,
  ctx: LedgerContext,
  errors: WriteOffError[],
): string {
  if (request.method === 'line-item') {
    for (const field of ['account', 'comment'] as const) {
      if (request[field] !== undefined) {
        errors.push({ kind: 'field_not_allowed', field, method: 'line-item' });
      }
    }
    return '';
  }
  const account = resolveWriteOffAccount(ctx, request.account, 'account');
  if (!account.ok) errors.push(account.error);
  return account.ok ? account.value : '';
}

function selectAll(
  request: ManualRequest,
  entryAccount: string,
  openInvoices: readonly Invoice[],
  pendingElsewhere: ReadonlyMap<string, string>,
  errors: WriteOffError[],
): { accepted: Accepted[]; skipped: SkippedInvoice[] } {
  if (request.method === 'line-item') {
    errors.push({ kind: 'select_all_needs_entry_method' });
    return { accepted: [], skipped: [] };
  }
  const note = request.comment === undefined ? {} : { comment: request.comment };
  const accepted: Accepted[] = [];
  const skipped: SkippedInvoice[] = [];
  for (const invoice of openInvoices) {
    const openMinor = openBalance(invoice);
    if (invoice.customerId !== request.customerId || openMinor === 0) continue;
    // Select all selects what can be selected; an invoice held by another request is shown
    // as skipped with that request rather than failing the whole selection (ADR 004).
    const requestId = pendingElsewhere.get(invoice.number);
    if (requestId !== undefined) {
      skipped.push({
        customerId: invoice.customerId,
        invoice: invoice.number,
        reason: 'pending_elsewhere',
        requestId,
      });
      continue;
    }
    accepted.push({ invoice, amountMinor: openMinor, account: entryAccount, ...note });
  }
  if (accepted.length === 0) {
    errors.push({ kind: 'no_invoices_selected', customerId: request.customerId });
  }
  return { accepted, skipped };
}

function selectListed(
  request: ManualRequest,
  selections: readonly ManualSelection[],
  ctx: LedgerContext,
  entryAccount: string,
  openInvoices: readonly Invoice[],
  pendingElsewhere: ReadonlyMap<string, string>,
  errors: WriteOffError[],
): { accepted: Accepted[]; skipped: SkippedInvoice[] } {
  if (selections.length === 0) {
    errors.push({ kind: 'no_invoices_selected', customerId: request.customerId });
  }
  const byNumber = new Map(
    openInvoices.filter((i) => i.customerId === request.customerId).map((i) => [i.number, i]),
  );
  const seen = new Set<string>();
  const accepted: Accepted[] = [];
  for (const selection of selections) {
    if (seen.has(selection.invoice)) {
      errors.push({ kind: 'duplicate_invoice', invoice: selection.invoice });
      continue;
    }
    seen.add(selection.invoice);
    const found = acceptSelection(
      request,
      selection,
      ctx,
      entryAccount,
      byNumber,
      pendingElsewhere,
    );
    if (found.ok) accepted.push(found.value);
    else errors.push(...found.error);
  }
  return { accepted, skipped: [] };
}

function acceptSelection(
  request: ManualRequest,
  selection: ManualSelection,
  ctx: LedgerContext,
  entryAccount: string,
  byNumber: ReadonlyMap<string, Invoice>,
  pendingElsewhere: ReadonlyMap<string, string>,
): Result<Accepted, WriteOffError[]> {
  const errors: WriteOffError[] = [];
  const invoiceNumber = selection.invoice;
  const target = selectionTarget(request, selection, ctx, entryAccount, errors);
  const invoice = byNumber.get(invoiceNumber);
  if (invoice === undefined) {
    errors.push({
      kind: 'unknown_invoice',
      invoice: invoiceNumber,
      customerId: request.customerId,
    });
    return err(errors);
  }
  const openMinor = openBalance(invoice);
  if (openMinor === 0) {
    errors.push({ kind: 'invoice_not_open', invoice: invoiceNumber });
    return err(errors);
  }
  const requestId = pendingElsewhere.get(invoiceNumber);
  if (requestId !== undefined) {
    errors.push({ kind: 'pending_elsewhere', invoice: invoiceNumber, requestId });
  }
  const amountMinor = checkAmount(selection, openMinor, ctx.currency, errors);
  if (errors.length > 0 || amountMinor === undefined) return err(errors);
  return ok({ invoice, amountMinor, ...target });
}

/** Account and comment for one selection, per the distribution method. */
function selectionTarget(
  request: ManualRequest,
  selection: ManualSelection,
  ctx: LedgerContext,
  entryAccount: string,
  errors: WriteOffError[],
): { account: string; comment?: string } {
  const invoice = selection.invoice;
  if (request.method === 'entry') {
    for (const field of ['account', 'comment'] as const) {
      if (selection[field] !== undefined) {
        errors.push({ kind: 'field_not_allowed', field, method: 'entry', invoice });
      }
    }
    return request.comment === undefined
      ? { account: entryAccount }
      : { account: entryAccount, comment: request.comment };
  }
  const comment = selection.comment?.trim() ?? '';
  if (comment === '') errors.push({ kind: 'missing_comment', invoice });
  if (selection.account === undefined || selection.account.trim() === '') {
    errors.push({ kind: 'missing_account', invoice });
    return { account: '', comment };
  }
  const account = resolveWriteOffAccount(ctx, selection.account, 'account', invoice);
  if (!account.ok) errors.push(account.error);
  return { account: account.ok ? account.value : '', comment };
}

/**
 * docs/write-off-rules.md#manual-write-off: same sign as the balance and 0 < |amount| ≤ |open
 * balance|; default full balance.
 */
function checkAmount(
  selection: ManualSelection,
  openMinor: number,
  currency: string,
  errors: WriteOffError[],
): number | undefined {
  if (selection.amount === undefined) return openMinor;
  const invoice = selection.invoice;
  const parsed = parseAmount(selection.amount, currency);
  if (!parsed.ok) {
    const { text, problem, decimals } = parsed.error;
    errors.push({ kind: 'invalid_amount', field: 'amount', invoice, text, problem, decimals });
    return undefined;
  }
  const amountMinor = parsed.value;
  if (amountMinor === 0) {
    errors.push({ kind: 'amount_zero', invoice });
  } else if (Math.sign(amountMinor) !== Math.sign(openMinor)) {
    errors.push({ kind: 'amount_sign', invoice, amountMinor, openMinor });
  } else if (Math.abs(amountMinor) > Math.abs(openMinor)) {
    errors.push({ kind: 'amount_exceeds_open', invoice, amountMinor, openMinor });
  } else {
    return amountMinor;
  }
  return undefined;
}
