// Streams the open items of many customers, one customer at a time, for automatic runs over
// the whole ledger. Only one customer's items are in memory at once: customer ids are read
// first (small), then each customer's invoices, lines and on-account items by index; a run
// over the whole ledger reads them in one sorted scan instead (./open-items-scan.ts). A
// prefilter (ADR 070) lets SQLite drop items that fail a necessary condition of the run's rule.
import type { CandidatePrefilter } from '../domain/auto-prefilter.ts';
import type { CustomerOpenItems } from '../domain/automatic.ts';
import type { InvoiceAmounts, IsoDate, LineAmounts, OnAccountItem } from '../domain/types.ts';
import { connectionOf, type Tx } from './client.ts';
import {
  declareScanAggregate,
  invoiceAmounts,
  LINE_COLUMNS,
  scanCustomers,
  scanSql,
} from './open-items-scan.ts';
import type { Connection } from './tx.ts';

/** The domain's shape: invoices by number (lines by line), non-zero on-account items by id. */
export type { CustomerOpenItems };

export interface OpenItemsFilter {
  /**
   * Inclusive customer id range, compared as text (docs/write-off-rules.md#automatic-write-off).
   */
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
  /** Necessary conditions of the run's rule; absent yields every open item in the window. */
  readonly prefilter?: CandidatePrefilter;
}

/**
 * The version of every invoice and on-account item read, in the same read as its amounts: what a
 * preview's snapshot records without reading the items a second time.
 */
export interface ItemVersions {
  readonly invoices: Map<string, number>;
  readonly onAccount: Map<string, number>;
}

export interface ReadOptions {
  /** Hears how many of the customers in range have been read, for a progress display. */
  readonly onCustomer?: (doneCustomers: number, totalCustomers: number) => void;
  /** Filled with the version of every item yielded. */
  readonly versions?: ItemVersions;
}

/**
 * One line with its invoice, as an array (raw rows: no object per row). Only what the rules
 * read: no due date, no description (ADR 285).
 */
type LineJoinRow = [
  number: string,
  version: number,
  invoiceOn: string,
  line: number,
  dueMinor: number,
  taxMinor: number,
  retainageMinor: number,
  financeChargeMinor: number,
  /** Finance-charge reads only: the invoice's open balance (Σ due of every line)… */
  openMinor?: number | null,
  /** …and its Σ retainage of every line (`invoices.retainage_minor`, ADR 320). */
  retainageMinor?: number | null,
];

type Params = Record<string, string | number | null>;

const DATES = (col: string) =>
  `(@dateFrom IS NULL OR ${col} >= @dateFrom) AND (@dateBefore IS NULL OR ${col} < @dateBefore)`;
const CUSTOMER_RANGE = (col: string) =>
  `(@customerFrom IS NULL OR ${col} >= @customerFrom) AND (@customerTo IS NULL OR ${col} <= @customerTo)`;
/** An invoice candidate: open, in the window and the invoice range. */
const OPEN_INVOICE = `i.open_minor <> 0 AND ${DATES('i.invoice_on')}
  AND (@invoiceFrom IS NULL OR i.number >= @invoiceFrom)
  AND (@invoiceTo IS NULL OR i.number <= @invoiceTo)`;
const ON_ACCOUNT = `o.amount_minor <> 0 AND ${DATES('o.item_on')}`;

/** Extra invoice condition of a per-invoice prefilter (`1` when none). */
function invoiceCondition(prefilter: CandidatePrefilter | undefined): string {
  return prefilter?.kind === 'invoice-balance-within' ? 'abs(i.open_minor) <= @limitMinor' : '1';
}

/**
 * The candidate lines' condition. A finance-charge run reads only the lines with a finance
 * charge, the only ones it can write off; what the balance and the polarity check need of the
 * others is their due and their retainage: the invoice's sums (`open_minor`, `retainage_minor`,
 * kept with the lines: ADR 070, 320) less the lines read (ADR 255). Most lines of an invoice
 * with a finance charge carry none, and every row handed to JavaScript costs. The condition on
 * the lines is the WHERE of a partial index (ADR 286): those lines come from
 * invoice_lines_fc_idx alone.
 */
function linesWhere(prefilter: CandidatePrefilter | undefined): string {
  return prefilter?.kind === 'has-finance-charge'
    ? `${OPEN_INVOICE} AND l.finance_charge_minor <> 0`
    : `${OPEN_INVOICE} AND ${invoiceCondition(prefilter)}`;
}

/** One customer's candidate lines, by invoice and line. */
function linesSql(prefilter: CandidatePrefilter | undefined): string {
  const sums =
    prefilter?.kind === 'has-finance-charge' ? 'i.open_minor, i.retainage_minor' : 'NULL, NULL';
  return `SELECT ${LINE_COLUMNS}, ${sums}
    FROM invoices i JOIN invoice_lines l ON l.invoice_number = i.number
    WHERE i.customer_id = @customerId AND ${linesWhere(prefilter)} ORDER BY i.number, l.line`;
}

/**
 * The ids of the customers worth reading, in id order. Per-invoice prefilters apply in the
 * per-customer read: listing the customers with a matching invoice first costs a scan of
 * every invoice and saves little, as most customers have one.
 */
function customerIdsSql(filter: OpenItemsFilter): string {
  if (filter.prefilter?.kind !== 'customer-net-within') {
    return `SELECT id FROM customers WHERE ${CUSTOMER_RANGE('id')} ORDER BY id`;
  }
  // Σ open of the invoice candidates plus Σ of the on-account candidates, per customer; only
  // non-zero candidates are summed, so a customer listed has one.
  const onAccount =
    (filter.includeOnAccount ?? true)
      ? `UNION ALL SELECT o.customer_id, o.amount_minor FROM on_account_items o
         WHERE ${ON_ACCOUNT} AND ${CUSTOMER_RANGE('o.customer_id')}`
      : '';
  return `SELECT customer_id FROM (
      SELECT i.customer_id, i.open_minor AS amount_minor FROM invoices i
      WHERE ${OPEN_INVOICE} AND ${CUSTOMER_RANGE('i.customer_id')}
      ${onAccount})
    GROUP BY customer_id HAVING abs(sum(amount_minor)) <= @limitMinor ORDER BY customer_id`;
}

function paramsOf(filter: OpenItemsFilter): Params {
  const { prefilter } = filter;
  return {
    customerFrom: filter.customerFrom ?? null,
    customerTo: filter.customerTo ?? null,
    invoiceFrom: filter.invoiceFrom ?? null,
    invoiceTo: filter.invoiceTo ?? null,
    dateFrom: filter.dateFrom ?? null,
    dateBefore: filter.dateBefore ?? null,
    limitMinor: prefilter !== undefined && 'limitMinor' in prefilter ? prefilter.limitMinor : null,
  };
}

/** Customers in id order; customers with nothing matching are skipped. */
export function* iterateCustomerOpenItems(
  tx: Tx,
  filter: OpenItemsFilter = {},
  options: ReadOptions = {},
): Generator<CustomerOpenItems> {
  const { onCustomer, versions } = options;
  const { sqlite } = connectionOf(tx);
  const params = paramsOf(filter);
  const customerIds = sqlite.prepare(customerIdsSql(filter)).pluck().all(params) as string[];
  const withOnAccount = filter.includeOnAccount ?? true;
  if (!withOnAccount && isWholeLedger(filter)) {
    yield* scanInvoices(connectionOf(tx), filter, customerIds, options);
    return;
  }
  const linesOf = sqlite.prepare(linesSql(filter.prefilter));
  linesOf.raw(true);
  const onAccountOf = sqlite.prepare(
    `SELECT o.id, o.version, o.item_on, o.amount_minor FROM on_account_items o
     WHERE o.customer_id = @customerId AND ${ON_ACCOUNT}
     ORDER BY o.id`,
  );
  for (const [index, customerId] of customerIds.entries()) {
    onCustomer?.(index, customerIds.length);
    const args = { ...params, customerId };
    const invoices = groupInvoices(customerId, linesOf.all(args) as LineJoinRow[], versions);
    const onAccount = withOnAccount
      ? readOnAccount(onAccountOf.all(args), customerId, versions)
      : [];
    if (invoices.length > 0 || onAccount.length > 0) yield { customerId, invoices, onAccount };
  }
  onCustomer?.(customerIds.length, customerIds.length);
}

/** A run over every customer and invoice whose prefilter (if any) is per invoice. */
function isWholeLedger(filter: OpenItemsFilter): boolean {
  return (
    filter.prefilter?.kind !== 'customer-net-within' &&
    filter.customerFrom === undefined &&
    filter.customerTo === undefined &&
    filter.invoiceFrom === undefined &&
    filter.invoiceTo === undefined
  );
}

/**
 * The invoices of every customer in one sorted read (./open-items-scan.ts), handed on one
 * customer at a time. The progress walks `customerIds` (same order) past the customers without
 * rows.
 */
function* scanInvoices(
  database: Connection,
  filter: OpenItemsFilter,
  customerIds: readonly string[],
  { onCustomer, versions }: ReadOptions,
): Generator<CustomerOpenItems> {
  declareScanAggregate(database.sqlite);
  const { prefilter } = filter;
  const sql = scanSql(linesWhere(prefilter), prefilter?.kind === 'has-finance-charge');
  let done = 0;
  for (const scanned of scanCustomers(database.sqlite.prepare(sql), paramsOf(filter))) {
    const { customerId, invoices } = scanned;
    while (done < customerIds.length && customerIds[done] !== customerId) done += 1;
    onCustomer?.(done, customerIds.length);
    done += 1;
    if (versions !== undefined) {
      for (const [k, invoice] of invoices.entries()) {
        versions.invoices.set(invoice.number, scanned.versions[k] as number);
      }
    }
    yield { customerId, invoices, onAccount: [] };
  }
  onCustomer?.(customerIds.length, customerIds.length);
}

interface OnAccountRow {
  readonly id: string;
  readonly version: number;
  readonly item_on: string;
  readonly amount_minor: number;
}

function readOnAccount(
  rows: unknown[],
  customerId: string,
  versions: ItemVersions | undefined,
): OnAccountItem[] {
  return (rows as OnAccountRow[]).map((r) => {
    versions?.onAccount.set(r.id, r.version);
    return { id: r.id, customerId, date: r.item_on, amountMinor: r.amount_minor };
  });
}

/** Rows of one customer, sorted by invoice and line, as invoices (no copy of the rows). */
function groupInvoices(
  customerId: string,
  rows: readonly LineJoinRow[],
  versions: ItemVersions | undefined,
): InvoiceAmounts[] {
  const out: InvoiceAmounts[] = [];
  let first: LineJoinRow | undefined;
  let lines: LineAmounts[] = [];
  for (const row of rows) {
    if (first !== undefined && row[0] !== first[0]) {
      out.push(invoiceOf(customerId, first, lines, versions));
      lines = [];
      first = undefined;
    }
    first ??= row;
    lines.push({
      line: row[3],
      dueMinor: row[4],
      taxMinor: row[5],
      retainageMinor: row[6],
      financeChargeMinor: row[7],
    });
  }
  if (first !== undefined) out.push(invoiceOf(customerId, first, lines, versions));
  return out;
}

/** One invoice from its first row and all its lines read. */
function invoiceOf(
  customerId: string,
  [number, version, date, , , , , , openMinor, retainageMinor]: LineJoinRow,
  lines: readonly LineAmounts[],
  versions: ItemVersions | undefined,
): InvoiceAmounts {
  versions?.invoices.set(number, version);
  return invoiceAmounts(customerId, number, date, lines, openMinor, retainageMinor);
}
