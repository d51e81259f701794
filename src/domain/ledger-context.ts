// What every preview needs from the sub-ledger besides open items: the currency, the chart of
// accounts (with the posting accounts resolved once) and the fiscal periods.
import type { WriteOffError } from './errors.ts';
import type { Account, AccountRole, Period, PostingAccounts, Result } from './types.ts';
import { err, ok } from './types.ts';

export interface LedgerContext {
  readonly currency: string;
  readonly accounts: readonly Account[];
  readonly periods: readonly Period[];
  readonly postingAccounts: PostingAccounts;
}

/**
 * docs/ar-file-format.md: the roles exactly one account holds (the posting accounts besides
 * write-off).
 */
export const SINGLE_ROLES = [
  'ar',
  'ar_retainage',
  'fc_receivable',
  'tax_payable',
  'fc_write_off',
] as const;

/**
 * docs/ar-file-format.md: one account per posting role, one or more write-off accounts with one
 * default.
 */
export function resolvePostingAccounts(
  accounts: readonly Account[],
): Result<PostingAccounts, WriteOffError[]> {
  const errors: WriteOffError[] = [];
  const single = (role: AccountRole): string => {
    const codes = accounts.filter((a) => a.role === role).map((a) => a.code);
    if (codes.length === 0) errors.push({ kind: 'missing_role', role });
    if (codes.length > 1) errors.push({ kind: 'duplicate_role', role, accounts: codes });
    return codes[0] ?? '';
  };
  const [ar, arRetainage, fcReceivable, taxPayable, fcWriteOff] = SINGLE_ROLES.map(single);
  const writeOffs = accounts.filter((a) => a.role === 'write_off');
  const defaults = writeOffs.filter((a) => a.isDefault).map((a) => a.code);
  if (writeOffs.length === 0) errors.push({ kind: 'missing_role', role: 'write_off' });
  else if (defaults.length === 0) errors.push({ kind: 'no_default_write_off' });
  if (defaults.length > 1) errors.push({ kind: 'multiple_default_write_off', accounts: defaults });
  if (errors.length > 0) return err(errors);
  return ok({
    ar: ar ?? '',
    arRetainage: arRetainage ?? '',
    fcReceivable: fcReceivable ?? '',
    taxPayable: taxPayable ?? '',
    fcWriteOff: fcWriteOff ?? '',
    defaultWriteOff: defaults[0] ?? '',
  });
}

/** The open period that starts first, for "use this instead" hints. */
export function earliestOpenPeriod(periods: readonly Period[]): Period | undefined {
  let earliest: Period | undefined;
  for (const period of periods) {
    if (period.closed) continue;
    if (earliest === undefined || period.start < earliest.start) earliest = period;
  }
  return earliest;
}

/** The named period if it exists and is open; otherwise an error naming the earliest open one. */
export function checkPeriod(
  periods: readonly Period[],
  name: string,
): Result<Period, WriteOffError> {
  const period = periods.find((p) => p.name === name);
  if (period !== undefined && !period.closed) return ok(period);
  const earliest = earliestOpenPeriod(periods);
  const hint = earliest === undefined ? {} : { earliestOpen: earliest.name };
  return err({
    kind: period === undefined ? 'unknown_period' : 'period_closed',
    period: name,
    ...hint,
  });
}

/**
 * The write-off account a request debits: the given code if it is a `write_off` account,
 * otherwise an error naming the field (and invoice, for the Line item method). No code means
 * the default write-off account.
 */
export function resolveWriteOffAccount(
  ctx: LedgerContext,
  code: string | undefined,
  field: string,
  invoice?: string,
): Result<string, WriteOffError> {
  if (code === undefined) return ok(ctx.postingAccounts.defaultWriteOff);
  const at = invoice === undefined ? {} : { invoice };
  const account = ctx.accounts.find((a) => a.code === code);
  if (account === undefined) return err({ kind: 'unknown_account', account: code, field, ...at });
  if (account.role !== 'write_off') {
    return err({
      kind: 'not_a_write_off_account',
      account: code,
      role: account.role,
      field,
      ...at,
    });
  }
  return ok(code);
}
