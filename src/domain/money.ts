// The only module that touches decimal.js. Amounts travel as integer minor units; decimal.js
// is used to parse text exactly, to apply percentages, and nothing else (ADR 001).
import { Decimal } from 'decimal.js';
import type { CurrencyCode, Result } from './types.ts';
import { err, ok } from './types.ts';

// An independent configuration: no global Decimal.set leaks into other code. Precision 40
// holds any safe integer times any percentage with room to spare.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

// ISO 4217 minor-unit exponents that are not 2. Everything else uses 2.
const NON_TWO_DECIMALS: Readonly<Record<string, number>> = {
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
};

// ICU's list of ISO 4217 codes in use: `UDS` (a typo of USD) has the shape of a code but is
// none, and a limit in it would never apply to any request.
const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));

/** True for an ISO 4217 currency code in use, such as `USD`. */
export function isCurrencyCode(code: string): boolean {
  return ISO_4217.has(code);
}

export function currencyDecimals(currency: CurrencyCode): number {
  return NON_TWO_DECIMALS[currency] ?? 2;
}

export type AmountProblem = 'empty' | 'not_a_number' | 'too_many_decimals' | 'too_large';

export interface AmountError {
  readonly kind: 'invalid_amount';
  readonly text: string;
  readonly problem: AmountProblem;
  /** How many decimals the currency allows. */
  readonly decimals: number;
}

// Plain decimal text only: optional minus, digits, optional fraction. No exponent, no `+`,
// no thousands separators, no spaces inside (surrounding spaces are trimmed).
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** Parses decimal text into integer minor units; more decimals than allowed is an error. */
export function parseAmount(text: string, currency: CurrencyCode): Result<number, AmountError> {
  const decimals = currencyDecimals(currency);
  const fail = (problem: AmountProblem) =>
    err<AmountError>({ kind: 'invalid_amount', text, problem, decimals });
  const trimmed = text.trim();
  if (trimmed === '') return fail('empty');
  if (!DECIMAL_TEXT.test(trimmed)) return fail('not_a_number');
  const fraction = trimmed.split('.')[1] ?? '';
  if (fraction.length > decimals) return fail('too_many_decimals');
  const minor = new D(trimmed).times(new D(10).pow(decimals));
  if (minor.abs().greaterThan(Number.MAX_SAFE_INTEGER)) return fail('too_large');
  // `+ 0` turns a negative zero ("-0.00") into 0.
  return ok(minor.toNumber() + 0);
}

/** Human text for a parse problem, naming the rule broken. */
export function describeAmountError(error: AmountError): string {
  switch (error.problem) {
    case 'empty':
      return 'is empty';
    case 'not_a_number':
      return `"${error.text}" is not a plain decimal number (use digits and a dot, e.g. 1234.50)`;
    case 'too_many_decimals':
      return `"${error.text}" has more than ${error.decimals} decimals`;
    case 'too_large':
      return `"${error.text}" is too large`;
  }
}

/** Plain decimal string for JSON and CSV: `-1234.50`, exactly the currency's decimals. */
export function formatAmount(minor: number, currency: CurrencyCode): string {
  assertMinor(minor);
  // The integer's own digits with a point set in: exact, and a type-ahead answer formats 50
  // balances, where three Decimal objects per amount were a fifth of the search's CPU.
  const decimals = currencyDecimals(currency);
  const digits = String(Math.abs(minor)).padStart(decimals + 1, '0');
  const sign = minor < 0 ? '-' : '';
  if (decimals === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

// Constructing an Intl.NumberFormat is costly; views format hundreds of amounts per render.
const moneyFormatters = new Map<CurrencyCode, Intl.NumberFormat>();

function moneyFormatter(currency: CurrencyCode): Intl.NumberFormat {
  let formatter = moneyFormatters.get(currency);
  if (formatter === undefined) {
    const decimals = currencyDecimals(currency);
    formatter = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    moneyFormatters.set(currency, formatter);
  }
  return formatter;
}

/** People-facing text for Slack: `$1,234.50`, `−$12.50` (U+2212 minus). */
export function formatMoney(minor: number, currency: CurrencyCode): string {
  // Intl accepts an exact decimal string, so no float is ever formed.
  const text = moneyFormatter(currency).format(
    formatAmount(Math.abs(minor), currency) as unknown as number,
  );
  return minor < 0 ? `\u2212${text}` : text;
}

export interface PercentError {
  readonly kind: 'invalid_percent';
  readonly text: string;
}

/** A validated percentage `0 < P ≤ 100`, kept as exact text. */
export type Percent = { readonly text: string; readonly __brand: 'Percent' };

export function parsePercent(text: string): Result<Percent, PercentError> {
  const trimmed = text.trim();
  if (!DECIMAL_TEXT.test(trimmed)) return err({ kind: 'invalid_percent', text });
  const value = new D(trimmed);
  if (value.lessThanOrEqualTo(0) || value.greaterThan(100)) {
    return err({ kind: 'invalid_percent', text });
  }
  return ok({ text: trimmed } as Percent);
}

/** P / 100 as an exact fraction, worked out once per percentage (decimal.js reads the text). */
const FRACTIONS = new WeakMap<
  Percent,
  { readonly numerator: bigint; readonly denominator: bigint }
>();

function fractionOf(percent: Percent): {
  readonly numerator: bigint;
  readonly denominator: bigint;
} {
  const known = FRACTIONS.get(percent);
  if (known !== undefined) return known;
  // decimal.js: [numerator, denominator], both integers, in lowest terms.
  const [numerator, denominator] = new D(percent.text).dividedBy(100).toFraction() as [
    Decimal,
    Decimal,
  ];
  const fraction = {
    numerator: BigInt(numerator.toFixed()),
    denominator: BigInt(denominator.toFixed()),
  };
  FRACTIONS.set(percent, fraction);
  return fraction;
}

/**
 * `round(|minor| × P / 100)` half away from zero, returned non-negative. Exact integer
 * arithmetic on the fraction (a finance-charge run applies it to every line, ADR 255):
 * floor((2·|minor|·n + d) / (2·d)) for P / 100 = n / d.
 */
export function percentOfAbs(minor: number, percent: Percent): number {
  assertMinor(minor);
  const { numerator, denominator } = fractionOf(percent);
  const twice = 2n * BigInt(Math.abs(minor)) * numerator + denominator;
  return Number(twice / (2n * denominator));
}

/**
 * `minor × numerator / denominator`, split into its floor (toward zero, in magnitude) and the
 * exact remainder as a comparable numerator (`0 ≤ remainder < |denominator|`). Integer-only,
 * so largest-remainder allocation never touches a float.
 */
export function proportionalShare(
  minor: number,
  numerator: number,
  denominator: number,
): { readonly floorMinor: number; readonly remainder: bigint } {
  if (denominator === 0) throw new Error('proportionalShare: zero denominator');
  const product = BigInt(Math.abs(minor)) * BigInt(Math.abs(numerator));
  const d = BigInt(Math.abs(denominator));
  return { floorMinor: Number(product / d), remainder: product % d };
}

export function assertMinor(minor: number): void {
  if (!Number.isSafeInteger(minor)) {
    throw new Error(`money: ${minor} is not a safe integer count of minor units`);
  }
}

export function sumMinor(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  assertMinor(total);
  return total;
}
