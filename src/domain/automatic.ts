// Automatic write-off (docs/write-off-rules.md#automatic-write-off): criteria are validated once,
// then customers stream through one at a time (the caller may read them lazily from SQLite), and
// each customer's candidates go through the calculation of the run's type.

import {
  writeOffByAccountBalance,
  writeOffByFinanceCharge,
  writeOffByInvoiceBalance,
} from './auto-calculators.ts';
import { candidateInvoices, candidateOnAccount, inRange } from './auto-candidates.ts';
import type {
  AutoCriteria,
  AutoCriteriaInput,
  AutoRule,
  CustomerOpenItems,
} from './auto-criteria.ts';
import { isIsoDate } from './dates.ts';
import type { WriteOffError } from './errors.ts';
import type { LedgerContext } from './ledger-context.ts';
import { checkPeriod, resolveWriteOffAccount } from './ledger-context.ts';
import { parseAmount, parsePercent } from './money.ts';
import type { ItemSink } from './preview.ts';
import { createPreviewBuilder, invoiceItem } from './preview.ts';
import type { InvoiceAmounts, OnAccountItem, Preview, Result, WriteOffLine } from './types.ts';
import { err, ok } from './types.ts';

export type {
  AutoCriteria,
  AutoCriteriaInput,
  AutoRule,
  AutoType,
  CustomerOpenItems,
  FcPercentOption,
  TextRange,
} from './auto-criteria.ts';
export { olderThanFromDays } from './dates.ts';

const AUTO_TYPES: readonly string[] = ['finance-charge', 'invoice-balance', 'account-balance'];

/** Checks every input and returns all problems at once, or the validated criteria. */
export function validateAutoCriteria(
  input: AutoCriteriaInput,
  ctx: LedgerContext,
): Result<AutoCriteria, WriteOffError[]> {
  const errors: WriteOffError[] = [];
  if (!AUTO_TYPES.includes(input.type)) {
    return err([{ kind: 'unknown_type', type: input.type }]);
  }
  const rule = parseRule(input, ctx.currency, errors);
  checkDates(input, errors);
  for (const field of ['customers', 'invoices'] as const) {
    const range = input[field];
    if (range !== undefined && range.from > range.to) {
      errors.push({ kind: 'invalid_range', field, from: range.from, to: range.to });
    }
  }
  const period = checkPeriod(ctx.periods, input.period);
  if (!period.ok) errors.push(period.error);
  const account = resolveRunAccount(input, ctx, errors);
  if (errors.length > 0 || rule === undefined) return err(errors);
  return ok({
    type: input.type,
    rule,
    valueText: input.value,
    olderThan: input.olderThan,
    ...(input.startDate === undefined ? {} : { startDate: input.startDate }),
    ...(input.customers === undefined ? {} : { customers: input.customers }),
    ...(input.invoices === undefined ? {} : { invoices: input.invoices }),
    period: input.period,
    date: input.date,
    account,
  });
}

function parseRule(
  input: AutoCriteriaInput,
  currency: string,
  errors: WriteOffError[],
): AutoRule | undefined {
  if (input.type !== 'finance-charge') {
    if (input.fcPercent !== undefined) {
      errors.push({ kind: 'percent_option_not_allowed', type: input.type });
    }
    const amount = parseValue(input.value, currency, errors);
    return amount === undefined ? undefined : { type: input.type, limitMinor: Math.abs(amount) };
  }
  if (input.fcPercent !== undefined) {
    const percent = parsePercent(input.value);
    if (!percent.ok) {
      errors.push({ kind: 'invalid_percent', text: input.value });
      return undefined;
    }
    return { type: 'finance-charge', fc: { kind: input.fcPercent, percent: percent.value } };
  }
  const valueMinor = parseValue(input.value, currency, errors);
  if (valueMinor === undefined) return undefined;
  if (valueMinor < 0) {
    errors.push({ kind: 'negative_value', text: input.value });
    return undefined;
  }
  return { type: 'finance-charge', fc: { kind: 'amount', valueMinor } };
}

function parseValue(text: string, currency: string, errors: WriteOffError[]): number | undefined {
  const parsed = parseAmount(text, currency);
  if (parsed.ok) return parsed.value;
  const { problem, decimals } = parsed.error;
  errors.push({ kind: 'invalid_amount', field: 'value', text, problem, decimals });
  return undefined;
}

function checkDates(input: AutoCriteriaInput, errors: WriteOffError[]): void {
  const dates: [string, string | undefined][] = [
    ['olderThan', input.olderThan],
    ['startDate', input.startDate],
    ['date', input.date],
  ];
  for (const [field, text] of dates) {
    if (text !== undefined && !isIsoDate(text)) errors.push({ kind: 'invalid_date', field, text });
  }
  const { startDate, olderThan } = input;
  if (startDate !== undefined && isIsoDate(startDate) && isIsoDate(olderThan)) {
    if (startDate >= olderThan) errors.push({ kind: 'empty_date_window', startDate, olderThan });
  }
}

// Finance-charge write-offs always debit the FC write-off account (ADR 003): naming another
// account is an error rather than silently ignored or silently reclassifying the expense.
function resolveRunAccount(
  input: AutoCriteriaInput,
  ctx: LedgerContext,
  errors: WriteOffError[],
): string {
  const fcAccount = ctx.postingAccounts.fcWriteOff;
  if (input.type === 'finance-charge') {
    if (input.account !== undefined && input.account !== fcAccount) {
      errors.push({ kind: 'account_not_allowed', account: input.account, fcAccount });
    }
    return fcAccount;
  }
  const account = resolveWriteOffAccount(ctx, input.account, 'account');
  if (!account.ok) errors.push(account.error);
  return account.ok ? account.value : '';
}

/**
 * Runs the criteria over `customers` one at a time (never materialising them all) and returns
 * the preview. `pendingElsewhere(invoice)` gives the id of a pending request holding it.
 */
export function previewAutomatic(
  criteria: AutoCriteria,
  ctx: LedgerContext,
  customers: Iterable<CustomerOpenItems>,
  pendingElsewhere: (invoice: string) => string | undefined,
): Preview {
  const builder = createPreviewBuilder(
    { mode: criteria.type, currency: ctx.currency, period: criteria.period, date: criteria.date },
    ctx.postingAccounts,
  );
  runAutomatic(criteria, customers, pendingElsewhere, builder);
  return builder.build();
}

/**
 * The run itself: every item and skip goes to `sink` as it is decided, customer by customer in
 * the order `customers` come (a preview builder sorts them; a streaming sink relies on it).
 */
export function runAutomatic(
  criteria: AutoCriteria,
  customers: Iterable<CustomerOpenItems>,
  pendingElsewhere: (invoice: string) => string | undefined,
  sink: ItemSink,
): void {
  for (const customer of customers) {
    if (!inRange(customer.customerId, criteria.customers)) continue;
    const invoices = candidateInvoices(customer, criteria);
    if (criteria.rule.type === 'account-balance') {
      const onAccount = candidateOnAccount(customer, criteria);
      addAccountBalance(
        criteria,
        criteria.rule.limitMinor,
        invoices,
        onAccount,
        pendingElsewhere,
        sink,
      );
    } else {
      addPerInvoice(criteria, criteria.rule, invoices, pendingElsewhere, sink);
    }
  }
}

function addPerInvoice(
  criteria: AutoCriteria,
  rule: Exclude<AutoRule, { type: 'account-balance' }>,
  invoices: readonly InvoiceAmounts[],
  pendingElsewhere: (invoice: string) => string | undefined,
  builder: ItemSink,
): void {
  for (const invoice of invoices) {
    const { customerId, number } = invoice;
    let lines: readonly WriteOffLine[] | undefined;
    if (rule.type === 'finance-charge') {
      const outcome = writeOffByFinanceCharge(invoice, rule.fc, criteria.account);
      if (outcome.kind === 'polarity') {
        builder.addSkipped({ customerId, invoice: number, reason: 'polarity' });
        continue;
      }
      lines = outcome.lines;
    } else {
      lines = writeOffByInvoiceBalance(invoice, rule.limitMinor, criteria.account);
    }
    const item = lines === undefined ? undefined : invoiceItem(customerId, number, lines);
    if (item === undefined) continue;
    // Only an invoice that would be written off is reported as held elsewhere.
    const requestId = pendingElsewhere(number);
    if (requestId === undefined) builder.addItem(item);
    else
      builder.addSkipped({ customerId, invoice: number, reason: 'pending_elsewhere', requestId });
  }
}

// Writing off all but a held invoice would not write off the account's net balance, so a
// qualifying customer with an invoice pending elsewhere is skipped whole (ADR 005).
function addAccountBalance(
  criteria: AutoCriteria,
  limitMinor: number,
  invoices: readonly InvoiceAmounts[],
  onAccount: readonly OnAccountItem[],
  pendingElsewhere: (invoice: string) => string | undefined,
  builder: ItemSink,
): void {
  const items = writeOffByAccountBalance(invoices, onAccount, limitMinor, criteria.account);
  if (items.length === 0) return;
  let held = false;
  for (const invoice of invoices) {
    const requestId = pendingElsewhere(invoice.number);
    if (requestId === undefined) continue;
    held = true;
    builder.addSkipped({
      customerId: invoice.customerId,
      invoice: invoice.number,
      reason: 'pending_elsewhere',
      requestId,
    });
  }
  if (!held) for (const item of items) builder.addItem(item);
}
