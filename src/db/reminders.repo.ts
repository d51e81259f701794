// Reads for SLA reminders (docs/decisions/227-reminders-and-escalation.md): pending requests
// older than a cut-off, and when an outbox event was first queued. No rules here.
import { and, asc, eq, lte } from 'drizzle-orm';
import { connectionOf, sessionOf, statementCache, type Tx } from './client.ts';
import { slackOutbox, writeOffRequests } from './schema.ts';

/** Ids of pending requests created at or before `cutoffMs`, oldest first (status index). */
export function listPendingCreatedBy(tx: Tx, cutoffMs: number, limit: number): string[] {
  return sessionOf(tx)
    .select({ id: writeOffRequests.id })
    .from(writeOffRequests)
    .where(and(eq(writeOffRequests.status, 'pending'), lte(writeOffRequests.createdAtMs, cutoffMs)))
    .orderBy(asc(writeOffRequests.createdAtMs), asc(writeOffRequests.id))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

/** When the outbox row with this dedupe key was queued, or null when there is none. */
export function queuedAtMs(tx: Tx, dedupeKey: string): number | null {
  const row = sessionOf(tx)
    .select({ createdAtMs: slackOutbox.createdAtMs })
    .from(slackOutbox)
    .where(eq(slackOutbox.dedupeKey, dedupeKey))
    .get();
  return row?.createdAtMs ?? null;
}

/** Prepared once per connection: the probe runs on the main thread every scheduler pass. */
const pendingProbeOf = statementCache((sqlite) =>
  sqlite.prepare<[], { found: number }>(
    `SELECT EXISTS (SELECT 1 FROM write_off_requests WHERE status = 'pending') AS found`,
  ),
);

/** Whether any request is pending: without one a reminder pass has nothing to look at. */
export function anyPendingRequest(tx: Tx): boolean {
  return pendingProbeOf(connectionOf(tx)).get()?.found === 1;
}
