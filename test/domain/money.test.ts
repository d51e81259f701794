// Money is integer minor units; text is parsed exactly and never rounded
// (docs/write-off-rules.md#money-and-rounding).
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  currencyDecimals,
  formatAmount,
  formatMoney,
  parseAmount,
  parsePercent,
  percentOfAbs,
  proportionalShare,
  sumMinor,
} from '../../src/domain/money.ts';
import { arbCurrency, arbMinor } from '../support/arbitraries.ts';

function percent(text: string) {
  const parsed = parsePercent(text);
  if (!parsed.ok) throw new Error(`bad percent ${text}`);
  return parsed.value;
}

describe('parseAmount', () => {
  it.each([
    ['12.50', 'USD', 1250],
    ['12.5', 'USD', 1250],
    ['-1234.50', 'USD', -123450],
    ['0', 'USD', 0],
    ['-0.00', 'USD', 0],
    [' 5 ', 'USD', 500],
    ['1234', 'JPY', 1234],
    ['-7', 'JPY', -7],
    ['1.234', 'KWD', 1234],
    ['0.001', 'KWD', 1],
    ['90071992547409.91', 'USD', 9007199254740991],
  ])('parses %s %s as %i minor units', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toEqual({ ok: true, value: minor });
  });

  it.each([
    ['', 'USD', 'empty'],
    ['   ', 'USD', 'empty'],
    ['1e3', 'USD', 'not_a_number'],
    ['NaN', 'USD', 'not_a_number'],
    ['Infinity', 'USD', 'not_a_number'],
    ['1,234.50', 'USD', 'not_a_number'],
    ['1 234.50', 'USD', 'not_a_number'],
    ['+5', 'USD', 'not_a_number'],
    ['.5', 'USD', 'not_a_number'],
    ['5.', 'USD', 'not_a_number'],
    ['$5', 'USD', 'not_a_number'],
    ['12.345', 'USD', 'too_many_decimals'],
    ['12.5', 'JPY', 'too_many_decimals'],
    ['1.2345', 'KWD', 'too_many_decimals'],
    ['90071992547409.92', 'USD', 'too_large'],
  ])('rejects %j in %s as %s', (text, currency, problem) => {
    const parsed = parseAmount(text, currency);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ kind: 'invalid_amount', text, problem });
  });
});

describe('formatAmount and formatMoney', () => {
  it.each([
    [-123450, 'USD', '-1234.50', '−$1,234.50'],
    [0, 'USD', '0.00', '$0.00'],
    [-1, 'USD', '-0.01', '−$0.01'],
    [1234, 'JPY', '1234', '¥1,234'],
    [1234, 'KWD', '1.234', 'KWD\u00a01.234'],
    [-5, 'EUR', '-0.05', '−€0.05'],
  ])('%i %s is %s for JSON and %s for people', (minor, currency, plain, human) => {
    expect(formatAmount(minor, currency)).toBe(plain);
    expect(formatMoney(minor, currency)).toBe(human);
  });

  it('refuses a non-integer amount (a float never reaches formatting)', () => {
    expect(() => formatAmount(1.5, 'USD')).toThrow(/not a safe integer/);
  });

  it.each([
    ['USD', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['EUR', 2],
  ])('%s has %i decimals', (currency, decimals) => {
    expect(currencyDecimals(currency)).toBe(decimals);
  });
});

describe('percentages', () => {
  it.each([
    [10500, '50', 5250],
    [105, '50', 53],
    [-105, '50', 53],
    [3, '50', 2],
    [1, '50', 1],
    [1, '49.99', 0],
    [3600, '100', 3600],
    [12345, '33.333', 4115],
  ])('|%i| × %s%% rounds half away from zero to %i', (minor, p, expected) => {
    expect(percentOfAbs(minor, percent(p))).toBe(expected);
  });

  it.each(['0', '-1', '100.01', '1e2', 'abc', ''])('rejects percentage %j', (text) => {
    expect(parsePercent(text)).toMatchObject({ ok: false, error: { kind: 'invalid_percent' } });
  });

  it.each(['100', '0.01', '50', '12.345'])('accepts percentage %j', (text) => {
    expect(parsePercent(text).ok).toBe(true);
  });
});

describe('integer helpers', () => {
  it('proportionalShare gives floor and exact remainder', () => {
    expect(proportionalShare(-1000, 1, 3)).toEqual({ floorMinor: 333, remainder: 1n });
  });

  it('sumMinor refuses to leave the safe integers', () => {
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow();
  });
});

describe('properties', () => {
  test.prop([arbMinor, arbCurrency], { numRuns: 2000 })(
    'parse(format(m)) == m, with exactly the currency decimals',
    (minor, currency) => {
      const text = formatAmount(minor, currency);
      expect(parseAmount(text, currency)).toEqual({ ok: true, value: minor });
      const decimals = currencyDecimals(currency);
      expect(text.split('.')[1]?.length ?? 0).toBe(decimals);
      expect(text.startsWith('-')).toBe(minor < 0);
    },
  );

  test.prop([arbMinor, arbCurrency], { numRuns: 1000 })(
    'people-facing text has the sign and no plain minus',
    (minor, currency) => {
      const text = formatMoney(minor, currency);
      expect(text.startsWith('\u2212')).toBe(minor < 0);
      expect(text.includes('-')).toBe(false);
    },
  );

  test.prop([fc.integer({ min: -1_000_000_000, max: 1_000_000_000 })], { numRuns: 1000 })(
    'a text with one decimal too many is always refused',
    (minor) => {
      const text = `${formatAmount(minor, 'USD')}1`;
      expect(parseAmount(text, 'USD')).toMatchObject({
        ok: false,
        error: { problem: 'too_many_decimals' },
      });
    },
  );
});
