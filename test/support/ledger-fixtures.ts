// Builders for domain tests: the docs/ar-file-format.md chart of accounts, periods, and terse
// invoice / on-account constructors taking integer minor units.

import type { LedgerContext } from '../../src/domain/ledger-context.ts';
import { resolvePostingAccounts } from '../../src/domain/ledger-context.ts';
import type {
  Account,
  Invoice,
  InvoiceLine,
  OnAccountItem,
  Period,
} from '../../src/domain/types.ts';

export const ACCOUNTS: readonly Account[] = [
  { code: '1200', name: 'Accounts receivable', role: 'ar', isDefault: false },
  { code: '1210', name: 'A/R retainage', role: 'ar_retainage', isDefault: false },
  { code: '1250', name: 'Finance charges receivable', role: 'fc_receivable', isDefault: false },
  { code: '2200', name: 'Sales tax payable', role: 'tax_payable', isDefault: false },
  { code: '7100', name: 'Bad debt expense', role: 'write_off', isDefault: true },
  { code: '7150', name: 'Finance charge write-off', role: 'fc_write_off', isDefault: false },
  { code: '7160', name: 'Small balance write-off', role: 'write_off', isDefault: false },
];

export const PERIODS: readonly Period[] = [
  { name: '2026-05', start: '2026-05-01', end: '2026-05-31', closed: true },
  { name: '2026-06', start: '2026-06-01', end: '2026-06-30', closed: false },
  { name: '2026-07', start: '2026-07-01', end: '2026-07-31', closed: false },
];

export function ledger(currency = 'USD'): LedgerContext {
  const posting = resolvePostingAccounts(ACCOUNTS);
  if (!posting.ok) throw new Error('fixture chart of accounts is invalid');
  return { currency, accounts: ACCOUNTS, periods: PERIODS, postingAccounts: posting.value };
}

/** `[due, tax, retainage, financeCharge]` in minor units, line numbers 1, 2, … */
export type LineSpec = readonly [number, number?, number?, number?];

export function lines(...specs: readonly LineSpec[]): InvoiceLine[] {
  return specs.map(([due, tax = 0, retainage = 0, financeCharge = 0], i) => ({
    line: i + 1,
    description: `line ${i + 1}`,
    dueMinor: due,
    taxMinor: tax,
    retainageMinor: retainage,
    financeChargeMinor: financeCharge,
  }));
}

export function invoice(
  number: string,
  specs: readonly LineSpec[],
  options: { customerId?: string; date?: string } = {},
): Invoice {
  return {
    number,
    customerId: options.customerId ?? 'C100',
    date: options.date ?? '2026-03-01',
    dueDate: '2026-03-31',
    lines: lines(...specs),
  };
}

export function onAccount(
  id: string,
  amountMinor: number,
  options: { customerId?: string; date?: string } = {},
): OnAccountItem {
  return {
    id,
    customerId: options.customerId ?? 'C100',
    date: options.date ?? '2026-03-05',
    amountMinor,
  };
}
