// Write-off requests, their previewed lines and the pending locks. Sync, tx-aware, no rules:
// the use-cases in src/app/ decide; this file reads and writes rows as domain-shaped values.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { connectionOf, sessionOf, statementCache, type Tx } from './client.ts';
import { getInvoiceVersions, getOnAccountVersions } from './invoices.repo.ts';
import {
  type REQUEST_STATUSES,
  requestInvoiceLocks,
  requestOnAccountLocks,
  writeOffRequestLines,
  writeOffRequests,
} from './schema.ts';
import type { Connection } from './tx.ts';

export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type RequestRow = typeof writeOffRequests.$inferSelect;
export type NewRequestRow = typeof writeOffRequests.$inferInsert;
export type RequestLineRow = typeof writeOffRequestLines.$inferSelect;
export type NewRequestLineRow = typeof writeOffRequestLines.$inferInsert;

const ID_PREFIX = 'WO-';

/** The next human-friendly id (`WO-000042`); call inside the transaction that inserts it. */
export function nextRequestId(tx: Tx): string {
  const row = sessionOf(tx).get<{ n: number }>(sql`
    SELECT coalesce(max(CAST(substr(id, ${ID_PREFIX.length + 1}) AS INTEGER)), 0) + 1 AS n
    FROM write_off_requests WHERE id LIKE ${`${ID_PREFIX}%`}`);
  return `${ID_PREFIX}${String(row.n).padStart(6, '0')}`;
}

const statementsOf = statementCache(prepare);

function prepare(sqlite: Connection['sqlite']) {
  return {
    line: sqlite.prepare(
      `INSERT INTO write_off_request_lines (request_id, seq, kind, customer_id, invoice_number,
         line, on_account_id, item_version, amount_minor, tax_minor, retainage_minor,
         finance_charge_minor, account, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // The request's items, summed from its lines just inserted (the digest reads these, ADR 217).
    items: sqlite.prepare(
      `INSERT INTO write_off_request_items (request_id, seq, customer_id, invoice_number,
         on_account_id, item_on, amount_minor)
       SELECT l.request_id, min(l.seq), min(l.customer_id), l.invoice_number, l.on_account_id,
              coalesce(min(i.invoice_on), min(o.item_on)), sum(l.amount_minor)
       FROM write_off_request_lines l
       LEFT JOIN invoices i ON i.number = l.invoice_number
       LEFT JOIN on_account_items o ON o.id = l.on_account_id
       WHERE l.request_id = ?
       GROUP BY l.invoice_number, l.on_account_id`,
    ),
    lockInvoice: sqlite.prepare(
      'INSERT INTO request_invoice_locks (invoice_number, request_id) VALUES (?, ?)',
    ),
    lockOnAccount: sqlite.prepare(
      'INSERT INTO request_on_account_locks (on_account_id, request_id) VALUES (?, ?)',
    ),
    invoiceHolder: sqlite
      .prepare('SELECT request_id FROM request_invoice_locks WHERE invoice_number = ?')
      .pluck(),
    onAccountHolder: sqlite
      .prepare('SELECT request_id FROM request_on_account_locks WHERE on_account_id = ?')
      .pluck(),
  };
}

/**
 * Inserts the request, its lines and their per-item sums, with prepared statements (an automatic
 * run can hold tens of thousands of lines); call it inside the caller's transaction.
 */
export function insertRequest(
  tx: Tx,
  row: NewRequestRow,
  lines: readonly NewRequestLineRow[],
): void {
  const database = connectionOf(tx);
  sessionOf(tx).insert(writeOffRequests).values(row).run();
  const insertLine = statementsOf(database).line;
  for (const l of lines) {
    insertLine.run(
      l.requestId,
      l.seq,
      l.kind,
      l.customerId,
      l.invoiceNumber ?? null,
      l.line ?? null,
      l.onAccountId ?? null,
      l.itemVersion,
      l.amountMinor,
      l.taxMinor,
      l.retainageMinor,
      l.financeChargeMinor,
      l.account,
      l.comment ?? null,
    );
  }
  if (lines.length > 0) statementsOf(database).items.run(row.id);
}

export function getRequest(tx: Tx, id: string): RequestRow | null {
  return (
    sessionOf(tx).select().from(writeOffRequests).where(eq(writeOffRequests.id, id)).get() ?? null
  );
}

/**
 * The request, held against other deciders until the transaction ends: on SQLite the IMMEDIATE
 * transaction already holds the write lock; the PostgreSQL twin row-locks it (ADR 230).
 */
export function getRequestForDecision(tx: Tx, id: string): RequestRow | null {
  return getRequest(tx, id);
}

/**
 * The current versions of the items a posting moves, for its stale check: on SQLite the
 * IMMEDIATE transaction keeps them from moving until it ends; the PostgreSQL twin row-locks
 * them in key order first.
 */
export function lockItemsForPosting(
  tx: Tx,
  invoiceNumbers: readonly string[],
  onAccountIds: readonly string[],
): { invoices: Map<string, number>; onAccount: Map<string, number> } {
  return {
    invoices: getInvoiceVersions(tx, invoiceNumbers),
    onAccount: getOnAccountVersions(tx, onAccountIds),
  };
}

export function getRequestLines(tx: Tx, id: string): RequestLineRow[] {
  return sessionOf(tx)
    .select()
    .from(writeOffRequestLines)
    .where(eq(writeOffRequestLines.requestId, id))
    .orderBy(asc(writeOffRequestLines.seq))
    .all();
}

/** Changes only a request still in `from`; returns false when someone else moved it first. */
export function updateRequestStatus(
  tx: Tx,
  id: string,
  from: readonly RequestStatus[],
  set: Partial<NewRequestRow> & { status: RequestStatus },
): boolean {
  const result = sessionOf(tx)
    .update(writeOffRequests)
    .set(set)
    .where(and(eq(writeOffRequests.id, id), inArray(writeOffRequests.status, [...from])))
    .run();
  return result.changes === 1;
}

/** Takes the pending locks; a held item throws the primary-key violation (caller checks first). */
export function lockItems(
  tx: Tx,
  requestId: string,
  invoices: readonly string[],
  onAccount: readonly string[],
): void {
  const database = connectionOf(tx);
  const s = statementsOf(database);
  for (const invoiceNumber of invoices) s.lockInvoice.run(invoiceNumber, requestId);
  for (const onAccountId of onAccount) s.lockOnAccount.run(onAccountId, requestId);
}

export function releaseLocks(tx: Tx, requestId: string): void {
  sessionOf(tx)
    .delete(requestInvoiceLocks)
    .where(eq(requestInvoiceLocks.requestId, requestId))
    .run();
  sessionOf(tx)
    .delete(requestOnAccountLocks)
    .where(eq(requestOnAccountLocks.requestId, requestId))
    .run();
}

/** The pending request holding an invoice, if any. */
export function invoiceLockHolder(tx: Tx, invoiceNumber: string): string | null {
  const database = connectionOf(tx);
  return (statementsOf(database).invoiceHolder.get(invoiceNumber) as string | undefined) ?? null;
}

/**
 * Every invoice lock (invoice number → pending request id) when there are at most `maxLocks`,
 * else null: a whole-ledger run then asks once instead of once per invoice, and a ledger
 * with a huge pending request is still looked up per invoice rather than held in memory.
 */
export function allInvoiceLocks(tx: Tx, maxLocks: number): Map<string, string> | null {
  const rows = connectionOf(tx)
    .sqlite.prepare('SELECT invoice_number, request_id FROM request_invoice_locks LIMIT ?')
    .raw(true)
    .all(maxLocks + 1) as [string, string][];
  return rows.length > maxLocks ? null : new Map(rows);
}

export function onAccountLockHolder(tx: Tx, onAccountId: string): string | null {
  const database = connectionOf(tx);
  return (statementsOf(database).onAccountHolder.get(onAccountId) as string | undefined) ?? null;
}

/** invoice number → pending request id, for a customer's invoices. */
export function invoiceLocksOfCustomer(tx: Tx, customerId: string): Map<string, string> {
  const rows = sessionOf(tx).all<{ invoice: string; requestId: string }>(sql`
    SELECT l.invoice_number AS invoice, l.request_id AS requestId
    FROM request_invoice_locks l JOIN invoices i ON i.number = l.invoice_number
    WHERE i.customer_id = ${customerId}`);
  return new Map(rows.map((r) => [r.invoice, r.requestId]));
}

export interface RequestListFilter {
  readonly requester?: string;
  readonly statuses?: readonly RequestStatus[];
  readonly limit?: number;
}

/** Newest first. */
export function listRequestRows(tx: Tx, filter: RequestListFilter): RequestRow[] {
  const conditions = [
    filter.requester === undefined ? undefined : eq(writeOffRequests.requester, filter.requester),
    filter.statuses === undefined
      ? undefined
      : inArray(writeOffRequests.status, [...filter.statuses]),
  ].filter((c) => c !== undefined);
  return sessionOf(tx)
    .select()
    .from(writeOffRequests)
    .where(and(...conditions))
    .orderBy(desc(writeOffRequests.createdAtMs), desc(writeOffRequests.id))
    .limit(filter.limit ?? 50)
    .all();
}

export function setSlackMessage(
  tx: Tx,
  id: string,
  message: { channel: string; ts: string; threadTs: string },
): boolean {
  return (
    sessionOf(tx)
      .update(writeOffRequests)
      .set({ slackChannel: message.channel, slackTs: message.ts, slackThreadTs: message.threadTs })
      .where(eq(writeOffRequests.id, id))
      .run().changes === 1
  );
}

/** The request that resubmits `id` (at most one: a unique index), or null. */
export function getRevisionOf(tx: Tx, id: string): RequestRow | null {
  return (
    sessionOf(tx).select().from(writeOffRequests).where(eq(writeOffRequests.revises, id)).get() ??
    null
  );
}
