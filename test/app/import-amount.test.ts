// The import's fast amount parser must agree exactly with parseAmount (the reference) on
// every input: well-formed decimals of any size and sign, and arbitrary text.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseImportAmount } from '../../src/app/import/amount.ts';
import { parseAmount } from '../../src/domain/money.ts';

const currency = fc.constantFrom('USD', 'JPY', 'KWD');
const decimalText = fc
  .tuple(
    fc.constantFrom('', '-', ' ', '+'),
    fc.stringMatching(/^\d{1,19}$/),
    fc.option(fc.stringMatching(/^\d{0,5}$/), { nil: undefined }),
  )
  .map(
    ([sign, whole, fraction]) => `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}`,
  );

describe('parseImportAmount', () => {
  test.prop([decimalText, currency], { numRuns: 5000 })(
    'agrees with parseAmount on decimals',
    (text, c) => {
      expect(parseImportAmount(text, c)).toEqual(parseAmount(text, c));
    },
  );

  test.prop([fc.string({ maxLength: 12 }), currency], { numRuns: 3000 })(
    'agrees with parseAmount on any text',
    (text, c) => {
      expect(parseImportAmount(text, c)).toEqual(parseAmount(text, c));
    },
  );

  it.each([
    ['107.00', 'USD', 10700],
    ['-0.00', 'USD', 0],
    ['-25.5', 'USD', -2550],
    ['1200', 'JPY', 1200],
    ['1.234', 'KWD', 1234],
    ['007.50', 'USD', 750],
  ])('%s %s → %i minor units', (text, c, minor) => {
    expect(parseImportAmount(text, c)).toEqual({ ok: true, value: minor });
    const parsed = parseImportAmount(text, c);
    expect(parsed.ok && Object.is(parsed.value, -0)).toBe(false);
  });
});
