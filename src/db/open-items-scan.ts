// The whole-ledger read of an automatic run (docs/decisions/258-whole-ledger-runs-scan-in-file-order.md):
// the invoices in file order, each one's candidate lines, sorted by customer, invoice and line,
// handed on one customer at a time. SQLite pushes each line into a JavaScript aggregate instead
// of JavaScript pulling it as a row: on node 20 better-sqlite3 builds a row array with one V8
// API call per value, and that was most of a run's CPU time; an aggregate's step gets its
// values as call arguments (docs/decisions/340-open-lines-pushed-into-an-aggregate.md).
import type BetterSqlite3 from 'better-sqlite3';
import type { InvoiceAmounts, LineAmounts } from '../domain/types.ts';

/** One customer's candidate invoices, as the aggregate collected them. */
export interface ScannedCustomer {
  readonly customerId: string;
  readonly invoices: InvoiceAmounts[];
  /** Parallel to `invoices`: each one's version. */
  readonly versions: number[];
}

const AGGREGATE = 'writeoff_open_lines';

/**
 * The values read of each line, in the order of the aggregate's step arguments (and of the
 * per-customer read's raw rows): only what the rules read, no due date, no description (ADR 285).
 */
export const LINE_COLUMNS = `i.number, i.version, i.invoice_on, l.line,
  l.due_minor, l.tax_minor, l.retainage_minor, l.finance_charge_minor`;

/**
 * What the aggregate keeps of one customer's lines, invoice by invoice (parallel arrays: no
 * object per invoice until the customer id is known).
 */
class CustomerLines {
  readonly numbers: string[] = [];
  readonly versions: number[] = [];
  readonly dates: string[] = [];
  readonly openMinors: (number | undefined)[] = [];
  readonly retainageMinors: (number | undefined)[] = [];
  readonly lines: LineAmounts[][] = [];
  current: LineAmounts[] = [];
}

/**
 * The customer finished by the last row the scan statement returned. SQLite calls `result`
 * right before it returns a group's row, and no other JavaScript runs in between, so the scan
 * takes it after every row it reads.
 */
let finished: CustomerLines | undefined;

/** The aggregate's step: one line, in invoice and line order; a new number starts an invoice. */
function addLine(
  c: CustomerLines,
  number: string,
  version: number,
  date: string,
  line: number,
  dueMinor: number,
  taxMinor: number,
  retainageMinor: number,
  financeChargeMinor: number,
  invoiceOpenMinor?: number,
  invoiceRetainageMinor?: number,
): void {
  const last = c.numbers.length - 1;
  if (last < 0 || c.numbers[last] !== number) {
    c.current = [];
    c.numbers.push(number);
    c.versions.push(version);
    c.dates.push(date);
    c.openMinors.push(invoiceOpenMinor);
    c.retainageMinors.push(invoiceRetainageMinor);
    c.lines.push(c.current);
  }
  c.current.push({ line, dueMinor, taxMinor, retainageMinor, financeChargeMinor });
}

const registered = new WeakSet<BetterSqlite3.Database>();

/** Declares the aggregate on the connection, once (it cannot be while a statement iterates). */
export function declareScanAggregate(sqlite: BetterSqlite3.Database): void {
  if (registered.has(sqlite)) return;
  sqlite.aggregate(AGGREGATE, {
    varargs: true,
    directOnly: true,
    start: () => new CustomerLines(),
    // The typings know one value per step; SQLite passes every argument of the call.
    step: addLine as unknown as (c: CustomerLines) => void,
    result: (c: CustomerLines) => {
      finished = c;
      return null;
    },
  });
  registered.add(sqlite);
}

/**
 * The scan's SQL: each line's `LINE_COLUMNS` into the aggregate; `withInvoiceSums` adds the
 * invoice's `open_minor` and `retainage_minor` (finance-charge runs: ADR 255, 320). A scan reads the
 * invoices in file order (CROSS JOIN keeps them outer, `+` keeps SQLite off the customer index):
 * far cheaper than seeking each customer's invoices across the file.
 */
export function scanSql(where: string, withInvoiceSums: boolean): string {
  const sums = withInvoiceSums ? ', i.open_minor, i.retainage_minor' : '';
  return `SELECT i.customer_id, ${AGGREGATE}(${LINE_COLUMNS}${sums}
      ORDER BY i.number, l.line)
    FROM invoices i CROSS JOIN invoice_lines l ON l.invoice_number = i.number
    WHERE ${where} GROUP BY +i.customer_id ORDER BY +i.customer_id`;
}

/** Customers in id order with their invoices (by number, lines by line). */
export function* scanCustomers(
  statement: BetterSqlite3.Statement,
  params: Record<string, string | number | null>,
): Generator<ScannedCustomer> {
  for (const customerId of statement.pluck().iterate(params) as Iterable<string>) {
    const c = finished as CustomerLines;
    finished = undefined;
    const invoices: InvoiceAmounts[] = [];
    for (let k = 0; k < c.numbers.length; k += 1) {
      invoices.push(
        invoiceAmounts(
          customerId,
          c.numbers[k] as string,
          c.dates[k] as string,
          c.lines[k] as LineAmounts[],
          c.openMinors[k],
          c.retainageMinors[k],
        ),
      );
    }
    yield { customerId, invoices, versions: c.versions };
  }
}

/**
 * One invoice and the lines read. With the invoice's sums (a finance-charge read), what the
 * lines left unread add up to is the sums less the lines read (ADR 255, 320).
 */
export function invoiceAmounts(
  customerId: string,
  number: string,
  date: string,
  lines: readonly LineAmounts[],
  openMinor: number | null | undefined,
  retainageMinor: number | null | undefined,
): InvoiceAmounts {
  if (openMinor == null || retainageMinor == null) return { number, customerId, date, lines };
  let readDueMinor = 0;
  let readRetainageMinor = 0;
  for (const line of lines) {
    readDueMinor += line.dueMinor;
    readRetainageMinor += line.retainageMinor;
  }
  const linesLeftOut = {
    dueMinor: openMinor - readDueMinor,
    retainageMinor: retainageMinor - readRetainageMinor,
  };
  return { number, customerId, date, lines, linesLeftOut };
}
