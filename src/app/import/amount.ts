// The import's hot path parses a few million amounts. Plain well-formed text (the normal
// case) is turned into minor units with character codes and integer operations only, exactly
// as parseAmount would; anything else goes to parseAmount, which owns every error message.
import { type AmountError, currencyDecimals, parseAmount } from '../../domain/money.ts';
import { ok, type Result } from '../../domain/types.ts';

const ZERO = 48;
const MINUS = 45;
const DOT = 46;
const MAX_WHOLE_DIGITS = 15;

/**
 * `text[start, end)` read as plain decimal text — `-?` then 1 to 15 digits, then optionally a
 * dot and 1 to `decimals` digits — in minor units; NaN for anything else, or past 2^53 - 1.
 */
export function plainMinor(text: string, start: number, end: number, decimals: number): number {
  let i = start;
  const negative = i < end && text.charCodeAt(i) === MINUS;
  if (negative) i += 1;
  let minor = 0;
  const wholeStart = i;
  for (; i < end; i += 1) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) break;
    minor = minor * 10 + digit;
  }
  const wholeDigits = i - wholeStart;
  if (wholeDigits === 0 || wholeDigits > MAX_WHOLE_DIGITS) return Number.NaN;
  let fractionDigits = 0;
  if (i < end) {
    if (text.charCodeAt(i) !== DOT) return Number.NaN;
    for (i += 1; i < end; i += 1) {
      const digit = text.charCodeAt(i) - ZERO;
      if (digit < 0 || digit > 9) return Number.NaN;
      minor = minor * 10 + digit;
      fractionDigits += 1;
    }
    if (fractionDigits === 0 || fractionDigits > decimals) return Number.NaN;
  }
  // Exact below 2^53: every step above is an integer smaller than the result.
  for (; fractionDigits < decimals; fractionDigits += 1) minor *= 10;
  if (!Number.isSafeInteger(minor)) return Number.NaN;
  return negative && minor !== 0 ? -minor : minor;
}

export function parseImportAmount(text: string, currency: string): Result<number, AmountError> {
  const minor = plainMinor(text, 0, text.length, currencyDecimals(currency));
  return Number.isNaN(minor) ? parseAmount(text, currency) : ok(minor);
}
