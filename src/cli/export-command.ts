// `writeoff export --period NAME [--format csv|json]`: the period's posted journal lines for
// the GL (ADR 035). One row per posting, traced to its invoice line / on-account item;
// amounts are plain decimals; CSV is RFC 4180 quoted. Reads only.
import { type Command, Option } from 'commander';
import { getPeriod, listPeriods } from '../db/repos/accounts.ts';
import { type ExportRow, iteratePeriodPostings } from '../db/repos/journal.ts';
import type { Store } from '../db/store.ts';
import { formatAmount } from '../domain/money.ts';
import { NO_REASON_CODE } from '../domain/policy.ts';
import { type CliIo, dbPath, fail, ledgerCurrency, openReadOnly, withDatabase } from './context.ts';

export const EXPORT_COLUMNS = [
  'entry_id',
  'reference',
  'kind',
  'request_id',
  'period',
  'date',
  'account',
  'debit',
  'credit',
  'customer',
  'invoice',
  'line',
  'on_account',
  // Appended last so consumers that read columns by position keep working.
  'reason',
] as const;

export function exportRecord(row: ExportRow): Record<(typeof EXPORT_COLUMNS)[number], string> {
  return {
    entry_id: String(row.entryId),
    reference: row.reference,
    kind: row.kind,
    request_id: row.requestId,
    period: row.period,
    date: row.entryOn,
    account: row.account,
    debit: formatAmount(row.debitMinor, row.currency),
    credit: formatAmount(row.creditMinor, row.currency),
    customer: row.customerId ?? '',
    invoice: row.invoiceNumber ?? '',
    line: row.line === null ? '' : String(row.line),
    on_account: row.onAccountId ?? '',
    reason: row.reasonCode ?? NO_REASON_CODE,
  };
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double inner quotes. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// An empty `--period ""` (an unset shell variable, most often) would read "Period  does not
// exist"; both cases name what to type instead.
function checkPeriodName(store: Store, period: string): void {
  const names = store.read((tx) =>
    getPeriod(tx, period) !== null ? null : listPeriods(tx).map((p) => p.name),
  );
  if (names === null) return;
  const latest = names.slice(-12);
  const more = names.length > latest.length ? '…, ' : '';
  const known = names.length === 0 ? '' : ` Periods: ${more}${latest.join(', ')}.`;
  if (period.trim() === '') fail(`--period is empty: give a period name such as 2026-06.${known}`);
  fail(`Period ${period} does not exist.${known}`);
}

export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('posted journal lines of a period, for the general ledger')
    .requiredOption('--period <name>', 'fiscal period')
    .addOption(
      new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'),
    )
    .option('--db <path>', 'database file')
    .action((options: { period: string; format: 'csv' | 'json'; db?: string }) => {
      withDatabase(openReadOnly(dbPath(io, options.db)), (store) => {
        const currency = ledgerCurrency(store);
        checkPeriodName(store, options.period);
        // Streamed inside one read transaction: the export is one consistent picture.
        store.read((tx) => {
          const rows = iteratePeriodPostings(tx, options.period);
          if (options.format === 'csv') {
            io.stdout(`${EXPORT_COLUMNS.join(',')}\r\n`);
            for (const row of rows) {
              const record = exportRecord(row);
              io.stdout(`${EXPORT_COLUMNS.map((c) => csvField(record[c])).join(',')}\r\n`);
            }
            return;
          }
          const lines = [...rows].map(exportRecord);
          io.stdout(`${JSON.stringify({ period: options.period, currency, lines }, null, 2)}\n`);
        });
      });
    });
}
