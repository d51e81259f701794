// The import's hot path parses a few million amounts. Plain well-formed text (the normal
// case) is turned into minor units with string and integer operations only, exactly as
// parseAmount would; anything else goes to parseAmount, which owns every error message.
import { type AmountError, currencyDecimals, parseAmount } from '../../domain/money.ts';
import { ok, type Result } from '../../domain/types.ts';

const PLAIN = /^(-?)(\d{1,15})(?:\.(\d+))?$/;

export function parseImportAmount(text: string, currency: string): Result<number, AmountError> {
  const match = PLAIN.exec(text);
  const decimals = currencyDecimals(currency);
  const fraction = match?.[3] ?? '';
  if (match === null || fraction.length > decimals) return parseAmount(text, currency);
  // Digits only: Number() of an integer string below 2^53 is exact.
  const minor = Number(`${match[2]}${fraction.padEnd(decimals, '0')}`);
  if (!Number.isSafeInteger(minor)) return parseAmount(text, currency);
  return ok(match[1] === '-' && minor !== 0 ? -minor : minor);
}
