// Customers and the type-ahead search on PostgreSQL, the async twin of src/db/customers.repo.ts
// with the same steps and order (docs/decisions/235-type-ahead-indexes.md): id prefixes on the
// primary key and on the ASCII-folded id index, name prefixes on `name_lower`, name fragments of
// three or more characters on the pg_trgm GIN index (db/pg/0005).
import { eq, type SQL, sql } from 'drizzle-orm';
import type { Customer } from '../../domain/types.ts';
import {
  type CustomerBalance,
  type CustomerHit,
  INDEX_FIRST_CHARS,
  MIN_FRAGMENT_CHARS,
  NAMES_READ_IN_ORDER,
  SORTED_HITS_MAX,
} from '../customers.repo.ts';
import { num, rowsOf } from './rows.ts';
import { customers } from './schema.ts';
import {
  asciiFold,
  asciiFoldSql,
  containsPattern,
  containsUnindexed,
  MAX_CHAR,
} from './text-match.ts';
import type { PgTx } from './types.ts';

export type { CustomerHit };

type Row = { id: string; name: string };

export async function getCustomer(tx: PgTx, id: string): Promise<Customer | null> {
  const [row] = await tx.select().from(customers).where(eq(customers.id, id));
  return row === undefined ? null : { id: row.id, name: row.name };
}

/** As on SQLite: several customers in one statement, in `ids` order; unknown ids left out. */
export async function getCustomers(tx: PgTx, ids: readonly string[]): Promise<Customer[]> {
  if (ids.length === 0) return [];
  return rowsOf<Customer>(
    tx,
    sql`SELECT c.id, c.name FROM unnest(${sql.param([...ids])}::text[]) WITH ORDINALITY AS k(id, n)
      JOIN customers c ON c.id = k.id ORDER BY k.n`,
  );
}

/**
 * Id prefix (as typed, then in any case), then name prefix, then name fragment; names match
 * in any case. Each step adds hits in its own order until `limit`.
 */
export async function searchCustomers(
  tx: PgTx,
  query: string,
  limit: number,
): Promise<CustomerHit[]> {
  // PostgreSQL text cannot hold NUL; no id or name contains one, so nothing is lost.
  const q = query.replaceAll('\u0000', '').trim();
  const lower = q.toLowerCase();
  const found = new Map<string, Customer>();
  const steps: (() => Promise<Row[]>)[] = [
    () => idPrefix(tx, q, limit),
    () => idPrefixAnyCase(tx, q, limit),
    () => namePrefix(tx, lower, limit),
    () => nameFragment(tx, lower, limit),
  ];
  for (const step of steps) {
    if (found.size >= limit) break;
    for (const r of await step()) {
      if (found.size < limit) found.set(r.id, { id: r.id, name: r.name });
    }
  }
  const balances = await customerBalances(tx, [...found.keys()]);
  return [...found.values()].map((c) => ({ ...c, ...(balances.get(c.id) ?? balanceOf(0, 0)) }));
}

function idPrefix(tx: PgTx, q: string, limit: number): Promise<Row[]> {
  return rowsOf<Row>(
    tx,
    sql`SELECT id, name FROM customers
      WHERE id >= ${q} AND id < ${q + MAX_CHAR} ORDER BY id LIMIT ${limit}`,
  );
}

function idPrefixAnyCase(tx: PgTx, q: string, limit: number): Promise<Row[]> {
  if (q.toLowerCase() === q.toUpperCase()) return Promise.resolve([]);
  const folded = asciiFold(q);
  const id = asciiFoldSql(sql.raw('id'));
  return rowsOf<Row>(
    tx,
    sql`SELECT id, name FROM customers WHERE ${id} >= ${folded} AND ${id} < ${folded + MAX_CHAR}
      ORDER BY ${id} LIMIT ${limit}`,
  );
}

function namePrefix(tx: PgTx, lower: string, limit: number): Promise<Row[]> {
  return rowsOf<Row>(
    tx,
    sql`SELECT id, name FROM customers
      WHERE name_lower >= ${lower} AND name_lower < ${lower + MAX_CHAR}
      ORDER BY name_lower, id LIMIT ${limit}`,
  );
}

/**
 * Names containing `lower`, in name order, by SQLite's steps and rule (ADR 325, 360, 375): a
 * short fragment walks the names up to the NAMES_READ_IN_ORDER-th and asks the trigram index (at
 * most SORTED_HITS_MAX hits, sorted) when the walk holds fewer than `limit`; a long one asks the
 * index first and walks only when the index yields SORTED_HITS_MAX hits (then it may hold more).
 */
async function nameFragment(tx: PgTx, lower: string, limit: number): Promise<Row[]> {
  const chars = [...lower].length;
  if (chars < MIN_FRAGMENT_CHARS) return [];
  if (chars < INDEX_FIRST_CHARS) {
    // The planner's choice: a walk for a common fragment, the trigram index for a rare one.
    const likes = sql`name_lower LIKE ${containsPattern(lower)} ESCAPE '\\'`;
    const early = await namesInOrder(tx, likes, limit);
    return early.length >= limit ? early : (await trigramHits(tx, lower, limit)).rows;
  }
  // Fewer than SORTED_HITS_MAX index hits are every hit, so their first `limit` in name order
  // are the walk's answer. With SORTED_HITS_MAX the fragment is common, and the walk is forced to
  // be one: given `LIKE`, the planner takes the trigram index for a long pattern, a second GIN
  // lookup of thousands of hits where the walk reads at most NAMES_READ_IN_ORDER rows (ADR 375).
  const indexed = await trigramHits(tx, lower, limit);
  if (indexed.total < SORTED_HITS_MAX) return indexed.rows;
  const early = await namesInOrder(tx, containsUnindexed(sql.raw('name_lower'), lower), limit);
  return early.length >= limit ? early : indexed.rows;
}

/** The names up to the NAMES_READ_IN_ORDER-th that meet `hit`, in name order, at most `limit`. */
function namesInOrder(tx: PgTx, hit: SQL, limit: number): Promise<Row[]> {
  return rowsOf<Row>(
    tx,
    sql`SELECT id, name FROM customers
      WHERE name_lower <= coalesce((SELECT name_lower FROM customers ORDER BY name_lower
          OFFSET ${NAMES_READ_IN_ORDER - 1} LIMIT 1), ${MAX_CHAR})
        AND ${hit}
      ORDER BY name_lower, id LIMIT ${limit}`,
  );
}

/**
 * The first SORTED_HITS_MAX hits the pg_trgm index yields, the first `limit` of them in name
 * order, and how many it yielded (`total` below SORTED_HITS_MAX: every hit).
 */
async function trigramHits(
  tx: PgTx,
  lower: string,
  limit: number,
): Promise<{ rows: Row[]; total: number }> {
  await scanFromTheStart(tx);
  const rows = await rowsOf<Row & { total: unknown }>(
    tx,
    sql`SELECT id, name, count(*) OVER () AS total FROM (
        SELECT id, name, name_lower FROM customers
        WHERE name_lower LIKE ${containsPattern(lower)} ESCAPE '\\'
        LIMIT ${SORTED_HITS_MAX}
      ) AS hits ORDER BY name_lower, id LIMIT ${limit}`,
  );
  return { rows: rows.map(({ id, name }) => ({ id, name })), total: num(rows[0]?.total) };
}

/**
 * The capped hits are the first a scan meets, so the same text must start the same scan: a
 * sequential scan of a table over a quarter of `shared_buffers` would otherwise start where the
 * last one stopped (`synchronize_seqscans`) and list other customers on each call. From block 0,
 * the sequential and the bitmap plan meet the same hits first (ADR 376). It holds for the rest
 * of the store's read transaction; outside a transaction PostgreSQL only warns.
 */
async function scanFromTheStart(tx: PgTx): Promise<void> {
  await tx.execute(sql`SET LOCAL synchronize_seqscans = off`);
}

export async function customerBalance(tx: PgTx, customerId: string): Promise<CustomerBalance> {
  const [row] = await rowsOf<{ invoices: unknown; on_account: unknown }>(
    tx,
    sql`SELECT
      (SELECT coalesce(sum(open_minor), 0) FROM invoices WHERE customer_id = ${customerId})
        AS invoices,
      (SELECT coalesce(sum(amount_minor), 0) FROM on_account_items
        WHERE customer_id = ${customerId}) AS on_account`,
  );
  return balanceOf(num(row?.invoices), num(row?.on_account));
}

/** As on SQLite: the balances of several customers in one statement (ADR 290). */
export async function customerBalances(
  tx: PgTx,
  customerIds: readonly string[],
): Promise<Map<string, CustomerBalance>> {
  const balances = new Map<string, CustomerBalance>();
  if (customerIds.length === 0) return balances;
  const rows = await rowsOf<{ id: string; invoices: unknown; on_account: unknown }>(
    tx,
    sql`SELECT c.id,
      (SELECT coalesce(sum(open_minor), 0) FROM invoices WHERE customer_id = c.id) AS invoices,
      (SELECT coalesce(sum(amount_minor), 0) FROM on_account_items WHERE customer_id = c.id)
        AS on_account
      FROM unnest(${sql.param([...customerIds])}::text[]) AS c(id)`,
  );
  for (const r of rows) balances.set(r.id, balanceOf(num(r.invoices), num(r.on_account)));
  return balances;
}

function balanceOf(invoicesOpenMinor: number, onAccountMinor: number): CustomerBalance {
  return { invoicesOpenMinor, onAccountMinor, balanceMinor: invoicesOpenMinor + onAccountMinor };
}
