// Delivering the Slack outbox on PostgreSQL, the async twin of src/db/outbox-delivery.repo.ts
// (docs/decisions/230-postgresql-backend.md): a row is delivered by whoever claims it with a
// lease — a compare-and-set that pushes `next_at_ms` past the lease. Two instances never hold
// the same row; a dead instance's row is taken over when its lease runs out.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type OutboxMessage, toOutboxMessage } from '../outbox.repo.ts';
import type { OutboxRowState, UndeliveredRow } from '../outbox-delivery.repo.ts';
import { num, rowsOf } from './rows.ts';
import { slackOutbox } from './schema.ts';
import type { PgTx } from './types.ts';

export type { OutboxRowState, UndeliveredRow };

/**
 * Pending rows due at `nowMs`, oldest first (not claimed: see claimOutboxRow); only one
 * request's rows when `requestId` is set. The kind filters run before the limit.
 */
export async function listDueOutboxRows(
  tx: PgTx,
  nowMs: number,
  options: {
    readonly requestId?: string;
    readonly limit?: number;
    /** Only kinds starting with this text (`step:`). */
    readonly kindPrefix?: string;
    /** Only rows of a request whose kind does not start with this text. */
    readonly requestRowsExceptPrefix?: string;
  } = {},
): Promise<OutboxMessage[]> {
  const conditions = [
    sql`${slackOutbox.status} = 'pending' AND ${slackOutbox.nextAtMs} <= ${nowMs}`,
  ];
  if (options.requestId !== undefined) {
    conditions.push(eq(slackOutbox.requestId, options.requestId));
  }
  if (options.kindPrefix !== undefined) {
    conditions.push(
      sql`substr(${slackOutbox.kind}, 1, ${options.kindPrefix.length}) = ${options.kindPrefix}`,
    );
  }
  const except = options.requestRowsExceptPrefix;
  if (except !== undefined) {
    conditions.push(
      sql`${slackOutbox.requestId} IS NOT NULL AND substr(${slackOutbox.kind}, 1, ${except.length}) <> ${except}`,
    );
  }
  const rows = await tx
    .select()
    .from(slackOutbox)
    .where(and(...conditions))
    .orderBy(asc(slackOutbox.id))
    .limit(options.limit ?? 100);
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
    .where(and(eq(slackOutbox.id, id), eq(slackOutbox.status, 'pending')));
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

/** Stale requests whose staleness was never queued for Slack (their `<id>:stale` event). */
export async function listStaleWithoutNotice(tx: PgTx, limit = 100): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`SELECT r.id AS id FROM write_off_requests r
      WHERE r.status = 'stale'
        AND NOT EXISTS (SELECT 1 FROM slack_outbox o WHERE o.dedupe_key = r.id || ':stale')
      ORDER BY r.id LIMIT ${limit}`,
  );
  return rows.map((r) => r.id);
}

/**
 * Whether a worker pass would find anything to do at `nowMs`: a pending row due (an event, a
 * step, or another job's row) or a stale request whose notice was never queued
 * (listStaleWithoutNotice). Read only, so a quiet pass needs no write lock.
 */
export async function anyOutboxWorkDue(tx: PgTx, nowMs: number): Promise<boolean> {
  const [row] = await rowsOf<{ found: unknown }>(
    tx,
    sql`SELECT CASE WHEN EXISTS (
        SELECT 1 FROM slack_outbox WHERE status = 'pending' AND next_at_ms <= ${nowMs}
      ) OR EXISTS (
        SELECT 1 FROM write_off_requests r WHERE r.status = 'stale'
          AND NOT EXISTS (SELECT 1 FROM slack_outbox o WHERE o.dedupe_key = r.id || ':stale')
      ) THEN 1 ELSE 0 END AS found`,
  );
  return num(row?.found) === 1;
}

const rowState = {
  id: slackOutbox.id,
  kind: slackOutbox.kind,
  dedupeKey: slackOutbox.dedupeKey,
  status: slackOutbox.status,
  attempts: slackOutbox.attempts,
  nextAtMs: slackOutbox.nextAtMs,
  lastError: slackOutbox.lastError,
};

/** Every row of one request (or all rows), for status pages and tests. */
export async function listOutboxRows(tx: PgTx, requestId?: string): Promise<OutboxRowState[]> {
  return tx
    .select(rowState)
    .from(slackOutbox)
    .where(requestId === undefined ? undefined : eq(slackOutbox.requestId, requestId))
    .orderBy(asc(slackOutbox.id));
}

/** Pending rows of one kind due at `nowMs`, oldest due first. */
export async function listDueOutboxRowsOfKind(
  tx: PgTx,
  nowMs: number,
  kind: string,
  limit: number,
): Promise<OutboxMessage[]> {
  const rows = await tx
    .select()
    .from(slackOutbox)
    .where(
      sql`${slackOutbox.status} = 'pending' AND ${slackOutbox.nextAtMs} <= ${nowMs}
        AND ${slackOutbox.kind} = ${kind}`,
    )
    .orderBy(asc(slackOutbox.nextAtMs), asc(slackOutbox.id))
    .limit(limit);
  return rows.map(toOutboxMessage);
}

/** Rows not sent yet (pending and failed), or only the failed ones; oldest first. */
export async function listUndeliveredRows(
  tx: PgTx,
  options: { readonly failedOnly: boolean; readonly limit: number },
): Promise<UndeliveredRow[]> {
  const statuses = options.failedOnly ? ['failed' as const] : (['pending', 'failed'] as const);
  return tx
    .select({ ...rowState, requestId: slackOutbox.requestId, createdAtMs: slackOutbox.createdAtMs })
    .from(slackOutbox)
    .where(inArray(slackOutbox.status, [...statuses]))
    .orderBy(asc(slackOutbox.id))
    .limit(options.limit);
}

export async function countFailedRows(tx: PgTx): Promise<number> {
  const [row] = await rowsOf<{ n: unknown }>(
    tx,
    sql`SELECT count(*) AS n FROM slack_outbox WHERE status = 'failed'`,
  );
  return num(row?.n);
}

/** Failed rows back to pending, due at `nowMs`, attempts from zero; returns the ids that did. */
export async function requeueFailedRows(
  tx: PgTx,
  ids: readonly number[] | 'all',
  nowMs: number,
): Promise<number[]> {
  const failed = eq(slackOutbox.status, 'failed');
  const rows = await tx
    .update(slackOutbox)
    .set({ status: 'pending', attempts: 0, nextAtMs: nowMs })
    .where(ids === 'all' ? failed : and(failed, inArray(slackOutbox.id, [...ids])))
    .returning({ id: slackOutbox.id });
  return rows.map((r) => r.id).sort((a, b) => a - b);
}
