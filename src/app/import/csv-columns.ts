// The columns of the CSV form of the A/R file (docs/ar-file-format.md, "CSV") and how one row's
// cells become a line of the JSON file's invoice.
import type { ArFileLineV1 } from './ar-file-schema.ts';

export const CSV_COLUMNS = [
  'type',
  'customer',
  'customer_name',
  'invoice',
  'date',
  'due_date',
  'line',
  'description',
  'due',
  'tax',
  'retainage',
  'finance_charge',
  'item',
  'amount',
  'currency',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const ALWAYS: readonly CsvColumn[] = ['customer', 'customer_name', 'date'];
export const INVOICE_ONLY: readonly CsvColumn[] = [
  'invoice',
  'due_date',
  'line',
  'description',
  'due',
  'tax',
  'retainage',
  'finance_charge',
];
export const INVOICE_NEEDS: readonly CsvColumn[] = ['invoice', 'due_date', 'line', 'due'];
export const ON_ACCOUNT_ONLY: readonly CsvColumn[] = ['item', 'amount'];

/**
 * Which row each element handed to the visitor came from. A row is the file line it starts on
 * (the header is row 1). Line `i` of invoice `k` is at `lineRows[invoices[k] + i]`.
 */
export interface CsvRows {
  readonly invoices: number[];
  readonly lineRows: number[];
  readonly onAccount: number[];
  readonly customers: number[];
}

export type Cells = (column: CsvColumn) => string;

/** One invoice line as the JSON file writes it; an empty optional cell is left out. */
export function lineOf(cells: Cells): Partial<ArFileLineV1> {
  const lineText = cells('line');
  const line: Record<string, unknown> = {
    line: /^\d{1,9}$/.test(lineText) ? Number(lineText) : lineText === '' ? undefined : lineText,
    due: cells('due'),
  };
  const optional = [
    ['description', 'description'],
    ['tax', 'tax'],
    ['retainage', 'retainage'],
    ['finance_charge', 'financeCharge'],
  ] as const;
  for (const [column, key] of optional) {
    const value = cells(column);
    if (value !== '') line[key] = value;
  }
  return line as Partial<ArFileLineV1>;
}
