// Slack notifications to send after commit. A use-case enqueues inside its transaction, so a
// notification exists exactly when the change does; the dedupe key makes a retried step
// enqueue nothing new. The Slack layer drains it and marks rows sent.
import { eq, sql } from 'drizzle-orm';
import { sessionOf, type Tx } from './client.ts';
import { slackOutbox } from './schema.ts';

export interface NewOutboxMessage {
  readonly requestId?: string;
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly dedupeKey: string;
  readonly atMs: number;
}

/** True when enqueued; false when a row with the same dedupe key already exists. */
export function enqueueOutbox(tx: Tx, message: NewOutboxMessage): boolean {
  return (
    sessionOf(tx)
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
      .run().changes === 1
  );
}

export interface OutboxMessage {
  readonly id: number;
  readonly requestId: string | null;
  readonly kind: string;
  readonly payload: Record<string, unknown>;
  readonly dedupeKey: string;
  readonly attempts: number;
}

/** Pending messages due at `nowMs`, oldest first. */
export function listDueOutbox(tx: Tx, nowMs: number, limit = 50): OutboxMessage[] {
  return sessionOf(tx)
    .select()
    .from(slackOutbox)
    .where(sql`${slackOutbox.status} = 'pending' AND ${slackOutbox.nextAtMs} <= ${nowMs}`)
    .orderBy(slackOutbox.id)
    .limit(limit)
    .all()
    .map(toOutboxMessage);
}

/** A stored outbox row as the message it carries (payload parsed). */
export function toOutboxMessage(r: typeof slackOutbox.$inferSelect): OutboxMessage {
  return {
    id: r.id,
    requestId: r.requestId,
    kind: r.kind,
    payload: JSON.parse(r.payloadJson) as Record<string, unknown>,
    dedupeKey: r.dedupeKey,
    attempts: r.attempts,
  };
}

/** Replaces a row's payload (a delivery remembering what it already did, e.g. a posted DM). */
export function setOutboxPayload(tx: Tx, id: number, payload: Record<string, unknown>): void {
  sessionOf(tx)
    .update(slackOutbox)
    .set({ payloadJson: JSON.stringify(payload) })
    .where(eq(slackOutbox.id, id))
    .run();
}
