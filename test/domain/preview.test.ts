// The preview value and its docs/cli.md JSON rendering, field names and order included.
import { describe, expect, it } from 'vitest';
import {
  canonicalPreviewLines,
  createPreviewBuilder,
  previewToJson,
} from '../../src/domain/preview.ts';
import type { Preview, WriteOffItem, WriteOffLine } from '../../src/domain/types.ts';
import { ledger } from '../support/ledger-fixtures.ts';

const accounts = ledger().postingAccounts;
const line = (n: number, amountMinor: number, extra: Partial<WriteOffLine> = {}): WriteOffLine => ({
  line: n,
  amountMinor,
  taxMinor: 0,
  retainageMinor: 0,
  financeChargeMinor: 0,
  account: '7100',
  ...extra,
});
const invoiceItem = (customerId: string, invoice: string, lines: WriteOffLine[]): WriteOffItem => ({
  kind: 'invoice',
  customerId,
  invoice,
  totalMinor: lines.reduce((s, l) => s + l.amountMinor, 0),
  lines,
});

function build(items: WriteOffItem[], currency = 'USD'): Preview {
  const builder = createPreviewBuilder(
    { mode: 'account-balance', currency, period: '2026-06', date: '2026-06-15' },
    accounts,
  );
  for (const item of items) builder.addItem(item);
  builder.addSkipped({ customerId: 'C200', invoice: '9', reason: 'polarity' });
  builder.addSkipped({
    customerId: 'C100',
    invoice: '8',
    reason: 'pending_elsewhere',
    requestId: 'WO-1',
  });
  return builder.build();
}

describe('createPreviewBuilder', () => {
  it('orders items by customer, invoices before on-account, and drops zero lines and items', () => {
    const preview = build([
      {
        kind: 'on_account',
        customerId: 'C100',
        onAccountId: 'P-9',
        totalMinor: -6000,
        account: '7100',
      },
      invoiceItem('C200', '2001', [line(1, 500)]),
      invoiceItem('C100', '1002', [line(1, 0), line(2, 700)]),
      invoiceItem('C100', '1001', [line(1, 0)]),
      {
        kind: 'on_account',
        customerId: 'C100',
        onAccountId: 'P-0',
        totalMinor: 0,
        account: '7100',
      },
      invoiceItem('C100', '1000', [line(1, 1000)]),
    ]);
    expect(
      preview.items.map((i) =>
        i.kind === 'invoice' ? `${i.customerId} ${i.invoice}` : `${i.customerId} ${i.onAccountId}`,
      ),
    ).toEqual(['C100 1000', 'C100 1002', 'C100 P-9', 'C200 2001']);
    const item1002 = preview.items[1];
    expect(item1002?.kind === 'invoice' && item1002.lines.map((l) => l.line)).toEqual([2]);
    expect(preview.totalMinor).toBe(-3800);
    expect(preview.skipped.map((s) => s.customerId)).toEqual(['C100', 'C200']);
    // Invoices debit 7100 by 22.00; the -60.00 credit on account credits it by 60.00.
    expect(preview.journal).toEqual([
      { account: '1200', debitMinor: 3800, creditMinor: 0 },
      { account: '7100', debitMinor: 0, creditMinor: 3800 },
    ]);
  });
});

describe('previewToJson', () => {
  const preview = build([
    invoiceItem('C100', '1001', [
      line(1, 10700, { taxMinor: 700 }),
      line(2, 300, { retainageMinor: 300, financeChargeMinor: 0 }),
    ]),
    {
      kind: 'on_account',
      customerId: 'C100',
      onAccountId: 'P-9',
      totalMinor: -6000,
      account: '7100',
    },
  ]);

  it('produces exactly the docs/cli.md shape, field order included', () => {
    expect(JSON.stringify(previewToJson(preview))).toBe(
      JSON.stringify({
        mode: 'account-balance',
        currency: 'USD',
        period: '2026-06',
        date: '2026-06-15',
        total: '50.00',
        items: [
          {
            customer: 'C100',
            invoice: '1001',
            total: '110.00',
            lines: [
              {
                line: 1,
                amount: '107.00',
                tax: '7.00',
                retainage: '0.00',
                financeCharge: '0.00',
                account: '7100',
              },
              {
                line: 2,
                amount: '3.00',
                tax: '0.00',
                retainage: '3.00',
                financeCharge: '0.00',
                account: '7100',
              },
            ],
          },
          { customer: 'C100', onAccount: 'P-9', total: '-60.00' },
        ],
        skipped: [
          { customer: 'C100', invoice: '8', reason: 'pending_elsewhere' },
          { customer: 'C200', invoice: '9', reason: 'polarity' },
        ],
        journal: [
          { account: '1200', debit: '0.00', credit: '47.00' },
          { account: '1210', debit: '0.00', credit: '3.00' },
          { account: '2200', debit: '7.00', credit: '0.00' },
          { account: '7100', debit: '43.00', credit: '0.00' },
        ],
      }),
    );
  });

  it('prints dinar with three decimals and yen with none', () => {
    const items = [invoiceItem('C1', '1', [line(1, 1234, { taxMinor: 5 })])];
    expect(previewToJson(build(items, 'KWD'))).toMatchObject({
      total: '1.234',
      items: [{ lines: [{ tax: '0.005' }] }],
    });
    expect(previewToJson(build(items, 'JPY'))).toMatchObject({
      total: '1234',
      items: [{ lines: [{ tax: '5' }] }],
    });
  });
});

describe('canonicalPreviewLines', () => {
  const items = () => [
    invoiceItem('C100', '1001', [line(1, 500)]),
    invoiceItem('C100', '1002', [line(1, 700)]),
  ];

  it('is the same text for the same preview, whatever the order items arrived in', () => {
    expect(canonicalPreviewLines(build(items()))).toBe(
      canonicalPreviewLines(build(items().reverse())),
    );
  });

  it('changes when an amount, a part or an account changes, but not with a comment', () => {
    const original = canonicalPreviewLines(build(items()));
    const changed = [
      [invoiceItem('C100', '1001', [line(1, 501)]), items()[1]],
      [invoiceItem('C100', '1001', [line(1, 500, { taxMinor: 1 })]), items()[1]],
      [invoiceItem('C100', '1001', [line(1, 500, { account: '7160' })]), items()[1]],
    ];
    for (const variant of changed) {
      expect(canonicalPreviewLines(build(variant as WriteOffItem[]))).not.toBe(original);
    }
    const commented = [
      invoiceItem('C100', '1001', [line(1, 500, { comment: 'x' })]),
      items()[1],
    ] as WriteOffItem[];
    expect(canonicalPreviewLines(build(commented))).toBe(original);
  });

  it('is one JSON array per written-off line after a header', () => {
    expect(canonicalPreviewLines(build(items())).split('\n')).toEqual([
      '["v1","account-balance","USD","2026-06","2026-06-15",1200]',
      '["invoice","C100","1001",1,500,0,0,0,"7100"]',
      '["invoice","C100","1002",1,700,0,0,0,"7100"]',
    ]);
  });
});
