// Open items as domain values: invoices with their lines, and on-account items. Open means a
// non-zero remaining balance; items the ERP has settled stay in the table at zero (ADR 011).
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Invoice, InvoiceLine, OnAccountItem } from '../domain/types.ts';
import { sessionOf, type Tx } from './client.ts';
import {
  invoiceLines,
  invoices,
  onAccountItems,
  requestInvoiceLocks,
  requestOnAccountLocks,
} from './schema.ts';

type InvoiceRow = typeof invoices.$inferSelect;
type LineRow = typeof invoiceLines.$inferSelect;
type OnAccountRow = typeof onAccountItems.$inferSelect;

/** How many invoices have a non-zero remaining balance. */
export function countOpenInvoices(tx: Tx): number {
  const row = sessionOf(tx)
    .select({ n: count() })
    .from(invoices)
    .where(ne(invoices.openMinor, 0))
    .get();
  return row?.n ?? 0;
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
export function getInvoice(tx: Tx, number: string): Invoice | null {
  const row = sessionOf(tx).select().from(invoices).where(eq(invoices.number, number)).get();
  if (row === undefined) return null;
  const lines = sessionOf(tx)
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceNumber, number))
    .orderBy(asc(invoiceLines.line))
    .all();
  return toInvoice(row, lines);
}

/** The customer's invoices with a non-zero balance, by invoice number. */
export function listOpenInvoices(tx: Tx, customerId: string): Invoice[] {
  const rows = sessionOf(tx)
    .select()
    .from(invoices)
    .where(and(eq(invoices.customerId, customerId), ne(invoices.openMinor, 0)))
    .orderBy(asc(invoices.number))
    .all();
  if (rows.length === 0) return [];
  const lines = sessionOf(tx)
    .select({ line: invoiceLines })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.number, invoiceLines.invoiceNumber))
    .where(and(eq(invoices.customerId, customerId), ne(invoices.openMinor, 0)))
    .orderBy(asc(invoiceLines.invoiceNumber), asc(invoiceLines.line))
    .all()
    .map((r) => r.line);
  return groupLines(rows, lines);
}

function groupLines(rows: readonly InvoiceRow[], lines: readonly LineRow[]): Invoice[] {
  const byNumber = new Map<string, LineRow[]>();
  for (const l of lines) {
    const list = byNumber.get(l.invoiceNumber) ?? [];
    list.push(l);
    byNumber.set(l.invoiceNumber, list);
  }
  return rows.map((row) => toInvoice(row, byNumber.get(row.number) ?? []));
}

/** The customer's non-zero on-account items, by id. */
export function listOnAccountItems(tx: Tx, customerId: string): OnAccountItem[] {
  return sessionOf(tx)
    .select()
    .from(onAccountItems)
    .where(and(eq(onAccountItems.customerId, customerId), ne(onAccountItems.amountMinor, 0)))
    .orderBy(asc(onAccountItems.id))
    .all()
    .map(toOnAccount);
}

export function getOnAccountItem(tx: Tx, id: string): OnAccountItem | null {
  const row = sessionOf(tx).select().from(onAccountItems).where(eq(onAccountItems.id, id)).get();
  return row === undefined ? null : toOnAccount(row);
}

/**
 * Current versions, for "did anything change since the preview?". Every import change (and
 * every write that changes a balance) bumps the version. Unknown numbers are absent.
 */
export function getInvoiceVersions(tx: Tx, numbers: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < numbers.length; i += 500) {
    const chunk = numbers.slice(i, i + 500);
    const rows = sessionOf(tx)
      .select({ number: invoices.number, version: invoices.version })
      .from(invoices)
      .where(inArray(invoices.number, chunk))
      .all();
    for (const r of rows) out.set(r.number, r.version);
  }
  return out;
}

export function getOnAccountVersions(tx: Tx, ids: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = sessionOf(tx)
      .select({ id: onAccountItems.id, version: onAccountItems.version })
      .from(onAccountItems)
      .where(inArray(onAccountItems.id, ids.slice(i, i + 500)))
      .all();
    for (const r of rows) out.set(r.id, r.version);
  }
  return out;
}

/** The pending request holding each locked invoice ("pending elsewhere"). */
export function getInvoiceLocks(tx: Tx): Map<string, string> {
  const rows = sessionOf(tx).select().from(requestInvoiceLocks).all();
  return new Map(rows.map((r) => [r.invoiceNumber, r.requestId]));
}

/** The pending request holding each locked on-account item. */
export function getOnAccountLocks(tx: Tx): Map<string, string> {
  const rows = sessionOf(tx).select().from(requestOnAccountLocks).all();
  return new Map(rows.map((r) => [r.onAccountId, r.requestId]));
}

/**
 * Invoice numbers starting with `prefix` in any (ASCII) case, as `LIKE 'prefix%'` matches, in
 * number order (the range type-ahead): a range on the case-insensitive number index, never a
 * scan of the invoices.
 */
export function searchInvoiceNumbers(tx: Tx, prefix: string, limit: number): string[] {
  const upTo = prefix + String.fromCodePoint(0x10ffff);
  return sessionOf(tx)
    .all<{ number: string }>(sql`SELECT number FROM invoices
      WHERE number COLLATE NOCASE >= ${prefix} AND number COLLATE NOCASE < ${upTo}
      ORDER BY number COLLATE NOCASE, number LIMIT ${limit}`)
    .map((r) => r.number);
}
