// Managers' digest subscriptions and the per-week send records on PostgreSQL, the async twin of
// src/db/digest-schedule.repo.ts. The (user, week) primary key with ON CONFLICT DO NOTHING is
// what sends a week at most once across instances (ADR 140).
import { and, asc, eq, sql } from 'drizzle-orm';
import { digestSends, digestSubscriptions } from './schema.ts';
import type { PgTx } from './types.ts';

export type SubscriptionRow = typeof digestSubscriptions.$inferSelect;
export type SendRow = typeof digestSends.$inferSelect;

const sendKey = (key: { userId: string; week: string }) =>
  and(eq(digestSends.userId, key.userId), eq(digestSends.week, key.week));

export async function getSubscription(tx: PgTx, userId: string): Promise<SubscriptionRow | null> {
  const [row] = await tx
    .select()
    .from(digestSubscriptions)
    .where(eq(digestSubscriptions.userId, userId));
  return row ?? null;
}

export async function upsertSubscription(tx: PgTx, row: SubscriptionRow): Promise<void> {
  const { userId: _key, ...set } = row;
  await tx
    .insert(digestSubscriptions)
    .values(row)
    .onConflictDoUpdate({ target: digestSubscriptions.userId, set });
}

/** Active subscriptions of people who still hold the manager role. */
export async function listActiveManagerSubscriptions(tx: PgTx): Promise<SubscriptionRow[]> {
  return tx
    .select()
    .from(digestSubscriptions)
    .where(
      sql`${digestSubscriptions.active} AND EXISTS (SELECT 1 FROM user_roles r
        WHERE r.user_id = ${digestSubscriptions.userId} AND r.role = 'manager')`,
    )
    .orderBy(asc(digestSubscriptions.userId));
}

/** True when this call recorded the week; false when it was already recorded (sent or queued). */
export async function insertSend(
  tx: PgTx,
  row: { userId: string; week: string; timezone: string; queuedAtMs: number },
): Promise<boolean> {
  const rows = await tx
    .insert(digestSends)
    .values(row)
    .onConflictDoNothing()
    .returning({ userId: digestSends.userId });
  return rows.length === 1;
}

export async function getSend(tx: PgTx, userId: string, week: string): Promise<SendRow | null> {
  const [row] = await tx.select().from(digestSends).where(sendKey({ userId, week }));
  return row ?? null;
}

export async function recordSendMessage(
  tx: PgTx,
  key: { userId: string; week: string },
  message: { channel: string; ts: string },
): Promise<void> {
  await tx
    .update(digestSends)
    .set({ channel: message.channel, messageTs: message.ts })
    .where(sendKey(key));
}

export async function markSendComplete(
  tx: PgTx,
  key: { userId: string; week: string },
  nowMs: number,
): Promise<void> {
  await tx.update(digestSends).set({ sentAtMs: nowMs }).where(sendKey(key));
}

/** Every subscription, on or off, by user id. */
export async function listSubscriptions(tx: PgTx): Promise<SubscriptionRow[]> {
  return tx.select().from(digestSubscriptions).orderBy(asc(digestSubscriptions.userId));
}
