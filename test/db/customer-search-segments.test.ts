// An import that wrote many customers (one in ten or more: here the first import, then half of
// them renamed) leaves the type-ahead's trigram index in one segment, which each fragment search
// reads once per trigram instead of once per segment (ADR 360, 370).
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { searchCustomers } from '../../src/db/customers.repo.ts';
import { txOf } from '../../src/db/sqlite-store.ts';
import { createImportedDatabase, importFixture, smallArFile } from '../support/db.ts';

const segments = (database: Database) =>
  database.db.get<{ n: number }>(sql`SELECT count(DISTINCT segid) AS n FROM customers_search_idx`)
    ?.n;

function importNames(database: Database, name: (i: number) => string): void {
  const file = smallArFile();
  const customers = Array.from({ length: 500 }, (_, i) => ({
    id: `C${String(i).padStart(4, '0')}`,
    name: name(i),
  }));
  importFixture(database, { ...file, customers: [...file.customers, ...customers] });
}

describe('trigram index segments', () => {
  it('stays one segment across imports that add and rename customers', () => {
    const database = createImportedDatabase();
    importNames(database, (i) => `Harbor Supply ${i}`);
    expect(segments(database)).toBe(1);
    importNames(database, (i) => (i % 2 === 0 ? `Cedar Glass ${i}` : `Harbor Supply ${i}`));
    expect(segments(database)).toBe(1);
    const hits = searchCustomers(txOf(database), 'dar glass 42', 10).map((c) => c.id);
    expect(hits).toEqual(['C0042', 'C0420', 'C0422', 'C0424', 'C0426', 'C0428']);
    expect(searchCustomers(txOf(database), 'supply 42', 10).map((c) => c.id)).toEqual([
      'C0421',
      'C0423',
      'C0425',
      'C0427',
      'C0429',
    ]);
  });
});
