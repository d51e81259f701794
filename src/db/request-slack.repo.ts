// Where a request lives in Slack (ADR 050): `slack_channel` + `slack_ts` are the parent
// message in the approvals channel (and the thread's root); `slack_thread_ts` is the ts of the
// decision reply inside that thread, the message that carries the buttons. Each is written once,
// compare-and-set, so a second announcer can never overwrite the first.
import { and, eq, isNull } from 'drizzle-orm';
import { sessionOf, type Tx } from './client.ts';
import { writeOffRequests } from './schema.ts';

/** True when recorded; false when the request already has a parent message (or is unknown). */
export function recordParentMessage(
  tx: Tx,
  requestId: string,
  channel: string,
  ts: string,
): boolean {
  return (
    sessionOf(tx)
      .update(writeOffRequests)
      .set({ slackChannel: channel, slackTs: ts })
      .where(and(eq(writeOffRequests.id, requestId), isNull(writeOffRequests.slackTs)))
      .run().changes === 1
  );
}

/** True when recorded; false when a decision reply was recorded before. */
export function recordDecisionReply(tx: Tx, requestId: string, replyTs: string): boolean {
  return (
    sessionOf(tx)
      .update(writeOffRequests)
      .set({ slackThreadTs: replyTs })
      .where(and(eq(writeOffRequests.id, requestId), isNull(writeOffRequests.slackThreadTs)))
      .run().changes === 1
  );
}
