// A re-import settles every open invoice the file no longer lists. A file that would settle
// more than a fifth of the open invoices (an export cut short, an empty `invoices`) is refused
// with the count and how to force it, and nothing is written; `allowSettle` forces it.
import { beforeEach, describe, expect, it } from 'vitest';
import { importArFile } from '../../src/app/import-ar-file.ts';
import type { Database } from '../../src/db/client.ts';
import { sqliteStore } from '../../src/db/sqlite-store.ts';
import {
  createTestDatabase,
  dumpDatabase,
  importFixture,
  NOW_MS,
  smallArFile,
} from '../support/db.ts';

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

let database: Database;
beforeEach(() => {
  database = createTestDatabase();
  importFixture(database, twentyInvoiceFile());
});

const openInvoices = () =>
  database.sqlite.prepare('SELECT count(*) FROM invoices WHERE open_minor <> 0').pluck().get();

describe('an import that would settle many open invoices', () => {
  it('is refused when `invoices` is empty, saying how many and how to force it; nothing is written', () => {
    const open = openInvoices() as number;
    expect(open).toBeGreaterThan(0);
    const before = dumpDatabase(database);
    const result = importArFile(
      sqliteStore(database),
      { ...twentyInvoiceFile(), invoices: [] },
      NOW_MS + 1,
    );
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
    const result = importArFile(
      sqliteStore(database),
      { ...twentyInvoiceFile(), invoices: [] },
      NOW_MS + 1,
      {
        allowSettle: true,
      },
    );
    expect(result.ok && result.value.invoices.settled).toBe(open);
    expect(openInvoices()).toBe(0);
  });

  it('lets a file through that settles a fifth of the open invoices, not one more', () => {
    const file = twentyInvoiceFile();
    expect(openInvoices()).toBe(20);
    const tooMany = importArFile(
      sqliteStore(database),
      { ...file, invoices: file.invoices.slice(5) },
      NOW_MS,
    );
    expect(tooMany.ok).toBe(false);
    const result = importArFile(
      sqliteStore(database),
      { ...file, invoices: file.invoices.slice(4) },
      NOW_MS,
    );
    expect(result.ok && result.value.invoices.settled).toBe(4);
  });

  it('lets a small ledger settle a few invoices whatever their share', () => {
    const small = createTestDatabase();
    importFixture(small);
    const file = smallArFile();
    const result = importArFile(
      sqliteStore(small),
      { ...file, invoices: file.invoices.slice(2) },
      NOW_MS,
    );
    expect(result.ok && result.value.invoices.settled).toBe(2);
  });

  it('refuses an empty invoices list on a small ledger too', () => {
    const small = createTestDatabase();
    importFixture(small);
    const result = importArFile(sqliteStore(small), { ...smallArFile(), invoices: [] }, NOW_MS);
    expect(!result.ok && result.error[0]?.message).toContain('would settle 3 of 3 open invoices');
  });
});
