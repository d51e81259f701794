// Customers and the type-ahead search. Prefix searches are index range scans (on `id` and
// on `name_lower`); the substring fallback scans but stops at `limit`.
import { eq, sql } from 'drizzle-orm';
import type { Customer } from '../domain/types.ts';
import type { Tx } from './client.ts';
import { customers } from './schema.ts';

export interface CustomerHit extends Customer {
  /** Σ remaining due of the customer's invoices. */
  readonly invoicesOpenMinor: number;
  /** Σ on-account items (negative = credit). */
  readonly onAccountMinor: number;
  /** Net account balance: invoices plus on-account. */
  readonly balanceMinor: number;
}

// The highest code point: `x >= q AND x < q || MAX` is "starts with q" as an index range.
const MAX_CHAR = String.fromCodePoint(0x10ffff);

export function getCustomer(tx: Tx, id: string): Customer | null {
  const row = tx.select().from(customers).where(eq(customers.id, id)).get();
  return row === undefined ? null : { id: row.id, name: row.name };
}

/** Id prefix first, then name prefix, then name substring; case-insensitive on names. */
export function searchCustomers(tx: Tx, query: string, limit: number): CustomerHit[] {
  const q = query.trim();
  const lower = q.toLowerCase();
  const found = new Map<string, Customer>();
  const take = (rows: { id: string; name: string }[]) => {
    for (const r of rows) if (found.size < limit) found.set(r.id, { id: r.id, name: r.name });
  };
  const select = () => tx.select({ id: customers.id, name: customers.name }).from(customers);
  take(
    select()
      .where(sql`${customers.id} >= ${q} AND ${customers.id} < ${q + MAX_CHAR}`)
      .orderBy(customers.id)
      .limit(limit)
      .all(),
  );
  if (found.size < limit) {
    take(
      select()
        .where(
          sql`${customers.nameLower} >= ${lower} AND ${customers.nameLower} < ${lower + MAX_CHAR}`,
        )
        .orderBy(customers.nameLower, customers.id)
        .limit(limit)
        .all(),
    );
  }
  if (found.size < limit && lower !== '') {
    const pattern = `%${lower.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    take(
      select()
        .where(sql`${customers.nameLower} LIKE ${pattern} ESCAPE '\\'`)
        .orderBy(customers.nameLower, customers.id)
        .limit(limit)
        .all(),
    );
  }
  return [...found.values()].map((c) => ({ ...c, ...customerBalance(tx, c.id) }));
}

export function customerBalance(
  tx: Tx,
  customerId: string,
): { invoicesOpenMinor: number; onAccountMinor: number; balanceMinor: number } {
  const row = tx.get<{ invoices: number; onAccount: number }>(sql`
    SELECT
      (SELECT coalesce(sum(open_minor), 0) FROM invoices WHERE customer_id = ${customerId}) AS invoices,
      (SELECT coalesce(sum(amount_minor), 0) FROM on_account_items WHERE customer_id = ${customerId})
        AS onAccount`);
  const invoicesOpenMinor = row.invoices;
  const onAccountMinor = row.onAccount;
  return { invoicesOpenMinor, onAccountMinor, balanceMinor: invoicesOpenMinor + onAccountMinor };
}
