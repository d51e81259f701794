// Recovery after a payment on a written-off invoice (docs/write-off-rules.md#recovery,
// docs/decisions/228-recovery-after-payment.md). Pure: how much to recover, and the entry that
// reverses that much of the original write-off's postings for the invoice.
import { largestRemainder } from './allocation.ts';
import { mirrorPostings, type RecordedPosting, type TracedPosting } from './traced-postings.ts';

/**
 * The written-off amount a payment recovers. `erpBeforeMinor` → `erpAfterMinor` is what the ERP
 * figure for the invoice did between two imports; `openBeforeMinor` is what was still open here
 * (the write-off left it). A payment pays what is still open first; only the rest was paid on
 * what we wrote off — capped by what is written off and not yet recovered. Positive invoices
 * only: a credit the customer "pays" is not a recovery.
 */
export function recoverableMinor(input: {
  readonly erpBeforeMinor: number;
  readonly erpAfterMinor: number;
  readonly openBeforeMinor: number;
  readonly unrecoveredMinor: number;
}): number {
  const { erpBeforeMinor, erpAfterMinor, openBeforeMinor, unrecoveredMinor } = input;
  if (erpBeforeMinor <= 0 || unrecoveredMinor <= 0) return 0;
  const paidMinor = erpBeforeMinor - Math.max(0, erpAfterMinor);
  const onWrittenOff = paidMinor - Math.max(0, openBeforeMinor);
  return Math.max(0, Math.min(onWrittenOff, unrecoveredMinor));
}

/**
 * The recovery entry: the original postings traced to the invoice, mirrored and scaled to
 * `amountMinor` per side (largest remainder, so debits and credits both total exactly it).
 */
export function recoveryPostings(
  invoicePostings: readonly RecordedPosting[],
  amountMinor: number,
): TracedPosting[] {
  const mirrored = mirrorPostings(invoicePostings);
  const scaleSide = (side: 'debitMinor' | 'creditMinor'): Map<number, number> => {
    const indexes = mirrored.flatMap((p, i) => (p[side] > 0 ? [i] : []));
    const shares = largestRemainder(
      amountMinor,
      indexes.map((i) => mirrored[i]?.[side] ?? 0),
    );
    return new Map(indexes.map((i, k) => [i, shares[k] ?? 0]));
  };
  const debits = scaleSide('debitMinor');
  const credits = scaleSide('creditMinor');
  return mirrored
    .map((p, i) => ({ ...p, debitMinor: debits.get(i) ?? 0, creditMinor: credits.get(i) ?? 0 }))
    .filter((p) => p.debitMinor > 0 || p.creditMinor > 0);
}
