// The customer type-ahead: ids in any case, name fragments through the trigram index, short
// queries by prefix only, the index kept in step with imports, and the same hits in the same
// order as a plain `LIKE` over every name wherever the old rules applied (ADR 235).
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/app/demo-data.ts';
import type { Database } from '../../src/db/client.ts';
import { searchCustomers } from '../../src/db/customers.repo.ts';
import { searchInvoiceNumbers } from '../../src/db/invoices.repo.ts';
import { txOf } from '../../src/db/sqlite-store.ts';
import { createImportedDatabase, importFixture, smallArFile } from '../support/db.ts';

const ids = (database: Database, query: string, limit = 10) =>
  searchCustomers(txOf(database), query, limit).map((c) => c.id);

const WORDS = ['Acme', 'Bolt', 'Nut', 'Cedar', 'Harbor', 'Steel', 'Supply', 'Builders', 'Glass'];

/** `count` customers with two- or three-word names, ids C0000…, seeded. */
function manyCustomers(count: number): { id: string; name: string }[] {
  const rng = seededRandom(11);
  const word = () => WORDS[Math.floor(rng() * WORDS.length)] ?? 'X';
  return Array.from({ length: count }, (_, i) => ({
    id: `C${String(i).padStart(4, '0')}`,
    name: rng() < 0.5 ? `${word()} ${word()}` : `${word()} ${word()} ${word().toLowerCase()}`,
  }));
}

function importCustomers(database: Database, customers: { id: string; name: string }[]): void {
  const file = smallArFile();
  importFixture(database, { ...file, customers: [...file.customers, ...customers] });
}

/** The search before the trigram index: id prefix as stored, name prefix, `LIKE` on every name. */
function likeScan(database: Database, query: string, limit: number): string[] {
  const q = query.trim();
  const lower = q.toLowerCase();
  const found = new Set<string>();
  const take = (rows: { id: string }[]) => {
    for (const r of rows) if (found.size < limit) found.add(r.id);
  };
  const max = String.fromCodePoint(0x10ffff);
  take(
    database.db.all(sql`SELECT id FROM customers WHERE id >= ${q} AND id < ${q + max}
      ORDER BY id LIMIT ${limit}`),
  );
  take(
    database.db.all(sql`SELECT id FROM customers WHERE name_lower >= ${lower}
      AND name_lower < ${lower + max} ORDER BY name_lower, id LIMIT ${limit}`),
  );
  const pattern = `%${lower.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  take(
    database.db.all(sql`SELECT id FROM customers WHERE name_lower LIKE ${pattern} ESCAPE '\\'
      ORDER BY name_lower, id LIMIT ${limit}`),
  );
  return [...found];
}

let database: Database;

beforeEach(() => {
  database = createImportedDatabase();
});

describe('customer type-ahead', () => {
  it('finds ids by prefix in any case', () => {
    expect(ids(database, 'c1')).toEqual(['C100']);
    expect(ids(database, 'c')).toEqual(['C100', 'C200']);
    expect(ids(database, 'C2')).toEqual(['C200']);
  });

  it('finds a fragment from the middle of a name, in any case', () => {
    expect(ids(database, 'ut sup')).toEqual(['C200']);
    expect(ids(database, 'UILDER')).toEqual(['C100']);
    expect(ids(database, '& n')).toEqual(['C200']);
    expect(ids(database, 'zzz')).toEqual([]);
  });

  it('matches queries under three characters by prefix only (the trigram index needs three)', () => {
    expect(ids(database, 'bo')).toEqual(['C200']);
    expect(ids(database, 'ol')).toEqual([]);
    expect(ids(database, '%')).toEqual([]);
  });

  it('follows a rename by re-import and a customer written outside the import', () => {
    const file = smallArFile();
    importFixture(database, {
      ...file,
      customers: [{ id: 'C100', name: 'Zenith Roofing' }, ...file.customers.slice(1)],
    });
    expect(ids(database, 'uilder')).toEqual([]);
    expect(ids(database, 'enith roo')).toEqual(['C100']);
    database.db.run(
      sql`INSERT INTO customers (id, name, name_lower) VALUES ('C900', 'Quarry Rock', 'quarry rock')`,
    );
    expect(ids(database, 'y roc')).toEqual(['C900']);
    database.db.run(sql`DELETE FROM customers WHERE id = 'C900'`);
    expect(ids(database, 'y roc')).toEqual([]);
  });

  it('gives the hits of a LIKE over every name, in the same order', () => {
    importCustomers(database, manyCustomers(400));
    const rng = seededRandom(5);
    const names = manyCustomers(400).map((c) => c.name);
    for (let i = 0; i < 200; i += 1) {
      const name = names[Math.floor(rng() * names.length)] ?? '';
      const start = Math.floor(rng() * (name.length - 3));
      const query = name.slice(start, start + 3 + Math.floor(rng() * 6)).trim();
      if (query.length < 3) continue; // shorter ones: prefix only (the test above)
      const limit = [5, 10, 50][i % 3] ?? 10;
      expect(ids(database, query, limit), `query ${JSON.stringify(query)}`).toEqual(
        likeScan(database, query, limit),
      );
    }
  });

  it('caps a search at the limit, with balances', () => {
    importCustomers(database, manyCustomers(400));
    const hits = searchCustomers(txOf(database), 'eel', 50);
    expect(hits).toHaveLength(50);
    expect(hits.map((h) => h.id)).toEqual(likeScan(database, 'eel', 50));
    expect(hits.every((h) => h.balanceMinor === h.invoicesOpenMinor + h.onAccountMinor)).toBe(true);
  });
});

describe('invoice-number type-ahead', () => {
  it('matches a prefix in any case, in number order, as LIKE did', () => {
    const file = smallArFile();
    const invoice = file.invoices[0];
    if (invoice === undefined) throw new Error('fixture has invoices');
    const extra = ['INV-10', 'inv-2', 'Inv-11', 'X_1', 'XA1'].map((number) => ({
      ...invoice,
      number,
    }));
    importFixture(database, { ...file, invoices: [...file.invoices, ...extra] });
    expect(searchInvoiceNumbers(txOf(database), 'inv-1', 10)).toEqual(['INV-10', 'Inv-11']);
    expect(searchInvoiceNumbers(txOf(database), 'INV', 2)).toEqual(['INV-10', 'Inv-11']);
    expect(searchInvoiceNumbers(txOf(database), 'x_', 10)).toEqual(['X_1']);
    for (const prefix of ['', '1', '100', 'i', 'Inv-1', 'zz']) {
      const like = database.db
        .all<{ number: string }>(
          sql`SELECT number FROM invoices WHERE number LIKE ${`${prefix}%`} ORDER BY number`,
        )
        .map((r) => r.number);
      expect(searchInvoiceNumbers(txOf(database), prefix, 100).sort()).toEqual(like.sort());
    }
  });

  it('has case-insensitive indexes that serve prefix ranges', () => {
    const plan = (query: string) =>
      database.sqlite
        .prepare(`EXPLAIN QUERY PLAN ${query}`)
        .all('a', 'b')
        .map((r) => (r as { detail: string }).detail)
        .join('; ');
    expect(
      plan(`SELECT number FROM invoices WHERE number COLLATE NOCASE >= ?
        AND number COLLATE NOCASE < ? ORDER BY number COLLATE NOCASE, number LIMIT 5`),
    ).toContain('USING COVERING INDEX invoices_number_nocase_idx');
    expect(
      plan(`SELECT id, name FROM customers WHERE id COLLATE NOCASE >= ?
        AND id COLLATE NOCASE < ? ORDER BY id COLLATE NOCASE LIMIT 5`),
    ).toContain('USING INDEX customers_id_nocase_idx');
  });
});
