// Recovery math (docs/decisions/228-recovery-after-payment.md): what a payment recovers, and an
// entry that reverses exactly that much of the write-off, balanced whatever the rounding.
import { describe, expect, it } from 'vitest';
import {
  paymentAfterWriteOff,
  recoveryPostings,
  remainingPostings,
} from '../../src/domain/recovery.ts';
import type { RecordedPosting, TracedPosting } from '../../src/domain/traced-postings.ts';

const traced = (account: string, debitMinor: number, creditMinor: number): RecordedPosting => ({
  account,
  debitMinor,
  creditMinor,
  customerId: 'C100',
  invoiceNumber: '1001',
  line: 1,
  onAccountId: null,
});

describe('paymentAfterWriteOff', () => {
  const recover = (openBeforeMinor: number, erpAfterMinor: number, unrecoveredMinor = 14300) =>
    paymentAfterWriteOff({ openBeforeMinor, erpAfterMinor, unrecoveredMinor });

  it('takes a drop down to what is open here as the ERP catching up, not a payment', () => {
    // 143.00 written off in full: the ERP drops to 0 (or no longer lists the invoice).
    expect(recover(0, 0)).toEqual({ paidMinor: 0, recoverableMinor: 0 });
    // The ERP has not caught up yet and shows 50.00 paid: still nothing recovered.
    expect(recover(0, 9300)).toEqual({ paidMinor: 0, recoverableMinor: 0 });
    // 36.00 of finance charge written off left 107.00 open; the ERP applies it.
    expect(recover(10700, 10700, 3600)).toEqual({ paidMinor: 0, recoverableMinor: 0 });
  });

  it('pays what was still open first, then the written-off part, capped by it', () => {
    // The ERP applied the write-off and the customer then paid 50.00: the invoice is in credit.
    expect(recover(0, -5000)).toEqual({ paidMinor: 5000, recoverableMinor: 5000 });
    expect(recover(0, -20000)).toEqual({ paidMinor: 20000, recoverableMinor: 14300 });
    expect(recover(0, -5000, 1000)).toEqual({ paidMinor: 5000, recoverableMinor: 1000 });
    // 107.00 left open: paying it all (and the ERP applying the write-off) recovers nothing…
    expect(recover(10700, 0, 3600)).toEqual({ paidMinor: 10700, recoverableMinor: 0 });
    // …paying 10.00 more than was open recovers 10.00.
    expect(recover(10700, -1000, 3600)).toEqual({ paidMinor: 11700, recoverableMinor: 1000 });
    // After an earlier import set the figure to -50.00, a further 10.00 is recovered alone.
    expect(recover(-5000, -6000, 9300)).toEqual({ paidMinor: 1000, recoverableMinor: 1000 });
  });

  it('recovers nothing of a credit written off', () => {
    expect(recover(0, -5000, -2550)).toEqual({ paidMinor: 5000, recoverableMinor: 0 });
  });
});

/** As the journal records them: a trace a posting does not have is null. */
const recorded = (postings: readonly TracedPosting[]): RecordedPosting[] =>
  postings.map((p) => ({
    account: p.account,
    debitMinor: p.debitMinor,
    creditMinor: p.creditMinor,
    customerId: p.customerId ?? null,
    invoiceNumber: p.invoiceNumber ?? null,
    line: p.line ?? null,
    onAccountId: p.onAccountId ?? null,
  }));

describe('remainingPostings', () => {
  const original = [traced('7100', 10000, 0), traced('2200', 700, 0), traced('1200', 0, 10700)];

  it('takes back what recoveries reversed, posting by posting', () => {
    const first = recorded(recoveryPostings(original, 5000));
    const left = remainingPostings(original, first);
    expect(left.reduce((s, p) => s + p.debitMinor, 0)).toBe(5700);
    expect(left.reduce((s, p) => s + p.creditMinor, 0)).toBe(5700);
    // A second recovery scales what is left, so the whole is never reversed more than once.
    const second = recorded(recoveryPostings(left, 5700));
    expect(remainingPostings(original, [...first, ...second])).toEqual([]);
  });

  it('refuses a recovery larger than the original (a programmer error)', () => {
    expect(() =>
      remainingPostings(original, recorded(recoveryPostings(original, 20000))),
    ).toThrow();
  });
});

describe('recoveryPostings', () => {
  it('mirrors the postings scaled to the amount, both sides totalling it exactly', () => {
    const original = [
      traced('7100', 10000, 0),
      traced('2200', 700, 0),
      traced('7150', 3600, 0),
      traced('1200', 0, 10700),
      traced('1250', 0, 3600),
    ];
    for (const amount of [1, 333, 5000, 14299, 14300]) {
      const out = recoveryPostings(original, amount);
      const debit = out.reduce((s, p) => s + p.debitMinor, 0);
      const credit = out.reduce((s, p) => s + p.creditMinor, 0);
      expect([debit, credit], String(amount)).toEqual([amount, amount]);
      // Mirrored: expense accounts are credited, receivables debited.
      expect(out.filter((p) => p.account.startsWith('7')).every((p) => p.debitMinor === 0)).toBe(
        true,
      );
      expect(out.every((p) => p.invoiceNumber === '1001')).toBe(true);
    }
    expect(recoveryPostings(original, 14300).find((p) => p.account === '1200')?.debitMinor).toBe(
      10700,
    );
  });
});
