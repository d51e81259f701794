// Write-off requests on PostgreSQL, the async twin of src/db/requests.repo.ts
// (docs/decisions/230-postgresql-backend.md). Leaving `pending` is a conditional UPDATE: of two instances approving at once, the second
// waits for the first's row lock, re-reads the row, finds it no longer pending and changes
// nothing — so exactly one of them goes on to post.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  NewRequestLineRow,
  NewRequestRow,
  RequestLineRow,
  RequestListFilter,
  RequestRow,
  RequestStatus,
} from '../requests.repo.ts';
import { num, rowsOf } from './rows.ts';
import {
  invoices,
  onAccountItems,
  requestInvoiceLocks,
  requestOnAccountLocks,
  writeOffRequestLines,
  writeOffRequests,
} from './schema.ts';
import type { PgTx } from './types.ts';

export type { NewRequestLineRow, NewRequestRow, RequestLineRow, RequestListFilter, RequestRow };

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

/** Keys locked per statement: a whole-ledger run's items stay far below 65,535 parameters. */
const LOCK_KEYS_PER_STATEMENT = 1000;

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
  return {
    invoices: await lockedVersions(tx, invoices, invoices.number, invoiceNumbers),
    onAccount: await lockedVersions(tx, onAccountItems, onAccountItems.id, onAccountIds),
  };
}

/** `FOR UPDATE` on the rows of `keys`, in key order (no deadlock between two postings). */
async function lockedVersions(
  tx: PgTx,
  table: typeof invoices | typeof onAccountItems,
  key: typeof invoices.number | typeof onAccountItems.id,
  keys: readonly string[],
): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  for (const chunk of sortedChunks(keys)) {
    const rows = await tx
      .select({ key, version: table.version })
      .from(table)
      .where(inArray(key, chunk))
      .orderBy(asc(key))
      .for('update');
    for (const r of rows) versions.set(r.key, r.version);
  }
  return versions;
}

function sortedChunks(keys: readonly string[]): string[][] {
  const sorted = [...new Set(keys)].sort();
  const chunks: string[][] = [];
  for (let i = 0; i < sorted.length; i += LOCK_KEYS_PER_STATEMENT) {
    chunks.push(sorted.slice(i, i + LOCK_KEYS_PER_STATEMENT));
  }
  return chunks;
}

const ID_PREFIX = 'WO-';
/** Lines per INSERT: 14 parameters each stays far below PostgreSQL's 65,535 per statement. */
const LINES_PER_STATEMENT = 2000;
/** Lock keys per INSERT (one parameter each plus the request id). */
const LOCKS_PER_STATEMENT = 5000;

/** The next `WO-000042`; call inside the transaction that inserts it. */
export async function nextRequestId(tx: PgTx): Promise<string> {
  const [row] = await rowsOf<{ n: unknown }>(
    tx,
    sql`SELECT coalesce(max(CASE WHEN substr(id, ${ID_PREFIX.length + 1}) ~ '^[0-9]{1,15}$'
        THEN substr(id, ${ID_PREFIX.length + 1})::bigint ELSE 0 END), 0) + 1 AS n
      FROM write_off_requests WHERE id LIKE ${`${ID_PREFIX}%`}`,
  );
  return `${ID_PREFIX}${String(num(row?.n)).padStart(6, '0')}`;
}

/** Inserts the request, its lines and their per-item sums; call inside the caller's transaction. */
export async function insertRequest(
  tx: PgTx,
  row: NewRequestRow,
  lines: readonly NewRequestLineRow[],
): Promise<void> {
  await tx.insert(writeOffRequests).values(row);
  for (let start = 0; start < lines.length; start += LINES_PER_STATEMENT) {
    await tx.insert(writeOffRequestLines).values(lines.slice(start, start + LINES_PER_STATEMENT));
  }
  if (lines.length === 0) return;
  // The request's items, summed from its lines just inserted (the digest reads these, ADR 217).
  await tx.execute(sql`INSERT INTO write_off_request_items (request_id, seq, customer_id,
      invoice_number, on_account_id, item_on, amount_minor)
    SELECT l.request_id, min(l.seq), min(l.customer_id), l.invoice_number, l.on_account_id,
      coalesce(min(i.invoice_on), min(o.item_on)), sum(l.amount_minor)
    FROM write_off_request_lines l
    LEFT JOIN invoices i ON i.number = l.invoice_number
    LEFT JOIN on_account_items o ON o.id = l.on_account_id
    WHERE l.request_id = ${row.id}
    GROUP BY l.request_id, l.invoice_number, l.on_account_id`);
}

export async function getRequest(tx: PgTx, id: string): Promise<RequestRow | null> {
  const [row] = await tx.select().from(writeOffRequests).where(eq(writeOffRequests.id, id));
  return row ?? null;
}

/**
 * The request, row-locked until the transaction ends: a second instance deciding it waits here,
 * then reads it decided (and says so) instead of failing on the journal's unique reference.
 */
export async function getRequestForDecision(tx: PgTx, id: string): Promise<RequestRow | null> {
  const [row] = await tx
    .select()
    .from(writeOffRequests)
    .where(eq(writeOffRequests.id, id))
    .for('update');
  return row ?? null;
}

export async function getRequestLines(tx: PgTx, id: string): Promise<RequestLineRow[]> {
  return tx
    .select()
    .from(writeOffRequestLines)
    .where(eq(writeOffRequestLines.requestId, id))
    .orderBy(asc(writeOffRequestLines.seq));
}

/** Takes the pending locks; a held item throws the primary-key violation (caller checks first). */
export async function lockItems(
  tx: PgTx,
  requestId: string,
  invoices: readonly string[],
  onAccount: readonly string[],
): Promise<void> {
  for (let i = 0; i < invoices.length; i += LOCKS_PER_STATEMENT) {
    const keys = invoices.slice(i, i + LOCKS_PER_STATEMENT);
    await tx
      .insert(requestInvoiceLocks)
      .values(keys.map((invoiceNumber) => ({ invoiceNumber, requestId })));
  }
  for (let i = 0; i < onAccount.length; i += LOCKS_PER_STATEMENT) {
    const keys = onAccount.slice(i, i + LOCKS_PER_STATEMENT);
    await tx
      .insert(requestOnAccountLocks)
      .values(keys.map((onAccountId) => ({ onAccountId, requestId })));
  }
}

/** The pending request holding an invoice, if any. */
export async function invoiceLockHolder(tx: PgTx, invoiceNumber: string): Promise<string | null> {
  const [row] = await tx
    .select({ requestId: requestInvoiceLocks.requestId })
    .from(requestInvoiceLocks)
    .where(eq(requestInvoiceLocks.invoiceNumber, invoiceNumber));
  return row?.requestId ?? null;
}

/**
 * Every invoice lock (invoice number → pending request id) when there are at most `maxLocks`,
 * else null: a whole-ledger run then asks once instead of once per invoice.
 */
export async function allInvoiceLocks(
  tx: PgTx,
  maxLocks: number,
): Promise<Map<string, string> | null> {
  const rows = await tx
    .select({
      invoice: requestInvoiceLocks.invoiceNumber,
      requestId: requestInvoiceLocks.requestId,
    })
    .from(requestInvoiceLocks)
    .limit(maxLocks + 1);
  return rows.length > maxLocks ? null : new Map(rows.map((r) => [r.invoice, r.requestId]));
}

export async function onAccountLockHolder(tx: PgTx, onAccountId: string): Promise<string | null> {
  const [row] = await tx
    .select({ requestId: requestOnAccountLocks.requestId })
    .from(requestOnAccountLocks)
    .where(eq(requestOnAccountLocks.onAccountId, onAccountId));
  return row?.requestId ?? null;
}

/** invoice number → pending request id, for a customer's invoices. */
export async function invoiceLocksOfCustomer(
  tx: PgTx,
  customerId: string,
): Promise<Map<string, string>> {
  const rows = await rowsOf<{ invoice: string; request_id: string }>(
    tx,
    sql`SELECT l.invoice_number AS invoice, l.request_id
      FROM request_invoice_locks l JOIN invoices i ON i.number = l.invoice_number
      WHERE i.customer_id = ${customerId}`,
  );
  return new Map(rows.map((r) => [r.invoice, r.request_id]));
}

/** Newest first. */
export async function listRequestRows(tx: PgTx, filter: RequestListFilter): Promise<RequestRow[]> {
  const conditions = [
    filter.requester === undefined ? undefined : eq(writeOffRequests.requester, filter.requester),
    filter.statuses === undefined
      ? undefined
      : inArray(writeOffRequests.status, [...filter.statuses]),
  ].filter((c) => c !== undefined);
  return tx
    .select()
    .from(writeOffRequests)
    .where(and(...conditions))
    .orderBy(desc(writeOffRequests.createdAtMs), desc(writeOffRequests.id))
    .limit(filter.limit ?? 50);
}

export async function setSlackMessage(
  tx: PgTx,
  id: string,
  message: { channel: string; ts: string; threadTs: string },
): Promise<boolean> {
  const rows = await tx
    .update(writeOffRequests)
    .set({ slackChannel: message.channel, slackTs: message.ts, slackThreadTs: message.threadTs })
    .where(eq(writeOffRequests.id, id))
    .returning({ id: writeOffRequests.id });
  return rows.length === 1;
}

/** The request that resubmits `id` (at most one: a unique index), or null. */
export async function getRevisionOf(tx: PgTx, id: string): Promise<RequestRow | null> {
  const [row] = await tx.select().from(writeOffRequests).where(eq(writeOffRequests.revises, id));
  return row ?? null;
}
