// Takes the written-off amounts out of (-1) or back into (+1) the open items, inside the
// caller's transaction. A line or item that no longer exists aborts the whole use-case.
import { adjustOnAccount, type LineMove, moveInvoiceLines } from '../db/repos/balances.ts';
import type { RequestLineRow } from '../db/repos/requests.ts';
import type { Tx } from '../db/store.ts';
import { abort } from './use-case-tx.ts';

export function moveBalances(
  tx: Tx,
  lines: readonly RequestLineRow[],
  sign: 1 | -1,
  nowMs: number,
): void {
  const moves: LineMove[] = [];
  for (const line of lines) {
    if (line.kind === 'on_account') {
      const id = line.onAccountId ?? '';
      if (!adjustOnAccount(tx, id, sign * line.amountMinor, nowMs)) {
        abort({ kind: 'item_missing', item: `On-account item ${id}` });
      }
      continue;
    }
    moves.push({
      invoiceNumber: line.invoiceNumber ?? '',
      line: line.line ?? 0,
      amountMinor: line.amountMinor,
      taxMinor: line.taxMinor,
      retainageMinor: line.retainageMinor,
      financeChargeMinor: line.financeChargeMinor,
    });
  }
  const missing = moveInvoiceLines(tx, moves, sign, nowMs);
  if (missing !== null) {
    abort({ kind: 'item_missing', item: `Invoice ${missing.invoiceNumber} line ${missing.line}` });
  }
}
