// Turns CSV records into the JSON file's elements for the import's visitor (csv-feed.ts reads
// the file): the ledger's own scalars, chart and periods first, then one invoice per run of
// line rows and one on-account item per row, each remembered with its row for problems.
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
import { CsvFileError, type CsvLedger } from './csv-ledger.ts';
import type { RootVisitor } from './json-stream.ts';

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

export class CsvReader {
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
