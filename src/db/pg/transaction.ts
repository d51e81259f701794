// Transactions on PostgreSQL (docs/decisions/230-postgresql-backend.md). At READ COMMITTED a
// conditional UPDATE waits for a concurrent writer of the same row and then re-checks its WHERE
// clause, which is what makes "only a pending request can be posted" hold across instances.
// A deadlock or serialization failure aborts the whole transaction; it is retried from the
// start, because every statement in it may have seen data that is now gone.
import type { PgDb } from './types.ts';

/** SQLSTATE codes: the transaction may simply be run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const UNIQUE_VIOLATION = '23505';

/** How often a transaction that lost a deadlock or serialization race is run again. */
export const PG_TRANSACTION_ATTEMPTS = 5;

/** The transaction callback's handle: a drizzle transaction on the same connection. */
export type PgTransactionTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

/** Runs `fn` in one transaction (commit on return, rollback on throw), retrying lost races. */
export async function pgTransaction<T>(
  db: PgDb,
  fn: (tx: PgTransactionTx) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (error) {
      if (attempt >= PG_TRANSACTION_ATTEMPTS || !RETRYABLE.has(sqlState(error) ?? '')) throw error;
    }
  }
}

/** True when a unique index or primary key refused a row (e.g. a second journal reference). */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === UNIQUE_VIOLATION;
}

/** The server's SQLSTATE, looked for through drizzle's wrapping (`cause`). */
export function sqlState(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}
