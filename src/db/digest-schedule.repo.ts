// Managers' digest subscriptions and the per-week send records (docs/digest.md, ADR 140).
// No rules: src/app/digest-*.ts decides who is due and what to send.
import { and, eq, sql } from 'drizzle-orm';
import { sessionOf, type Tx } from './client.ts';
import { digestSends, digestSubscriptions } from './schema.ts';

export type SubscriptionRow = typeof digestSubscriptions.$inferSelect;
export type SendRow = typeof digestSends.$inferSelect;

export function getSubscription(tx: Tx, userId: string): SubscriptionRow | null {
  return (
    sessionOf(tx)
      .select()
      .from(digestSubscriptions)
      .where(eq(digestSubscriptions.userId, userId))
      .get() ?? null
  );
}

export function upsertSubscription(tx: Tx, row: SubscriptionRow): void {
  const { userId: _key, ...set } = row;
  sessionOf(tx)
    .insert(digestSubscriptions)
    .values(row)
    .onConflictDoUpdate({ target: digestSubscriptions.userId, set })
    .run();
}

/** Active subscriptions of people who still hold the manager role. */
export function listActiveManagerSubscriptions(tx: Tx): SubscriptionRow[] {
  return sessionOf(tx)
    .select()
    .from(digestSubscriptions)
    .where(
      sql`${digestSubscriptions.active} = 1 AND EXISTS (SELECT 1 FROM user_roles r
        WHERE r.user_id = ${digestSubscriptions.userId} AND r.role = 'manager')`,
    )
    .orderBy(digestSubscriptions.userId)
    .all();
}

/** True when this call recorded the week; false when it was already recorded (sent or queued). */
export function insertSend(
  tx: Tx,
  row: { userId: string; week: string; timezone: string; queuedAtMs: number },
): boolean {
  return sessionOf(tx).insert(digestSends).values(row).onConflictDoNothing().run().changes === 1;
}

export function getSend(tx: Tx, userId: string, week: string): SendRow | null {
  return (
    sessionOf(tx)
      .select()
      .from(digestSends)
      .where(and(eq(digestSends.userId, userId), eq(digestSends.week, week)))
      .get() ?? null
  );
}

export function recordSendMessage(
  tx: Tx,
  key: { userId: string; week: string },
  message: { channel: string; ts: string },
): void {
  sessionOf(tx)
    .update(digestSends)
    .set({ channel: message.channel, messageTs: message.ts })
    .where(and(eq(digestSends.userId, key.userId), eq(digestSends.week, key.week)))
    .run();
}

export function markSendComplete(
  tx: Tx,
  key: { userId: string; week: string },
  nowMs: number,
): void {
  sessionOf(tx)
    .update(digestSends)
    .set({ sentAtMs: nowMs })
    .where(and(eq(digestSends.userId, key.userId), eq(digestSends.week, key.week)))
    .run();
}

/** Every subscription, on or off, by user id. */
export function listSubscriptions(tx: Tx): SubscriptionRow[] {
  return sessionOf(tx).select().from(digestSubscriptions).orderBy(digestSubscriptions.userId).all();
}
