// Manual write-off: which invoices a request may select (select all, pending elsewhere, unknown,
// duplicates) and its period, date and accounts; every error is collected, not just the first.
import { describe, expect, it } from 'vitest';
import { errors, preview, request } from './manual-fixture.ts';

describe('selection', () => {
  it('select all takes every open invoice of the customer at full balance', () => {
    const p = preview(request({ invoices: 'all' }));
    expect(p.items.map((i) => (i.kind === 'invoice' ? [i.invoice, i.totalMinor] : []))).toEqual([
      ['1001', 10700],
      ['1002', 15000],
      ['1003', -2500],
    ]);
    expect(p.totalMinor).toBe(23200);
  });

  it('select all skips an invoice pending elsewhere and names the request', () => {
    const p = preview(request({ invoices: 'all' }), new Map([['1002', 'WO-17']]));
    expect(p.items.map((i) => (i.kind === 'invoice' ? i.invoice : ''))).toEqual(['1001', '1003']);
    expect(p.skipped).toEqual([
      { customerId: 'C100', invoice: '1002', reason: 'pending_elsewhere', requestId: 'WO-17' },
    ]);
  });

  it.each([
    [
      'pending elsewhere',
      '1002',
      { kind: 'pending_elsewhere', invoice: '1002', requestId: 'WO-17' },
    ],
    ['unknown', '9999', { kind: 'unknown_invoice', invoice: '9999', customerId: 'C100' }],
    [
      "another customer's",
      '2001',
      { kind: 'unknown_invoice', invoice: '2001', customerId: 'C100' },
    ],
    ['fully paid', '1004', { kind: 'invoice_not_open', invoice: '1004' }],
  ])('rejects an invoice that is %s', (_name, number, expected) => {
    expect(
      errors(request({ invoices: [{ invoice: number }] }), new Map([['1002', 'WO-17']])),
    ).toEqual([expected]);
  });

  it('rejects a duplicate selection and an empty one', () => {
    expect(errors(request({ invoices: [{ invoice: '1001' }, { invoice: '1001' }] }))).toEqual([
      { kind: 'duplicate_invoice', invoice: '1001' },
    ]);
    expect(errors(request({ invoices: [] }))).toEqual([
      { kind: 'no_invoices_selected', customerId: 'C100' },
    ]);
  });
});

describe('period, date and accounts', () => {
  it.each([
    ['2026-05', { kind: 'period_closed', period: '2026-05', earliestOpen: '2026-06' }],
    ['2030-01', { kind: 'unknown_period', period: '2030-01', earliestOpen: '2026-06' }],
  ])('rejects period %s naming the earliest open period', (period, expected) => {
    expect(errors(request({ period }))).toEqual([expected]);
  });

  it('rejects a date that is not a calendar date', () => {
    expect(errors(request({ date: '2026-02-30' }))).toEqual([
      { kind: 'invalid_date', field: 'date', text: '2026-02-30' },
    ]);
  });

  it.each([
    ['9999', { kind: 'unknown_account', account: '9999', field: 'account' }],
    [
      '7150',
      { kind: 'not_a_write_off_account', account: '7150', role: 'fc_write_off', field: 'account' },
    ],
  ])('rejects account %s', (account, expected) => {
    expect(errors(request({ account }))).toEqual([expected]);
  });

  it('collects every error of the request, not just the first', () => {
    const kinds = errors(
      request({
        period: '2026-05',
        account: '1200',
        invoices: [
          { invoice: '9999' },
          { invoice: '1002', amount: '200.00' },
          { invoice: '1001', amount: 'x' },
        ],
      }),
    ).map((e) => e.kind);
    expect(kinds).toEqual([
      'period_closed',
      'not_a_write_off_account',
      'unknown_invoice',
      'amount_exceeds_open',
      'invalid_amount',
    ]);
  });
});
