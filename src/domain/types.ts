// The shared vocabulary of the write-off engine (docs/write-off-rules.md, docs/ar-file-format.md,
// docs/cli.md). Every amount is an integer count of the currency's minor unit (`…Minor`), never a
// float. Calendar dates are ISO
// `YYYY-MM-DD` strings, which compare correctly as text.

/** ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** ISO 4217 currency code, e.g. `USD`. */
export type CurrencyCode = string;

export type AccountRole =
  | 'ar'
  | 'ar_retainage'
  | 'fc_receivable'
  | 'tax_payable'
  | 'write_off'
  | 'fc_write_off';

export interface Account {
  readonly code: string;
  readonly name: string;
  readonly role: AccountRole;
  /** Only meaningful for `write_off`: exactly one write-off account is the default. */
  readonly isDefault: boolean;
}

/** The accounts a journal entry needs, resolved from the chart once. */
export interface PostingAccounts {
  readonly ar: string;
  readonly arRetainage: string;
  readonly fcReceivable: string;
  readonly taxPayable: string;
  readonly fcWriteOff: string;
  readonly defaultWriteOff: string;
}

export interface Period {
  readonly name: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly closed: boolean;
}

export interface Customer {
  readonly id: string;
  readonly name: string;
}

/**
 * One row of an invoice as it stands now (remaining amounts). `taxMinor`, `retainageMinor`
 * and `financeChargeMinor` are parts of `dueMinor`: same sign (or zero), and together at
 * most `dueMinor` in magnitude.
 */
export interface InvoiceLine extends LineAmounts {
  readonly description: string;
}

/**
 * A line's number and amounts: all the write-off rules read of a line, and all an automatic
 * run reads of it (docs/decisions/285-automatic-runs-read-lean-rows.md).
 */
export interface LineAmounts {
  readonly line: number;
  readonly dueMinor: number;
  readonly taxMinor: number;
  readonly retainageMinor: number;
  readonly financeChargeMinor: number;
}

export interface Invoice extends InvoiceAmounts {
  readonly dueDate: IsoDate;
  readonly lines: readonly InvoiceLine[];
}

/** An invoice as the write-off rules and automatic runs read it: no due date, no descriptions. */
export interface InvoiceAmounts {
  readonly number: string;
  readonly customerId: string;
  readonly date: IsoDate;
  /** Sorted by line number. */
  readonly lines: readonly LineAmounts[];
  /**
   * Sums of the lines a finance-charge run did not read because they carry no finance charge
   * (no finance-charge rule writes them off), so the balance and the polarity check still see
   * every line (ADR 255). Absent when `lines` holds every line.
   */
  readonly linesLeftOut?: LinesLeftOut;
}

/** What an invoice's unread lines add up to; see `InvoiceAmounts.linesLeftOut`. */
export interface LinesLeftOut {
  readonly dueMinor: number;
  readonly retainageMinor: number;
}

/** A payment or credit not applied to any invoice. Negative = customer credit. */
export interface OnAccountItem {
  readonly id: string;
  readonly customerId: string;
  readonly date: IsoDate;
  readonly amountMinor: number;
}

/** The parts of one written-off invoice line; all signed like `amountMinor`. */
export interface LineParts {
  readonly amountMinor: number;
  readonly taxMinor: number;
  readonly retainageMinor: number;
  readonly financeChargeMinor: number;
}

export interface WriteOffLine extends LineParts {
  readonly line: number;
  /** The account debited for the write-off (role `write_off` or `fc_write_off`). */
  readonly account: string;
  readonly comment?: string;
}

export type WriteOffItem =
  | {
      readonly kind: 'invoice';
      readonly customerId: string;
      readonly invoice: string;
      readonly totalMinor: number;
      readonly lines: readonly WriteOffLine[];
    }
  | {
      readonly kind: 'on_account';
      readonly customerId: string;
      readonly onAccountId: string;
      readonly totalMinor: number;
      readonly account: string;
      readonly comment?: string;
    };

export type SkipReason = 'polarity' | 'pending_elsewhere';

export interface SkippedInvoice {
  readonly customerId: string;
  readonly invoice: string;
  readonly reason: SkipReason;
  /** For `pending_elsewhere`: the request that already holds the invoice. */
  readonly requestId?: string;
}

export type PreviewMode = 'manual' | 'finance-charge' | 'invoice-balance' | 'account-balance';

/** One netted row per account: exactly one of debit/credit is non-zero. */
export interface JournalRow {
  readonly account: string;
  readonly debitMinor: number;
  readonly creditMinor: number;
}

/** What both the CLI JSON and the Slack preview render from. */
export interface Preview {
  readonly mode: PreviewMode;
  readonly currency: CurrencyCode;
  readonly period: string;
  readonly date: IsoDate;
  readonly totalMinor: number;
  /** Customer then invoice order; zero items and zero lines left out. */
  readonly items: readonly WriteOffItem[];
  readonly skipped: readonly SkippedInvoice[];
  /** Netted per account, zero rows left out, sorted by account code. */
  readonly journal: readonly JournalRow[];
}

export type Result<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });
export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({
  ok: false,
  error,
});
