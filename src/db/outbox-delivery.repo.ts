// Delivering the Slack outbox (ADR 051): claim a due row with a lease, then mark it sent or
// reschedule it. The claim is a compare-and-set on (status, next_at_ms), so two workers — in
// one process or two processes on the same database file — never both hold the same row.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { connectionOf, sessionOf, statementCache, type Tx } from './client.ts';
import { type OutboxMessage, toOutboxMessage } from './outbox.repo.ts';
import { slackOutbox } from './schema.ts';

/**
 * Pending rows due at `nowMs`, oldest first; only one request's rows when `requestId` is set.
 * The kind filters run in SQL, before the limit: rows of other kinds (a few hundred digests due
 * at once) must not fill the page and starve the caller's own rows.
 */
export function listDueOutboxRows(
  tx: Tx,
  nowMs: number,
  options: {
    readonly requestId?: string;
    readonly limit?: number;
    /** Only kinds starting with this text (`step:`). */
    readonly kindPrefix?: string;
    /** Only rows of a request whose kind does not start with this text. */
    readonly requestRowsExceptPrefix?: string;
  } = {},
): OutboxMessage[] {
  const conditions = [
    sql`${slackOutbox.status} = 'pending' AND ${slackOutbox.nextAtMs} <= ${nowMs}`,
  ];
  if (options.requestId !== undefined)
    conditions.push(eq(slackOutbox.requestId, options.requestId));
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
  return sessionOf(tx)
    .select()
    .from(slackOutbox)
    .where(and(...conditions))
    .orderBy(asc(slackOutbox.id))
    .limit(options.limit ?? 100)
    .all()
    .map(toOutboxMessage);
}

/**
 * Takes a due row for `leaseMs`: counts the attempt and pushes `next_at_ms` past the lease.
 * Returns the row as claimed, or null when another worker has it (or it was sent meanwhile).
 */
export function claimOutboxRow(
  tx: Tx,
  id: number,
  nowMs: number,
  leaseMs: number,
): OutboxMessage | null {
  const changes = sessionOf(tx)
    .update(slackOutbox)
    .set({ attempts: sql`${slackOutbox.attempts} + 1`, nextAtMs: nowMs + leaseMs })
    .where(
      and(
        eq(slackOutbox.id, id),
        eq(slackOutbox.status, 'pending'),
        sql`${slackOutbox.nextAtMs} <= ${nowMs}`,
      ),
    )
    .run().changes;
  if (changes !== 1) return null;
  const row = sessionOf(tx).select().from(slackOutbox).where(eq(slackOutbox.id, id)).get();
  return row === undefined ? null : toOutboxMessage(row);
}

export function markOutboxSent(tx: Tx, id: number, nowMs: number): void {
  sessionOf(tx)
    .update(slackOutbox)
    .set({ status: 'sent', sentAtMs: nowMs, lastError: null })
    .where(eq(slackOutbox.id, id))
    .run();
}

/** Back to pending at `nextAtMs`, or `failed` for good when `giveUp`. */
export function rescheduleOutboxRow(
  tx: Tx,
  id: number,
  update: { readonly nextAtMs: number; readonly error: string; readonly giveUp: boolean },
): void {
  sessionOf(tx)
    .update(slackOutbox)
    .set({
      status: update.giveUp ? 'failed' : 'pending',
      nextAtMs: update.nextAtMs,
      lastError: update.error.slice(0, 500),
    })
    .where(and(eq(slackOutbox.id, id), eq(slackOutbox.status, 'pending')))
    .run();
}

/** Gives a claimed row back, due at once and with the attempt uncounted (it could not start). */
export function releaseOutboxRow(tx: Tx, id: number, nowMs: number, why: string): void {
  sessionOf(tx)
    .update(slackOutbox)
    .set({
      attempts: sql`max(${slackOutbox.attempts} - 1, 0)`,
      nextAtMs: nowMs,
      lastError: why.slice(0, 500),
    })
    .where(and(eq(slackOutbox.id, id), eq(slackOutbox.status, 'pending')))
    .run();
}

/**
 * Stale requests whose staleness was never queued for Slack (a re-import marks requests stale
 * in bulk SQL, without the outbox): their `<id>:stale` event is missing.
 */
export function listStaleWithoutNotice(tx: Tx, limit = 100): string[] {
  return sessionOf(tx)
    .all<{ id: string }>(sql`
      SELECT r.id AS id FROM write_off_requests r
      WHERE r.status = 'stale'
        AND NOT EXISTS (SELECT 1 FROM slack_outbox o WHERE o.dedupe_key = r.id || ':stale')
      ORDER BY r.id LIMIT ${limit}`)
    .map((r) => r.id);
}

/**
 * Whether a worker pass would find anything to do at `nowMs`: a pending row due (an event, a
 * step, or another job's row) or a stale request whose notice was never queued
 * (listStaleWithoutNotice). Read only, so a quiet pass needs no write lock.
 */
export function anyOutboxWorkDue(tx: Tx, nowMs: number): boolean {
  return workDueProbeOf(connectionOf(tx)).get(nowMs)?.found === 1;
}

/** Prepared once per connection: the probe runs on the main thread every scheduler pass. */
const workDueProbeOf = statementCache((sqlite) =>
  sqlite.prepare<[number], { found: number }>(
    `SELECT EXISTS (SELECT 1 FROM slack_outbox WHERE status = 'pending' AND next_at_ms <= ?)
      OR EXISTS (
        SELECT 1 FROM write_off_requests r WHERE r.status = 'stale'
          AND NOT EXISTS (SELECT 1 FROM slack_outbox o WHERE o.dedupe_key = r.id || ':stale')
      ) AS found`,
  ),
);

export interface OutboxRowState {
  readonly id: number;
  readonly kind: string;
  readonly dedupeKey: string;
  readonly status: string;
  readonly attempts: number;
  readonly nextAtMs: number;
  readonly lastError: string | null;
}

/** Every row of one request (or all rows), for status pages and tests. */
export function listOutboxRows(tx: Tx, requestId?: string): OutboxRowState[] {
  return sessionOf(tx)
    .select({
      id: slackOutbox.id,
      kind: slackOutbox.kind,
      dedupeKey: slackOutbox.dedupeKey,
      status: slackOutbox.status,
      attempts: slackOutbox.attempts,
      nextAtMs: slackOutbox.nextAtMs,
      lastError: slackOutbox.lastError,
    })
    .from(slackOutbox)
    .where(requestId === undefined ? undefined : eq(slackOutbox.requestId, requestId))
    .orderBy(asc(slackOutbox.id))
    .all();
}

/** Pending rows of one kind due at `nowMs`, oldest due first. */
export function listDueOutboxRowsOfKind(
  tx: Tx,
  nowMs: number,
  kind: string,
  limit: number,
): OutboxMessage[] {
  return sessionOf(tx)
    .select()
    .from(slackOutbox)
    .where(
      sql`${slackOutbox.status} = 'pending' AND ${slackOutbox.nextAtMs} <= ${nowMs}
        AND ${slackOutbox.kind} = ${kind}`,
    )
    .orderBy(asc(slackOutbox.nextAtMs), asc(slackOutbox.id))
    .limit(limit)
    .all()
    .map(toOutboxMessage);
}

export interface UndeliveredRow extends OutboxRowState {
  readonly requestId: string | null;
  readonly createdAtMs: number;
}

/** Rows not sent yet (pending and failed), or only the failed ones; oldest first. */
export function listUndeliveredRows(
  tx: Tx,
  options: { readonly failedOnly: boolean; readonly limit: number },
): UndeliveredRow[] {
  const statuses = options.failedOnly ? ['failed' as const] : (['pending', 'failed'] as const);
  return sessionOf(tx)
    .select({
      id: slackOutbox.id,
      requestId: slackOutbox.requestId,
      kind: slackOutbox.kind,
      dedupeKey: slackOutbox.dedupeKey,
      status: slackOutbox.status,
      attempts: slackOutbox.attempts,
      nextAtMs: slackOutbox.nextAtMs,
      lastError: slackOutbox.lastError,
      createdAtMs: slackOutbox.createdAtMs,
    })
    .from(slackOutbox)
    .where(inArray(slackOutbox.status, [...statuses]))
    .orderBy(asc(slackOutbox.id))
    .limit(options.limit)
    .all();
}

export function countFailedRows(tx: Tx): number {
  const row = sessionOf(tx).get<{ n: number }>(
    sql`SELECT count(*) AS n FROM slack_outbox WHERE status = 'failed'`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Gives failed rows a fresh start: pending, due at `nowMs`, attempts from zero (the last error is
 * kept until the next attempt). Only `failed` rows change; returns the ids that did.
 */
export function requeueFailedRows(tx: Tx, ids: readonly number[] | 'all', nowMs: number): number[] {
  const failed = eq(slackOutbox.status, 'failed');
  return sessionOf(tx)
    .update(slackOutbox)
    .set({ status: 'pending', attempts: 0, nextAtMs: nowMs })
    .where(ids === 'all' ? failed : and(failed, inArray(slackOutbox.id, [...ids])))
    .returning({ id: slackOutbox.id })
    .all()
    .map((r) => r.id);
}
