// The full detail of a preview or request as CSV, one row per written-off line (an on-account
// item is one row), in the order of the journal entry's postings. Amounts are plain decimals in
// the ledger currency so a spreadsheet sums them exactly as the preview does.
import { stringify } from 'csv-stringify/sync';
import { formatAmount } from '../domain/money.ts';
import type { Preview } from '../domain/types.ts';

export const CSV_HEADER = [
  'customer',
  'kind',
  'invoice',
  'line',
  'on_account',
  'amount',
  'tax',
  'retainage',
  'finance_charge',
  'account',
  'comment',
] as const;

export function previewCsv(
  preview: Pick<Preview, 'items' | 'currency'>,
  customerNames?: ReadonlyMap<string, string>,
): string {
  const amount = (minor: number) => formatAmount(minor, preview.currency);
  const header = customerNames === undefined ? [...CSV_HEADER] : ['customer_name', ...CSV_HEADER];
  const rows: string[][] = [header];
  const named = (customerId: string, row: string[]) =>
    customerNames === undefined ? row : [customerNames.get(customerId) ?? '', ...row];
  for (const item of preview.items) {
    if (item.kind === 'on_account') {
      rows.push(
        named(item.customerId, [
          item.customerId,
          'on_account',
          '',
          '',
          item.onAccountId,
          amount(item.totalMinor),
          amount(0),
          amount(0),
          amount(0),
          item.account,
          item.comment ?? '',
        ]),
      );
      continue;
    }
    for (const line of item.lines) {
      rows.push(
        named(item.customerId, [
          item.customerId,
          'invoice',
          item.invoice,
          String(line.line),
          '',
          amount(line.amountMinor),
          amount(line.taxMinor),
          amount(line.retainageMinor),
          amount(line.financeChargeMinor),
          line.account,
          line.comment ?? '',
        ]),
      );
    }
  }
  // Spreadsheet formula injection: a cell starting with = + - @ is data here, never a formula.
  // Amounts are the exception (a leading minus is the sign), so only text columns are guarded.
  return stringify(rows, { cast: { string: guardFormula } });
}

function guardFormula(value: string): string {
  if (/^-?\d+(\.\d+)?$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
