// What a person needs to judge a preview of any size at a glance (docs/automatic-write-offs.md):
// totals, counts, the largest items and why items were skipped. Pure; the full detail goes to
// the CSV (app/preview-csv.ts), never into a message.
import { previewGrossMinor } from './approval-limit.ts';
import type { JournalRow, Preview, SkippedInvoice, SkipReason, WriteOffItem } from './types.ts';

export const LARGEST_ITEMS_SHOWN = 10;

export interface PreviewSummary {
  readonly totalMinor: number;
  readonly grossMinor: number;
  readonly customers: number;
  readonly invoices: number;
  readonly onAccountItems: number;
  readonly lines: number;
  readonly journal: readonly JournalRow[];
  /** By absolute amount, largest first (ties: preview order). */
  readonly largest: readonly WriteOffItem[];
  readonly skipped: Readonly<Partial<Record<SkipReason, number>>>;
}

export function summarisePreview(
  preview: Preview,
  largestShown = LARGEST_ITEMS_SHOWN,
): PreviewSummary {
  const builder = createSummaryBuilder(largestShown);
  for (const item of preview.items) builder.addItem(item);
  for (const skipped of preview.skipped) builder.addSkipped(skipped);
  return builder.build(preview.totalMinor, preview.journal);
}

/**
 * The summary built as items arrive (a run streamed through without keeping its items): the
 * same figures as summarisePreview when fed the preview's items in the preview's order. Items
 * must already be normalised (normaliseItem); the caller supplies the total and the journal.
 */
export interface SummaryBuilder {
  addItem(item: WriteOffItem): void;
  addSkipped(skipped: SkippedInvoice): void;
  build(totalMinor: number, journal: readonly JournalRow[]): PreviewSummary;
}

export function createSummaryBuilder(largestShown = LARGEST_ITEMS_SHOWN): SummaryBuilder {
  const customers = new Set<string>();
  const largest = createLargestKeeper(largestShown);
  const skipped: Partial<Record<SkipReason, number>> = {};
  let invoices = 0;
  let onAccountItems = 0;
  let lines = 0;
  let gross = 0;
  return {
    addItem(item) {
      customers.add(item.customerId);
      if (item.kind === 'invoice') {
        invoices += 1;
        lines += item.lines.length;
      } else {
        onAccountItems += 1;
        lines += 1;
      }
      gross += previewGrossMinor([item]);
      largest.add(item);
    },
    addSkipped(entry) {
      skipped[entry.reason] = (skipped[entry.reason] ?? 0) + 1;
    },
    build(totalMinor, journal) {
      return {
        totalMinor,
        grossMinor: gross,
        customers: customers.size,
        invoices,
        onAccountItems,
        lines,
        journal,
        largest: largest.items(),
        skipped,
      };
    },
  };
}

/** The `count` largest items by absolute total, without sorting the whole list. */
export function largestItems(items: readonly WriteOffItem[], count: number): WriteOffItem[] {
  const keeper = createLargestKeeper(count);
  for (const item of items) keeper.add(item);
  return keeper.items();
}

/** Keeps the `count` largest of the items it is shown, ties in the order shown. */
function createLargestKeeper(count: number) {
  const kept: { item: WriteOffItem; abs: number; at: number }[] = [];
  let at = 0;
  return {
    add(item: WriteOffItem) {
      const abs = Math.abs(item.totalMinor);
      const last = kept[kept.length - 1];
      at += 1;
      if (kept.length >= count && last !== undefined && abs <= last.abs) return;
      kept.push({ item, abs, at });
      kept.sort((a, b) => b.abs - a.abs || a.at - b.at);
      if (kept.length > count) kept.pop();
    },
    items: () => kept.map((k) => k.item),
  };
}
