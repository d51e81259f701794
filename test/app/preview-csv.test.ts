// The preview's CSV detail (csv-stringify) and its at-a-glance summary, on the small ledger: one
// row per written-off line, amounts that sum to the preview total, formulas never live.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, previewCsv } from '../../src/app/preview-csv.ts';
import { previewAutomaticRun } from '../../src/app/preview-write-off.ts';
import { parseAmount } from '../../src/domain/money.ts';
import { largestItems, summarisePreview } from '../../src/domain/preview-summary.ts';
import type { Preview, WriteOffItem } from '../../src/domain/types.ts';
import { seededDeps, unwrap } from '../support/app.ts';

const run = (): Preview =>
  unwrap(
    previewAutomaticRun(seededDeps(), {
      type: 'account-balance',
      value: '1000.00',
      olderThan: '2026-06-01',
      period: '2026-06',
      date: '2026-06-15',
    }),
  ).preview;

describe('preview CSV', () => {
  it('has the header, one row per line or on-account item, and sums to the total', () => {
    const preview = run();
    const rows = parse(previewCsv(preview)) as string[][];
    expect(rows[0]).toEqual([...CSV_HEADER]);
    const lines = preview.items.reduce(
      (n, i) => n + (i.kind === 'invoice' ? i.lines.length : 1),
      0,
    );
    expect(rows).toHaveLength(lines + 1);
    const sum = rows.slice(1).reduce((s, r) => s + unwrap(parseAmount(r[5] ?? '', 'USD')), 0);
    expect(sum).toBe(preview.totalMinor);
    expect(rows.some((r) => r[1] === 'on_account' && r[4] === 'P-9')).toBe(true);
  });

  it('never lets a text cell start a spreadsheet formula', () => {
    const preview = run();
    const item = preview.items.find((i) => i.kind === 'invoice');
    if (item?.kind !== 'invoice') throw new Error('no invoice');
    const evil: Preview = {
      ...preview,
      items: [{ ...item, lines: item.lines.map((l) => ({ ...l, comment: '=HYPERLINK("x")' })) }],
    };
    const rows = parse(previewCsv(evil)) as string[][];
    expect(rows[1]?.[10]).toBe('\'=HYPERLINK("x")');
  });
});

describe('preview summary', () => {
  it('counts customers, invoices, on-account items and gross', () => {
    const summary = summarisePreview(run());
    expect(summary).toMatchObject({ customers: 2, invoices: 3, onAccountItems: 1 });
    expect(summary.grossMinor).toBeGreaterThanOrEqual(Math.abs(summary.totalMinor));
  });

  it('keeps the N largest by absolute amount, ties in preview order', () => {
    const item = (invoice: string, totalMinor: number): WriteOffItem => ({
      kind: 'invoice',
      customerId: 'C',
      invoice,
      totalMinor,
      lines: [],
    });
    const items = [item('a', 5), item('b', -90), item('c', 7), item('d', 90), item('e', 1)];
    expect(largestItems(items, 3).map((i) => i.kind === 'invoice' && i.invoice)).toEqual([
      'b',
      'd',
      'c',
    ]);
  });
});
