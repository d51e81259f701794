// An A/R file built for the docs/cli.md preview example: invoice 1001 carries finance charges
// 36.00 / 27.00 / 42.00 on three lines (P = 50, from line 1 → 36.00 / 16.50 poured), and
// invoice 1004's finance charge has the opposite sign of its amount due (skipped: polarity).
import type { ArFileV1 } from '../../src/app/import-ar-file.ts';
import { smallArFile } from './db.ts';

const line = (n: number, due: string, financeCharge: string) => ({
  line: n,
  description: `Line ${n}`,
  due,
  tax: '0.00',
  retainage: '0.00',
  financeCharge,
});

export function docsExampleArFile(): ArFileV1 {
  const file = smallArFile();
  return {
    ...file,
    customers: [{ id: 'C100', name: 'Acme Builders' }],
    invoices: [
      {
        number: '1001',
        customer: 'C100',
        date: '2026-03-01',
        dueDate: '2026-03-31',
        lines: [line(1, '136.00', '36.00'), line(2, '127.00', '27.00'), line(3, '142.00', '42.00')],
      },
      {
        number: '1002',
        customer: 'C100',
        date: '2026-04-01',
        dueDate: '2026-05-01',
        lines: [line(1, '40.00', '0.00')],
      },
      {
        number: '1004',
        customer: 'C100',
        date: '2026-03-10',
        dueDate: '2026-04-10',
        lines: [line(1, '10.00', '10.00'), line(2, '-50.00', '0.00')],
      },
    ],
    onAccount: [{ id: 'P-9', customer: 'C100', date: '2026-03-05', amount: '-60.00' }],
  };
}

/** docs/cli.md's example output for that file, minus the on-account item (an FC run never
 * touches on-account items; the documented example shows the item shape only). */
export const DOCS_FC_PREVIEW = {
  mode: 'finance-charge',
  currency: 'USD',
  period: '2026-06',
  date: '2026-06-15',
  total: '52.50',
  items: [
    {
      customer: 'C100',
      invoice: '1001',
      total: '52.50',
      lines: [
        {
          line: 1,
          amount: '36.00',
          tax: '0.00',
          retainage: '0.00',
          financeCharge: '36.00',
          account: '7150',
        },
        {
          line: 2,
          amount: '16.50',
          tax: '0.00',
          retainage: '0.00',
          financeCharge: '16.50',
          account: '7150',
        },
      ],
    },
  ],
  skipped: [{ customer: 'C100', invoice: '1004', reason: 'polarity' }],
  journal: [
    { account: '1250', debit: '0.00', credit: '52.50' },
    { account: '7150', debit: '52.50', credit: '0.00' },
  ],
};
