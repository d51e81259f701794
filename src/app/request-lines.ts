// Between a Preview and the stored rows of a request: previewed lines become request lines
// (with the item versions the preview saw), and stored lines become a Preview again, so the
// approver's hash check, the posting and the Slack view all work from one shape.
import type { NewRequestLineRow, RequestLineRow, RequestRow } from '../db/repos/requests.ts';
import { createPreviewBuilder } from '../domain/preview.ts';
import type {
  PostingAccounts,
  Preview,
  PreviewMode,
  WriteOffItem,
  WriteOffLine,
} from '../domain/types.ts';
import type { ItemSnapshot } from './snapshot.ts';

export function requestLineRows(
  requestId: string,
  preview: Preview,
  snapshot: ItemSnapshot,
): NewRequestLineRow[] {
  const rows: NewRequestLineRow[] = [];
  for (const item of preview.items) {
    const { customerId } = item;
    if (item.kind === 'on_account') {
      rows.push({
        requestId,
        customerId,
        seq: rows.length + 1,
        kind: 'on_account',
        onAccountId: item.onAccountId,
        itemVersion: snapshot.onAccount.get(item.onAccountId) ?? 0,
        amountMinor: item.totalMinor,
        taxMinor: 0,
        retainageMinor: 0,
        financeChargeMinor: 0,
        account: item.account,
        comment: item.comment ?? null,
      });
      continue;
    }
    for (const line of item.lines) {
      rows.push({
        requestId,
        customerId,
        seq: rows.length + 1,
        kind: 'invoice',
        invoiceNumber: item.invoice,
        line: line.line,
        itemVersion: snapshot.invoices.get(item.invoice) ?? 0,
        amountMinor: line.amountMinor,
        taxMinor: line.taxMinor,
        retainageMinor: line.retainageMinor,
        financeChargeMinor: line.financeChargeMinor,
        account: line.account,
        comment: line.comment ?? null,
      });
    }
  }
  return rows;
}

/** Stored lines grouped back into items, in their stored (preview) order. */
export function itemsFromLines(lines: readonly RequestLineRow[]): WriteOffItem[] {
  const items: WriteOffItem[] = [];
  let current: { invoice: string; customerId: string; lines: WriteOffLine[] } | undefined;
  const flush = () => {
    if (current === undefined) return;
    const totalMinor = current.lines.reduce((sum, l) => sum + l.amountMinor, 0);
    items.push({ kind: 'invoice', ...current, totalMinor });
    current = undefined;
  };
  for (const row of lines) {
    if (row.kind === 'on_account') {
      flush();
      items.push({
        kind: 'on_account',
        customerId: row.customerId,
        onAccountId: row.onAccountId ?? '',
        totalMinor: row.amountMinor,
        account: row.account,
        ...(row.comment === null ? {} : { comment: row.comment }),
      });
      continue;
    }
    const invoice = row.invoiceNumber ?? '';
    if (current?.invoice !== invoice) {
      flush();
      current = { invoice, customerId: row.customerId, lines: [] };
    }
    current.lines.push({
      line: row.line ?? 0,
      amountMinor: row.amountMinor,
      taxMinor: row.taxMinor,
      retainageMinor: row.retainageMinor,
      financeChargeMinor: row.financeChargeMinor,
      account: row.account,
      ...(row.comment === null ? {} : { comment: row.comment }),
    });
  }
  flush();
  return items;
}

/** The request as a Preview (journal netted with today's posting accounts). */
export function previewFromRequest(
  row: RequestRow,
  lines: readonly RequestLineRow[],
  accounts: PostingAccounts,
): Preview {
  const builder = createPreviewBuilder(
    {
      mode: row.mode as PreviewMode,
      currency: row.currency,
      period: row.period,
      date: row.writeOffOn,
    },
    accounts,
  );
  for (const item of itemsFromLines(lines)) builder.addItem(item);
  return builder.build();
}
