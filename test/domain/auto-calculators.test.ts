// The per-invoice / per-customer calculations of docs/write-off-rules.md#automatic-write-off,
// pinned with the seed's worked examples and the boundaries around them. Amounts are minor units
// (36.00 = 3600).
import { describe, expect, it } from 'vitest';
import type { FcMethod } from '../../src/domain/auto-calculators.ts';
import {
  financeChargeCap,
  writeOffByAccountBalance,
  writeOffByFinanceCharge,
  writeOffByInvoiceBalance,
} from '../../src/domain/auto-calculators.ts';
import type { Percent } from '../../src/domain/money.ts';
import { parsePercent } from '../../src/domain/money.ts';
import type { LineSpec } from '../support/ledger-fixtures.ts';
import { invoice, lines, onAccount } from '../support/ledger-fixtures.ts';

function percent(text: string): Percent {
  const parsed = parsePercent(text);
  if (!parsed.ok) throw new Error(text);
  return parsed.value;
}
const amount = (valueMinor: number): FcMethod => ({ kind: 'amount', valueMinor });
const allLines = (p: string): FcMethod => ({ kind: 'all-lines', percent: percent(p) });
const fromLine1 = (p: string): FcMethod => ({ kind: 'from-line-1', percent: percent(p) });

/** Lines whose finance charge is `fc` on top of 100.00 of goods (negated for a credit). */
const fcLines = (fcs: readonly number[], sign = 1): LineSpec[] =>
  fcs.map((fc) => [sign * (10000 + fc), 0, 0, sign * fc]);

function fcAmounts(specs: readonly LineSpec[], method: FcMethod): number[] | 'polarity' {
  const outcome = writeOffByFinanceCharge(invoice('1001', specs), method, '7150');
  if (outcome.kind === 'polarity') return 'polarity';
  return outcome.lines.map((l) => l.amountMinor);
}

describe('finance charge (docs/write-off-rules.md#finance-charge-mode)', () => {
  const seed = fcLines([3600, 2700, 4200]);
  it.each([
    ['value 0: every line its finance charge', seed, amount(0), [3600, 2700, 4200]],
    ['flat 52.50 poured from line 1', seed, amount(5250), [3600, 1650]],
    ['flat amount above the total FC takes all of it', seed, amount(20000), [3600, 2700, 4200]],
    ['flat amount exactly the first line', seed, amount(3600), [3600]],
    ['seed: Apply to All Lines 50%', seed, allLines('50'), [1800, 1350, 2100]],
    ['seed: Starting at Line 1 50% (52.50 poured)', seed, fromLine1('50'), [3600, 1650]],
    ['Apply to All Lines 100%', seed, allLines('100'), [3600, 2700, 4200]],
    ['Starting at Line 1 100%', seed, fromLine1('100'), [3600, 2700, 4200]],
    [
      'Apply to All Lines rounds each line half away from zero',
      fcLines([5, 3]),
      allLines('50'),
      [3, 2],
    ],
    [
      'a credit invoice: all lines 50%',
      fcLines([3600, 2700, 4200], -1),
      allLines('50'),
      [-1800, -1350, -2100],
    ],
    [
      'a credit invoice: flat 52.50 carries its sign',
      fcLines([3600, 2700, 4200], -1),
      amount(5250),
      [-3600, -1650],
    ],
    [
      'a credit invoice: from line 1 50%',
      fcLines([3600, 2700, 4200], -1),
      fromLine1('50'),
      [-3600, -1650],
    ],
    ['lines without finance charge are left out', fcLines([0, 500, 0]), amount(0), [500]],
  ])('%s', (_name, specs, method, expected) => {
    expect(fcAmounts(specs, method)).toEqual(expected);
  });

  // [due, tax, retainage, FC]: FC 36.00 on a line whose due less retainage is only 20.00.
  const overCap: LineSpec[] = [
    [3000, 0, 1000, 3600],
    [10500, 0, 0, 500],
  ];
  it.each([
    ['value 0 takes the amount due less retainage', amount(0), [2000, 500]],
    [
      'Apply to All Lines 100% stops at the amount due less retainage',
      allLines('100'),
      [2000, 500],
    ],
    ['Apply to All Lines 50% fits under it', allLines('50'), [1800, 250]],
    ['a flat amount pours over the caps', amount(2200), [2000, 200]],
    ['Starting at Line 1 caps W at the sum of the caps', fromLine1('100'), [2000, 500]],
  ])('FC above amount due less retainage: %s', (_name, method, expected) => {
    expect(fcAmounts(overCap, method)).toEqual(expected);
  });

  it('caps each line: min(|fc|, |due − retainage|), signed like fc, 0 on opposite signs', () => {
    const [a, b, c, d] = lines(
      [3000, 0, 1000, 3600],
      [-5000, 0, 0, -200],
      [-100, 0, 0, 50],
      [500, 0, 500, 10],
    );
    expect([a, b, c, d].map((l) => (l === undefined ? NaN : financeChargeCap(l)))).toEqual([
      2000, -200, 0, 0,
    ]);
  });

  it('skips an invoice whose total FC and total due less retainage have opposite signs', () => {
    expect(fcAmounts([[10000, 0, 0, 3600], [-20000]], amount(0))).toBe('polarity');
  });

  it('writes off only finance charge, to the given account', () => {
    const outcome = writeOffByFinanceCharge(invoice('1001', seed), allLines('50'), '7150');
    expect(outcome).toEqual({
      kind: 'lines',
      lines: [
        {
          line: 1,
          amountMinor: 1800,
          taxMinor: 0,
          retainageMinor: 0,
          financeChargeMinor: 1800,
          account: '7150',
        },
        {
          line: 2,
          amountMinor: 1350,
          taxMinor: 0,
          retainageMinor: 0,
          financeChargeMinor: 1350,
          account: '7150',
        },
        {
          line: 3,
          amountMinor: 2100,
          taxMinor: 0,
          retainageMinor: 0,
          financeChargeMinor: 2100,
          account: '7150',
        },
      ],
    });
  });

  it.each([
    ['yen, all lines 50% of ¥105', [[1105, 0, 0, 105]] as LineSpec[], allLines('50'), [53]],
    [
      'yen, from line 1 50% of ¥35 × 3',
      [
        [135, 0, 0, 35],
        [135, 0, 0, 35],
        [135, 0, 0, 35],
      ] as LineSpec[],
      fromLine1('50'),
      [35, 18],
    ],
    ['dinar, all lines 50% of 1.005', [[2005, 0, 0, 1005]] as LineSpec[], allLines('50'), [503]],
  ])('%s', (_name, specs, method, expected) => {
    expect(fcAmounts(specs, method)).toEqual(expected);
  });
});

describe('invoice balance (docs/write-off-rules.md#invoice-balance-mode)', () => {
  it.each<[string, LineSpec[], number, number | undefined]>([
    ['25.00 at value 25.00', [[2500]], 2500, 2500],
    ['-25.00 at value 25.00', [[-2500]], 2500, -2500],
    ['25.01 at value 25.00', [[2501]], 2500, undefined],
    ['-25.01 at value 25.00', [[-2501]], 2500, undefined],
    ['retainage counts: 24.00 + 2.00 retainage', [[2600, 0, 200]], 2500, undefined],
    ['a zero balance never qualifies', [[0]], 2500, undefined],
    ['lines netting to 10.00', [[3000], [-2000]], 2500, 1000],
  ])('%s', (_name, specs, limitMinor, expectedTotal) => {
    const written = writeOffByInvoiceBalance(invoice('1', specs), limitMinor, '7160');
    expect(written?.reduce((sum, l) => sum + l.amountMinor, 0)).toBe(expectedTotal);
  });

  it('writes off every line in full, all parts', () => {
    expect(
      writeOffByInvoiceBalance(invoice('1', [[2000, 100, 300, 50], [0]]), 2500, '7160'),
    ).toEqual([
      {
        line: 1,
        amountMinor: 2000,
        taxMinor: 100,
        retainageMinor: 300,
        financeChargeMinor: 50,
        account: '7160',
      },
    ]);
  });
});

describe('account balance (docs/write-off-rules.md#account-balance-mode)', () => {
  const totals = (items: ReturnType<typeof writeOffByAccountBalance>) =>
    items.map((i) => i.totalMinor);
  it.each<[string, LineSpec[], number[], number, number[]]>([
    [
      'net 40.00 under 50.00: everything, debits and credits',
      [[10000]],
      [-6000],
      5000,
      [10000, -6000],
    ],
    ['net exactly the limit', [[10000]], [-6000], 4000, [10000, -6000]],
    ['net 40.00 over 39.99: nothing', [[10000]], [-6000], 3999, []],
    ['each invoice small, the sum too big: nothing', [[3000], [3000]], [], 5000, []],
    ['a credit balance counts by its absolute value', [[1000]], [-6000], 5000, [1000, -6000]],
    ['a net of zero writes off both sides', [[6000]], [-6000], 0, [6000, -6000]],
    ['nothing non-zero: nothing', [[0]], [0], 5000, []],
  ])('%s', (_name, specs, onAccountMinor, limitMinor, expected) => {
    const invoices = specs.map((s, i) => invoice(String(1001 + i), [s]));
    const credits = onAccountMinor.map((m, i) => onAccount(`P-${i}`, m));
    expect(totals(writeOffByAccountBalance(invoices, credits, limitMinor, '7160'))).toEqual(
      expected,
    );
  });
});
