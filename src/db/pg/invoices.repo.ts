// Open items as domain values on PostgreSQL, the async twin of src/db/invoices.repo.ts. Open
// means a non-zero remaining balance; items the ERP has settled stay in the table at zero.
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Invoice, InvoiceLine, OnAccountItem } from '../../domain/types.ts';
import { rowsOf } from './rows.ts';
import {
  invoiceLines,
  invoices,
  onAccountItems,
  requestInvoiceLocks,
  requestOnAccountLocks,
} from './schema.ts';
import { asciiFold, asciiFoldSql, MAX_CHAR } from './text-match.ts';
import type { PgTx } from './types.ts';

type InvoiceRow = typeof invoices.$inferSelect;
type LineRow = typeof invoiceLines.$inferSelect;
type OnAccountRow = typeof onAccountItems.$inferSelect;

/** Keys per `IN (…)`: far below PostgreSQL's 65,535 parameters per statement. */
const KEYS_PER_STATEMENT = 1000;

export async function countOpenInvoices(tx: PgTx): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(invoices).where(ne(invoices.openMinor, 0));
  return Number(row?.n ?? 0);
}

function toLine(l: LineRow): InvoiceLine {
  return {
    line: l.line,
    description: l.description,
    dueMinor: l.dueMinor,
    taxMinor: l.taxMinor,
    retainageMinor: l.retainageMinor,
    financeChargeMinor: l.financeChargeMinor,
  };
}

function toInvoice(row: InvoiceRow, lines: readonly LineRow[]): Invoice {
  return {
    number: row.number,
    customerId: row.customerId,
    date: row.invoiceOn,
    dueDate: row.dueOn,
    lines: lines.map(toLine),
  };
}

function toOnAccount(row: OnAccountRow): OnAccountItem {
  return { id: row.id, customerId: row.customerId, date: row.itemOn, amountMinor: row.amountMinor };
}

/** The invoice with its lines sorted by line number, whatever its balance; null if unknown. */
export async function getInvoice(tx: PgTx, number: string): Promise<Invoice | null> {
  const [row] = await tx.select().from(invoices).where(eq(invoices.number, number));
  if (row === undefined) return null;
  const lines = await tx
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceNumber, number))
    .orderBy(asc(invoiceLines.line));
  return toInvoice(row, lines);
}

/** The customer's invoices with a non-zero balance, by invoice number. */
export async function listOpenInvoices(tx: PgTx, customerId: string): Promise<Invoice[]> {
  const open = and(eq(invoices.customerId, customerId), ne(invoices.openMinor, 0));
  const rows = await tx.select().from(invoices).where(open).orderBy(asc(invoices.number));
  if (rows.length === 0) return [];
  const lines = await tx
    .select({ line: invoiceLines })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.number, invoiceLines.invoiceNumber))
    .where(open)
    .orderBy(asc(invoiceLines.invoiceNumber), asc(invoiceLines.line));
  const byNumber = new Map<string, LineRow[]>();
  for (const { line } of lines) {
    const list = byNumber.get(line.invoiceNumber) ?? [];
    list.push(line);
    byNumber.set(line.invoiceNumber, list);
  }
  return rows.map((row) => toInvoice(row, byNumber.get(row.number) ?? []));
}

/** The customer's non-zero on-account items, by id. */
export async function listOnAccountItems(tx: PgTx, customerId: string): Promise<OnAccountItem[]> {
  const rows = await tx
    .select()
    .from(onAccountItems)
    .where(and(eq(onAccountItems.customerId, customerId), ne(onAccountItems.amountMinor, 0)))
    .orderBy(asc(onAccountItems.id));
  return rows.map(toOnAccount);
}

export async function getOnAccountItem(tx: PgTx, id: string): Promise<OnAccountItem | null> {
  const [row] = await tx.select().from(onAccountItems).where(eq(onAccountItems.id, id));
  return row === undefined ? null : toOnAccount(row);
}

/** Current versions, for "did anything change since the preview?"; unknown numbers are absent. */
export async function getInvoiceVersions(
  tx: PgTx,
  numbers: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < numbers.length; i += KEYS_PER_STATEMENT) {
    const rows = await tx
      .select({ number: invoices.number, version: invoices.version })
      .from(invoices)
      .where(inArray(invoices.number, numbers.slice(i, i + KEYS_PER_STATEMENT)));
    for (const r of rows) out.set(r.number, r.version);
  }
  return out;
}

export async function getOnAccountVersions(
  tx: PgTx,
  ids: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < ids.length; i += KEYS_PER_STATEMENT) {
    const rows = await tx
      .select({ id: onAccountItems.id, version: onAccountItems.version })
      .from(onAccountItems)
      .where(inArray(onAccountItems.id, ids.slice(i, i + KEYS_PER_STATEMENT)));
    for (const r of rows) out.set(r.id, r.version);
  }
  return out;
}

/** The pending request holding each locked invoice ("pending elsewhere"). */
export async function getInvoiceLocks(tx: PgTx): Promise<Map<string, string>> {
  const rows = await tx.select().from(requestInvoiceLocks);
  return new Map(rows.map((r) => [r.invoiceNumber, r.requestId]));
}

/** The pending request holding each locked on-account item. */
export async function getOnAccountLocks(tx: PgTx): Promise<Map<string, string>> {
  const rows = await tx.select().from(requestOnAccountLocks);
  return new Map(rows.map((r) => [r.onAccountId, r.requestId]));
}

/**
 * Invoice numbers starting with `prefix` in any ASCII case, in that folded order (the range
 * type-ahead): a range on the ASCII-folded number index, never a scan of the invoices.
 */
export async function searchInvoiceNumbers(
  tx: PgTx,
  prefix: string,
  limit: number,
): Promise<string[]> {
  const folded = asciiFold(prefix.replaceAll('\u0000', ''));
  const number = asciiFoldSql(sql.raw('number'));
  const rows = await rowsOf<{ number: string }>(
    tx,
    sql`SELECT number FROM invoices WHERE ${number} >= ${folded} AND ${number} < ${folded + MAX_CHAR}
      ORDER BY ${number}, number LIMIT ${limit}`,
  );
  return rows.map((r) => r.number);
}
