// The one preview value both the CLI JSON and the Slack preview render from. It is built
// incrementally so an automatic run can stream customers: items are appended, the netted
// journal and the total accumulate, and nothing else is kept.
import { addItemToNet, rowsFromNet } from './journal.ts';
import { formatAmount } from './money.ts';
import type {
  IsoDate,
  PostingAccounts,
  Preview,
  PreviewMode,
  SkippedInvoice,
  WriteOffItem,
  WriteOffLine,
} from './types.ts';

export interface PreviewHeader {
  readonly mode: PreviewMode;
  readonly currency: string;
  readonly period: string;
  readonly date: IsoDate;
}

/** Where a run puts what it decides. */
export interface ItemSink {
  /** Adds an item; zero lines are dropped and an item left with nothing is ignored. */
  addItem(item: WriteOffItem): void;
  addSkipped(skipped: SkippedInvoice): void;
}

export interface PreviewBuilder extends ItemSink {
  /** The finished preview: items in customer then invoice order, journal netted and checked. */
  build(): Preview;
}

/** An invoice item from its lines: zero lines dropped, total summed; undefined if nothing left. */
export function invoiceItem(
  customerId: string,
  invoice: string,
  lines: readonly WriteOffLine[],
): WriteOffItem | undefined {
  const kept = nonZeroLines(lines);
  if (kept.length === 0) return undefined;
  let totalMinor = 0;
  for (const line of kept) totalMinor += line.amountMinor;
  return { kind: 'invoice', customerId, invoice, totalMinor, lines: kept };
}

/** The lines without zero ones: the array itself when it has none (the usual case). */
function nonZeroLines(lines: readonly WriteOffLine[]): readonly WriteOffLine[] {
  return lines.some((line) => line.amountMinor === 0)
    ? lines.filter((line) => line.amountMinor !== 0)
    : lines;
}

export function createPreviewBuilder(
  header: PreviewHeader,
  accounts: PostingAccounts,
): PreviewBuilder {
  const items: WriteOffItem[] = [];
  const skipped: SkippedInvoice[] = [];
  const net = new Map<string, number>();
  let totalMinor = 0;
  return {
    addItem(item) {
      const normalised = normaliseItem(item);
      if (normalised === undefined) return;
      items.push(normalised);
      totalMinor += normalised.totalMinor;
      addItemToNet(net, normalised, accounts);
    },
    addSkipped(entry) {
      skipped.push(entry);
    },
    build() {
      const netSum = [...net.values()].reduce((sum, v) => sum + v, 0);
      if (netSum !== 0) throw new Error(`preview: journal does not balance (${netSum})`);
      return {
        ...header,
        totalMinor,
        items: [...items].sort(compareItems),
        skipped: [...skipped].sort(compareSkipped),
        journal: rowsFromNet(net),
      };
    },
  };
}

/** The item as a preview keeps it: zero lines dropped; undefined when nothing is left. */
export function normaliseItem(item: WriteOffItem): WriteOffItem | undefined {
  if (item.kind === 'on_account') return item.totalMinor === 0 ? undefined : item;
  const kept = nonZeroLines(item.lines);
  if (kept.length === 0) return undefined;
  let totalMinor = 0;
  for (const line of kept) totalMinor += line.amountMinor;
  // Already normal (every item an automatic run makes): kept as it is, no copy per item.
  if (kept === item.lines && totalMinor === item.totalMinor) return item;
  return {
    kind: 'invoice',
    customerId: item.customerId,
    invoice: item.invoice,
    totalMinor,
    lines: kept,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Customer, then invoices before on-account items, then number / id: the docs/cli.md order,
// independent of the order the items arrived in.
export function compareItems(a: WriteOffItem, b: WriteOffItem): number {
  return (
    compareText(a.customerId, b.customerId) ||
    compareText(a.kind, b.kind) ||
    compareText(itemKey(a), itemKey(b))
  );
}

function itemKey(item: WriteOffItem): string {
  return item.kind === 'invoice' ? item.invoice : item.onAccountId;
}

function compareSkipped(a: SkippedInvoice, b: SkippedInvoice): number {
  return compareText(a.customerId, b.customerId) || compareText(a.invoice, b.invoice);
}

/** docs/cli.md JSON, field names and order exactly as in the example; amounts as plain decimals. */
export function previewToJson(preview: Preview): object {
  const amount = (minor: number) => formatAmount(minor, preview.currency);
  return {
    mode: preview.mode,
    currency: preview.currency,
    period: preview.period,
    date: preview.date,
    total: amount(preview.totalMinor),
    items: preview.items.map((item) =>
      item.kind === 'on_account'
        ? { customer: item.customerId, onAccount: item.onAccountId, total: amount(item.totalMinor) }
        : {
            customer: item.customerId,
            invoice: item.invoice,
            total: amount(item.totalMinor),
            lines: item.lines.map((line) => ({
              line: line.line,
              amount: amount(line.amountMinor),
              tax: amount(line.taxMinor),
              retainage: amount(line.retainageMinor),
              financeCharge: amount(line.financeChargeMinor),
              account: line.account,
            })),
          },
    ),
    skipped: preview.skipped.map((s) => ({
      customer: s.customerId,
      invoice: s.invoice,
      reason: s.reason,
    })),
    journal: preview.journal.map((row) => ({
      account: row.account,
      debit: amount(row.debitMinor),
      credit: amount(row.creditMinor),
    })),
  };
}

/**
 * Deterministic text of what an approver approves: the header and every written-off line with
 * its parts and account, one JSON array per line. The app layer hashes it (sha256) at preview
 * time and compares at approval time. Comments are not part of it: they change no balance.
 */
export function canonicalPreviewLines(preview: Preview): string {
  return [...canonicalPreviewRows(preview)].join('\n');
}

/** canonicalPreviewLines one row at a time (joined by `\n` they are that text). */
export function* canonicalPreviewRows(preview: Preview): Generator<string> {
  yield canonicalHeaderRow(preview);
  for (const item of preview.items) yield* canonicalItemRows(item);
}

/** The first canonical row: the header and the total. */
export function canonicalHeaderRow(
  preview: Pick<Preview, 'mode' | 'currency' | 'period' | 'date' | 'totalMinor'>,
): string {
  const { mode, currency, period, date, totalMinor } = preview;
  return JSON.stringify(['v1', mode, currency, period, date, totalMinor]);
}

/** The canonical rows of one item: one per written-off line (an on-account item is one). */
export function canonicalItemRows(item: WriteOffItem): string[] {
  if (item.kind === 'on_account') {
    const { customerId, onAccountId, account } = item;
    return [JSON.stringify(['on_account', customerId, onAccountId, item.totalMinor, account])];
  }
  return item.lines.map((line) =>
    JSON.stringify([
      'invoice',
      item.customerId,
      item.invoice,
      line.line,
      line.amountMinor,
      line.taxMinor,
      line.retainageMinor,
      line.financeChargeMinor,
      line.account,
    ]),
  );
}
