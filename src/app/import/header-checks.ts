// The file's scalar members: version, currency and timezone.
import { isCurrencyCode } from '../../domain/money.ts';
import { err, ok, type Result } from '../../domain/types.ts';
import type { ImportProblem } from './ar-file-schema.ts';

export interface Header {
  readonly version: 1;
  readonly currency: string;
  readonly timezone: string;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function checkHeader(
  key: keyof Header,
  value: unknown,
  existingCurrency: string | null,
): Result<string | 1, ImportProblem> {
  const fail = (message: string) => err({ path: key, message });
  switch (key) {
    case 'version':
      if (typeof value !== 'number') return fail('must be a number');
      return value === 1 ? ok(1) : fail(`unsupported version ${value}: this bot reads version 1`);
    case 'currency':
      if (typeof value !== 'string') return fail('must be a string');
      if (!isCurrencyCode(value)) {
        return fail(`unknown currency ${JSON.stringify(value)} (an ISO 4217 code such as "USD")`);
      }
      // One ledger, one currency: switching would mix amounts in the journal (ADR 011).
      if (existingCurrency !== null && existingCurrency !== value) {
        return fail(
          `the ledger is kept in ${existingCurrency}; a ${value} file cannot be imported`,
        );
      }
      return ok(value);
    case 'timezone':
      if (typeof value !== 'string') return fail('must be a string');
      return isTimeZone(value)
        ? ok(value)
        : fail(
            `unknown time zone ${JSON.stringify(value)} (an IANA name such as "America/New_York")`,
          );
  }
}
