// The Slack outbox on PostgreSQL, the async twin of src/db/outbox.repo.ts
// (docs/decisions/230-postgresql-backend.md): an event is queued once (unique dedupe key,
// ON CONFLICT DO NOTHING), whichever instance queues it. Delivery is outbox-delivery.repo.ts.
import { asc, eq, sql } from 'drizzle-orm';
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

/** Pending messages due at `nowMs`, oldest first. */
export async function listDueOutbox(tx: PgTx, nowMs: number, limit = 50): Promise<OutboxMessage[]> {
  const rows = await tx
    .select()
    .from(slackOutbox)
    .where(sql`${slackOutbox.status} = 'pending' AND ${slackOutbox.nextAtMs} <= ${nowMs}`)
    .orderBy(asc(slackOutbox.id))
    .limit(limit);
  return rows.map(toOutboxMessage);
}

/** Replaces a row's payload (a delivery remembering what it already did, e.g. a posted DM). */
export async function setOutboxPayload(
  tx: PgTx,
  id: number,
  payload: Record<string, unknown>,
): Promise<void> {
  await tx
    .update(slackOutbox)
    .set({ payloadJson: JSON.stringify(payload) })
    .where(eq(slackOutbox.id, id));
}
