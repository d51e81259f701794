// The per-invoice and per-customer calculations of an automatic write-off
// (docs/write-off-rules.md#automatic-write-off). Each takes candidates that already passed the date
// window and ranges, and says what to write off.
import { byLine, openBalance, sortedLines } from './allocation.ts';
import type { Percent } from './money.ts';
import { percentOfAbs } from './money.ts';
import type {
  InvoiceAmounts,
  LineAmounts,
  OnAccountItem,
  WriteOffItem,
  WriteOffLine,
} from './types.ts';

/**
 * How a finance-charge run sizes each invoice's write-off
 * (docs/write-off-rules.md#finance-charge-mode).
 */
export type FcMethod =
  /** Value 0: every line its cap. Value X > 0: X per invoice, poured from line 1. */
  | { readonly kind: 'amount'; readonly valueMinor: number }
  /** "FC By (%), Apply to All Lines". */
  | { readonly kind: 'all-lines'; readonly percent: Percent }
  /** "FC By (%), Amt Applied Starting at Line 1". */
  | { readonly kind: 'from-line-1'; readonly percent: Percent };

export type FcOutcome =
  | { readonly kind: 'polarity' }
  | { readonly kind: 'lines'; readonly lines: readonly WriteOffLine[] };

/** Amount due less retainage. */
export function dueLessRetainage(line: LineAmounts): number {
  return line.dueMinor - line.retainageMinor;
}

/**
 * `cap_i = min(|fc_i|, |d_i|)` signed like `fc_i`; 0 when either is 0 or they have opposite
 * signs, so a finance-charge write-off never exceeds the line's amount due less retainage.
 */
export function financeChargeCap(line: LineAmounts): number {
  const fc = line.financeChargeMinor;
  const d = dueLessRetainage(line);
  if (fc === 0 || d === 0 || Math.sign(fc) !== Math.sign(d)) return 0;
  return Math.sign(fc) * Math.min(Math.abs(fc), Math.abs(d));
}

/** Pours the magnitude `wMinor` over the caps from the first onward; later lines untouched. */
export function pour(capsMinor: readonly number[], wMinor: number): number[] {
  let leftMinor = wMinor;
  return capsMinor.map((cap) => {
    const takeMinor = Math.min(Math.abs(cap), leftMinor);
    leftMinor -= takeMinor;
    return Math.sign(cap) * takeMinor + 0;
  });
}

/**
 * True when the invoice's total FC and total amount due less retainage have opposite signs.
 * Lines left out unread carry no FC; their due less retainage still counts.
 */
export function hasPolarityConflict(invoice: InvoiceAmounts): boolean {
  const leftOut = invoice.linesLeftOut;
  let fcMinor = 0;
  let dMinor = leftOut === undefined ? 0 : leftOut.dueMinor - leftOut.retainageMinor;
  for (const line of invoice.lines) {
    fcMinor += line.financeChargeMinor;
    dMinor += dueLessRetainage(line);
  }
  return Math.sign(fcMinor) * Math.sign(dMinor) < 0;
}

/** The signed finance charge to write off on each line, in line order. */
export function financeChargeAmounts(lines: readonly LineAmounts[], method: FcMethod): number[] {
  const caps = lines.map(financeChargeCap);
  const capTotalMinor = caps.reduce((sum, cap) => sum + Math.abs(cap), 0);
  switch (method.kind) {
    case 'amount':
      return method.valueMinor === 0
        ? caps
        : pour(caps, Math.min(method.valueMinor, capTotalMinor));
    case 'all-lines':
      return lines.map((line, i) => {
        const cap = caps[i] ?? 0;
        const shareMinor = percentOfAbs(line.financeChargeMinor, method.percent);
        return Math.sign(cap) * Math.min(shareMinor, Math.abs(cap)) + 0;
      });
    case 'from-line-1': {
      const fcTotalMinor = lines.reduce((sum, line) => sum + line.financeChargeMinor, 0);
      const wMinor = Math.min(percentOfAbs(fcTotalMinor, method.percent), capTotalMinor);
      return pour(caps, wMinor);
    }
  }
}

/**
 * docs/write-off-rules.md#finance-charge-mode for one invoice. Lines carry only finance charge;
 * zero lines are left out.
 */
export function writeOffByFinanceCharge(
  invoice: InvoiceAmounts,
  method: FcMethod,
  account: string,
): FcOutcome {
  if (hasPolarityConflict(invoice)) return { kind: 'polarity' };
  const lines = byLine(invoice.lines);
  const amounts = financeChargeAmounts(lines, method);
  const written: WriteOffLine[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as LineAmounts;
    const amountMinor = amounts[i] ?? 0;
    if (amountMinor === 0) continue;
    written.push({
      line: line.line,
      amountMinor,
      taxMinor: 0,
      retainageMinor: 0,
      financeChargeMinor: amountMinor,
      account,
    });
  }
  return { kind: 'lines', lines: written };
}

/**
 * Every non-zero line of the invoice in full, all parts: `fullShares` without its zero shares,
 * each with the account, built in one pass (a whole-ledger run writes off 100k+ lines).
 */
export function fullLines(invoice: InvoiceAmounts, account: string): WriteOffLine[] {
  const written: WriteOffLine[] = [];
  for (const line of sortedLines(invoice)) {
    if (line.dueMinor === 0) continue;
    written.push({
      line: line.line,
      amountMinor: line.dueMinor,
      taxMinor: line.taxMinor,
      retainageMinor: line.retainageMinor,
      financeChargeMinor: line.financeChargeMinor,
      account,
    });
  }
  return written;
}

/**
 * docs/write-off-rules.md#invoice-balance-mode: the invoice qualifies when `D = Σ due` (retainage
 * included) is non-zero and
 * `|D| ≤ limitMinor` (the absolute value of the run's value). Undefined when it does not.
 */
export function writeOffByInvoiceBalance(
  invoice: InvoiceAmounts,
  limitMinor: number,
  account: string,
): WriteOffLine[] | undefined {
  const dMinor = openBalance(invoice);
  if (dMinor === 0 || Math.abs(dMinor) > limitMinor) return undefined;
  return fullLines(invoice, account);
}

/**
 * docs/write-off-rules.md#account-balance-mode for one customer's candidates (invoices and
 * on-account items inside the window): everything in full when `|Σ| ≤ limitMinor` and some
 * candidate is non-zero, else nothing.
 */
export function writeOffByAccountBalance(
  invoices: readonly InvoiceAmounts[],
  onAccount: readonly OnAccountItem[],
  limitMinor: number,
  account: string,
): WriteOffItem[] {
  const balances = invoices.map(openBalance);
  const netMinor =
    balances.reduce((sum, b) => sum + b, 0) + onAccount.reduce((sum, o) => sum + o.amountMinor, 0);
  const anyNonZero = balances.some((b) => b !== 0) || onAccount.some((o) => o.amountMinor !== 0);
  if (!anyNonZero || Math.abs(netMinor) > limitMinor) return [];
  const items: WriteOffItem[] = [];
  invoices.forEach((invoice, i) => {
    const lines = fullLines(invoice, account);
    if (lines.length === 0) return;
    const totalMinor = balances[i] ?? 0;
    items.push({
      kind: 'invoice',
      customerId: invoice.customerId,
      invoice: invoice.number,
      totalMinor,
      lines,
    });
  });
  for (const item of onAccount) {
    if (item.amountMinor === 0) continue;
    items.push({
      kind: 'on_account',
      customerId: item.customerId,
      onAccountId: item.id,
      totalMinor: item.amountMinor,
      account,
    });
  }
  return items;
}
