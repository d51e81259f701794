// The amount an approver's limit must cover: the gross amount, never the net total.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { grossMinor, limitCovers, previewGrossMinor } from '../../src/domain/approval-limit.ts';
import type { WriteOffItem } from '../../src/domain/types.ts';

const line = (amountMinor: number) => ({
  line: 1,
  amountMinor,
  taxMinor: 0,
  retainageMinor: 0,
  financeChargeMinor: 0,
  account: '7100',
});

describe('grossMinor', () => {
  it('adds the absolute value of every amount', () => {
    expect(grossMinor([50_000, -50_000])).toBe(100_000);
    expect(grossMinor([-2_550])).toBe(2_550);
    expect(grossMinor([])).toBe(0);
  });

  test.prop([fc.array(fc.integer({ min: -1e9, max: 1e9 }))])(
    'is never below the absolute net total',
    (amounts) => {
      const net = amounts.reduce((sum, a) => sum + a, 0);
      expect(grossMinor(amounts)).toBeGreaterThanOrEqual(Math.abs(net));
    },
  );
});

describe('previewGrossMinor', () => {
  it('counts each written-off invoice line and each on-account item', () => {
    const items: WriteOffItem[] = [
      {
        kind: 'invoice',
        customerId: 'C100',
        invoice: '10099',
        totalMinor: 2_109_775 - 300,
        lines: [line(2_109_775), line(-300)],
      },
      {
        kind: 'invoice',
        customerId: 'C100',
        invoice: '10032',
        totalMinor: -2_109_775,
        lines: [line(-2_109_775)],
      },
      {
        kind: 'on_account',
        customerId: 'C100',
        onAccountId: 'P-9',
        totalMinor: -6_000,
        account: '7100',
      },
    ];
    expect(previewGrossMinor(items)).toBe(2_109_775 + 300 + 2_109_775 + 6_000);
  });
});

describe('limitCovers', () => {
  it('covers up to and including the limit', () => {
    expect(limitCovers(100_000, 100_000)).toBe(true);
    expect(limitCovers(99_999, 100_000)).toBe(false);
  });

  it('no limit in the currency approves nothing, not even a zero amount', () => {
    expect(limitCovers(null, 0)).toBe(false);
    expect(limitCovers(null, 1)).toBe(false);
  });
});
