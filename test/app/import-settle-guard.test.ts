// A re-import settles every open invoice the file no longer lists. A file that would settle
// more than a fifth of the open invoices (an export cut short, an empty `invoices`) is refused
// with the count and how to force it, and nothing is written; `allowSettle` forces it.
import { beforeEach, describe, expect, it } from 'vitest';
import { importArFile } from '../../src/app/import-ar-file.ts';
import type { Store } from '../../src/db/tx.ts';
import { createTestStore, sqlValue } from '../support/backend.ts';
import { dumpDatabase, importFixture, NOW_MS, smallArFile } from '../support/db.ts';

/** The small file plus copies of its first invoice: twenty open invoices in all. */
function twentyInvoiceFile() {
  const file = smallArFile();
  const first = file.invoices[0];
  if (first === undefined) throw new Error('the small file has invoices');
  const copies = Array.from({ length: 20 - file.invoices.length }, (_, i) => ({
    ...first,
    number: `9${String(i).padStart(3, '0')}`,
  }));
  return { ...file, invoices: [...file.invoices, ...copies] };
}

let database: Store;
beforeEach(() => {
  database = createTestStore();
  importFixture(database, twentyInvoiceFile());
});

const openInvoices = () =>
  sqlValue(database, 'SELECT count(*) FROM invoices WHERE open_minor <> 0');

describe('an import that would settle many open invoices', () => {
  it('is refused when `invoices` is empty, saying how many and how to force it; nothing is written', () => {
    const open = openInvoices() as number;
    expect(open).toBeGreaterThan(0);
    const before = dumpDatabase(database);
    const result = importArFile(database, { ...twentyInvoiceFile(), invoices: [] }, NOW_MS + 1);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toHaveLength(1);
    const message = result.error[0]?.message ?? '';
    expect(message).toContain(`${open} of ${open} open invoices`);
    expect(message).toContain('--allow-settle');
    expect(dumpDatabase(database)).toEqual(before);
  });

  it('settles them when forced with allowSettle', () => {
    const open = openInvoices() as number;
    const result = importArFile(database, { ...twentyInvoiceFile(), invoices: [] }, NOW_MS + 1, {
      allowSettle: true,
    });
    expect(result.ok && result.value.invoices.settled).toBe(open);
    expect(openInvoices()).toBe(0);
  });

  it('lets a file through that settles a fifth of the open invoices, not one more', () => {
    const file = twentyInvoiceFile();
    expect(openInvoices()).toBe(20);
    const tooMany = importArFile(database, { ...file, invoices: file.invoices.slice(5) }, NOW_MS);
    expect(tooMany.ok).toBe(false);
    const result = importArFile(database, { ...file, invoices: file.invoices.slice(4) }, NOW_MS);
    expect(result.ok && result.value.invoices.settled).toBe(4);
  });

  it('lets a small ledger settle a few invoices whatever their share', () => {
    const small = createTestStore();
    importFixture(small);
    const file = smallArFile();
    const result = importArFile(small, { ...file, invoices: file.invoices.slice(2) }, NOW_MS);
    expect(result.ok && result.value.invoices.settled).toBe(2);
  });

  it('refuses an empty invoices list on a small ledger too', () => {
    const small = createTestStore();
    importFixture(small);
    const result = importArFile(small, { ...smallArFile(), invoices: [] }, NOW_MS);
    expect(!result.ok && result.error[0]?.message).toContain('would settle 3 of 3 open invoices');
  });
});
