// Moving open balances on PostgreSQL when a write-off posts (sign -1) or is reversed (+1), as
// src/db/balances.repo.ts does on SQLite: relative updates on rows the posting transaction has
// locked (lockItemsForPosting), each bumping the item's version so stale previews are noticed.
import { and, eq, sql } from 'drizzle-orm';
import type { LineParts } from '../../domain/types.ts';
import { invoiceLines, invoices, onAccountItems } from './schema.ts';
import type { PgTx } from './types.ts';

/** Adds `sign × parts` to one invoice line; false when the line does not exist. */
export async function adjustInvoiceLine(
  tx: PgTx,
  invoiceNumber: string,
  line: number,
  parts: LineParts,
  sign: 1 | -1,
): Promise<boolean> {
  const moved = await tx
    .update(invoiceLines)
    .set({
      dueMinor: sql`${invoiceLines.dueMinor} + ${sign * parts.amountMinor}`,
      taxMinor: sql`${invoiceLines.taxMinor} + ${sign * parts.taxMinor}`,
      retainageMinor: sql`${invoiceLines.retainageMinor} + ${sign * parts.retainageMinor}`,
      financeChargeMinor: sql`${invoiceLines.financeChargeMinor} + ${sign * parts.financeChargeMinor}`,
    })
    .where(and(eq(invoiceLines.invoiceNumber, invoiceNumber), eq(invoiceLines.line, line)))
    .returning({ line: invoiceLines.line });
  return moved.length === 1;
}

/** Recomputes the invoice's open balance from its lines and bumps its version. */
export async function touchInvoice(
  tx: PgTx,
  invoiceNumber: string,
  nowMs: number,
): Promise<boolean> {
  const moved = await tx
    .update(invoices)
    .set({
      openMinor: sql`(SELECT coalesce(sum(${invoiceLines.dueMinor}), 0) FROM ${invoiceLines}
        WHERE ${invoiceLines.invoiceNumber} = ${invoices.number})`,
      version: sql`${invoices.version} + 1`,
      updatedAtMs: nowMs,
    })
    .where(eq(invoices.number, invoiceNumber))
    .returning({ number: invoices.number });
  return moved.length === 1;
}

/** Adds `deltaMinor` to an on-account item and bumps its version. */
export async function adjustOnAccount(
  tx: PgTx,
  id: string,
  deltaMinor: number,
  nowMs: number,
): Promise<boolean> {
  const moved = await tx
    .update(onAccountItems)
    .set({
      amountMinor: sql`${onAccountItems.amountMinor} + ${deltaMinor}`,
      version: sql`${onAccountItems.version} + 1`,
      updatedAtMs: nowMs,
    })
    .where(eq(onAccountItems.id, id))
    .returning({ id: onAccountItems.id });
  return moved.length === 1;
}
