// The full report attached to a manager's digest: every line posted in the week, as CSV
// (RFC 4180 quoting; amounts as plain decimals in the ledger currency, like the GL export).
import { iteratePostedLines } from '../db/repos/digest.ts';
import { formatInstant } from '../domain/digest.ts';
import type { IsoWeek } from '../domain/digest-week.ts';
import { weekBounds } from '../domain/digest-week.ts';
import { formatAmount } from '../domain/money.ts';
import type { AppDeps } from './deps.ts';

export const REPORT_COLUMNS = [
  'request_id',
  'posted_at',
  'write_off_date',
  'requester',
  'customer',
  'customer_name',
  'invoice',
  'line',
  'on_account',
  'item_date',
  'amount',
  'tax',
  'retainage',
  'finance_charge',
  'account',
] as const;

function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function digestReportCsv(
  deps: AppDeps,
  input: { readonly week: IsoWeek; readonly timezone: string; readonly currency: string },
): string {
  const money = (minor: number) => formatAmount(minor, input.currency);
  const out = [REPORT_COLUMNS.join(',')];
  // The rows stream from one read transaction; the CSV is complete before it ends.
  deps.store.read((tx) => {
    for (const r of iteratePostedLines(tx, weekBounds(input.week, input.timezone))) {
      out.push(
        [
          r.requestId,
          formatInstant(r.postedAtMs),
          r.writeOffOn,
          r.requester,
          r.customerId,
          r.customerName,
          r.invoice ?? '',
          r.line === null ? '' : String(r.line),
          r.onAccount ?? '',
          r.itemOn ?? '',
          money(r.amountMinor),
          money(r.taxMinor),
          money(r.retainageMinor),
          money(r.financeChargeMinor),
          r.account,
        ]
          .map(field)
          .join(','),
      );
    }
  });
  return `${out.join('\r\n')}\r\n`;
}
