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

type CsvPreview = Pick<Preview, 'items' | 'currency'>;

export function previewCsv(
  preview: CsvPreview,
  customerNames?: ReadonlyMap<string, string>,
): string {
  return stringify([...csvRows(preview, customerNames)], STRINGIFY_OPTIONS);
}

/**
 * The same CSV as UTF-8 bytes, made a slice of rows at a time: a run over the whole ledger has
 * hundreds of thousands of lines, and their text is never held as one string or one array.
 */
export function previewCsvBytes(
  preview: CsvPreview,
  customerNames?: ReadonlyMap<string, string>,
): Buffer {
  const chunks: Buffer[] = [];
  let rows: string[][] = [];
  const flush = () => {
    chunks.push(Buffer.from(stringify(rows, STRINGIFY_OPTIONS), 'utf8'));
    rows = [];
  };
  for (const row of csvRows(preview, customerNames)) {
    rows.push(row);
    if (rows.length === ROWS_PER_CHUNK) flush();
  }
  if (rows.length > 0) flush();
  return Buffer.concat(chunks);
}

const ROWS_PER_CHUNK = 2_000;

// Spreadsheet formula injection: a cell starting with = + - @ is data here, never a formula.
// Amounts are the exception (a leading minus is the sign), so only text columns are guarded.
const STRINGIFY_OPTIONS = { cast: { string: guardFormula } };

function* csvRows(
  preview: CsvPreview,
  customerNames: ReadonlyMap<string, string> | undefined,
): Generator<string[]> {
  const amount = (minor: number) => formatAmount(minor, preview.currency);
  yield customerNames === undefined ? [...CSV_HEADER] : ['customer_name', ...CSV_HEADER];
  const named = (customerId: string, row: string[]) =>
    customerNames === undefined ? row : [customerNames.get(customerId) ?? '', ...row];
  for (const item of preview.items) {
    if (item.kind === 'on_account') {
      yield named(item.customerId, [
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
      ]);
      continue;
    }
    for (const line of item.lines) {
      yield named(item.customerId, [
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
      ]);
    }
  }
}

function guardFormula(value: string): string {
  if (/^-?\d+(\.\d+)?$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
