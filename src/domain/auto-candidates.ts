// Which open items an automatic run considers (docs/write-off-rules.md#automatic-write-off): the
// date window `start ≤ date < older-than`, the customer and invoice ranges (inclusive, compared as
// text), non-zero amounts. Candidates come back sorted so the outcome never depends on the order
// items arrive in.
import { openBalance } from './allocation.ts';
import type { AutoCriteria, CustomerOpenItems, TextRange } from './auto-criteria.ts';
import type { InvoiceAmounts, IsoDate, OnAccountItem } from './types.ts';

/** Inclusive, compared as text (so `C10` < `C100` < `C2`). */
export function inRange(text: string, range: TextRange | undefined): boolean {
  return range === undefined || (range.from <= text && text <= range.to);
}

export function inWindow(date: IsoDate, criteria: AutoCriteria): boolean {
  return (
    (criteria.startDate === undefined || criteria.startDate <= date) && date < criteria.olderThan
  );
}

/** The customer's invoices that are candidates: window, invoice range, non-zero due. */
export function candidateInvoices(
  customer: CustomerOpenItems,
  criteria: AutoCriteria,
): InvoiceAmounts[] {
  return customer.invoices
    .filter(
      (invoice) =>
        inWindow(invoice.date, criteria) &&
        inRange(invoice.number, criteria.invoices) &&
        openBalance(invoice) !== 0,
    )
    .sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
}

/**
 * On-account candidates: dated inside the window and non-zero (the invoice range does not apply).
 */
export function candidateOnAccount(
  customer: CustomerOpenItems,
  criteria: AutoCriteria,
): OnAccountItem[] {
  return customer.onAccount
    .filter((item) => inWindow(item.date, criteria) && item.amountMinor !== 0)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
