// What an approver's limit is measured against (docs/decisions/100-approval-limit-covers-gross.md):
// the request's gross amount, the sum of the absolute values of every written-off line. The net
// total can hide any amount (+500.00 and −500.00 net to 0.00), so it is never used for limits.
import type { WriteOffItem } from './types.ts';

/** Sum of absolute values, in minor units. */
export function grossMinor(amountsMinor: Iterable<number>): number {
  let sum = 0;
  for (const amount of amountsMinor) sum += Math.abs(amount);
  return sum;
}

/** Gross amount of previewed items: each invoice line and each on-account item counts once. */
export function previewGrossMinor(items: readonly WriteOffItem[]): number {
  return grossMinor(
    items.flatMap((item) =>
      item.kind === 'invoice' ? item.lines.map((l) => l.amountMinor) : [item.totalMinor],
    ),
  );
}

/** A limit covers up to and including itself; no limit in the currency covers nothing. */
export function limitCovers(limitMinor: number | null, amountMinor: number): boolean {
  return limitMinor !== null && amountMinor <= limitMinor;
}
