// The customer type-ahead's name fragments on a ledger larger than the in-order walk and than the
// trigram hits it sorts (ADR 235, 325), alike on SQLite and PostgreSQL: exact answers while the
// hits fit either, and a capped answer that still only lists hits, in name order. A long fragment
// asks the trigram index first on both (ADR 360, 375): at SORTED_HITS_MAX index hits, and one
// fewer, the answers are still every hit in name order.
import { expect } from 'vitest';
import * as sqliteCustomers from '../../../src/db/customers.repo.ts';
import {
  INDEX_FIRST_CHARS,
  NAMES_READ_IN_ORDER,
  SORTED_HITS_MAX,
} from '../../../src/db/customers.repo.ts';
import * as pgCustomers from '../../../src/db/pg/customers.repo.ts';
import { contract, pair } from './contract.ts';
import { LEDGER_FIXTURE } from './contract-fixture.ts';

const CUSTOMERS = pair(sqliteCustomers, pgCustomers, ['searchCustomers']);

/**
 * K1000…K4499, "Zz Part 1000"…: after the fixture's six names, in id and in name order; written
 * last to first, so the order the trigram index yields them in is not name order.
 */
const FIRST = 1000;
const COUNT = 3500;
const MANY = `WITH RECURSIVE n(i) AS (SELECT ${FIRST} UNION ALL SELECT i + 1 FROM n WHERE i < ${FIRST + COUNT - 1})
  INSERT INTO customers (id, name, name_lower) SELECT 'K' || i, 'Zz Part ' || i, 'zz part ' || i FROM n
  ORDER BY i DESC`;
/** The last name the in-order walk reads: the fixture's six names come first. */
const LAST_WALKED = FIRST + NAMES_READ_IN_ORDER - 6 - 1;

/** `count` names holding `text` and a number from `first` up, ids `prefix` + number, last first. */
const numbered = (prefix: string, text: string, first: number, count: number) =>
  `WITH RECURSIVE n(i) AS (SELECT ${first} UNION ALL SELECT i + 1 FROM n WHERE i < ${first + count - 1})
  INSERT INTO customers (id, name, name_lower) SELECT '${prefix}' || i, '${text} ' || i,
  '${text.toLowerCase()} ' || i FROM n ORDER BY i DESC`;

const ids = (hits: readonly { id: string }[]) => hits.map((h) => h.id);
const range = (from: number, count: number, prefix = 'K') =>
  Array.from({ length: count }, (_, i) => `${prefix}${from + i}`);

contract('customer type-ahead over many names', LEDGER_FIXTURE, (test) => {
  test('the in-order walk and the trigram index give the first hits in name order', async (s) => {
    expect(LAST_WALKED).toBeLessThan(4000); // the cases below rely on it
    await s.exec(MANY);
    const { searchCustomers } = s.bind(CUSTOMERS);
    // 1,000 hits, all among the walked names: the walk stops at the 50th.
    expect(ids(await searchCustomers('rt 1', 50))).toEqual(range(1000, 50));
    // 100 hits, all past the walk: the trigram index finds every one, then they are sorted.
    expect(ids(await searchCustomers('RT 44', 50))).toEqual(range(4400, 50));
    expect(ids(await searchCustomers('rt 44', 200))).toEqual(range(4400, 100));
  });

  test('caps the sorted trigram hits: a common fragment lists only hits, in order', async (s) => {
    await s.exec(MANY);
    const { searchCustomers } = s.bind(CUSTOMERS);
    // 500 hits past the walk (zz part 4000…4499), more than the index hits sorted.
    expect(SORTED_HITS_MAX).toBeLessThan(500);
    const hits = await searchCustomers('rt 4', 50);
    expect(hits).toHaveLength(50);
    expect(hits.every((h) => h.name.toLowerCase().includes('rt 4'))).toBe(true);
    const names = hits.map((h) => h.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(new Set(ids(hits)).size).toBe(50);
  });

  test('a long fragment (the trigram index asked first) gives the same answers', async (s) => {
    await s.exec(MANY);
    const { searchCustomers } = s.bind(CUSTOMERS);
    expect('zz part 1'.length).toBeGreaterThanOrEqual(INDEX_FIRST_CHARS);
    // 1,000 hits, more than the index yields: the walk answers, from its first names.
    expect(ids(await searchCustomers('zz part 1', 50))).toEqual(range(1000, 50));
    // 100 hits among the walked names, and 100 across the walk's end: the index has them all.
    expect(ids(await searchCustomers('ZZ PART 29', 50))).toEqual(range(2900, 50));
    expect(ids(await searchCustomers('zz part 39', 200))).toEqual(range(3900, 100));
    expect(ids(await searchCustomers('zz part 44', 200))).toEqual(range(4400, 100));
    // 500 hits past the walk: capped, only hits, in name order.
    const capped = await searchCustomers('zz part 4', 50);
    const names = capped.map((h) => h.name.toLowerCase());
    expect(names.every((n) => n.includes('zz part 4'))).toBe(true);
    expect(names).toEqual([...names].sort());
    expect(new Set(ids(capped)).size).toBe(50);
  });

  test('matches backslashes, quotes and LIKE wildcards as plain characters', async (s) => {
    await s.exec(MANY);
    await s.exec(`INSERT INTO customers (id, name, name_lower) VALUES
      ('B1', 'Back\\Slash Co', 'back\\slash co'), ('Q1', 'Say "Hi" Inc', 'say "hi" inc')`);
    const { searchCustomers } = s.bind(CUSTOMERS);
    expect(ids(await searchCustomers('k\\sl', 10))).toEqual(['B1']);
    expect(ids(await searchCustomers('"HI" i', 10))).toEqual(['Q1']);
    expect(ids(await searchCustomers('rt_10', 10))).toEqual([]);
    expect(ids(await searchCustomers('rt%10', 10))).toEqual([]);
    expect(ids(await searchCustomers('lta_100%', 10))).toEqual(['D001']);
  });

  test('a long fragment at SORTED_HITS_MAX index hits, and at one fewer, lists every hit', async (s) => {
    // Not a name prefix, so the fragment step answers: exactly SORTED_HITS_MAX hits.
    await s.exec(numbered('E', 'Qq Long Edge', 1000, SORTED_HITS_MAX));
    const { searchCustomers } = s.bind(CUSTOMERS);
    const fragment = 'q long edge 1';
    expect(fragment.length).toBeGreaterThanOrEqual(INDEX_FIRST_CHARS);
    // The index yields SORTED_HITS_MAX: the walk holds the first 50, or all of them for 250.
    expect(ids(await searchCustomers(fragment, 50))).toEqual(range(1000, 50, 'E'));
    const all = await searchCustomers(fragment, SORTED_HITS_MAX + 50);
    expect(ids(all)).toEqual(range(1000, SORTED_HITS_MAX, 'E'));
    // One fewer: the index yields every hit, and its answer is the walk's.
    await s.exec(`DELETE FROM customers WHERE id = 'E1000'`);
    expect(ids(await searchCustomers(fragment, 50))).toEqual(range(1001, 50, 'E'));
    const rest = await searchCustomers(fragment, SORTED_HITS_MAX + 50);
    expect(ids(rest)).toEqual(range(1001, SORTED_HITS_MAX - 1, 'E'));
  });

  test('a long common fragment walked in name order matches wildcards as plain text', async (s) => {
    // 250 names holding `ct_50%\off`, and 250 that sort first and match it read as a pattern.
    await s.exec(numbered('W', 'Pct_50%\\Off', 100, 250));
    await s.exec(numbered('V', 'Pct-50 Backoff', 100, 250));
    const { searchCustomers } = s.bind(CUSTOMERS);
    expect(ids(await searchCustomers('CT_50%\\OFF', 50))).toEqual(range(100, 50, 'W'));
    expect(ids(await searchCustomers('ct-50 backoff 3', 50))).toEqual(range(300, 50, 'V'));
  });
});
