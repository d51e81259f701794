// Largest-remainder allocation (docs/write-off-rules.md#manual-write-off): examples pin the tie
// rules, properties pin "parts sum exactly, each within its own component, never the opposite
// sign".
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  fullShares,
  largestRemainder,
  openBalance,
  restOf,
  splitPartialAmount,
} from '../../src/domain/allocation.ts';
import { arbInvoiceWithPartial } from '../support/arbitraries.ts';
import { invoice } from '../support/ledger-fixtures.ts';

const within = (partMinor: number, wholeMinor: number) =>
  Math.abs(partMinor) <= Math.abs(wholeMinor) && partMinor * wholeMinor >= 0;

describe('largestRemainder', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [1003, [50, 50], [502, 501]],
    [10, [0, 5, 5], [0, 5, 5]],
    [0, [3, 4], [0, 0]],
    [2, [1, 1, 1, 1], [1, 1, 0, 0]],
    [5, [1, 3], [1, 4]],
    [-5, [-1, -3], [-1, -4]],
    [2, [7, -4], [5, -3]],
    [7, [1, 2, 4], [1, 2, 4]],
  ])('splits %i over %j as %j', (total, weights, expected) => {
    expect(largestRemainder(total, weights)).toEqual(expected);
  });

  it('refuses a non-zero total over weights summing to zero', () => {
    expect(() => largestRemainder(1, [1, -1])).toThrow();
  });
});

describe('splitPartialAmount', () => {
  it('spreads 40.00 over 107.00 (7.00 tax) and 50.00, then over the parts', () => {
    const inv = invoice('1002', [[10700, 700], [5000]]);
    expect(splitPartialAmount(inv, 4000)).toEqual([
      { line: 1, amountMinor: 2726, taxMinor: 178, retainageMinor: 0, financeChargeMinor: 0 },
      { line: 2, amountMinor: 1274, taxMinor: 0, retainageMinor: 0, financeChargeMinor: 0 },
    ]);
  });

  it('gives an equal-remainder unit to the lower line number', () => {
    const inv = invoice('1', [[1], [1]]);
    expect(splitPartialAmount(inv, 1).map((s) => s.amountMinor)).toEqual([1, 0]);
  });

  it('breaks part ties in the order tax, retainage, finance charge, rest', () => {
    const inv = invoice('1', [[4, 1, 1, 1]]);
    expect(splitPartialAmount(inv, 2)).toEqual([
      { line: 1, amountMinor: 2, taxMinor: 1, retainageMinor: 1, financeChargeMinor: 0 },
    ]);
    expect(splitPartialAmount(inv, 3)).toEqual([
      { line: 1, amountMinor: 3, taxMinor: 1, retainageMinor: 1, financeChargeMinor: 1 },
    ]);
  });

  it('floors in magnitude for a negative invoice', () => {
    const inv = invoice('CM-1', [[-1000, -100], [-2000]]);
    expect(splitPartialAmount(inv, -500)).toEqual([
      { line: 1, amountMinor: -167, taxMinor: -17, retainageMinor: 0, financeChargeMinor: 0 },
      { line: 2, amountMinor: -333, taxMinor: 0, retainageMinor: 0, financeChargeMinor: 0 },
    ]);
  });

  it('takes every part exactly for a full write-off', () => {
    const inv = invoice('1', [[10700, 700, 500, 300], [333, 33, 0, 1], [0]]);
    expect(splitPartialAmount(inv, openBalance(inv))).toEqual(fullShares(inv));
  });

  it('works the same in yen (0 decimals): 100 over 333 / 333 / 334', () => {
    const inv = invoice('J-1', [[333], [333], [334]]);
    expect(splitPartialAmount(inv, 100).map((s) => s.amountMinor)).toEqual([33, 33, 34]);
  });

  it('sorts lines by number before breaking ties', () => {
    const inv = {
      ...invoice('1', [[1], [1]]),
      lines: [...invoice('1', [[1], [1]]).lines].reverse(),
    };
    expect(splitPartialAmount(inv, 1).map((s) => [s.line, s.amountMinor])).toEqual([
      [1, 1],
      [2, 0],
    ]);
  });

  it.each([
    [0, 'zero'],
    [-1, 'opposite sign'],
    [15701, 'more than the open balance'],
  ])('treats amount %i (%s) as a programmer error', (amountMinor) => {
    expect(() => splitPartialAmount(invoice('1', [[10700], [5000]]), amountMinor)).toThrow(
      /not within the open balance/,
    );
  });
});

describe('properties', () => {
  test.prop([arbInvoiceWithPartial()], { numRuns: 3000 })(
    'line shares sum to the amount, parts to the line, each within its own component',
    ({ invoice: inv, amountMinor }) => {
      const shares = splitPartialAmount(inv, amountMinor);
      expect(shares.reduce((sum, s) => sum + s.amountMinor, 0)).toBe(amountMinor);
      shares.forEach((share, i) => {
        const line = inv.lines[i];
        if (line === undefined) throw new Error('share without line');
        expect(share.line).toBe(line.line);
        const restShare =
          share.amountMinor - share.taxMinor - share.retainageMinor - share.financeChargeMinor;
        expect(within(share.amountMinor, line.dueMinor)).toBe(true);
        expect(within(share.taxMinor, line.taxMinor)).toBe(true);
        expect(within(share.retainageMinor, line.retainageMinor)).toBe(true);
        expect(within(share.financeChargeMinor, line.financeChargeMinor)).toBe(true);
        expect(within(restShare, restOf(line))).toBe(true);
      });
    },
  );

  test.prop(
    [
      fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 0, max: 1_000 }),
    ],
    { numRuns: 2000 },
  )('each share is its exact value rounded down or up, and they sum exactly', (weights, per) => {
    const weightSum = weights.reduce((sum, w) => sum + w, 0);
    fc.pre(weightSum !== 0);
    // total/weightSum = per/1000 ∈ [0, 1], so every share must stay between 0 and its weight.
    const total = Math.trunc((weightSum * per) / 1000) + 0;
    const shares = largestRemainder(total, weights);
    expect(shares.reduce((sum, s) => sum + s, 0)).toBe(total);
    shares.forEach((share, i) => {
      const weight = weights[i] ?? 0;
      expect(within(share, weight)).toBe(true);
      const exactTimesSum = weight * total;
      expect(Math.abs(share * weightSum - exactTimesSum)).toBeLessThan(Math.abs(weightSum));
    });
  });
});
