// What a person needs to judge a preview of any size at a glance (docs/automatic-write-offs.md):
// totals, counts, the largest items and why items were skipped. Pure; the full detail goes to
// the CSV (app/preview-csv.ts), never into a message.
import { previewGrossMinor } from './approval-limit.ts';
import type { JournalRow, Preview, SkipReason, WriteOffItem } from './types.ts';

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
  const customers = new Set<string>();
  let invoices = 0;
  let onAccountItems = 0;
  let lines = 0;
  for (const item of preview.items) {
    customers.add(item.customerId);
    if (item.kind === 'invoice') {
      invoices += 1;
      lines += item.lines.length;
    } else {
      onAccountItems += 1;
      lines += 1;
    }
  }
  const skipped: Partial<Record<SkipReason, number>> = {};
  for (const s of preview.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
  return {
    totalMinor: preview.totalMinor,
    grossMinor: previewGrossMinor(preview.items),
    customers: customers.size,
    invoices,
    onAccountItems,
    lines,
    journal: preview.journal,
    largest: largestItems(preview.items, largestShown),
    skipped,
  };
}

/** The `count` largest items by absolute total, without sorting the whole list. */
export function largestItems(items: readonly WriteOffItem[], count: number): WriteOffItem[] {
  const kept: { item: WriteOffItem; abs: number; at: number }[] = [];
  items.forEach((item, at) => {
    const abs = Math.abs(item.totalMinor);
    const last = kept[kept.length - 1];
    if (kept.length >= count && last !== undefined && abs <= last.abs) return;
    kept.push({ item, abs, at });
    kept.sort((a, b) => b.abs - a.abs || a.at - b.at);
    if (kept.length > count) kept.pop();
  });
  return kept.map((k) => k.item);
}
