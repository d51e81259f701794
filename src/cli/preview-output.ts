// How `manual` and `auto` print a preview: the docs/cli.md JSON (a contract, via previewToJson)
// with --json, otherwise a table for people.
import type { AppDeps } from '../app/deps.ts';
import type { PreviewResult } from '../app/preview-write-off.ts';
import { previewGrossMinor } from '../domain/approval-limit.ts';
import { formatAmount } from '../domain/money.ts';
import { previewToJson } from '../domain/preview.ts';
import type { AppError } from '../domain/request-errors.ts';
import type { Preview, Result } from '../domain/types.ts';
import {
  type CliIo,
  companyToday,
  dbPath,
  failWith,
  ledgerCurrency,
  openReadOnly,
  withDatabase,
} from './context.ts';

/**
 * Runs a preview use-case on the existing database (`today` in the company time zone, for a
 * default write-off date) and prints the preview, or fails with the use-case's problems.
 */
export function printPreview(
  io: CliIo,
  options: { readonly json?: boolean; readonly db?: string },
  run: (deps: AppDeps, today: string) => Result<PreviewResult, AppError>,
): void {
  withDatabase(openReadOnly(dbPath(io, options.db)), (store) => {
    const currency = ledgerCurrency(store);
    const result = run({ store, now: io.now }, companyToday(store, io.now()));
    if (!result.ok) failWith(result.error, currency);
    const { preview } = result.value;
    io.stdout(options.json ? previewJsonText(preview) : previewTableText(preview));
  });
}

export function previewJsonText(preview: Preview): string {
  return `${JSON.stringify(previewToJson(preview), null, 2)}\n`;
}

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          rightAligned.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

// Approver limits cover the gross amount (ADR 100): shown beside the net total where it differs.
// Text only; the --json preview keeps its shape.
function totalText(preview: Preview): string {
  const gross = previewGrossMinor(preview.items);
  const net = formatAmount(preview.totalMinor, preview.currency);
  return gross === preview.totalMinor
    ? net
    : `${net} net, ${formatAmount(gross, preview.currency)} gross,`;
}

export function previewTableText(preview: Preview): string {
  const amount = (minor: number) => formatAmount(minor, preview.currency);
  const out: string[] = [
    `${preview.mode} write-off, period ${preview.period}, date ${preview.date}, ${preview.currency}`,
    `Total ${totalText(preview)} in ${preview.items.length} item(s)`,
    '',
  ];
  const rows: string[][] = [
    ['customer', 'item', 'line', 'amount', 'tax', 'retainage', 'fc', 'account'],
  ];
  for (const item of preview.items) {
    if (item.kind === 'on_account') {
      rows.push([
        item.customerId,
        `on-account ${item.onAccountId}`,
        '',
        amount(item.totalMinor),
        '',
        '',
        '',
        item.account,
      ]);
      continue;
    }
    for (const line of item.lines) {
      rows.push([
        item.customerId,
        `invoice ${item.invoice}`,
        String(line.line),
        amount(line.amountMinor),
        amount(line.taxMinor),
        amount(line.retainageMinor),
        amount(line.financeChargeMinor),
        line.account,
      ]);
    }
  }
  out.push(table(rows, new Set([2, 3, 4, 5, 6])), '', 'Journal entry');
  const journal = [
    ['account', 'debit', 'credit'],
    ...preview.journal.map((r) => [r.account, amount(r.debitMinor), amount(r.creditMinor)]),
  ];
  out.push(table(journal, new Set([1, 2])));
  if (preview.skipped.length > 0) {
    out.push('', 'Skipped');
    for (const s of preview.skipped) {
      const holder = s.requestId === undefined ? '' : ` (${s.requestId})`;
      out.push(`  ${s.customerId} invoice ${s.invoice}: ${s.reason}${holder}`);
    }
  }
  return `${out.join('\n')}\n`;
}
