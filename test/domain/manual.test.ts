// Manual write-off by the Entry method (docs/write-off-rules.md#manual-write-off): full and
// partial amounts, what is refused and how it is named, and that the preview does not depend on
// order. Selection and validation are in manual-selection.test.ts, the Line item method and other
// currencies in manual-line-item.test.ts; the ledger is in manual-fixture.ts.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/domain/errors.ts';
import { formatAmount } from '../../src/domain/money.ts';
import { previewToJson } from '../../src/domain/preview.ts';
import { arbInvoiceWithPartial } from '../support/arbitraries.ts';
import { errors, NONE, preview, request } from './manual-fixture.ts';

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
