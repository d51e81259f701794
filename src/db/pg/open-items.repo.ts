// Streams the open items of many customers on PostgreSQL, the async twin of
// src/db/open-items.repo.ts: customers in id order, each yielded with its open invoices (lines in
// order) and non-zero on-account items. Customers are read in chunks, two statements per chunk,
// so a run over the whole ledger costs a few hundred round trips, not two per customer; only
// one chunk's items are in memory at once. The prefilter (ADR 070) runs in SQL as on SQLite.
import { type SQL, sql } from 'drizzle-orm';
import type { CandidatePrefilter } from '../../domain/auto-prefilter.ts';
import type { InvoiceAmounts, LineAmounts, OnAccountItem } from '../../domain/types.ts';
import type {
  CustomerOpenItems,
  ItemVersions,
  OpenItemsFilter,
  ReadOptions,
} from '../open-items.repo.ts';
import { num, rowsOf } from './rows.ts';
import type { PgTx } from './types.ts';

export type { CustomerOpenItems, ItemVersions, OpenItemsFilter, ReadOptions };

/** Customers per chunk: their items are one statement's rows. */
const CUSTOMERS_PER_CHUNK = 500;

const all = (parts: readonly (SQL | undefined)[]) =>
  sql.join(
    parts.filter((p) => p !== undefined),
    sql` AND `,
  );

function dates(column: SQL, f: OpenItemsFilter): SQL[] {
  return [
    f.dateFrom === undefined ? sql`TRUE` : sql`${column} >= ${f.dateFrom}`,
    f.dateBefore === undefined ? sql`TRUE` : sql`${column} < ${f.dateBefore}`,
  ];
}

function customerRange(column: SQL, f: OpenItemsFilter): SQL[] {
  return [
    f.customerFrom === undefined ? sql`TRUE` : sql`${column} >= ${f.customerFrom}`,
    f.customerTo === undefined ? sql`TRUE` : sql`${column} <= ${f.customerTo}`,
  ];
}

/** An invoice candidate: open, in the window and the invoice range. */
function openInvoice(f: OpenItemsFilter): SQL {
  return all([
    sql`i.open_minor <> 0`,
    ...dates(sql.raw('i.invoice_on'), f),
    f.invoiceFrom === undefined ? undefined : sql`i.number >= ${f.invoiceFrom}`,
    f.invoiceTo === undefined ? undefined : sql`i.number <= ${f.invoiceTo}`,
  ]);
}

const onAccount = (f: OpenItemsFilter) =>
  all([sql`o.amount_minor <> 0`, ...dates(sql.raw('o.item_on'), f)]);

/** Extra invoice condition of a per-invoice prefilter. */
function invoiceCondition(prefilter: CandidatePrefilter | undefined): SQL {
  switch (prefilter?.kind) {
    case 'has-finance-charge':
      return sql`EXISTS (SELECT 1 FROM invoice_lines f
        WHERE f.invoice_number = i.number AND f.finance_charge_minor <> 0)`;
    case 'invoice-balance-within':
      return sql`abs(i.open_minor) <= ${prefilter.limitMinor}`;
    default:
      return sql`TRUE`;
  }
}

/** The ids of the customers worth reading, in id order (as customerIdsSql on SQLite). */
async function customerIds(tx: PgTx, f: OpenItemsFilter): Promise<string[]> {
  const prefilter = f.prefilter;
  if (prefilter?.kind !== 'customer-net-within') {
    const rows = await rowsOf<{ id: string }>(
      tx,
      sql`SELECT id FROM customers WHERE ${all(customerRange(sql.raw('id'), f))} ORDER BY id`,
    );
    return rows.map((r) => r.id);
  }
  const withOnAccount = f.includeOnAccount ?? true;
  const onAccountPart = withOnAccount
    ? sql`UNION ALL SELECT o.customer_id, o.amount_minor FROM on_account_items o
        WHERE ${onAccount(f)} AND ${all(customerRange(sql.raw('o.customer_id'), f))}`
    : sql``;
  const rows = await rowsOf<{ customer_id: string }>(
    tx,
    sql`SELECT customer_id FROM (
        SELECT i.customer_id, i.open_minor AS amount_minor FROM invoices i
        WHERE ${openInvoice(f)} AND ${all(customerRange(sql.raw('i.customer_id'), f))}
        ${onAccountPart}) AS candidates
      GROUP BY customer_id HAVING abs(sum(amount_minor)) <= ${prefilter.limitMinor}
      ORDER BY customer_id`,
  );
  return rows.map((r) => r.customer_id);
}

interface LineRow {
  customer_id: string;
  number: string;
  version: number;
  invoice_on: string;
  line: number;
  due_minor: unknown;
  tax_minor: unknown;
  retainage_minor: unknown;
  finance_charge_minor: unknown;
}

interface OnAccountRow {
  customer_id: string;
  id: string;
  version: number;
  item_on: string;
  amount_minor: unknown;
}

/** Customers in id order; customers with nothing matching are skipped. */
export async function* iterateCustomerOpenItems(
  tx: PgTx,
  filter: OpenItemsFilter = {},
  options: ReadOptions = {},
): AsyncGenerator<CustomerOpenItems> {
  const { onCustomer, versions } = options;
  const ids = await customerIds(tx, filter);
  const withOnAccount = filter.includeOnAccount ?? true;
  for (let start = 0; start < ids.length; start += CUSTOMERS_PER_CHUNK) {
    const chunk = ids.slice(start, start + CUSTOMERS_PER_CHUNK);
    const inChunk = sql`= ANY(${sql.param(chunk)}::text[])`;
    const lines = await rowsOf<LineRow>(
      tx,
      sql`SELECT i.customer_id, i.number, i.version, i.invoice_on, l.line,
          l.due_minor, l.tax_minor, l.retainage_minor, l.finance_charge_minor
        FROM invoices i JOIN invoice_lines l ON l.invoice_number = i.number
        WHERE i.customer_id ${inChunk} AND ${openInvoice(filter)}
          AND ${invoiceCondition(filter.prefilter)}
        ORDER BY i.customer_id, i.number, l.line`,
    );
    const items = withOnAccount
      ? await rowsOf<OnAccountRow>(
          tx,
          sql`SELECT o.customer_id, o.id, o.version, o.item_on, o.amount_minor
            FROM on_account_items o WHERE o.customer_id ${inChunk} AND ${onAccount(filter)}
            ORDER BY o.customer_id, o.id`,
        )
      : [];
    const linesOf = groupBy(lines);
    const itemsOf = groupBy(items);
    for (const [offset, customerId] of chunk.entries()) {
      onCustomer?.(start + offset, ids.length);
      const invoices = groupInvoices(customerId, linesOf.get(customerId) ?? [], versions);
      const onAccountItems = (itemsOf.get(customerId) ?? []).map((r) => toOnAccount(r, versions));
      if (invoices.length > 0 || onAccountItems.length > 0) {
        yield { customerId, invoices, onAccount: onAccountItems };
      }
    }
  }
  onCustomer?.(ids.length, ids.length);
}

function groupBy<R extends { customer_id: string }>(rows: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const row of rows) {
    const list = out.get(row.customer_id);
    if (list === undefined) out.set(row.customer_id, [row]);
    else list.push(row);
  }
  return out;
}

function toOnAccount(r: OnAccountRow, versions: ItemVersions | undefined): OnAccountItem {
  versions?.onAccount.set(r.id, r.version);
  return { id: r.id, customerId: r.customer_id, date: r.item_on, amountMinor: num(r.amount_minor) };
}

function groupInvoices(
  customerId: string,
  rows: readonly LineRow[],
  versions: ItemVersions | undefined,
): InvoiceAmounts[] {
  const out: InvoiceAmounts[] = [];
  let current: { invoice: InvoiceAmounts; lines: LineAmounts[] } | undefined;
  for (const r of rows) {
    if (current?.invoice.number !== r.number) {
      const lines: LineAmounts[] = [];
      const invoice = { number: r.number, customerId, date: r.invoice_on, lines };
      current = { invoice, lines };
      out.push(invoice);
      versions?.invoices.set(r.number, r.version);
    }
    current.lines.push({
      line: r.line,
      dueMinor: num(r.due_minor),
      taxMinor: num(r.tax_minor),
      retainageMinor: num(r.retainage_minor),
      financeChargeMinor: num(r.finance_charge_minor),
    });
  }
  return out;
}
