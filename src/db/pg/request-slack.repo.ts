// Where a request lives in Slack, on PostgreSQL: the async twin of src/db/request-slack.repo.ts.
// Each field is written once, compare-and-set, so a second announcer (on any instance) can never
// overwrite the first.
import { and, eq, isNull } from 'drizzle-orm';
import { writeOffRequests } from './schema.ts';
import type { PgTx } from './types.ts';

/** True when recorded; false when the request already has a parent message (or is unknown). */
export async function recordParentMessage(
  tx: PgTx,
  requestId: string,
  channel: string,
  ts: string,
): Promise<boolean> {
  const rows = await tx
    .update(writeOffRequests)
    .set({ slackChannel: channel, slackTs: ts })
    .where(and(eq(writeOffRequests.id, requestId), isNull(writeOffRequests.slackTs)))
    .returning({ id: writeOffRequests.id });
  return rows.length === 1;
}

/** True when recorded; false when a decision reply was recorded before. */
export async function recordDecisionReply(
  tx: PgTx,
  requestId: string,
  replyTs: string,
): Promise<boolean> {
  const rows = await tx
    .update(writeOffRequests)
    .set({ slackThreadTs: replyTs })
    .where(and(eq(writeOffRequests.id, requestId), isNull(writeOffRequests.slackThreadTs)))
    .returning({ id: writeOffRequests.id });
  return rows.length === 1;
}
