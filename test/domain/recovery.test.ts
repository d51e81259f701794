// Recovery math (docs/decisions/228-recovery-after-payment.md): what a payment recovers, and an
// entry that reverses exactly that much of the write-off, balanced whatever the rounding.
import { describe, expect, it } from 'vitest';
import { recoverableMinor, recoveryPostings } from '../../src/domain/recovery.ts';
import type { RecordedPosting } from '../../src/domain/traced-postings.ts';

const traced = (account: string, debitMinor: number, creditMinor: number): RecordedPosting => ({
  account,
  debitMinor,
  creditMinor,
  customerId: 'C100',
  invoiceNumber: '1001',
  line: 1,
  onAccountId: null,
});

describe('recoverableMinor', () => {
  it('pays what was still open first, then the written-off part, capped by it', () => {
    const base = { erpBeforeMinor: 14300, openBeforeMinor: 0, unrecoveredMinor: 14300 };
    expect(recoverableMinor({ ...base, erpAfterMinor: 9300 })).toBe(5000);
    expect(recoverableMinor({ ...base, erpAfterMinor: 0 })).toBe(14300);
    expect(recoverableMinor({ ...base, erpAfterMinor: -500 })).toBe(14300);
    expect(recoverableMinor({ ...base, erpAfterMinor: 15000 })).toBe(0);
    // A finance-charge write-off of 36.00 left 107.00 open: paying 100.00 recovers nothing.
    const fc = { erpBeforeMinor: 14300, openBeforeMinor: 10700, unrecoveredMinor: 3600 };
    expect(recoverableMinor({ ...fc, erpAfterMinor: 4300 })).toBe(0);
    expect(recoverableMinor({ ...fc, erpAfterMinor: 0 })).toBe(3600);
    expect(recoverableMinor({ ...base, erpAfterMinor: 9300, unrecoveredMinor: 1000 })).toBe(1000);
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
