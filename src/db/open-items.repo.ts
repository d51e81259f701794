// Streams the open items of many customers, one customer at a time, for automatic runs over
// the whole ledger. Only one customer's items are in memory at once: customer ids are read
// first (small), then each customer's invoices, lines and on-account items by index.
import type { CustomerOpenItems } from '../domain/automatic.ts';
import type { Invoice, InvoiceLine, IsoDate } from '../domain/types.ts';
import type { Database } from './client.ts';

/** The domain's shape: invoices by number (lines by line), non-zero on-account items by id. */
export type { CustomerOpenItems };

export interface OpenItemsFilter {
  /** Inclusive customer id range, compared as text (SPEC §4). */
  readonly customerFrom?: string;
  readonly customerTo?: string;
  /** Inclusive invoice number range; filters invoices only, never on-account items. */
  readonly invoiceFrom?: string;
  readonly invoiceTo?: string;
  /** Items dated on or after this date (the optional start date). */
  readonly dateFrom?: IsoDate;
  /** Items dated strictly before this date (the older-than date). */
  readonly dateBefore?: IsoDate;
  /** Also yield on-account items (account-balance runs). Default true. */
  readonly includeOnAccount?: boolean;
}

interface LineJoinRow {
  number: string;
  invoice_on: string;
  due_on: string;
  line: number;
  description: string;
  due_minor: number;
  tax_minor: number;
  retainage_minor: number;
  finance_charge_minor: number;
}

/** Customers in id order; customers with nothing matching are skipped. */
export function* iterateCustomerOpenItems(
  database: Database,
  filter: OpenItemsFilter = {},
): Generator<CustomerOpenItems> {
  const { sqlite } = database;
  const dates = (col: string) =>
    `(@dateFrom IS NULL OR ${col} >= @dateFrom) AND (@dateBefore IS NULL OR ${col} < @dateBefore)`;
  const params = {
    customerFrom: filter.customerFrom ?? null,
    customerTo: filter.customerTo ?? null,
    invoiceFrom: filter.invoiceFrom ?? null,
    invoiceTo: filter.invoiceTo ?? null,
    dateFrom: filter.dateFrom ?? null,
    dateBefore: filter.dateBefore ?? null,
  };
  const customerIds = sqlite
    .prepare(
      `SELECT id FROM customers
       WHERE (@customerFrom IS NULL OR id >= @customerFrom) AND (@customerTo IS NULL OR id <= @customerTo)
       ORDER BY id`,
    )
    .pluck()
    .all(params) as string[];
  const linesOf = sqlite.prepare(
    `SELECT i.number, i.invoice_on, i.due_on, l.line, l.description, l.due_minor, l.tax_minor,
       l.retainage_minor, l.finance_charge_minor
     FROM invoices i JOIN invoice_lines l ON l.invoice_number = i.number
     WHERE i.customer_id = @customerId AND i.open_minor <> 0 AND ${dates('i.invoice_on')}
       AND (@invoiceFrom IS NULL OR i.number >= @invoiceFrom)
       AND (@invoiceTo IS NULL OR i.number <= @invoiceTo)
     ORDER BY i.number, l.line`,
  );
  const onAccountOf = sqlite.prepare(
    `SELECT id, item_on, amount_minor FROM on_account_items
     WHERE customer_id = @customerId AND amount_minor <> 0 AND ${dates('item_on')}
     ORDER BY id`,
  );
  const withOnAccount = filter.includeOnAccount ?? true;
  for (const customerId of customerIds) {
    const args = { ...params, customerId };
    const invoices = groupInvoices(customerId, linesOf.all(args) as LineJoinRow[]);
    const onAccount = withOnAccount
      ? (onAccountOf.all(args) as { id: string; item_on: string; amount_minor: number }[]).map(
          (r) => ({ id: r.id, customerId, date: r.item_on, amountMinor: r.amount_minor }),
        )
      : [];
    if (invoices.length > 0 || onAccount.length > 0) yield { customerId, invoices, onAccount };
  }
}

function groupInvoices(customerId: string, rows: readonly LineJoinRow[]): Invoice[] {
  const out: Invoice[] = [];
  let current: { invoice: Invoice; lines: InvoiceLine[] } | undefined;
  for (const r of rows) {
    if (current?.invoice.number !== r.number) {
      const lines: InvoiceLine[] = [];
      current = {
        invoice: { number: r.number, customerId, date: r.invoice_on, dueDate: r.due_on, lines },
        lines,
      };
      out.push(current.invoice);
    }
    current.lines.push({
      line: r.line,
      description: r.description,
      dueMinor: r.due_minor,
      taxMinor: r.tax_minor,
      retainageMinor: r.retainage_minor,
      financeChargeMinor: r.finance_charge_minor,
    });
  }
  return out;
}
