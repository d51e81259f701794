// Moving open balances on PostgreSQL when a write-off posts (sign -1) or is reversed (+1), as
// src/db/balances.repo.ts does on SQLite: relative updates on rows the posting transaction has
// locked (lockItemsForPosting), each bumping the item's version so stale previews are noticed.
import { and, eq, sql } from 'drizzle-orm';
import type { LineParts } from '../../domain/types.ts';
import type { LineMove } from '../balances.repo.ts';
import { rowsOf } from './rows.ts';
import { invoiceLines, onAccountItems } from './schema.ts';
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

/**
 * An invoice's sums recomputed from its lines in one read of them: `open_minor` (ADR 070) and
 * `retainage_minor` (ADR 320), as SQLite's statement does.
 */
const SUMS_FROM_LINES = sql`(open_minor, retainage_minor) = (SELECT coalesce(sum(due_minor), 0),
    coalesce(sum(retainage_minor), 0) FROM invoice_lines WHERE invoice_number = invoices.number)`;

/** Recomputes the invoice's open balance and retainage from its lines and bumps its version. */
export async function touchInvoice(
  tx: PgTx,
  invoiceNumber: string,
  nowMs: number,
): Promise<boolean> {
  const moved = await rowsOf<{ number: string }>(
    tx,
    sql`UPDATE invoices SET ${SUMS_FROM_LINES}, version = version + 1, updated_at_ms = ${nowMs}
      WHERE number = ${invoiceNumber} RETURNING number`,
  );
  return moved.length === 1;
}

/**
 * moveInvoiceLines of src/db/balances.repo.ts in two statements instead of two round trips per
 * line (a 300-line posting made some 400 through the bridge, about a second of the serving
 * thread's time). Moves of one line are summed first: an UPDATE … FROM applies one of them only.
 */
export async function moveInvoiceLines(
  tx: PgTx,
  moves: readonly LineMove[],
  sign: 1 | -1,
  nowMs: number,
): Promise<LineMove | null> {
  const summed = new Map<string, LineMove>();
  for (const m of moves) {
    const key = `${m.invoiceNumber}\u0000${m.line}`;
    const before = summed.get(key);
    summed.set(
      key,
      before === undefined
        ? m
        : {
            ...before,
            amountMinor: before.amountMinor + m.amountMinor,
            taxMinor: before.taxMinor + m.taxMinor,
            retainageMinor: before.retainageMinor + m.retainageMinor,
            financeChargeMinor: before.financeChargeMinor + m.financeChargeMinor,
          },
    );
  }
  const all = [...summed.values()];
  if (all.length === 0) return null;
  const column = (f: (m: LineMove) => number) => sql.param(all.map((m) => sign * f(m)));
  const moved = await rowsOf<{ n: string; line: number }>(
    tx,
    sql`UPDATE invoice_lines AS l SET
        due_minor = l.due_minor + m.amount, tax_minor = l.tax_minor + m.tax,
        retainage_minor = l.retainage_minor + m.retainage,
        finance_charge_minor = l.finance_charge_minor + m.fc
      FROM unnest(${sql.param(all.map((m) => m.invoiceNumber))}::text[],
        ${sql.param(all.map((m) => m.line))}::int[], ${column((m) => m.amountMinor)}::bigint[],
        ${column((m) => m.taxMinor)}::bigint[], ${column((m) => m.retainageMinor)}::bigint[],
        ${column((m) => m.financeChargeMinor)}::bigint[])
        AS m(n, line, amount, tax, retainage, fc)
      WHERE l.invoice_number = m.n AND l.line = m.line
      RETURNING l.invoice_number AS n, l.line`,
  );
  const found = new Set(moved.map((r) => `${r.n}\u0000${Number(r.line)}`));
  const missing = moves.find((m) => !found.has(`${m.invoiceNumber}\u0000${m.line}`));
  if (missing !== undefined) return missing;
  const numbers = [...new Set(all.map((m) => m.invoiceNumber))];
  await tx.execute(sql`UPDATE invoices SET ${SUMS_FROM_LINES}, version = version + 1,
      updated_at_ms = ${nowMs} WHERE number = ANY(${sql.param(numbers)}::text[])`);
  return null;
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
