// One example per error kind; the Record type makes the compiler demand a new row whenever a
// kind is added, so no error can reach a clerk without a message.
import { describe, expect, it } from 'vitest';
import type { WriteOffError, WriteOffErrorKind } from '../../src/domain/errors.ts';
import { describeError } from '../../src/domain/errors.ts';

const EXAMPLES: { [K in WriteOffErrorKind]: [Extract<WriteOffError, { kind: K }>, string] } = {
  unknown_period: [
    { kind: 'unknown_period', period: '2030-01', earliestOpen: '2026-06' },
    'Period 2030-01 does not exist. The earliest open period is 2026-06.',
  ],
  period_closed: [
    { kind: 'period_closed', period: '2026-05' },
    'Period 2026-05 is closed. There is no open period; ask an administrator to open one.',
  ],
  invalid_date: [
    { kind: 'invalid_date', field: 'olderThan', text: '2026-02-30' },
    'olderThan: "2026-02-30" is not a calendar date (use YYYY-MM-DD).',
  ],
  empty_date_window: [
    { kind: 'empty_date_window', startDate: '2026-04-01', olderThan: '2026-04-01' },
    'Start date 2026-04-01 must be before the older-than date 2026-04-01.',
  ],
  invalid_range: [
    { kind: 'invalid_range', field: 'customers', from: 'C2', to: 'C1' },
    'customers: range C2..C1 is empty (from must not come after to).',
  ],
  unknown_invoice: [
    { kind: 'unknown_invoice', invoice: '9999', customerId: 'C100' },
    'Invoice 9999 is not an open invoice of customer C100.',
  ],
  invoice_not_open: [
    { kind: 'invoice_not_open', invoice: '1004' },
    'Invoice 1004 has no open balance.',
  ],
  duplicate_invoice: [
    { kind: 'duplicate_invoice', invoice: '1001' },
    'Invoice 1001 is selected more than once.',
  ],
  no_invoices_selected: [
    { kind: 'no_invoices_selected', customerId: 'C100' },
    'No invoice of customer C100 is selected.',
  ],
  pending_elsewhere: [
    { kind: 'pending_elsewhere', invoice: '1002', requestId: 'WO-17' },
    'Invoice 1002 is already in pending request WO-17.',
  ],
  invalid_amount: [
    {
      kind: 'invalid_amount',
      field: 'amount',
      invoice: '1001',
      text: '1.005',
      problem: 'too_many_decimals',
      decimals: 2,
    },
    'Invoice 1001: amount "1.005" has more than 2 decimals.',
  ],
  amount_zero: [{ kind: 'amount_zero', invoice: '1001' }, 'Invoice 1001: amount must not be zero.'],
  amount_sign: [
    { kind: 'amount_sign', invoice: '1003', amountMinor: 1000, openMinor: -2500 },
    'Invoice 1003: amount $10.00 must have the same sign as the open balance \u2212$25.00.',
  ],
  amount_exceeds_open: [
    { kind: 'amount_exceeds_open', invoice: '1002', amountMinor: 123401, openMinor: 123400 },
    'Invoice 1002: amount $1,234.01 is more than the open balance $1,234.00.',
  ],
  missing_account: [
    { kind: 'missing_account', invoice: '1001' },
    'Invoice 1001: the Line item method needs a write-off account for each invoice.',
  ],
  missing_comment: [
    { kind: 'missing_comment', invoice: '1001' },
    'Invoice 1001: the Line item method needs a comment for each invoice.',
  ],
  field_not_allowed: [
    { kind: 'field_not_allowed', field: 'account', method: 'entry', invoice: '1001' },
    'Invoice 1001: account is not allowed with the Entry method (one account and comment for the whole request).',
  ],
  select_all_needs_entry_method: [
    { kind: 'select_all_needs_entry_method' },
    'Select all needs the Entry method; with Line item, list each invoice with its own account and comment.',
  ],
  unknown_account: [
    { kind: 'unknown_account', account: '9999', field: 'account' },
    'account 9999 is not in the chart of accounts.',
  ],
  not_a_write_off_account: [
    {
      kind: 'not_a_write_off_account',
      account: '1200',
      role: 'ar',
      field: 'account',
      invoice: '1001',
    },
    'Invoice 1001: account 1200 is an accounts receivable account, not a write-off account.',
  ],
  account_not_allowed: [
    { kind: 'account_not_allowed', account: '7100', fcAccount: '7150' },
    'account: finance-charge write-offs always post to the finance charge write-off account 7150; remove account 7100.',
  ],
  missing_role: [
    { kind: 'missing_role', role: 'tax_payable' },
    'The chart of accounts has no tax payable account.',
  ],
  duplicate_role: [
    { kind: 'duplicate_role', role: 'ar', accounts: ['1200', '1201'] },
    'The chart of accounts has more than one accounts receivable account (1200, 1201).',
  ],
  no_default_write_off: [
    { kind: 'no_default_write_off' },
    'The chart of accounts has no default write-off account.',
  ],
  multiple_default_write_off: [
    { kind: 'multiple_default_write_off', accounts: ['7100', '7160'] },
    'The chart of accounts has more than one default write-off account (7100, 7160).',
  ],
  unknown_type: [
    { kind: 'unknown_type', type: 'bogus' },
    'type: "bogus" is not one of finance-charge, invoice-balance, account-balance.',
  ],
  invalid_percent: [
    { kind: 'invalid_percent', text: '100.01' },
    'value: "100.01" is not a percentage greater than 0 and at most 100.',
  ],
  negative_value: [
    { kind: 'negative_value', text: '-1.00' },
    'value: "-1.00" must not be negative for a finance-charge write-off.',
  ],
  percent_option_not_allowed: [
    { kind: 'percent_option_not_allowed', type: 'invoice-balance' },
    'fc-percent: the percentage options exist only for finance-charge write-offs, not invoice-balance.',
  ],
};

describe('describeError', () => {
  it.each(Object.values(EXAMPLES))('%j', (error, message) => {
    expect(describeError(error, 'USD')).toBe(message);
  });

  it('formats amounts in the request currency', () => {
    expect(
      describeError(
        { kind: 'amount_exceeds_open', invoice: '7', amountMinor: 1001, openMinor: 1000 },
        'JPY',
      ),
    ).toBe('Invoice 7: amount ¥1,001 is more than the open balance ¥1,000.');
  });
});
