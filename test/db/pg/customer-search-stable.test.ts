// The same text typed twice lists the same customers on PostgreSQL, even when the fragment has
// more hits past the walk than the SORTED_HITS_MAX it sorts (ADR 325, 376). A sequential scan of
// a table over a quarter of `shared_buffers` would start where the last scan stopped. The
// server's 128 MB would need a 32 MB table, so this runs on a PGlite with 1 MB of them.
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { SORTED_HITS_MAX } from '../../../src/db/customers.repo.ts';
import { searchCustomers } from '../../../src/db/pg/customers.repo.ts';
import { openPglite } from './backends.ts';

/** 20,000 names; every 20th holds "steel" and sorts after all the others (past the walk). */
const CUSTOMERS = `INSERT INTO customers (id, name, name_lower)
  SELECT 'K' || i, n, lower(n) FROM generate_series(10000, 29999) AS i,
  LATERAL (SELECT CASE WHEN i % 20 = 0 THEN 'Steel Part ' ELSE 'Part ' END || i AS n) AS names`;
const HITS = 1000;

it('lists the same customers each time a capped fragment is typed', async () => {
  const handle = await openPglite(['shared_buffers = 1MB']);
  try {
    await handle.db.execute(sql.raw(CUSTOMERS));
    await handle.db.execute(sql.raw('ANALYZE customers'));
    const [size] = (
      await handle.db.execute(sql`SELECT pg_relation_size('customers') / 8192 AS pages,
        (SELECT setting::int FROM pg_settings WHERE name = 'shared_buffers') AS buffers`)
    ).rows as { pages: number; buffers: number }[];
    // The case this pins: scans of the table may be synchronized, and the hits are capped.
    expect(Number(size?.pages)).toBeGreaterThan(Number(size?.buffers) / 4);
    expect(HITS).toBeGreaterThan(SORTED_HITS_MAX);
    const lists: string[][] = [];
    for (let call = 0; call < 6; call++) {
      // One transaction a keystroke, as the store's reads are.
      const hits = await handle.db.transaction((tx) => searchCustomers(tx, 'TEEL', 50));
      lists.push(hits.map((h) => h.id));
      const names = hits.map((h) => h.name.toLowerCase());
      expect(names.every((n) => n.includes('teel'))).toBe(true);
      expect(names).toEqual([...names].sort());
    }
    expect(lists[0]).toHaveLength(50);
    for (const list of lists) expect(list).toEqual(lists[0]);
  } finally {
    await handle.close();
  }
});
