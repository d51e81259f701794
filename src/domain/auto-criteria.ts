// The criteria of an automatic run, as typed and as validated (automatic.ts validates them;
// auto-candidates.ts applies the window and ranges). Types only, so both can import them.
import type { FcMethod } from './auto-calculators.ts';
import type { InvoiceAmounts, IsoDate, OnAccountItem } from './types.ts';

export type AutoType = 'finance-charge' | 'invoice-balance' | 'account-balance';
export type FcPercentOption = 'all-lines' | 'from-line-1';

/** Inclusive text range, e.g. customers `C100..C199`. */
export interface TextRange {
  readonly from: string;
  readonly to: string;
}

export interface AutoCriteriaInput {
  readonly type: AutoType;
  /** Decimal text: an amount, or a percentage with `fcPercent`. */
  readonly value: string;
  readonly fcPercent?: FcPercentOption;
  /** Exclusive: invoices dated strictly before it qualify. */
  readonly olderThan: IsoDate;
  /** Inclusive. */
  readonly startDate?: IsoDate;
  readonly customers?: TextRange;
  readonly invoices?: TextRange;
  readonly period: string;
  readonly date: IsoDate;
  /** Write-off account code; absent means the default write-off account. */
  readonly account?: string;
}

export type AutoRule =
  | { readonly type: 'finance-charge'; readonly fc: FcMethod }
  /** `limitMinor` is |value|: a negative value means its absolute value. */
  | { readonly type: 'invoice-balance'; readonly limitMinor: number }
  | { readonly type: 'account-balance'; readonly limitMinor: number };

/** Validated criteria: value parsed, dates checked, period open, account resolved. */
export interface AutoCriteria {
  readonly type: AutoType;
  readonly rule: AutoRule;
  /** The value as the clerk typed it, for the audit trail. */
  readonly valueText: string;
  readonly olderThan: IsoDate;
  readonly startDate?: IsoDate;
  readonly customers?: TextRange;
  readonly invoices?: TextRange;
  readonly period: string;
  readonly date: IsoDate;
  /** The account every written-off line debits (the FC write-off account for finance charge). */
  readonly account: string;
}

export interface CustomerOpenItems {
  readonly customerId: string;
  readonly invoices: readonly InvoiceAmounts[];
  readonly onAccount: readonly OnAccountItem[];
}
