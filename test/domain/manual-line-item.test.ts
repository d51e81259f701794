// Manual write-off by the Line item method (an account and comment per invoice) and in currencies
// with 0 and 3 decimals.
import { describe, expect, it } from 'vitest';
import type { ManualRequest } from '../../src/domain/manual.ts';
import { previewManual } from '../../src/domain/manual.ts';
import { previewToJson } from '../../src/domain/preview.ts';
import { invoice, ledger } from '../support/ledger-fixtures.ts';
import { errors, INVOICES, NONE, preview, request } from './manual-fixture.ts';

describe('Line item method', () => {
  const lineItem = (invoices: ManualRequest['invoices']): ManualRequest => ({
    customerId: 'C100',
    period: '2026-06',
    date: '2026-06-15',
    method: 'line-item',
    invoices,
  });

  it('gives each invoice its own account and comment', () => {
    const p = preview(
      lineItem([
        { invoice: '1001', account: '7100', comment: 'Bankrupt' },
        { invoice: '1002', amount: '50.00', account: '7160', comment: 'Small balance' },
      ]),
    );
    expect(
      p.items.flatMap((i) =>
        i.kind === 'invoice' ? i.lines.map((l) => [i.invoice, l.account, l.comment]) : [],
      ),
    ).toEqual([
      ['1001', '7100', 'Bankrupt'],
      ['1002', '7160', 'Small balance'],
      ['1002', '7160', 'Small balance'],
    ]);
    expect(p.journal).toEqual([
      { account: '1200', debitMinor: 0, creditMinor: 15700 },
      { account: '2200', debitMinor: 700, creditMinor: 0 },
      { account: '7100', debitMinor: 10000, creditMinor: 0 },
      { account: '7160', debitMinor: 5000, creditMinor: 0 },
    ]);
  });

  it('needs an account and a comment on every invoice', () => {
    expect(
      errors(lineItem([{ invoice: '1001' }, { invoice: '1003', account: '7100', comment: ' ' }])),
    ).toEqual([
      { kind: 'missing_comment', invoice: '1001' },
      { kind: 'missing_account', invoice: '1001' },
      { kind: 'missing_comment', invoice: '1003' },
    ]);
  });

  it('refuses request-level account and comment, and select all', () => {
    expect(errors({ ...lineItem('all'), account: '7100', comment: 'x' })).toEqual([
      { kind: 'field_not_allowed', field: 'account', method: 'line-item' },
      { kind: 'field_not_allowed', field: 'comment', method: 'line-item' },
      { kind: 'select_all_needs_entry_method' },
    ]);
  });
});

describe('other currencies', () => {
  const yen = [invoice('1001', [[1000, 100]])];
  it('writes off yen (0 decimals)', () => {
    const result = previewManual(
      request({ invoices: [{ invoice: '1001', amount: '333' }] }),
      ledger('JPY'),
      yen,
      NONE,
    );
    expect(result.ok && previewToJson(result.value)).toMatchObject({
      total: '333',
      items: [{ lines: [{ amount: '333', tax: '33' }] }],
    });
  });

  it('refuses decimals in yen and a fourth decimal in dinar', () => {
    expect(
      errors(request({ invoices: [{ invoice: '1001', amount: '1.5' }] }), NONE, 'JPY'),
    ).toEqual([
      expect.objectContaining({
        kind: 'invalid_amount',
        problem: 'too_many_decimals',
        decimals: 0,
      }),
    ]);
    expect(
      errors(request({ invoices: [{ invoice: '1001', amount: '1.2345' }] }), NONE, 'KWD'),
    ).toEqual([
      expect.objectContaining({
        kind: 'invalid_amount',
        problem: 'too_many_decimals',
        decimals: 3,
      }),
    ]);
  });

  it('accepts three decimals in dinar', () => {
    const kwd = previewManual(
      request({ invoices: [{ invoice: '1001', amount: '1.234' }] }),
      ledger('KWD'),
      INVOICES,
      NONE,
    );
    expect(kwd.ok && previewToJson(kwd.value)).toMatchObject({ total: '1.234' });
  });
});
