// Customers and the type-ahead search on PostgreSQL, the async twin of src/db/customers.repo.ts
// with the same steps and order (docs/decisions/235-type-ahead-indexes.md): id prefixes on the
// primary key and on the ASCII-folded id index, name prefixes on `name_lower`, name fragments of
// three or more characters on the pg_trgm GIN index (db/pg/0005).
import { eq, sql } from 'drizzle-orm';
import type { Customer } from '../../domain/types.ts';
import {
  type CustomerBalance,
  type CustomerHit,
  MIN_FRAGMENT_CHARS,
  NAMES_READ_IN_ORDER,
  SORTED_HITS_MAX,
} from '../customers.repo.ts';
import { num, rowsOf } from './rows.ts';
import { customers } from './schema.ts';
import { asciiFold, asciiFoldSql, containsPattern, MAX_CHAR } from './text-match.ts';
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
 * Names containing `lower`, in name order: the names up to the NAMES_READ_IN_ORDER-th when the
 * fragment is common there, otherwise the trigram index's hits (at most SORTED_HITS_MAX), sorted
 * (ADR 325).
 */
async function nameFragment(tx: PgTx, lower: string, limit: number): Promise<Row[]> {
  if ([...lower].length < MIN_FRAGMENT_CHARS) return [];
  const pattern = containsPattern(lower);
  const early = await rowsOf<Row>(
    tx,
    sql`SELECT id, name FROM customers
      WHERE name_lower <= coalesce((SELECT name_lower FROM customers ORDER BY name_lower
          OFFSET ${NAMES_READ_IN_ORDER - 1} LIMIT 1), ${MAX_CHAR})
        AND name_lower LIKE ${pattern} ESCAPE '\\'
      ORDER BY name_lower, id LIMIT ${limit}`,
  );
  if (early.length >= limit) return early;
  return rowsOf<Row>(
    tx,
    sql`SELECT id, name FROM (
        SELECT id, name, name_lower FROM customers WHERE name_lower LIKE ${pattern} ESCAPE '\\'
        LIMIT ${SORTED_HITS_MAX}
      ) AS hits ORDER BY name_lower, id LIMIT ${limit}`,
  );
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
