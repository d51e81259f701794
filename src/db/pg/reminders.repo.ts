// Reads for SLA reminders on PostgreSQL, the async twin of src/db/reminders.repo.ts.
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { num, rowsOf } from './rows.ts';
import { slackOutbox, writeOffRequests } from './schema.ts';
import type { PgTx } from './types.ts';

/** Ids of pending requests created at or before `cutoffMs`, oldest first (status index). */
export async function listPendingCreatedBy(
  tx: PgTx,
  cutoffMs: number,
  limit: number,
): Promise<string[]> {
  const rows = await tx
    .select({ id: writeOffRequests.id })
    .from(writeOffRequests)
    .where(and(eq(writeOffRequests.status, 'pending'), lte(writeOffRequests.createdAtMs, cutoffMs)))
    .orderBy(asc(writeOffRequests.createdAtMs), asc(writeOffRequests.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** When the outbox row with this dedupe key was queued, or null when there is none. */
export async function queuedAtMs(tx: PgTx, dedupeKey: string): Promise<number | null> {
  const [row] = await tx
    .select({ createdAtMs: slackOutbox.createdAtMs })
    .from(slackOutbox)
    .where(eq(slackOutbox.dedupeKey, dedupeKey));
  return row?.createdAtMs ?? null;
}

/** Whether any request is pending: without one a reminder pass has nothing to look at. */
export async function anyPendingRequest(tx: PgTx): Promise<boolean> {
  const [row] = await rowsOf<{ found: unknown }>(
    tx,
    sql`SELECT CASE WHEN EXISTS (SELECT 1 FROM write_off_requests WHERE status = 'pending')
      THEN 1 ELSE 0 END AS found`,
  );
  return num(row?.found) === 1;
}
