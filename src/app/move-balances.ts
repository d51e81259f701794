// Takes the written-off amounts out of (-1) or back into (+1) the open items, inside the
// caller's transaction. A line or item that no longer exists aborts the whole use-case.
import { adjustInvoiceLine, adjustOnAccount, touchInvoice } from '../db/repos/balances.ts';
import type { RequestLineRow } from '../db/repos/requests.ts';
import type { Tx } from '../db/store.ts';
import { abort } from './use-case-tx.ts';

export function moveBalances(
  tx: Tx,
  lines: readonly RequestLineRow[],
  sign: 1 | -1,
  nowMs: number,
): void {
  const invoices = new Set<string>();
  for (const line of lines) {
    if (line.kind === 'on_account') {
      const id = line.onAccountId ?? '';
      if (!adjustOnAccount(tx, id, sign * line.amountMinor, nowMs)) {
        abort({ kind: 'item_missing', item: `On-account item ${id}` });
      }
      continue;
    }
    const number = line.invoiceNumber ?? '';
    if (!adjustInvoiceLine(tx, number, line.line ?? 0, line, sign)) {
      abort({ kind: 'item_missing', item: `Invoice ${number} line ${line.line}` });
    }
    invoices.add(number);
  }
  for (const number of invoices) touchInvoice(tx, number, nowMs);
}
