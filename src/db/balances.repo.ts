// Moving open balances when a write-off posts (amounts leave) or is reversed (they come back).
// Every change bumps the item's version, which is how a later approval of another preview
// notices that the balance it saw is gone. The content hash of the ERP file is left alone:
// re-importing the same ERP data must not undo a posted write-off (ADR 031).
import { sql } from 'drizzle-orm';
import type { LineParts } from '../domain/types.ts';
import type { Tx } from './client.ts';

/** Adds `sign × parts` to one invoice line; false when the line does not exist. */
export function adjustInvoiceLine(
  tx: Tx,
  invoiceNumber: string,
  line: number,
  parts: LineParts,
  sign: 1 | -1,
): boolean {
  const result = tx.run(sql`
    UPDATE invoice_lines SET
      due_minor = due_minor + ${sign * parts.amountMinor},
      tax_minor = tax_minor + ${sign * parts.taxMinor},
      retainage_minor = retainage_minor + ${sign * parts.retainageMinor},
      finance_charge_minor = finance_charge_minor + ${sign * parts.financeChargeMinor}
    WHERE invoice_number = ${invoiceNumber} AND line = ${line}`);
  return result.changes === 1;
}

/** Recomputes the invoice's open balance from its lines and bumps its version. */
export function touchInvoice(tx: Tx, invoiceNumber: string, nowMs: number): boolean {
  const result = tx.run(sql`
    UPDATE invoices SET
      open_minor = (SELECT coalesce(sum(due_minor), 0) FROM invoice_lines
                    WHERE invoice_number = ${invoiceNumber}),
      version = version + 1, updated_at_ms = ${nowMs}
    WHERE number = ${invoiceNumber}`);
  return result.changes === 1;
}

/** Adds `deltaMinor` to an on-account item and bumps its version. */
export function adjustOnAccount(tx: Tx, id: string, deltaMinor: number, nowMs: number): boolean {
  const result = tx.run(sql`
    UPDATE on_account_items SET amount_minor = amount_minor + ${deltaMinor},
      version = version + 1, updated_at_ms = ${nowMs}
    WHERE id = ${id}`);
  return result.changes === 1;
}
