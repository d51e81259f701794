// Reads for SLA reminders on PostgreSQL, the async twin of src/db/reminders.repo.ts.
import { and, asc, eq, lte } from 'drizzle-orm';
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
