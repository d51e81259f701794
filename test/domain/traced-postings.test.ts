// Posting and reversal math as pure functions: every stored line's postings carry its trace,
// the entry balances, and the mirror swaps each side while keeping the trace.
import { describe, expect, it } from 'vitest';
import { assertBalanced } from '../../src/domain/journal.ts';
import {
  mirrorPostings,
  type RecordedPosting,
  type StoredWriteOffLine,
  type TracedPosting,
  tracedPostings,
} from '../../src/domain/traced-postings.ts';
import type { PostingAccounts } from '../../src/domain/types.ts';

const accounts: PostingAccounts = {
  ar: '1200',
  arRetainage: '1210',
  taxPayable: '2200',
  fcReceivable: '1250',
  fcWriteOff: '7150',
  defaultWriteOff: '7100',
};

const invoiceLine: StoredWriteOffLine = {
  kind: 'invoice_line',
  customerId: 'C100',
  invoiceNumber: '10001',
  line: 2,
  onAccountId: null,
  account: '7100',
  amountMinor: 12_000,
  taxMinor: 1_000,
  retainageMinor: 500,
  financeChargeMinor: 0,
};
const onAccount: StoredWriteOffLine = {
  kind: 'on_account',
  customerId: 'C100',
  invoiceNumber: null,
  line: null,
  onAccountId: 'OA-7',
  account: '7100',
  amountMinor: -2_500,
  taxMinor: 0,
  retainageMinor: 0,
  financeChargeMinor: 0,
};

const recorded = (p: TracedPosting): RecordedPosting => ({
  ...p,
  customerId: p.customerId ?? null,
  invoiceNumber: p.invoiceNumber ?? null,
  line: p.line ?? null,
  onAccountId: p.onAccountId ?? null,
});

describe('tracedPostings', () => {
  it('traces every posting to its invoice line or on-account item, and balances', () => {
    const postings = tracedPostings([invoiceLine, onAccount], accounts);
    assertBalanced(postings);
    const invoice = postings.filter((p) => p.invoiceNumber === '10001');
    expect(invoice.every((p) => p.line === 2 && p.customerId === 'C100')).toBe(true);
    expect(invoice.map((p) => p.account).sort()).toEqual(['1200', '1210', '2200', '7100']);
    const item = postings.filter((p) => p.onAccountId === 'OA-7');
    expect(item).toEqual([
      {
        account: '7100',
        debitMinor: 0,
        creditMinor: 2_500,
        customerId: 'C100',
        onAccountId: 'OA-7',
      },
      {
        account: '1200',
        debitMinor: 2_500,
        creditMinor: 0,
        customerId: 'C100',
        onAccountId: 'OA-7',
      },
    ]);
  });
});

describe('mirrorPostings', () => {
  it('swaps debit and credit of each posting, keeps its trace, and mirrors back to the original', () => {
    const original = tracedPostings([invoiceLine, onAccount], accounts);
    const mirror = mirrorPostings(original.map(recorded));
    assertBalanced(mirror);
    mirror.forEach((m, i) => {
      expect(m.debitMinor).toBe(original[i]?.creditMinor);
      expect(m.creditMinor).toBe(original[i]?.debitMinor);
    });
    expect(mirrorPostings(mirror.map(recorded))).toEqual(original);
  });
});
