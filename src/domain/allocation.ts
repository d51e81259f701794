// Largest-remainder allocation (docs/write-off-rules.md#manual-write-off). A partial write-off of
// an invoice is spread over its lines in proportion to each line's due, then each line's share over
// {tax, retainage, finance charge, rest} in proportion to the line's parts. Everything is exact
// integer arithmetic on bigint numerators, so parts always sum to the whole and no float is ever
// formed.
import type { InvoiceAmounts, LineAmounts, LineParts } from './types.ts';

export interface LineShare extends LineParts {
  readonly line: number;
}

/**
 * Splits `totalMinor` over `weights` in proportion, by largest remainder. Ties go to the
 * lower index, so callers pass weights in priority order.
 *
 * Work happens in the direction of the total: each exact share is floored toward minus
 * infinity in that direction, and the left-over units go one at a time to the largest
 * remainders. For weights of one sign this is exactly "floor in magnitude"; for mixed signs
 * it still keeps every share between 0 and its exact value rounded outward, so a share never
 * exceeds its weight when |total| ≤ |Σ weights| and never takes the opposite sign.
 */
export function largestRemainder(totalMinor: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  if (weightSum === 0) {
    if (totalMinor !== 0) throw new Error('largestRemainder: non-zero total over zero weights');
    return weights.map(() => 0);
  }
  const direction = totalMinor < 0 ? -1n : 1n;
  const denominator = BigInt(Math.abs(weightSum));
  const weightSign = weightSum < 0 ? -1n : 1n;
  // Σ numerators / denominator = |total|.
  const numerators = weights.map((w) => BigInt(w) * BigInt(totalMinor) * weightSign * direction);
  const floors = numerators.map((n) => floorDiv(n, denominator));
  const remainders = numerators.map((n, i) => n - (floors[i] ?? 0n) * denominator);
  let leftover = BigInt(Math.abs(totalMinor)) - floors.reduce((sum, f) => sum + f, 0n);
  const order = weights.map((_, i) => i);
  order.sort((a, b) => compareDesc(remainders[a] ?? 0n, remainders[b] ?? 0n) || a - b);
  for (const i of order) {
    if (leftover === 0n) break;
    floors[i] = (floors[i] ?? 0n) + 1n;
    leftover -= 1n;
  }
  if (leftover !== 0n) throw new Error('largestRemainder: leftover units remain');
  return floors.map((f) => Number(f * direction) + 0);
}

function floorDiv(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return numerator % denominator < 0n ? quotient - 1n : quotient;
}

function compareDesc(a: bigint, b: bigint): number {
  if (a === b) return 0;
  return a > b ? -1 : 1;
}

/** The part of a line's due that is neither tax, retainage nor finance charge. */
export function restOf(line: LineAmounts): number {
  return line.dueMinor - line.taxMinor - line.retainageMinor - line.financeChargeMinor;
}

/** Splits one line's share over its parts (tie order: tax, retainage, finance charge, rest). */
export function splitLineShare(line: LineAmounts, shareMinor: number): LineShare {
  const [tax, retainage, financeCharge] = largestRemainder(shareMinor, [
    line.taxMinor,
    line.retainageMinor,
    line.financeChargeMinor,
    restOf(line),
  ]);
  return {
    line: line.line,
    amountMinor: shareMinor,
    taxMinor: tax ?? 0,
    retainageMinor: retainage ?? 0,
    financeChargeMinor: financeCharge ?? 0,
  };
}

/** Σ line due: what is still owed on the invoice (lines left out unread included). */
export function openBalance(invoice: InvoiceAmounts): number {
  let sum = invoice.linesLeftOut?.dueMinor ?? 0;
  for (const line of invoice.lines) sum += line.dueMinor;
  return sum;
}

/** Every line in full, with every part exactly as it stands. */
export function fullShares(invoice: InvoiceAmounts): LineShare[] {
  return sortedLines(invoice).map((line) => ({
    line: line.line,
    amountMinor: line.dueMinor,
    taxMinor: line.taxMinor,
    retainageMinor: line.retainageMinor,
    financeChargeMinor: line.financeChargeMinor,
  }));
}

/**
 * docs/write-off-rules.md#manual-write-off: `amountMinor` (same sign as the open balance, 0 <
 * |amount| ≤ |open balance|) over the invoice's lines, then over each line's parts. Returns one
 * share per line in line order, zero shares included. Amounts outside the rule are a programmer
 * error: validate first.
 */
export function splitPartialAmount(invoice: InvoiceAmounts, amountMinor: number): LineShare[] {
  const openMinor = openBalance(invoice);
  const inBounds =
    amountMinor !== 0 &&
    Math.sign(amountMinor) === Math.sign(openMinor) &&
    Math.abs(amountMinor) <= Math.abs(openMinor);
  if (!inBounds) {
    throw new Error(
      `splitPartialAmount: ${amountMinor} is not within the open balance ${openMinor} of invoice ${invoice.number}`,
    );
  }
  if (amountMinor === openMinor) return fullShares(invoice);
  const lines = sortedLines(invoice);
  const shares = largestRemainder(
    amountMinor,
    lines.map((line) => line.dueMinor),
  );
  return lines.map((line, i) => splitLineShare(line, shares[i] ?? 0));
}

/** Shares are split over every line, so an invoice read without some of them cannot be split. */
export function sortedLines(invoice: InvoiceAmounts): readonly LineAmounts[] {
  if (invoice.linesLeftOut !== undefined) {
    throw new Error(`allocation: invoice ${invoice.number} was read without all its lines`);
  }
  return byLine(invoice.lines);
}

/**
 * The lines in line order: the array itself when it already is (as every read returns them),
 * so runs over the whole ledger copy nothing.
 */
export function byLine(lines: readonly LineAmounts[]): readonly LineAmounts[] {
  for (let i = 1; i < lines.length; i += 1) {
    if ((lines[i - 1] as LineAmounts).line > (lines[i] as LineAmounts).line) {
      return [...lines].sort((a, b) => a.line - b.line);
    }
  }
  return lines;
}
