// Requests on PostgreSQL: the posting path's part (docs/decisions/230-postgresql-backend.md).
// Leaving `pending` is a conditional UPDATE: of two instances approving at once, the second
// waits for the first's row lock, re-reads the row, finds it no longer pending and changes
// nothing — so exactly one of them goes on to post.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { NewRequestRow, RequestStatus } from '../requests.repo.ts';
import {
  invoices,
  onAccountItems,
  requestInvoiceLocks,
  requestOnAccountLocks,
  writeOffRequests,
} from './schema.ts';
import type { PgTx } from './types.ts';

/** Changes only a request still in `from`; false when someone else moved it first. */
export async function updateRequestStatus(
  tx: PgTx,
  id: string,
  from: readonly RequestStatus[],
  set: Partial<NewRequestRow> & { status: RequestStatus },
): Promise<boolean> {
  const moved = await tx
    .update(writeOffRequests)
    .set(set)
    .where(and(eq(writeOffRequests.id, id), inArray(writeOffRequests.status, [...from])))
    .returning({ id: writeOffRequests.id });
  return moved.length === 1;
}

export async function releaseLocks(tx: PgTx, requestId: string): Promise<void> {
  await tx.delete(requestInvoiceLocks).where(eq(requestInvoiceLocks.requestId, requestId));
  await tx.delete(requestOnAccountLocks).where(eq(requestOnAccountLocks.requestId, requestId));
}

/**
 * Row-locks the invoices and on-account items a posting will move, in key order (so two
 * postings never wait on each other in a cycle), and returns their current versions for the
 * stale check, which must read them under these locks.
 */
export async function lockItemsForPosting(
  tx: PgTx,
  invoiceNumbers: readonly string[],
  onAccountIds: readonly string[],
): Promise<{ invoices: Map<string, number>; onAccount: Map<string, number> }> {
  const invoiceRows =
    invoiceNumbers.length === 0
      ? []
      : await tx
          .select({ key: invoices.number, version: invoices.version })
          .from(invoices)
          .where(inArray(invoices.number, [...invoiceNumbers]))
          .orderBy(asc(invoices.number))
          .for('update');
  const onAccountRows =
    onAccountIds.length === 0
      ? []
      : await tx
          .select({ key: onAccountItems.id, version: onAccountItems.version })
          .from(onAccountItems)
          .where(inArray(onAccountItems.id, [...onAccountIds]))
          .orderBy(asc(onAccountItems.id))
          .for('update');
  return {
    invoices: new Map(invoiceRows.map((r) => [r.key, r.version])),
    onAccount: new Map(onAccountRows.map((r) => [r.key, r.version])),
  };
}
