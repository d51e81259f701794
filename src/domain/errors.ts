// Every expected failure of a write-off request, as a value. Each variant carries the data a
// clerk needs to fix the request (invoice, both amounts, the earliest open period…), so the
// Slack and CLI layers can render a specific message without re-deriving anything.
import type { AmountProblem } from './money.ts';
import { formatMoney } from './money.ts';
import type { AccountRole } from './types.ts';

/** Which input an error is about: `amount`, `value`, `account`, `date`, `olderThan`, … */
export type Field = string;

export type WriteOffError =
  // Periods and dates
  | { readonly kind: 'unknown_period'; readonly period: string; readonly earliestOpen?: string }
  | { readonly kind: 'period_closed'; readonly period: string; readonly earliestOpen?: string }
  | {
      readonly kind: 'invalid_date';
      readonly field: Field;
      readonly text: string;
      /** Another accepted form, shown after YYYY-MM-DD (the CLI's `Nd` for --older-than). */
      readonly alternative?: string;
    }
  | { readonly kind: 'empty_date_window'; readonly startDate: string; readonly olderThan: string }
  | {
      readonly kind: 'invalid_range';
      readonly field: 'customers' | 'invoices';
      readonly from: string;
      readonly to: string;
    }
  // Invoice selection and amounts (manual)
  | { readonly kind: 'unknown_invoice'; readonly invoice: string; readonly customerId: string }
  | { readonly kind: 'invoice_not_open'; readonly invoice: string }
  | { readonly kind: 'duplicate_invoice'; readonly invoice: string }
  | { readonly kind: 'no_invoices_selected'; readonly customerId: string }
  | { readonly kind: 'pending_elsewhere'; readonly invoice: string; readonly requestId: string }
  | {
      readonly kind: 'invalid_amount';
      readonly field: Field;
      readonly invoice?: string;
      readonly text: string;
      readonly problem: AmountProblem;
      readonly decimals: number;
    }
  | { readonly kind: 'amount_zero'; readonly invoice: string }
  | {
      readonly kind: 'amount_sign';
      readonly invoice: string;
      readonly amountMinor: number;
      readonly openMinor: number;
    }
  | {
      readonly kind: 'amount_exceeds_open';
      readonly invoice: string;
      readonly amountMinor: number;
      readonly openMinor: number;
    }
  // Distribution method (manual)
  | { readonly kind: 'missing_account'; readonly invoice: string }
  | { readonly kind: 'missing_comment'; readonly invoice: string }
  | {
      readonly kind: 'field_not_allowed';
      readonly field: Field;
      readonly method: 'entry' | 'line-item';
      readonly invoice?: string;
    }
  | { readonly kind: 'select_all_needs_entry_method' }
  // Accounts
  | {
      readonly kind: 'unknown_account';
      readonly account: string;
      readonly field: Field;
      readonly invoice?: string;
    }
  | {
      readonly kind: 'not_a_write_off_account';
      readonly account: string;
      readonly role: AccountRole;
      readonly field: Field;
      readonly invoice?: string;
    }
  | { readonly kind: 'account_not_allowed'; readonly account: string; readonly fcAccount: string }
  | { readonly kind: 'missing_role'; readonly role: AccountRole }
  | { readonly kind: 'duplicate_role'; readonly role: AccountRole; readonly accounts: string[] }
  | { readonly kind: 'no_default_write_off' }
  | { readonly kind: 'multiple_default_write_off'; readonly accounts: string[] }
  // Automatic criteria
  | { readonly kind: 'unknown_type'; readonly type: string }
  | { readonly kind: 'invalid_percent'; readonly text: string }
  | { readonly kind: 'negative_value'; readonly text: string }
  | { readonly kind: 'percent_option_not_allowed'; readonly type: string };

export type WriteOffErrorKind = WriteOffError['kind'];

const ROLE_NAMES: Readonly<Record<AccountRole, string>> = {
  ar: 'accounts receivable',
  ar_retainage: 'A/R retainage',
  fc_receivable: 'finance charges receivable',
  tax_payable: 'tax payable',
  write_off: 'write-off',
  fc_write_off: 'finance charge write-off',
};

function earliestOpenHint(earliestOpen: string | undefined): string {
  return earliestOpen === undefined
    ? 'There is no open period; ask an administrator to open one.'
    : `The earliest open period is ${earliestOpen}.`;
}

function withArticle(noun: string): string {
  return /^[aeiouA]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function where(field: Field, invoice: string | undefined): string {
  return invoice === undefined ? field : `Invoice ${invoice}: ${field}`;
}

function describeAmountProblem(e: Extract<WriteOffError, { kind: 'invalid_amount' }>): string {
  switch (e.problem) {
    case 'empty':
      return 'is empty';
    case 'not_a_number':
      return `"${e.text}" is not a plain decimal number (digits and a dot, e.g. 1234.50)`;
    case 'too_many_decimals':
      return `"${e.text}" has more than ${e.decimals} decimals`;
    case 'too_large':
      return `"${e.text}" is too large`;
  }
}

/** The human message for one error: names the field / invoice and, where relevant, both amounts. */
export function describeError(e: WriteOffError, currency: string): string {
  const money = (minor: number) => formatMoney(minor, currency);
  switch (e.kind) {
    case 'unknown_period':
      return `Period ${e.period} does not exist. ${earliestOpenHint(e.earliestOpen)}`;
    case 'period_closed':
      return `Period ${e.period} is closed. ${earliestOpenHint(e.earliestOpen)}`;
    case 'invalid_date':
      return `${e.field}: "${e.text}" is not a calendar date (use YYYY-MM-DD${e.alternative === undefined ? '' : `, or ${e.alternative}`}).`;
    case 'empty_date_window':
      return `Start date ${e.startDate} must be before the older-than date ${e.olderThan}.`;
    case 'invalid_range':
      return `${e.field}: range ${e.from}..${e.to} is empty (from must not come after to).`;
    case 'unknown_invoice':
      return `Invoice ${e.invoice} is not an open invoice of customer ${e.customerId}.`;
    case 'invoice_not_open':
      return `Invoice ${e.invoice} has no open balance.`;
    case 'duplicate_invoice':
      return `Invoice ${e.invoice} is selected more than once.`;
    case 'no_invoices_selected':
      return `No invoice of customer ${e.customerId} is selected.`;
    case 'pending_elsewhere':
      return `Invoice ${e.invoice} is already in pending request ${e.requestId}.`;
    case 'invalid_amount':
      return `${where(e.field, e.invoice)} ${describeAmountProblem(e)}.`;
    case 'amount_zero':
      return `Invoice ${e.invoice}: amount must not be zero.`;
    case 'amount_sign':
      return `Invoice ${e.invoice}: amount ${money(e.amountMinor)} must have the same sign as the open balance ${money(e.openMinor)}.`;
    case 'amount_exceeds_open':
      return `Invoice ${e.invoice}: amount ${money(e.amountMinor)} is more than the open balance ${money(e.openMinor)}.`;
    case 'missing_account':
      return `Invoice ${e.invoice}: the Line item method needs a write-off account for each invoice.`;
    case 'missing_comment':
      return `Invoice ${e.invoice}: the Line item method needs a comment for each invoice.`;
    case 'field_not_allowed':
      return e.method === 'entry'
        ? `${where(e.field, e.invoice)} is not allowed with the Entry method (one account and comment for the whole request).`
        : `${e.field} is not allowed with the Line item method (each invoice carries its own).`;
    case 'select_all_needs_entry_method':
      return 'Select all needs the Entry method; with Line item, list each invoice with its own account and comment.';
    case 'unknown_account':
      return `${where(e.field, e.invoice)} ${e.account} is not in the chart of accounts.`;
    case 'not_a_write_off_account':
      return `${where(e.field, e.invoice)} ${e.account} is ${withArticle(ROLE_NAMES[e.role])} account, not a write-off account.`;
    case 'account_not_allowed':
      return `account: finance-charge write-offs always post to the finance charge write-off account ${e.fcAccount}; remove account ${e.account}.`;
    case 'missing_role':
      return `The chart of accounts has no ${ROLE_NAMES[e.role]} account.`;
    case 'duplicate_role':
      return `The chart of accounts has more than one ${ROLE_NAMES[e.role]} account (${e.accounts.join(', ')}).`;
    case 'no_default_write_off':
      return 'The chart of accounts has no default write-off account.';
    case 'multiple_default_write_off':
      return `The chart of accounts has more than one default write-off account (${e.accounts.join(', ')}).`;
    case 'unknown_type':
      return `type: "${e.type}" is not one of finance-charge, invoice-balance, account-balance.`;
    case 'invalid_percent':
      return `value: "${e.text}" is not a percentage greater than 0 and at most 100.`;
    case 'negative_value':
      return `value: "${e.text}" must not be negative for a finance-charge write-off.`;
    case 'percent_option_not_allowed':
      return `fc-percent: the percentage options exist only for finance-charge write-offs, not ${e.type}.`;
  }
}
