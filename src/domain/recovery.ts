// Recovery after a payment on a written-off invoice (docs/write-off-rules.md#recovery,
// docs/decisions/228-recovery-after-payment.md). Pure: how much to recover, and the entry that
// reverses that much of the original write-off's postings for the invoice.
import { largestRemainder } from './allocation.ts';
import { mirrorPostings, type RecordedPosting, type TracedPosting } from './traced-postings.ts';

/**
 * What an ERP figure says about a payment after our write-off (docs/decisions/261-payment-or-erp-catching-up.md).
 * Once the ERP has applied our postings it should show what is open here, `openBeforeMinor`
 * (its last figure minus what we wrote off since, plus what we reversed). A drop down to that
 * figure is the ERP catching up with us, not a payment; only a figure below it is a payment.
 * A payment pays what was still open first; only the rest was paid on what we wrote off —
 * capped by what is written off and not yet recovered. So the written-off part is recovered
 * only once the ERP shows the invoice below zero (the customer paid more than was left).
 * Positive write-offs only: a credit the customer "pays" is not a recovery.
 */
export function paymentAfterWriteOff(input: {
  /** Our open balance before the import: the ERP's expected figure after our write-offs. */
  readonly openBeforeMinor: number;
  /** The ERP's figure in the new file (0 when the file no longer lists the invoice). */
  readonly erpAfterMinor: number;
  readonly unrecoveredMinor: number;
}): { readonly paidMinor: number; readonly recoverableMinor: number } {
  const { openBeforeMinor, erpAfterMinor, unrecoveredMinor } = input;
  const paidMinor = Math.max(0, openBeforeMinor - erpAfterMinor);
  if (unrecoveredMinor <= 0) return { paidMinor, recoverableMinor: 0 };
  const onWrittenOffMinor = paidMinor - Math.max(0, openBeforeMinor);
  return {
    paidMinor,
    recoverableMinor: Math.max(0, Math.min(onWrittenOffMinor, unrecoveredMinor)),
  };
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

const traceKey = (p: RecordedPosting) =>
  [p.account, p.customerId, p.invoiceNumber, p.line, p.onAccountId].join('\u0000');

/**
 * The original postings less what recoveries already reversed (their entries mirror the
 * originals, so a recovery's credit takes back an original debit on the same account and
 * trace). What a further recovery scales, and what a later reversal mirrors: together the
 * request's entries then net to zero on every account and trace.
 */
export function remainingPostings(
  original: readonly RecordedPosting[],
  recovered: readonly RecordedPosting[],
): RecordedPosting[] {
  const left = original.map((p) => ({ ...p }));
  for (const r of recovered) {
    const key = traceKey(r);
    let debitMinor = r.creditMinor;
    let creditMinor = r.debitMinor;
    for (const p of left) {
      if (traceKey(p) !== key) continue;
      const d = Math.min(debitMinor, p.debitMinor);
      const c = Math.min(creditMinor, p.creditMinor);
      p.debitMinor -= d;
      p.creditMinor -= c;
      debitMinor -= d;
      creditMinor -= c;
    }
    if (debitMinor !== 0 || creditMinor !== 0) {
      throw new Error(`remainingPostings: recovery posting on ${r.account} exceeds the original`);
    }
  }
  return left.filter((p) => p.debitMinor > 0 || p.creditMinor > 0);
}
