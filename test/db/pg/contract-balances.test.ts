// Moving open balances when a write-off posts or is reversed answers alike on SQLite and
// PostgreSQL: relative updates of a line's parts, the invoice's balance recomputed from its lines
// with its version bumped, and on-account items moved.
import { expect } from 'vitest';
import * as sqliteBalances from '../../../src/db/balances.repo.ts';
import * as pgBalances from '../../../src/db/pg/balances.repo.ts';
import { contract, pair } from './contract.ts';
import { LEDGER_FIXTURE, T0_MS } from './contract-fixture.ts';

const BALANCES = pair(sqliteBalances, pgBalances, [
  'adjustInvoiceLine',
  'touchInvoice',
  'adjustOnAccount',
  'moveInvoiceLines',
]);

const parts = { amountMinor: 2000, taxMinor: 0, retainageMinor: 0, financeChargeMinor: 2000 };

contract('balances', LEDGER_FIXTURE, (test) => {
  test('posts and reverses a line, recomputing the invoice', async (s) => {
    const balances = s.bind(BALANCES);
    expect(await balances.adjustInvoiceLine('INV-001', 2, parts, -1)).toBe(true);
    expect(await balances.adjustInvoiceLine('INV-001', 9, parts, -1)).toBe(false);
    expect(await balances.touchInvoice('INV-001', T0_MS + 1)).toBe(true);
    expect(await balances.touchInvoice('nope', T0_MS + 1)).toBe(false);
    const invoice = () =>
      s.rows(`SELECT open_minor AS o, version AS v, updated_at_ms AS t FROM invoices
        WHERE number = 'INV-001'`);
    expect(await invoice()).toEqual([{ o: 10_000, v: 2, t: T0_MS + 1 }]);
    await balances.adjustInvoiceLine('INV-001', 2, parts, 1);
    await balances.touchInvoice('INV-001', T0_MS + 2);
    expect(await invoice()).toEqual([{ o: 12_000, v: 3, t: T0_MS + 2 }]);
  });

  test('moves many lines at once, the same line twice summed, and names a missing line', async (s) => {
    const balances = s.bind(BALANCES);
    const move = (line: number, amountMinor: number) => ({
      invoiceNumber: 'INV-001',
      line,
      amountMinor,
      taxMinor: 0,
      retainageMinor: 0,
      financeChargeMinor: amountMinor,
    });
    expect(await balances.moveInvoiceLines([move(2, 1500), move(2, 500)], -1, T0_MS + 1)).toBe(
      null,
    );
    const invoice = () =>
      s.rows(`SELECT open_minor AS o, version AS v, updated_at_ms AS t FROM invoices
        WHERE number = 'INV-001'`);
    expect(await invoice()).toEqual([{ o: 10_000, v: 2, t: T0_MS + 1 }]);
    expect(await balances.moveInvoiceLines([move(2, 2000)], 1, T0_MS + 2)).toBe(null);
    expect(await invoice()).toEqual([{ o: 12_000, v: 3, t: T0_MS + 2 }]);
    expect(await balances.moveInvoiceLines([move(9, 1)], -1, T0_MS + 3)).toEqual(move(9, 1));
    expect(await balances.moveInvoiceLines([], -1, T0_MS + 3)).toBe(null);
  });

  test('moves an on-account item', async (s) => {
    const balances = s.bind(BALANCES);
    expect(await balances.adjustOnAccount('OA-1', 250, T0_MS + 1)).toBe(true);
    expect(await balances.adjustOnAccount('OA-404', 250, T0_MS + 1)).toBe(false);
    expect(
      await s.rows(
        `SELECT amount_minor AS a, version AS v FROM on_account_items WHERE id = 'OA-1'`,
      ),
    ).toEqual([{ a: 0, v: 2 }]);
  });
});
