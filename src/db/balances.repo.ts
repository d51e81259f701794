// Moving open balances when a write-off posts (amounts leave) or is reversed (they come back).
// Every change bumps the item's version, which is how a later approval of another preview
// notices that the balance it saw is gone. The content hash of the ERP file is left alone:
// re-importing the same ERP data must not undo a posted write-off (ADR 031). Prepared
// statements on the raw handle (a request can move tens of thousands of lines); call these
// inside the caller's transaction on the same connection.
import type { LineParts } from '../domain/types.ts';
import { connectionOf, statementCache, type Tx } from './client.ts';
import type { Connection } from './tx.ts';

const statementsOf = statementCache(prepare);

function prepare(sqlite: Connection['sqlite']) {
  return {
    line: sqlite.prepare(
      `UPDATE invoice_lines SET due_minor = due_minor + ?, tax_minor = tax_minor + ?,
         retainage_minor = retainage_minor + ?, finance_charge_minor = finance_charge_minor + ?
       WHERE invoice_number = ? AND line = ?`,
    ),
    invoice: sqlite.prepare(
      // Both sums kept with the lines: open_minor (ADR 070) and retainage_minor (ADR 320).
      `UPDATE invoices SET
         (open_minor, retainage_minor) = (SELECT coalesce(sum(due_minor), 0),
           coalesce(sum(retainage_minor), 0) FROM invoice_lines
           WHERE invoice_number = invoices.number),
         version = version + 1, updated_at_ms = ?
       WHERE number = ?`,
    ),
    onAccount: sqlite.prepare(
      `UPDATE on_account_items SET amount_minor = amount_minor + ?, version = version + 1,
         updated_at_ms = ? WHERE id = ?`,
    ),
  };
}

/** Adds `sign × parts` to one invoice line; false when the line does not exist. */
export function adjustInvoiceLine(
  tx: Tx,
  invoiceNumber: string,
  line: number,
  parts: LineParts,
  sign: 1 | -1,
): boolean {
  const database = connectionOf(tx);
  const result = statementsOf(database).line.run(
    sign * parts.amountMinor,
    sign * parts.taxMinor,
    sign * parts.retainageMinor,
    sign * parts.financeChargeMinor,
    invoiceNumber,
    line,
  );
  return result.changes === 1;
}

/** Recomputes the invoice's open balance and retainage from its lines and bumps its version. */
export function touchInvoice(tx: Tx, invoiceNumber: string, nowMs: number): boolean {
  const database = connectionOf(tx);
  return statementsOf(database).invoice.run(nowMs, invoiceNumber).changes === 1;
}

export interface LineMove extends LineParts {
  readonly invoiceNumber: string;
  readonly line: number;
}

/**
 * Adds `sign × parts` to every line of `moves` and then recomputes each invoice they touch, as
 * adjustInvoiceLine and touchInvoice one by one; returns the first move whose line does not
 * exist (the caller aborts), or null. One call, so a backend with a round trip per statement
 * (the PostgreSQL twin) moves a request's lines in two statements.
 */
export function moveInvoiceLines(
  tx: Tx,
  moves: readonly LineMove[],
  sign: 1 | -1,
  nowMs: number,
): LineMove | null {
  const invoices = new Set<string>();
  for (const move of moves) {
    if (!adjustInvoiceLine(tx, move.invoiceNumber, move.line, move, sign)) return move;
    invoices.add(move.invoiceNumber);
  }
  for (const number of invoices) touchInvoice(tx, number, nowMs);
  return null;
}

/** Adds `deltaMinor` to an on-account item and bumps its version. */
export function adjustOnAccount(tx: Tx, id: string, deltaMinor: number, nowMs: number): boolean {
  const database = connectionOf(tx);
  return statementsOf(database).onAccount.run(deltaMinor, nowMs, id).changes === 1;
}
