// Manual write-off (docs/write-off-rules.md#manual-write-off). The customer C100 has: 1001 (107.00
// incl. 7.00 tax), 1002 (two lines, 150.00), 1003 (a -25.00 credit memo), 1004 (fully paid). C200
// owns 2001.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/domain/errors.ts';
import type { ManualRequest } from '../../src/domain/manual.ts';
import { previewManual } from '../../src/domain/manual.ts';
import { formatAmount } from '../../src/domain/money.ts';
import { previewToJson } from '../../src/domain/preview.ts';
import type { Invoice, Preview } from '../../src/domain/types.ts';
import { arbInvoiceWithPartial } from '../support/arbitraries.ts';
import { invoice, ledger } from '../support/ledger-fixtures.ts';

const ctx = ledger();
const INVOICES: Invoice[] = [
  invoice('1001', [[10700, 700]]),
  invoice('1002', [[10000], [5000]]),
  invoice('1003', [[-2500]]),
  invoice('1004', [[0]]),
  invoice('2001', [[999]], { customerId: 'C200' }),
];
const NONE = new Map<string, string>();

function request(overrides: Partial<ManualRequest> = {}): ManualRequest {
  return {
    customerId: 'C100',
    period: '2026-06',
    date: '2026-06-15',
    method: 'entry',
    account: '7100',
    comment: 'Chapter 7 bankruptcy',
    invoices: [{ invoice: '1001' }],
    ...overrides,
  };
}

function preview(req: ManualRequest, pending = NONE, invoices = INVOICES): Preview {
  const result = previewManual(req, ctx, invoices, pending);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function errors(req: ManualRequest, pending = NONE, currency = 'USD') {
  const result = previewManual(req, ledger(currency), INVOICES, pending);
  if (result.ok) throw new Error('expected errors');
  return result.error;
}

describe('Entry method', () => {
  it('writes off the full open balance by default', () => {
    expect(previewToJson(preview(request()))).toEqual({
      mode: 'manual',
      currency: 'USD',
      period: '2026-06',
      date: '2026-06-15',
      total: '107.00',
      items: [
        {
          customer: 'C100',
          invoice: '1001',
          total: '107.00',
          lines: [
            {
              line: 1,
              amount: '107.00',
              tax: '7.00',
              retainage: '0.00',
              financeCharge: '0.00',
              account: '7100',
            },
          ],
        },
      ],
      skipped: [],
      journal: [
        { account: '1200', debit: '0.00', credit: '107.00' },
        { account: '2200', debit: '7.00', credit: '0.00' },
        { account: '7100', debit: '100.00', credit: '0.00' },
      ],
    });
  });

  it('splits a partial amount over the lines by largest remainder', () => {
    const p = preview(request({ invoices: [{ invoice: '1002', amount: '40.00' }] }));
    const item = p.items[0];
    expect(item?.kind === 'invoice' && item.lines.map((l) => l.amountMinor)).toEqual([2667, 1333]);
    expect(p.totalMinor).toBe(4000);
  });

  it('uses the default write-off account when none is given, and keeps the comment', () => {
    const { account: _account, ...withoutAccount } = request();
    const item = preview(withoutAccount).items[0];
    expect(item?.kind === 'invoice' && item.lines[0]).toMatchObject({
      account: '7100',
      comment: 'Chapter 7 bankruptcy',
    });
  });

  it.each([
    ['equal to the open balance', '1002', '150.00', 15000],
    ['a credit memo in full', '1003', undefined, -2500],
    ['part of a credit memo', '1003', '-10.00', -1000],
    ['one cent', '1001', '0.01', 1],
  ])('accepts %s', (_name, number, amount, totalMinor) => {
    const selection = amount === undefined ? { invoice: number } : { invoice: number, amount };
    expect(preview(request({ invoices: [selection] })).totalMinor).toBe(totalMinor);
  });

  it.each([
    [
      'one cent over',
      '1002',
      '150.01',
      { kind: 'amount_exceeds_open', invoice: '1002', amountMinor: 15001, openMinor: 15000 },
    ],
    [
      'over a credit memo',
      '1003',
      '-25.01',
      { kind: 'amount_exceeds_open', invoice: '1003', amountMinor: -2501, openMinor: -2500 },
    ],
    [
      'the wrong sign',
      '1003',
      '10.00',
      { kind: 'amount_sign', invoice: '1003', amountMinor: 1000, openMinor: -2500 },
    ],
    [
      'a negative amount on an invoice',
      '1001',
      '-1.00',
      { kind: 'amount_sign', invoice: '1001', amountMinor: -100, openMinor: 10700 },
    ],
    ['zero', '1001', '0.00', { kind: 'amount_zero', invoice: '1001' }],
    [
      'an exponent',
      '1001',
      '1e3',
      { kind: 'invalid_amount', invoice: '1001', field: 'amount', problem: 'not_a_number' },
    ],
    [
      'three decimals',
      '1001',
      '1.005',
      { kind: 'invalid_amount', invoice: '1001', problem: 'too_many_decimals', decimals: 2 },
    ],
    [
      'thousands separators',
      '1002',
      '1,00',
      { kind: 'invalid_amount', invoice: '1002', problem: 'not_a_number' },
    ],
  ])('rejects %s', (_name, number, amount, expected) => {
    expect(errors(request({ invoices: [{ invoice: number, amount }] }))).toEqual([
      expect.objectContaining(expected),
    ]);
  });

  it('names the invoice and both amounts in the message', () => {
    const [e] = errors(request({ invoices: [{ invoice: '1002', amount: '150.01' }] }));
    expect(e && describeError(e, 'USD')).toBe(
      'Invoice 1002: amount $150.01 is more than the open balance $150.00.',
    );
  });

  it('refuses per-invoice account or comment', () => {
    expect(
      errors(request({ invoices: [{ invoice: '1001', account: '7160', comment: 'x' }] })),
    ).toEqual([
      { kind: 'field_not_allowed', field: 'account', method: 'entry', invoice: '1001' },
      { kind: 'field_not_allowed', field: 'comment', method: 'entry', invoice: '1001' },
    ]);
  });
});

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

describe('properties', () => {
  const arbSelections = fc
    .uniqueArray(arbInvoiceWithPartial(), {
      minLength: 1,
      maxLength: 5,
      selector: (x) => x.invoice.number,
    })
    .chain((picked) =>
      fc.tuple(fc.constant(picked), fc.shuffledSubarray(picked, { minLength: picked.length })),
    );

  test.prop([arbSelections], { numRuns: 1000 })(
    'the preview does not depend on the order of invoices or selections, and never over-writes a line',
    ([picked, shuffled]) => {
      const toRequest = (list: typeof picked) =>
        request({
          invoices: list.map((p) => ({
            invoice: p.invoice.number,
            amount: formatAmount(p.amountMinor, 'USD'),
          })),
        });
      const invoices = picked.map((p) => p.invoice);
      const first = preview(toRequest(picked), NONE, invoices);
      const second = preview(toRequest(shuffled), NONE, [...invoices].reverse());
      expect(second).toEqual(first);
      for (const item of first.items) {
        if (item.kind !== 'invoice') continue;
        const source = invoices.find((i) => i.number === item.invoice);
        for (const line of item.lines) {
          const due = source?.lines.find((l) => l.line === line.line)?.dueMinor ?? 0;
          expect(Math.abs(line.amountMinor)).toBeLessThanOrEqual(Math.abs(due));
          expect(Math.sign(line.amountMinor)).toBe(Math.sign(due));
        }
      }
    },
  );
});
