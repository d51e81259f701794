// Customers and the type-ahead search. Every step is an index lookup, never a table scan
// (docs/decisions/235-type-ahead-indexes.md): id prefixes on the primary key and on a
// case-insensitive id index, name prefixes on `name_lower`, name fragments of three or more
// characters on the FTS5 trigram index `customers_search`.
import { eq, sql } from 'drizzle-orm';
import type { Customer } from '../domain/types.ts';
import { sessionOf, type Tx } from './client.ts';
import { customers } from './schema.ts';

export interface CustomerBalance {
  /** Σ remaining due of the customer's invoices. */
  readonly invoicesOpenMinor: number;
  /** Σ on-account items (negative = credit). */
  readonly onAccountMinor: number;
  /** Net account balance: invoices plus on-account. */
  readonly balanceMinor: number;
}

export interface CustomerHit extends Customer, CustomerBalance {}

// The highest code point: `x >= q AND x < q || MAX` is "starts with q" as an index range.
const MAX_CHAR = String.fromCodePoint(0x10ffff);
/** The trigram index finds fragments of at least three characters; shorter ones match prefixes. */
export const MIN_FRAGMENT_CHARS = 3;
/**
 * How many names (in name order) a fragment search reads before it asks the trigram index
 * instead: a common fragment shows up within these, a rare one is found through the index.
 */
export const NAMES_READ_IN_ORDER = 3000;
/**
 * The most trigram-index hits sorted for one fragment search, on both backends. Reading a hit
 * costs under a microsecond once its pages are cached and far more when not: 2,000 were 1.3 ms
 * of a 1M-customer ledger's fragment search, warm, among bench 2's slowest answers
 * (docs/decisions/325-type-ahead-reads-fewer-rows.md).
 */
export const SORTED_HITS_MAX = 200;
/**
 * From this many characters a fragment asks the trigram index before it walks the names in
 * order (docs/decisions/360-type-ahead-main-thread-cpu.md).
 */
export const INDEX_FIRST_CHARS = 8;

type Row = { id: string; name: string };

export function getCustomer(tx: Tx, id: string): Customer | null {
  const row = sessionOf(tx).select().from(customers).where(eq(customers.id, id)).get();
  return row === undefined ? null : { id: row.id, name: row.name };
}

/** Several customers in one statement, in `ids` order; an unknown id is left out. */
export function getCustomers(tx: Tx, ids: readonly string[]): Customer[] {
  if (ids.length === 0) return [];
  return sessionOf(
    tx,
  ).all<Customer>(sql`SELECT c.id, c.name FROM json_each(${JSON.stringify(ids)}) AS k
    JOIN customers c ON c.id = k.value ORDER BY k.key`);
}

/**
 * Id prefix (as typed, then in any case), then name prefix, then name fragment; names match
 * in any case. Each step adds hits in its own order until `limit`.
 */
export function searchCustomers(tx: Tx, query: string, limit: number): CustomerHit[] {
  const q = query.trim();
  const lower = q.toLowerCase();
  const found = new Map<string, Customer>();
  const steps: (() => Row[])[] = [
    () => idPrefix(tx, q, limit),
    () => idPrefixAnyCase(tx, q, limit),
    () => namePrefix(tx, lower, limit),
    () => nameFragment(tx, lower, limit),
  ];
  for (const step of steps) {
    if (found.size >= limit) break;
    for (const r of step()) if (found.size < limit) found.set(r.id, { id: r.id, name: r.name });
  }
  const balances = customerBalances(tx, [...found.keys()]);
  return [...found.values()].map((c) => ({ ...c, ...(balances.get(c.id) ?? balanceOf(0, 0)) }));
}

function idPrefix(tx: Tx, q: string, limit: number): Row[] {
  return sessionOf(tx).all<Row>(sql`SELECT id, name FROM customers
    WHERE id >= ${q} AND id < ${q + MAX_CHAR} ORDER BY id LIMIT ${limit}`);
}

function idPrefixAnyCase(tx: Tx, q: string, limit: number): Row[] {
  if (q.toLowerCase() === q.toUpperCase()) return []; // no letters: the first step said it all
  return sessionOf(tx).all<Row>(sql`SELECT id, name FROM customers
    WHERE id COLLATE NOCASE >= ${q} AND id COLLATE NOCASE < ${q + MAX_CHAR}
    ORDER BY id COLLATE NOCASE LIMIT ${limit}`);
}

function namePrefix(tx: Tx, lower: string, limit: number): Row[] {
  return sessionOf(tx).all<Row>(sql`SELECT id, name FROM customers
    WHERE name_lower >= ${lower} AND name_lower < ${lower + MAX_CHAR}
    ORDER BY name_lower, id LIMIT ${limit}`);
}

/**
 * Names containing `lower`, in name order (`name_lower LIKE`: the rule every hit meets).
 * The first names in order, read from the name index alone, hold enough hits when the
 * fragment is common and spread out; otherwise the trigram index finds the candidates. A
 * fragment with more than SORTED_HITS_MAX hits shows the first `limit` in name order of the
 * first SORTED_HITS_MAX the index yields: sorting every one of a million names costs a scan,
 * and a clerk narrows such a list by typing on (ADR 235, 325).
 */
function nameFragment(tx: Tx, lower: string, limit: number): Row[] {
  const chars = [...lower].length;
  if (chars < MIN_FRAGMENT_CHARS) return [];
  // A long fragment is mostly rare: the trigram index is asked first, and when it yields fewer
  // than SORTED_HITS_MAX hits it yielded them all, so its first `limit` in name order are the
  // answer the walk would have begun (the walk's hits are the first of them): the walk, which
  // reads all its names when it finds few hits, is skipped (ADR 360). A shorter fragment walks
  // first: a common one stops there at its `limit`-th hit, cheaper than reading the index's.
  const indexed = chars >= INDEX_FIRST_CHARS ? trigramHits(tx, lower, limit) : null;
  if (indexed !== null && indexed.total < SORTED_HITS_MAX) return indexed.rows;
  const early = namesInOrder(tx, lower, limit);
  if (early.length >= limit) return early;
  return (indexed ?? trigramHits(tx, lower, limit)).rows;
}

/**
 * Every name up to the NAMES_READ_IN_ORDER-th, walked in index order: LIKE is tested on the
 * index entry and the walk stops at the `limit`-th hit, so only hits are read from the table.
 */
function namesInOrder(tx: Tx, lower: string, limit: number): Row[] {
  return sessionOf(tx).all<Row>(sql`SELECT id, name FROM customers
    WHERE name_lower <= coalesce((SELECT name_lower FROM customers ORDER BY name_lower
        LIMIT 1 OFFSET ${NAMES_READ_IN_ORDER - 1}), ${MAX_CHAR})
      AND name_lower LIKE ${likeEscaped(lower)} ESCAPE '\\'
    ORDER BY name_lower, id LIMIT ${limit}`);
}

/** `%lower%` with `\\`, `%` and `_` escaped, for `LIKE … ESCAPE '\\'`. */
const likeEscaped = (lower: string) => `%${lower.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The first SORTED_HITS_MAX hits the trigram index yields, the first `limit` of them in name
 * order, and how many it yielded (`total` below SORTED_HITS_MAX: every hit).
 */
function trigramHits(tx: Tx, lower: string, limit: number): { rows: Row[]; total: number } {
  // FTS5 serves a plain `LIKE` from the trigram index, faster than the same text as a phrase
  // (2.8 against 5.5 ms for a 24-character name); with ESCAPE it would read every row (ADR 325).
  // A fragment holding a wildcard is matched as a phrase instead and re-checked with ESCAPE.
  const hits = /[%_]/.test(lower)
    ? sql`customers_search MATCH ${`"${lower.replaceAll('"', '""')}"`}
        AND name_lower LIKE ${likeEscaped(lower)} ESCAPE '\\'`
    : sql`name_lower LIKE ${`%${lower}%`}`;
  const rows = sessionOf(tx).all<Row & { total: number }>(sql`SELECT id, name,
      count(*) OVER () AS total FROM (
      SELECT customer_id AS id, name, name_lower FROM customers_search WHERE ${hits}
      LIMIT ${SORTED_HITS_MAX}
    ) ORDER BY name_lower, id LIMIT ${limit}`);
  return { rows, total: rows[0]?.total ?? 0 };
}

export function customerBalance(tx: Tx, customerId: string): CustomerBalance {
  const row = sessionOf(tx).get<{ invoices: number; onAccount: number }>(sql`
    SELECT
      (SELECT coalesce(sum(open_minor), 0) FROM invoices WHERE customer_id = ${customerId}) AS invoices,
      (SELECT coalesce(sum(amount_minor), 0) FROM on_account_items WHERE customer_id = ${customerId})
        AS onAccount`);
  return balanceOf(row.invoices, row.onAccount);
}

/**
 * The balances of several customers (a type-ahead's hits) in one statement of constant text,
 * each summed from the per-customer indexes alone (docs/decisions/290-covering-customer-balance-indexes.md).
 */
export function customerBalances(
  tx: Tx,
  customerIds: readonly string[],
): Map<string, CustomerBalance> {
  const balances = new Map<string, CustomerBalance>();
  if (customerIds.length === 0) return balances;
  const rows = sessionOf(tx).all<{ id: string; invoices: number; onAccount: number }>(sql`
    SELECT c.value AS id,
      (SELECT coalesce(sum(open_minor), 0) FROM invoices WHERE customer_id = c.value) AS invoices,
      (SELECT coalesce(sum(amount_minor), 0) FROM on_account_items WHERE customer_id = c.value)
        AS onAccount
    FROM json_each(${JSON.stringify(customerIds)}) AS c`);
  for (const r of rows) balances.set(r.id, balanceOf(r.invoices, r.onAccount));
  return balances;
}

function balanceOf(invoicesOpenMinor: number, onAccountMinor: number): CustomerBalance {
  return { invoicesOpenMinor, onAccountMinor, balanceMinor: invoicesOpenMinor + onAccountMinor };
}
