// The open-items stream behind previews and automatic runs answers alike on SQLite and
// PostgreSQL: customers in id order, the customer, invoice and date windows, on-account items
// or not, each prefilter, the versions read and the progress reported.
import { expect } from 'vitest';
import type { ItemVersions, OpenItemsFilter } from '../../../src/db/open-items.repo.ts';
import * as sqliteOpenItems from '../../../src/db/open-items.repo.ts';
import * as pgOpenItems from '../../../src/db/pg/open-items.repo.ts';
import { collect, contract, pair } from './contract.ts';
import { LEDGER_FIXTURE } from './contract-fixture.ts';

const OPEN_ITEMS = pair(sqliteOpenItems, pgOpenItems, ['iterateCustomerOpenItems']);

type Stream = (typeof OPEN_ITEMS)['sqlite']['iterateCustomerOpenItems'];

/** Each customer with its invoice numbers and on-account ids, the shape cases compare. */
async function outline(
  iterate: (
    ...args: Parameters<Stream> extends [unknown, ...infer A] ? A : never
  ) => AsyncIterable<ReturnType<Stream> extends Iterator<infer T> ? T : never>,
  filter: OpenItemsFilter,
) {
  const customers = await collect(iterate(filter));
  return customers.map((c) => [
    c.customerId,
    c.invoices.map((i) => i.number),
    c.onAccount.map((o) => o.id),
  ]);
}

contract('open items', LEDGER_FIXTURE, (test) => {
  test('streams every open item by customer, with lines and versions', async (s) => {
    const { iterateCustomerOpenItems } = s.bind(OPEN_ITEMS);
    const versions: ItemVersions = { invoices: new Map(), onAccount: new Map() };
    const progress: [number, number][] = [];
    const customers = await collect(
      iterateCustomerOpenItems(
        {},
        { versions, onCustomer: (done, total) => progress.push([done, total]) },
      ),
    );
    expect(customers.map((c) => c.customerId)).toEqual(['C001', 'C002', 'C010', 'c003']);
    expect(customers[0]).toEqual({
      customerId: 'C001',
      invoices: [
        {
          number: 'INV-001',
          customerId: 'C001',
          date: '2026-01-10',
          lines: [
            {
              line: 1,
              dueMinor: 10000,
              taxMinor: 1600,
              retainageMinor: 0,
              financeChargeMinor: 0,
            },
            {
              line: 2,
              dueMinor: 2000,
              taxMinor: 0,
              retainageMinor: 0,
              financeChargeMinor: 2000,
            },
          ],
        },
        {
          number: 'INV-002',
          customerId: 'C001',
          date: '2026-03-05',
          lines: [
            {
              line: 1,
              dueMinor: 500,
              taxMinor: 80,
              retainageMinor: 0,
              financeChargeMinor: 0,
            },
          ],
        },
      ],
      onAccount: [{ id: 'OA-1', customerId: 'C001', date: '2026-02-15', amountMinor: -250 }],
    });
    expect(versions.invoices.size).toBe(5);
    expect([...versions.onAccount.keys()].sort()).toEqual(['OA-1', 'OA-3']);
    expect(progress).toEqual([
      [0, 6],
      [1, 6],
      [2, 6],
      [3, 6],
      [4, 6],
      [5, 6],
      [6, 6],
    ]);
  });

  test('narrows by customer range, invoice range and dates', async (s) => {
    const { iterateCustomerOpenItems } = s.bind(OPEN_ITEMS);
    expect(
      await outline(iterateCustomerOpenItems, { customerFrom: 'C002', customerTo: 'C010' }),
    ).toEqual([
      ['C002', ['inv-003'], []],
      ['C010', ['INV-020'], []],
    ]);
    expect(
      await outline(iterateCustomerOpenItems, { invoiceFrom: 'INV-002', invoiceTo: 'INV-020' }),
    ).toEqual([
      ['C001', ['INV-002'], ['OA-1']],
      ['C010', ['INV-020'], []],
      ['c003', ['INV-010'], ['OA-3']],
    ]);
    expect(
      await outline(iterateCustomerOpenItems, {
        dateFrom: '2026-02-01',
        dateBefore: '2026-04-01',
        includeOnAccount: false,
      }),
    ).toEqual([
      ['C001', ['INV-002'], []],
      ['C002', ['inv-003'], []],
    ]);
  });

  test('applies each prefilter in the database', async (s) => {
    const { iterateCustomerOpenItems } = s.bind(OPEN_ITEMS);
    expect(
      await outline(iterateCustomerOpenItems, {
        prefilter: { kind: 'has-finance-charge' },
        includeOnAccount: false,
      }),
    ).toEqual([['C001', ['INV-001'], []]]);
    expect(
      await outline(iterateCustomerOpenItems, {
        prefilter: { kind: 'invoice-balance-within', limitMinor: 500 },
        includeOnAccount: false,
      }),
    ).toEqual([
      ['C001', ['INV-002'], []],
      ['C010', ['INV-020'], []],
      ['c003', ['INV-010'], []],
    ]);
    expect(
      await outline(iterateCustomerOpenItems, {
        prefilter: { kind: 'customer-net-within', limitMinor: 260 },
      }),
    ).toEqual([
      ['C010', ['INV-020'], []],
      ['c003', ['INV-010'], ['OA-3']],
    ]);
    expect(
      await outline(iterateCustomerOpenItems, {
        prefilter: { kind: 'customer-net-within', limitMinor: 300 },
        includeOnAccount: false,
      }),
    ).toEqual([
      ['C010', ['INV-020'], []],
      ['c003', ['INV-010'], []],
    ]);
  });
});
