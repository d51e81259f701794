// An import that writes few customers merges the type-ahead's trigram index within a budget
// instead of rewriting it whole (ADR 370): the type-ahead sees the renamed and the new
// customers at once, and the index stays in few segments across many such imports.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { searchCustomers } from '../../src/db/customers.repo.ts';
import { txOf } from '../../src/db/sqlite-store.ts';
import { createImportedDatabase, importFixture, smallArFile } from '../support/db.ts';

const CUSTOMERS = 400;

const segments = (database: Database) =>
  database.db.get<{ n: number }>(sql`SELECT count(DISTINCT segid) AS n FROM customers_search_idx`)
    ?.n;

const found = (database: Database, query: string) =>
  searchCustomers(txOf(database), query, 50).map((c) => c.id);

const customerId = (i: number) => `C${String(i).padStart(4, '0')}`;

/** The small file with `count` more customers named by `name`. */
function importNames(database: Database, name: (i: number) => string, count = CUSTOMERS): void {
  const file = smallArFile();
  const customers = Array.from({ length: count }, (_, i) => ({ id: customerId(i), name: name(i) }));
  importFixture(database, { ...file, customers: [...file.customers, ...customers] });
}

const harbor = (i: number) => `Harbor Supply ${i}`;

describe('trigram index after an import that writes few customers', () => {
  it('finds a renamed customer by its new name only, and a new customer', () => {
    const database = createImportedDatabase();
    importNames(database, harbor);
    expect(found(database, 'supply 123')).toEqual(['C0123']);

    const renamed = (i: number) => (i === 123 ? 'Quillfeather Tiles' : harbor(i));
    importNames(
      database,
      (i) => (i === CUSTOMERS ? 'Zephyr Anvil Works' : renamed(i)),
      CUSTOMERS + 1,
    );

    expect(found(database, 'llfeather ti')).toEqual(['C0123']);
    expect(found(database, 'ather')).toEqual(['C0123']);
    expect(found(database, 'supply 123')).toEqual([]);
    expect(found(database, 'anvil wo')).toEqual(['C0400']);
    expect(found(database, 'supply 12')).toEqual(['C0012', ...range(120, 130, 123)]);
  });

  it('stays in few segments across imports that rename one customer each', () => {
    const database = createImportedDatabase();
    importNames(database, harbor);
    expect(segments(database)).toBe(1);
    // Sixteen imports, each renaming one more customer: unmerged, each would leave a segment.
    for (let k = 0; k < 16; k += 1) {
      importNames(database, (i) => (i <= k ? `Cedar Glass ${i}` : harbor(i)));
      expect(segments(database)).toBeLessThanOrEqual(4);
    }
    expect(found(database, 'dar glass')).toEqual(numberedInNameOrder(16));
    expect(found(database, 'supply 1')).not.toContain('C0001');
  });

  it('is one segment again after an import that renames many customers', () => {
    const database = createImportedDatabase();
    importNames(database, harbor);
    for (let k = 0; k < 3; k += 1)
      importNames(database, (i) => (i <= k ? `Cedar Glass ${i}` : harbor(i)));
    expect(segments(database)).toBeGreaterThan(1);
    importNames(database, (i) => (i % 2 === 0 ? `Birch Stone ${i}` : harbor(i)));
    expect(segments(database)).toBe(1);
    expect(found(database, 'rch stone 39')).toEqual(['C0390', 'C0392', 'C0394', 'C0396', 'C0398']);
  });
});

/** Customer ids from `from` to before `to`, leaving out `except`. */
function range(from: number, to: number, except?: number): string[] {
  const ids: string[] = [];
  for (let i = from; i < to; i += 1) if (i !== except) ids.push(customerId(i));
  return ids;
}

/** Customers 0 to `count` - 1 in the order of names ending in their number ("… 10" before "… 2"). */
const numberedInNameOrder = (count: number) =>
  Array.from({ length: count }, (_, i) => String(i))
    .sort()
    .map((n) => customerId(Number(n)));
