// Recovery proposals and the reads that find them (docs/decisions/228-recovery-after-payment.md).
// No rules here.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { sessionOf, type Tx } from './client.ts';
import { recoveries } from './schema.ts';

export type RecoveryRow = typeof recoveries.$inferSelect;

const ID_PREFIX = 'RC-';

export function nextRecoveryId(tx: Tx): string {
  const row = sessionOf(tx).get<{ n: number }>(sql`
    SELECT coalesce(max(CAST(substr(id, ${ID_PREFIX.length + 1}) AS INTEGER)), 0) + 1 AS n
    FROM recoveries`);
  return `${ID_PREFIX}${String(row.n).padStart(6, '0')}`;
}

export function insertRecovery(tx: Tx, row: typeof recoveries.$inferInsert): void {
  sessionOf(tx).insert(recoveries).values(row).run();
}

export function getRecovery(tx: Tx, id: string): RecoveryRow | null {
  return sessionOf(tx).select().from(recoveries).where(eq(recoveries.id, id)).get() ?? null;
}

/**
 * The recovery, held against other deciders until the transaction ends: on SQLite the IMMEDIATE
 * transaction already holds the write lock; the PostgreSQL twin row-locks it (ADR 296).
 */
export function getRecoveryForDecision(tx: Tx, id: string): RecoveryRow | null {
  return getRecovery(tx, id);
}

export function listRecoveries(tx: Tx, requestId?: string): RecoveryRow[] {
  return sessionOf(tx)
    .select()
    .from(recoveries)
    .where(requestId === undefined ? undefined : eq(recoveries.requestId, requestId))
    .orderBy(desc(recoveries.createdAtMs), desc(recoveries.id))
    .all();
}

/** Pending → decided; false when it was no longer pending. */
export function decideRecovery(
  tx: Tx,
  id: string,
  set: Pick<RecoveryRow, 'status' | 'decidedBy' | 'decidedAtMs'> & {
    entryId?: number;
    rejectionReason?: string;
  },
): boolean {
  return (
    sessionOf(tx)
      .update(recoveries)
      .set(set)
      .where(and(eq(recoveries.id, id), eq(recoveries.status, 'pending')))
      .run().changes === 1
  );
}

export interface WatchedInvoice {
  readonly number: string;
  readonly openMinor: number;
  readonly erpOpenMinor: number;
}

/** Invoices a posted write-off touched, as they stand (read before an import changes them). */
export function listWrittenOffInvoices(tx: Tx): WatchedInvoice[] {
  return sessionOf(tx).all<WatchedInvoice>(sql`
    SELECT i.number AS number, i.open_minor AS openMinor, i.erp_open_minor AS erpOpenMinor
    FROM invoices i
    WHERE EXISTS (
      SELECT 1 FROM write_off_request_lines l
      JOIN write_off_requests r ON r.id = l.request_id
      WHERE l.invoice_number = i.number AND r.status = 'posted')
    ORDER BY i.number`);
}

export function erpOpenOf(tx: Tx, invoice: string): number {
  const row = sessionOf(tx).get<{ erp: number } | undefined>(
    sql`SELECT erp_open_minor AS erp FROM invoices WHERE number = ${invoice}`,
  );
  return row?.erp ?? 0;
}

export interface WrittenOffPart {
  readonly requestId: string;
  /** Σ of the request's line amounts on the invoice. */
  readonly writtenOffMinor: number;
  /** Σ of its recoveries on the invoice that are pending or posted. */
  readonly recoveredMinor: number;
}

/** The posted write-offs on an invoice, newest first. */
export function writtenOffParts(tx: Tx, invoice: string): WrittenOffPart[] {
  return sessionOf(tx).all<WrittenOffPart>(sql`
    SELECT r.id AS requestId,
      (SELECT sum(l.amount_minor) FROM write_off_request_lines l
        WHERE l.request_id = r.id AND l.invoice_number = ${invoice}) AS writtenOffMinor,
      coalesce((SELECT sum(c.amount_minor) FROM recoveries c
        WHERE c.request_id = r.id AND c.invoice_number = ${invoice}
          AND c.status IN ('pending', 'posted')), 0) AS recoveredMinor
    FROM write_off_requests r
    WHERE r.status = 'posted' AND EXISTS (
      SELECT 1 FROM write_off_request_lines l
      WHERE l.request_id = r.id AND l.invoice_number = ${invoice})
    ORDER BY r.decided_at_ms DESC, r.id DESC`);
}

/** Ids of posted recoveries of a request (a full reversal would count them twice). */
export function postedRecoveryIds(tx: Tx, requestId: string): string[] {
  return sessionOf(tx)
    .select({ id: recoveries.id })
    .from(recoveries)
    .where(and(eq(recoveries.requestId, requestId), eq(recoveries.status, 'posted')))
    .orderBy(asc(recoveries.id))
    .all()
    .map((r) => r.id);
}

/** Journal entries of a request's posted recoveries, oldest first. */
export function postedRecoveryEntryIds(tx: Tx, requestId: string): number[] {
  return sessionOf(tx)
    .select({ entryId: recoveries.entryId })
    .from(recoveries)
    .where(and(eq(recoveries.requestId, requestId), eq(recoveries.status, 'posted')))
    .orderBy(asc(recoveries.id))
    .all()
    .flatMap((r) => (r.entryId === null ? [] : [r.entryId]));
}

/** Ids of a request's recoveries still awaiting a decision. */
export function pendingRecoveryIds(tx: Tx, requestId: string): string[] {
  return sessionOf(tx)
    .select({ id: recoveries.id })
    .from(recoveries)
    .where(and(eq(recoveries.requestId, requestId), eq(recoveries.status, 'pending')))
    .orderBy(asc(recoveries.id))
    .all()
    .map((r) => r.id);
}

/** Σ of a request's posted recoveries per invoice. */
export function recoveredByInvoice(tx: Tx, requestId: string): Map<string, number> {
  const rows = sessionOf(tx).all<{ invoice: string; amountMinor: number }>(sql`
    SELECT invoice_number AS invoice, sum(amount_minor) AS amountMinor FROM recoveries
    WHERE request_id = ${requestId} AND status = 'posted' GROUP BY invoice_number`);
  return new Map(rows.map((r) => [r.invoice, r.amountMinor]));
}
