// The CSV form of the A/R file (docs/ar-file-format.md, "CSV"; ADR 135): one row per invoice
// line plus optional on-account rows. It carries the open items and their customers only; the
// version, currency, time zone, chart of accounts and periods come from the ledger as the last
// import left them. The rows are turned into the JSON file's elements and handed to the same
// visitor, so a CSV file is checked by exactly the JSON import's rules; `CsvRows` remembers
// which row each element came from so every problem can be named by row and column.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse/sync';
import { listAccounts, listPeriods } from '../../db/accounts.repo.ts';
import type { Tx } from '../../db/client.ts';
import { getLedgerSettings } from '../../db/settings.repo.ts';
import type { Account, Period } from '../../domain/types.ts';
import type { ArFileLineV1 } from './ar-file-schema.ts';
import {
  ALWAYS,
  type Cells,
  CSV_COLUMNS,
  type CsvColumn,
  type CsvRows,
  INVOICE_NEEDS,
  INVOICE_ONLY,
  lineOf,
  ON_ACCOUNT_ONLY,
} from './csv-columns.ts';
import type { RootVisitor } from './json-stream.ts';

/** The ledger a CSV file is imported into: what the last JSON import set. */
export interface CsvLedger {
  readonly currency: string;
  readonly timezone: string;
  readonly accounts: readonly Account[];
  readonly periods: readonly Period[];
}

/** The ledger as the last import left it; a CSV file cannot start a ledger (ADR 135). */
export function readCsvLedger(tx: Tx): CsvLedger {
  const settings = getLedgerSettings(tx);
  const accounts = listAccounts(tx);
  if (settings === null || accounts.length === 0) {
    throw new CsvFileError(
      'a CSV file carries open items only, and this ledger has no chart of accounts and periods yet: import them first from a JSON file (docs/ar-file-format.md, "CSV")',
    );
  }
  return { ...settings, accounts, periods: listPeriods(tx) };
}

/** The whole file is refused before any row is looked at (not CSV, no header, no ledger). */
export class CsvFileError extends Error {}

interface InvoiceGroup {
  readonly number: string;
  readonly row: number;
  readonly customer: string;
  readonly date: string;
  readonly dueDate: string;
  readonly lines: Partial<ArFileLineV1>[];
  readonly lineRows: number[];
  /** A second run of rows of an invoice seen before: reported, not imported. */
  readonly skipped: boolean;
}

/** Reads the CSV at `path` and feeds it to `visitor` as the JSON file's elements. */
/** Rows between two progress reports: often enough for a bar, rare enough to cost nothing. */
const PROGRESS_EVERY_ROWS = 2_000;

/**
 * Reads the CSV at `path` and feeds it to `visitor` as the JSON file's elements; `onProgress`
 * hears how many bytes are done now and then, and the file's size at the end.
 */
export function feedCsvFile(
  path: string,
  ledger: CsvLedger,
  visitor: RootVisitor,
  onProgress?: (readBytes: number) => void,
): CsvRows {
  const bytes = readFileSync(path);
  if (!isUtf8(bytes)) throw new CsvFileError('the file is not valid UTF-8 text');
  const reader = new CsvReader(ledger, visitor);
  reader.start();
  let records = 0;
  try {
    parse(bytes, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      // Each record is handled here and dropped (null), so no list of rows is built.
      on_record: (record: string[], context: { lines: number; bytes: number }) => {
        const newlines = record.reduce((n, cell) => n + cell.split('\n').length - 1, 0);
        reader.record(record, context.lines - newlines);
        records += 1;
        if (onProgress !== undefined && records % PROGRESS_EVERY_ROWS === 0) {
          onProgress(context.bytes);
        }
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw new CsvFileError(csvErrorText(error));
    throw error;
  }
  onProgress?.(bytes.length);
  return reader.end();
}

function csvErrorText(error: CsvError): string {
  const line = (error as CsvError & { lines?: number }).lines;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return `not valid CSV: a quoted cell is never closed (the file ends inside quotes, line ${line})`;
  }
  return `not valid CSV at line ${line}: ${error.message}`;
}

class CsvReader {
  private header: Map<CsvColumn, number> | undefined;
  private headerWidth = 0;
  private readonly rows: CsvRows = { invoices: [], lineRows: [], onAccount: [], customers: [] };
  private readonly customers = new Map<string, { name: string; row: number }>();
  private readonly invoiceStarts = new Map<string, number>();
  private readonly missingReported = new Set<CsvColumn>();
  private group: InvoiceGroup | undefined;

  constructor(
    private readonly ledger: CsvLedger,
    private readonly visitor: RootVisitor,
  ) {}

  /** The scalars and the ledger's own chart and periods, then the open-item arrays begin. */
  start(): void {
    const v = this.visitor;
    v.member('version', 1);
    v.member('currency', this.ledger.currency);
    v.member('timezone', this.ledger.timezone);
    v.arrayStart('accounts');
    this.ledger.accounts.forEach((a, i) => {
      const account = { code: a.code, name: a.name, role: a.role };
      v.element('accounts', i, a.isDefault ? { ...account, default: true } : account);
    });
    v.arrayEnd('accounts', this.ledger.accounts.length);
    v.arrayStart('periods');
    this.ledger.periods.forEach((p, i) => {
      v.element('periods', i, p);
    });
    v.arrayEnd('periods', this.ledger.periods.length);
    v.arrayStart('invoices');
    v.arrayStart('onAccount');
  }

  record(record: string[], row: number): void {
    if (this.header === undefined) {
      this.readHeader(record);
      return;
    }
    if (record.length > this.headerWidth) {
      this.problem(
        row,
        undefined,
        `has ${record.length} cells, the header has ${this.headerWidth}`,
      );
    }
    const cells: Cells = (column) => {
      const at = this.header?.get(column);
      return at === undefined ? '' : (record[at] ?? '');
    };
    const type = cells('type').toLowerCase().replace('-', '_') || 'invoice';
    if (type !== 'invoice' && type !== 'on_account') {
      this.problem(row, 'type', `must be "invoice" or "on_account" (or empty for an invoice line)`);
      return;
    }
    this.checkCurrency(row, cells);
    this.noteCustomer(row, cells);
    if (type === 'invoice') this.invoiceRow(row, cells);
    else this.onAccountRow(row, cells);
  }

  end(): CsvRows {
    if (this.header === undefined) throw new CsvFileError('the file is empty: no header row');
    this.flush();
    const v = this.visitor;
    v.arrayEnd('invoices', this.rows.invoices.length);
    v.arrayEnd('onAccount', this.rows.onAccount.length);
    v.arrayStart('customers');
    let index = 0;
    for (const [id, { name, row }] of this.customers) {
      this.rows.customers.push(row);
      v.element('customers', index, { id, name });
      index += 1;
    }
    v.arrayEnd('customers', index);
    return this.rows;
  }

  private readHeader(record: string[]): void {
    const header = new Map<CsvColumn, number>();
    record.forEach((raw, at) => {
      const name = raw.trim().toLowerCase();
      if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
        this.problem(1, undefined, `unknown column "${raw}" (known: ${CSV_COLUMNS.join(', ')})`);
      } else if (header.has(name as CsvColumn)) {
        this.problem(1, undefined, `column "${name}" appears twice`);
      } else header.set(name as CsvColumn, at);
    });
    this.header = header;
    this.headerWidth = record.length;
    for (const column of ALWAYS) this.needColumn(column, 'every row needs it');
  }

  private needColumn(column: CsvColumn, why: string): boolean {
    if (this.header?.has(column)) return true;
    if (!this.missingReported.has(column)) {
      this.missingReported.add(column);
      this.problem(1, undefined, `column "${column}" is missing (${why})`);
    }
    return false;
  }

  private problem(row: number, column: CsvColumn | undefined, message: string): void {
    const path = column === undefined ? `row ${row}` : `row ${row}, column ${column}`;
    this.visitor.problem?.({ path, message });
  }

  private checkCurrency(row: number, cells: Cells): void {
    const currency = cells('currency');
    if (currency !== '' && currency !== this.ledger.currency) {
      this.problem(
        row,
        'currency',
        `the ledger is kept in ${this.ledger.currency}; a ${currency} row cannot be imported`,
      );
    }
  }

  private noteCustomer(row: number, cells: Cells): void {
    const id = cells('customer');
    if (id === '') return; // the item's own check says "must not be empty"
    const name = cells('customer_name');
    const known = this.customers.get(id);
    // The name is needed on one row of the customer; rows that repeat it must agree.
    if (known === undefined || known.name === '') this.customers.set(id, { name, row });
    else if (name !== '' && known.name !== name) {
      this.problem(
        row,
        'customer_name',
        `"${name}" differs from row ${known.row} ("${known.name}") for customer ${id}`,
      );
    }
  }

  private invoiceRow(row: number, cells: Cells): void {
    for (const column of INVOICE_NEEDS) this.needColumn(column, 'invoice rows need it');
    this.mustBeEmpty(row, cells, ON_ACCOUNT_ONLY, 'on_account');
    const number = cells('invoice');
    if (this.group?.number !== number || number === '') this.startGroup(row, number, cells);
    const group = this.group as InvoiceGroup;
    if (group.row !== row) this.sameAsFirst(row, group, cells);
    group.lines.push(lineOf(cells));
    group.lineRows.push(row);
  }

  private startGroup(row: number, number: string, cells: Cells): void {
    this.flush();
    const first = number === '' ? undefined : this.invoiceStarts.get(number);
    if (first !== undefined) {
      this.problem(
        row,
        'invoice',
        `the rows of invoice ${number} must be next to each other (its first rows start at row ${first})`,
      );
    } else if (number !== '') this.invoiceStarts.set(number, row);
    this.group = {
      number,
      row,
      customer: cells('customer'),
      date: cells('date'),
      dueDate: cells('due_date'),
      lines: [],
      lineRows: [],
      skipped: first !== undefined,
    };
  }

  // One invoice has one customer, date and due date: every row of it must repeat them.
  private sameAsFirst(row: number, group: InvoiceGroup, cells: Cells): void {
    const fields = [
      ['customer', group.customer],
      ['date', group.date],
      ['due_date', group.dueDate],
    ] as const;
    for (const [column, first] of fields) {
      const value = cells(column);
      if (value !== first) {
        this.problem(
          row,
          column,
          `"${value}" differs from row ${group.row} ("${first}"): all rows of invoice ${group.number} must agree`,
        );
      }
    }
  }

  private flush(): void {
    const group = this.group;
    this.group = undefined;
    if (group === undefined || group.skipped) return;
    const index = this.rows.invoices.length;
    this.rows.invoices.push(this.rows.lineRows.length);
    this.rows.lineRows.push(...group.lineRows);
    this.visitor.element('invoices', index, {
      number: group.number,
      customer: group.customer,
      date: group.date,
      dueDate: group.dueDate,
      lines: group.lines,
    });
  }

  private onAccountRow(row: number, cells: Cells): void {
    this.flush();
    for (const column of ON_ACCOUNT_ONLY) this.needColumn(column, 'on_account rows need it');
    this.mustBeEmpty(row, cells, INVOICE_ONLY, 'invoice');
    const index = this.rows.onAccount.length;
    this.rows.onAccount.push(row);
    this.visitor.element('onAccount', index, {
      id: cells('item'),
      customer: cells('customer'),
      date: cells('date'),
      amount: cells('amount'),
    });
  }

  private mustBeEmpty(row: number, cells: Cells, columns: readonly CsvColumn[], owner: string) {
    for (const column of columns) {
      if (cells(column) !== '')
        this.problem(row, column, `is only for ${owner} rows; leave it empty`);
    }
  }
}

export type { CsvColumn, CsvRows } from './csv-columns.ts';
