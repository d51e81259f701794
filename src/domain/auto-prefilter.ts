// What the database may leave out before an automatic run sees its candidates (ADR 070): only
// items that fail a NECESSARY condition of the run's rule, so the engine still decides every
// write-off, skip and number. Each condition below names the engine rule it is implied by.
import type { AutoCriteria } from './automatic.ts';

export type CandidatePrefilter =
  /**
   * Finance charge: only invoices with some line whose finance charge is non-zero. With no
   * finance charge every cap is 0 (nothing written off) and the total FC is 0 (no polarity
   * skip), so such an invoice never appears in the preview.
   */
  | { readonly kind: 'has-finance-charge' }
  /**
   * Invoice balance: only invoices whose open balance Σ due is within ±limitMinor (the rule
   * itself; a zero balance is already no candidate).
   */
  | { readonly kind: 'invoice-balance-within'; readonly limitMinor: number }
  /**
   * Account balance: only customers whose candidates (invoices and on-account items in the
   * window, invoice range on invoices only) net to within ±limitMinor. A customer outside it
   * gets neither items nor `pending_elsewhere` skips, and a customer with no non-zero
   * candidate has no candidate at all.
   */
  | { readonly kind: 'customer-net-within'; readonly limitMinor: number };

/** The prefilter implied by validated criteria; the window and ranges are passed separately. */
export function candidatePrefilter(criteria: AutoCriteria): CandidatePrefilter {
  const { rule } = criteria;
  switch (rule.type) {
    case 'finance-charge':
      return { kind: 'has-finance-charge' };
    case 'invoice-balance':
      return { kind: 'invoice-balance-within', limitMinor: rule.limitMinor };
    case 'account-balance':
      return { kind: 'customer-net-within', limitMinor: rule.limitMinor };
  }
}
