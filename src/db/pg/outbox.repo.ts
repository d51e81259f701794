// The Slack outbox on PostgreSQL (docs/decisions/230-postgresql-backend.md), as
// src/db/outbox.repo.ts and outbox-delivery.repo.ts do it on SQLite: an event is queued once
// (unique dedupe key, ON CONFLICT DO NOTHING), and a row is delivered by whoever claims it with
// a lease — a compare-and-set that pushes `next_at_ms` past the lease. Two instances never hold
// the same row; a dead instance's row is taken over when its lease runs out.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type NewOutboxMessage, type OutboxMessage, toOutboxMessage } from '../outbox.repo.ts';
import { slackOutbox } from './schema.ts';
import type { PgTx } from './types.ts';

/** Queues a message; false when its dedupe key was queued before (by any instance). */
export async function enqueueOutbox(tx: PgTx, message: NewOutboxMessage): Promise<boolean> {
  const inserted = await tx
    .insert(slackOutbox)
    .values({
      requestId: message.requestId ?? null,
      kind: message.kind,
      payloadJson: JSON.stringify(message.payload),
      dedupeKey: message.dedupeKey,
      nextAtMs: message.atMs,
      createdAtMs: message.atMs,
    })
    .onConflictDoNothing({ target: slackOutbox.dedupeKey })
    .returning({ id: slackOutbox.id });
  return inserted.length === 1;
}

/** Pending rows due at `nowMs`, oldest first (not claimed: see claimOutboxRow). */
export async function listDueOutboxRows(
  tx: PgTx,
  nowMs: number,
  limit = 100,
): Promise<OutboxMessage[]> {
  const rows = await tx
    .select()
    .from(slackOutbox)
    .where(and(eq(slackOutbox.status, 'pending'), sql`${slackOutbox.nextAtMs} <= ${nowMs}`))
    .orderBy(asc(slackOutbox.id))
    .limit(limit);
  return rows.map(toOutboxMessage);
}

/**
 * Takes a due row for `leaseMs`: counts the attempt and pushes `next_at_ms` past the lease.
 * Returns the row as claimed, or null when another instance has it (or it was sent meanwhile).
 * A concurrent claim waits for this one's row lock, re-checks, and finds the row not due.
 */
export async function claimOutboxRow(
  tx: PgTx,
  id: number,
  nowMs: number,
  leaseMs: number,
): Promise<OutboxMessage | null> {
  const [row] = await tx
    .update(slackOutbox)
    .set({ attempts: sql`${slackOutbox.attempts} + 1`, nextAtMs: nowMs + leaseMs })
    .where(
      and(
        eq(slackOutbox.id, id),
        eq(slackOutbox.status, 'pending'),
        sql`${slackOutbox.nextAtMs} <= ${nowMs}`,
      ),
    )
    .returning();
  return row === undefined ? null : toOutboxMessage(row);
}

/**
 * Claims up to `limit` due rows in one statement. Rows another instance is claiming right now
 * are skipped rather than waited for (SKIP LOCKED), so instances share the work without queuing
 * behind each other.
 */
export async function claimDueOutboxRows(
  tx: PgTx,
  nowMs: number,
  leaseMs: number,
  limit: number,
): Promise<OutboxMessage[]> {
  const due = tx
    .select({ id: slackOutbox.id })
    .from(slackOutbox)
    .where(and(eq(slackOutbox.status, 'pending'), sql`${slackOutbox.nextAtMs} <= ${nowMs}`))
    .orderBy(asc(slackOutbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await tx
    .update(slackOutbox)
    .set({ attempts: sql`${slackOutbox.attempts} + 1`, nextAtMs: nowMs + leaseMs })
    .where(inArray(slackOutbox.id, due))
    .returning();
  return rows.sort((a, b) => a.id - b.id).map(toOutboxMessage);
}

export async function markOutboxSent(tx: PgTx, id: number, nowMs: number): Promise<void> {
  await tx
    .update(slackOutbox)
    .set({ status: 'sent', sentAtMs: nowMs, lastError: null })
    .where(eq(slackOutbox.id, id));
}

/** Back to pending at `nextAtMs`, or `failed` for good when `giveUp`. */
export async function rescheduleOutboxRow(
  tx: PgTx,
  id: number,
  update: { readonly nextAtMs: number; readonly error: string; readonly giveUp: boolean },
): Promise<void> {
  await tx
    .update(slackOutbox)
    .set({
      status: update.giveUp ? 'failed' : 'pending',
      nextAtMs: update.nextAtMs,
      lastError: update.error.slice(0, 500),
    })
    .where(eq(slackOutbox.id, id));
}

/** Gives a claimed row back, due at once and with the attempt uncounted (it could not start). */
export async function releaseOutboxRow(
  tx: PgTx,
  id: number,
  nowMs: number,
  why: string,
): Promise<void> {
  await tx
    .update(slackOutbox)
    .set({
      attempts: sql`greatest(${slackOutbox.attempts} - 1, 0)`,
      nextAtMs: nowMs,
      lastError: why.slice(0, 500),
    })
    .where(and(eq(slackOutbox.id, id), eq(slackOutbox.status, 'pending')));
}
