// The full detail of a preview or request as CSV, one row per written-off line (an on-account
// item is one row), in the order of the journal entry's postings. Amounts are plain decimals in
// the ledger currency so a spreadsheet sums them exactly as the preview does.
import { stringify } from 'csv-stringify/sync';
import { formatAmount } from '../domain/money.ts';
import type { Preview, WriteOffItem } from '../domain/types.ts';

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
  const writer = createCsvWriter(preview.currency, customerNames);
  for (const item of preview.items) writer.add(item);
  return writer.bytes();
}

/** previewCsvBytes fed one item at a time (in the preview's order). */
export function createCsvWriter(
  currency: string,
  customerNames?: ReadonlyMap<string, string>,
): { add(item: WriteOffItem): void; bytes(): Buffer } {
  const chunks: Buffer[] = [];
  let rows: string[][] = [headerRow(customerNames)];
  const flush = () => {
    chunks.push(Buffer.from(stringify(rows, STRINGIFY_OPTIONS), 'utf8'));
    rows = [];
  };
  return {
    add(item) {
      for (const row of itemRows(item, currency, customerNames)) rows.push(row);
      if (rows.length >= ROWS_PER_CHUNK) flush();
    },
    bytes() {
      if (rows.length > 0) flush();
      return Buffer.concat(chunks);
    },
  };
}

const ROWS_PER_CHUNK = 2_000;

// Spreadsheet formula injection: a cell starting with = + - @ is data here, never a formula.
// Amounts are the exception (a leading minus is the sign), so only text columns are guarded.
const STRINGIFY_OPTIONS = { cast: { string: guardFormula } };

function headerRow(customerNames: ReadonlyMap<string, string> | undefined): string[] {
  return customerNames === undefined ? [...CSV_HEADER] : ['customer_name', ...CSV_HEADER];
}

function* csvRows(
  preview: CsvPreview,
  customerNames: ReadonlyMap<string, string> | undefined,
): Generator<string[]> {
  yield headerRow(customerNames);
  for (const item of preview.items) yield* itemRows(item, preview.currency, customerNames);
}

function itemRows(
  item: WriteOffItem,
  currency: string,
  customerNames: ReadonlyMap<string, string> | undefined,
): string[][] {
  const amount = (minor: number) => formatAmount(minor, currency);
  const named = (row: string[]) =>
    customerNames === undefined ? row : [customerNames.get(item.customerId) ?? '', ...row];
  if (item.kind === 'on_account') {
    return [
      named([
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
    ];
  }
  return item.lines.map((line) =>
    named([
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

function guardFormula(value: string): string {
  if (/^-?\d+(\.\d+)?$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
