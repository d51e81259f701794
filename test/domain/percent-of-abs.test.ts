// percentOfAbs works on the percentage as an exact fraction (integer arithmetic, read once per
// percentage); it must give exactly what decimal.js gives for |minor| × P / 100 rounded half up,
// for any amount the ledger can hold and any percentage the form accepts.
import { fc, test } from '@fast-check/vitest';
import { Decimal } from 'decimal.js';
import { describe, expect } from 'vitest';
import { parsePercent, percentOfAbs } from '../../src/domain/money.ts';

const byDecimal = (minor: number, text: string): number =>
  new Decimal(Math.abs(minor))
    .times(new Decimal(text))
    .dividedBy(100)
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
    .toNumber();

/** 0 < P ≤ 100 with up to six decimals, as text. */
const percentText = fc
  .integer({ min: 1, max: 100_000_000 })
  .chain((units) => fc.constantFrom(0, 2, 4, 6).map((places) => ({ units, places })))
  .filter(({ units, places }) => units <= 100 * 10 ** places)
  .map(({ units, places }) => new Decimal(units).dividedBy(10 ** places).toFixed());

describe('percentOfAbs', () => {
  test.prop([fc.maxSafeInteger().map((n) => Math.trunc(n / 1000)), percentText], {
    numRuns: 2000,
  })('equals decimal.js rounding half up', (minor, text) => {
    const percent = parsePercent(text);
    if (!percent.ok) throw new Error(`fixture percent ${text} refused`);
    expect(percentOfAbs(minor, percent.value)).toBe(byDecimal(minor, text));
    // The fraction is kept per percentage; a second call reads it.
    expect(percentOfAbs(-minor, percent.value)).toBe(byDecimal(minor, text));
  });
});
