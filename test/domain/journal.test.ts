// Journal entry per written-off line (docs/write-off-rules.md#journal-entry, ADR 002): examples pin
// each role's side, properties pin "always balances" and "reversal mirrors".
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { splitPartialAmount } from '../../src/domain/allocation.ts';
import type { Posting } from '../../src/domain/journal.ts';
import {
  addItemToNet,
  assertBalanced,
  netJournal,
  postingsForItem,
  postingsForLine,
  reversePostings,
  rowsFromNet,
} from '../../src/domain/journal.ts';
import type { WriteOffItem } from '../../src/domain/types.ts';
import { arbInvoiceWithPartial, arbMinor } from '../support/arbitraries.ts';
import { ledger } from '../support/ledger-fixtures.ts';

const accounts = ledger().postingAccounts;
const dr = (account: string, minor: number): Posting => ({
  account,
  debitMinor: minor,
  creditMinor: 0,
});
const cr = (account: string, minor: number): Posting => ({
  account,
  debitMinor: 0,
  creditMinor: minor,
});
const parts = (amountMinor: number, taxMinor = 0, retainageMinor = 0, financeChargeMinor = 0) => ({
  amountMinor,
  taxMinor,
  retainageMinor,
  financeChargeMinor,
});

describe('postingsForLine', () => {
  it.each([
    [
      'a plain line with tax',
      parts(10700, 700),
      [dr('7100', 10000), dr('2200', 700), cr('1200', 10700)],
    ],
    [
      'every part',
      parts(1000, 100, 200, 50),
      [
        dr('7100', 850),
        dr('2200', 100),
        dr('7150', 50),
        cr('1200', 750),
        cr('1210', 200),
        cr('1250', 50),
      ],
    ],
    ['finance charge only', parts(3600, 0, 0, 3600), [dr('7150', 3600), cr('1250', 3600)]],
    [
      'a credit line (sides swap)',
      parts(-500, -50),
      [cr('7100', 450), cr('2200', 50), dr('1200', 500)],
    ],
    ['retainage only', parts(300, 0, 300), [dr('7100', 300), cr('1210', 300)]],
  ])('%s', (_name, lineParts, expected) => {
    const postings = postingsForLine(lineParts, '7100', accounts);
    expect(postings).toEqual(expected);
    assertBalanced(postings);
  });
});

describe('postingsForItem', () => {
  it('debits the write-off account and credits A/R for an on-account item', () => {
    const item: WriteOffItem = {
      kind: 'on_account',
      customerId: 'C100',
      onAccountId: 'P-9',
      totalMinor: 2500,
      account: '7160',
    };
    expect(postingsForItem(item, accounts)).toEqual([dr('7160', 2500), cr('1200', 2500)]);
  });

  it('swaps sides for a customer credit held on account', () => {
    const item: WriteOffItem = {
      kind: 'on_account',
      customerId: 'C100',
      onAccountId: 'P-9',
      totalMinor: -6000,
      account: '7100',
    };
    expect(postingsForItem(item, accounts)).toEqual([cr('7100', 6000), dr('1200', 6000)]);
  });

  it('uses each line its own account (Line item method)', () => {
    const item: WriteOffItem = {
      kind: 'invoice',
      customerId: 'C100',
      invoice: '1001',
      totalMinor: 300,
      lines: [
        { line: 1, ...parts(100), account: '7100' },
        { line: 2, ...parts(200), account: '7160' },
      ],
    };
    expect(postingsForItem(item, accounts)).toEqual([
      dr('7100', 100),
      cr('1200', 100),
      dr('7160', 200),
      cr('1200', 200),
    ]);
  });
});

describe('netJournal', () => {
  it('nets per account, drops zero rows and sorts by account code', () => {
    const rows = netJournal([
      dr('7100', 500),
      cr('1200', 500),
      cr('7100', 500),
      dr('1200', 200),
      cr('2200', 200),
    ]);
    expect(rows).toEqual([
      { account: '1200', debitMinor: 0, creditMinor: 300 },
      { account: '2200', debitMinor: 0, creditMinor: 200 },
    ]);
  });
});

describe('assertBalanced', () => {
  it('accepts an empty entry', () => {
    expect(() => assertBalanced([])).not.toThrow();
  });

  it.each([
    ['unbalanced', [dr('7100', 100), cr('1200', 99)]],
    ['both sides set', [{ account: '7100', debitMinor: 1, creditMinor: 1 }]],
    ['a zero posting', [{ account: '7100', debitMinor: 0, creditMinor: 0 }]],
    ['a negative side', [dr('7100', -1), cr('1200', -1)]],
    ['a float', [dr('7100', 0.5), cr('1200', 0.5)]],
  ])('throws for %s', (_name, postings) => {
    expect(() => assertBalanced(postings)).toThrow(/journal/);
  });
});

const arbWrittenOffItem = arbInvoiceWithPartial().map(({ invoice, amountMinor }): WriteOffItem => {
  const lines = splitPartialAmount(invoice, amountMinor).map((s) => ({ ...s, account: '7100' }));
  return {
    kind: 'invoice',
    customerId: 'C100',
    invoice: invoice.number,
    totalMinor: amountMinor,
    lines,
  };
});

describe('properties', () => {
  test.prop([arbWrittenOffItem], { numRuns: 2000 })(
    'every entry balances, before and after netting',
    (item) => {
      const postings = postingsForItem(item, accounts);
      expect(() => assertBalanced(postings)).not.toThrow();
      const net = netJournal(postings);
      const debits = net.reduce((sum, r) => sum + r.debitMinor, 0);
      const credits = net.reduce((sum, r) => sum + r.creditMinor, 0);
      expect(debits).toBe(credits);
    },
  );

  test.prop([fc.array(arbWrittenOffItem, { maxLength: 5 }), arbMinor.filter((m) => m !== 0)], {
    numRuns: 1000,
  })('addItemToNet nets exactly what postingsForItem posts', (items, onAccountMinor) => {
    const all: WriteOffItem[] = [
      ...items,
      {
        kind: 'on_account',
        customerId: 'C1',
        onAccountId: 'P',
        totalMinor: onAccountMinor,
        account: '7160',
      },
    ];
    const fast = new Map<string, number>();
    for (const item of all) addItemToNet(fast, item, accounts);
    expect(rowsFromNet(fast)).toEqual(netJournal(all.flatMap((i) => postingsForItem(i, accounts))));
  });

  test.prop([arbMinor.filter((m) => m !== 0)], { numRuns: 1000 })(
    'an on-account write-off balances',
    (totalMinor) => {
      const item: WriteOffItem = {
        kind: 'on_account',
        customerId: 'C1',
        onAccountId: 'P',
        totalMinor,
        account: '7100',
      };
      expect(() => assertBalanced(postingsForItem(item, accounts))).not.toThrow();
    },
  );

  test.prop([arbWrittenOffItem], { numRuns: 1000 })(
    'reversal of a reversal is the original, and an entry plus its reversal nets to nothing',
    (item) => {
      const postings = postingsForItem(item, accounts);
      const reversed = reversePostings(postings);
      expect(() => assertBalanced(reversed)).not.toThrow();
      expect(reversePostings(reversed)).toEqual(postings);
      expect(netJournal([...postings, ...reversed])).toEqual([]);
    },
  );

  test.prop(
    [fc.array(fc.tuple(fc.constantFrom('1200', '7100', '2200'), arbMinor), { maxLength: 20 })],
    {
      numRuns: 1000,
    },
  )('netted rows carry exactly one non-zero side, sorted by code', (signed) => {
    const postings = signed
      .filter(([, m]) => m !== 0)
      .map(([account, m]) => (m > 0 ? dr(account, m) : cr(account, -m)));
    const rows = netJournal(postings);
    for (const row of rows) expect((row.debitMinor === 0) !== (row.creditMinor === 0)).toBe(true);
    expect(rows.map((r) => r.account)).toEqual([...rows.map((r) => r.account)].sort());
  });
});
