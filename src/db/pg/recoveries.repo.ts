// Recovery proposals and the reads that find them on PostgreSQL, the async twin of
// src/db/recoveries.repo.ts (docs/decisions/228-recovery-after-payment.md).
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { WatchedInvoice, WrittenOffPart } from '../recoveries.repo.ts';
import { num, rowsOf } from './rows.ts';
import { recoveries } from './schema.ts';
import type { PgTx } from './types.ts';

export type { WatchedInvoice, WrittenOffPart };
export type RecoveryRow = typeof recoveries.$inferSelect;

const ID_PREFIX = 'RC-';

/** The next `RC-000042`; ids that are not the prefix and digits count as none (as on SQLite). */
export async function nextRecoveryId(tx: PgTx): Promise<string> {
  const [row] = await rowsOf<{ n: unknown }>(
    tx,
    sql`SELECT coalesce(max(CASE WHEN substr(id, ${ID_PREFIX.length + 1}) ~ '^[0-9]{1,15}$'
        THEN substr(id, ${ID_PREFIX.length + 1})::bigint ELSE 0 END), 0) + 1 AS n
      FROM recoveries`,
  );
  return `${ID_PREFIX}${String(num(row?.n)).padStart(6, '0')}`;
}

export async function insertRecovery(tx: PgTx, row: typeof recoveries.$inferInsert): Promise<void> {
  await tx.insert(recoveries).values(row);
}

export async function getRecovery(tx: PgTx, id: string): Promise<RecoveryRow | null> {
  const [row] = await tx.select().from(recoveries).where(eq(recoveries.id, id));
  return row ?? null;
}

/**
 * The recovery, row-locked until the transaction ends: a second instance deciding it waits here,
 * then reads it decided (ADR 296).
 */
export async function getRecoveryForDecision(tx: PgTx, id: string): Promise<RecoveryRow | null> {
  const [row] = await tx.select().from(recoveries).where(eq(recoveries.id, id)).for('update');
  return row ?? null;
}

export async function listRecoveries(tx: PgTx, requestId?: string): Promise<RecoveryRow[]> {
  return tx
    .select()
    .from(recoveries)
    .where(requestId === undefined ? undefined : eq(recoveries.requestId, requestId))
    .orderBy(desc(recoveries.createdAtMs), desc(recoveries.id));
}

/** Pending → decided; false when it was no longer pending (another instance decided it). */
export async function decideRecovery(
  tx: PgTx,
  id: string,
  set: Pick<RecoveryRow, 'status' | 'decidedBy' | 'decidedAtMs'> & {
    entryId?: number;
    rejectionReason?: string;
  },
): Promise<boolean> {
  const rows = await tx
    .update(recoveries)
    .set(set)
    .where(and(eq(recoveries.id, id), eq(recoveries.status, 'pending')))
    .returning({ id: recoveries.id });
  return rows.length === 1;
}

/** Invoices a posted write-off touched, as they stand (read before an import changes them). */
export async function listWrittenOffInvoices(tx: PgTx): Promise<WatchedInvoice[]> {
  const rows = await rowsOf<{ number: string; open_minor: unknown; erp_open_minor: unknown }>(
    tx,
    sql`SELECT i.number, i.open_minor, i.erp_open_minor FROM invoices i
      WHERE EXISTS (
        SELECT 1 FROM write_off_request_lines l JOIN write_off_requests r ON r.id = l.request_id
        WHERE l.invoice_number = i.number AND r.status = 'posted')
      ORDER BY i.number`,
  );
  return rows.map((r) => ({
    number: r.number,
    openMinor: num(r.open_minor),
    erpOpenMinor: num(r.erp_open_minor),
  }));
}

export async function erpOpenOf(tx: PgTx, invoice: string): Promise<number> {
  const [row] = await rowsOf<{ erp: unknown }>(
    tx,
    sql`SELECT erp_open_minor AS erp FROM invoices WHERE number = ${invoice}`,
  );
  return num(row?.erp);
}

/** The posted write-offs on an invoice, newest first. */
export async function writtenOffParts(tx: PgTx, invoice: string): Promise<WrittenOffPart[]> {
  const rows = await rowsOf<{ request_id: string; written_off: unknown; recovered: unknown }>(
    tx,
    sql`SELECT r.id AS request_id,
        (SELECT sum(l.amount_minor) FROM write_off_request_lines l
          WHERE l.request_id = r.id AND l.invoice_number = ${invoice}) AS written_off,
        coalesce((SELECT sum(c.amount_minor) FROM recoveries c
          WHERE c.request_id = r.id AND c.invoice_number = ${invoice}
            AND c.status IN ('pending', 'posted')), 0) AS recovered
      FROM write_off_requests r
      WHERE r.status = 'posted' AND EXISTS (
        SELECT 1 FROM write_off_request_lines l
        WHERE l.request_id = r.id AND l.invoice_number = ${invoice})
      ORDER BY r.decided_at_ms DESC, r.id DESC`,
  );
  return rows.map((r) => ({
    requestId: r.request_id,
    writtenOffMinor: num(r.written_off),
    recoveredMinor: num(r.recovered),
  }));
}

/** Ids of posted recoveries of a request (a full reversal would count them twice). */
export async function postedRecoveryIds(tx: PgTx, requestId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: recoveries.id })
    .from(recoveries)
    .where(and(eq(recoveries.requestId, requestId), eq(recoveries.status, 'posted')))
    .orderBy(asc(recoveries.id));
  return rows.map((r) => r.id);
}

/** Journal entries of a request's posted recoveries, oldest first. */
export async function postedRecoveryEntryIds(tx: PgTx, requestId: string): Promise<number[]> {
  const rows = await tx
    .select({ entryId: recoveries.entryId })
    .from(recoveries)
    .where(and(eq(recoveries.requestId, requestId), eq(recoveries.status, 'posted')))
    .orderBy(asc(recoveries.id));
  return rows.flatMap((r) => (r.entryId === null ? [] : [r.entryId]));
}

/** Ids of a request's recoveries still awaiting a decision. */
export async function pendingRecoveryIds(tx: PgTx, requestId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: recoveries.id })
    .from(recoveries)
    .where(and(eq(recoveries.requestId, requestId), eq(recoveries.status, 'pending')))
    .orderBy(asc(recoveries.id));
  return rows.map((r) => r.id);
}

/** Σ of a request's posted recoveries per invoice. */
export async function recoveredByInvoice(
  tx: PgTx,
  requestId: string,
): Promise<Map<string, number>> {
  const rows = await rowsOf<{ invoice: string; amount: unknown }>(
    tx,
    sql`SELECT invoice_number AS invoice, sum(amount_minor) AS amount FROM recoveries
      WHERE request_id = ${requestId} AND status = 'posted' GROUP BY invoice_number
      ORDER BY invoice_number`,
  );
  return new Map(rows.map((r) => [r.invoice, num(r.amount)]));
}
