// Announces a submitted request in the approvals channel: the parent message (customer, total,
// period, requester, status) and, in its thread, the decision reply with Approve / Reject. The
// channel and both timestamps are stored on the request (ADR 050).
//
// It goes through the notification outbox like every other message, so calling it twice, or
// while the outbox worker runs, still posts each message once; if Slack fails, the request stays
// submitted and the worker posts the announcement later. Delivery itself is the
// `notifications` port the composition root wires (ADR 111).
import { ensureAnnouncement } from '../app/notification-outbox.ts';
import { whenUnlocked } from '../app/use-case-tx.ts';
import type { SlackDeps } from './deps.ts';

export async function announceRequest(deps: SlackDeps, requestId: string): Promise<void> {
  await whenUnlocked(() => ensureAnnouncement(deps, requestId));
  await deps.notifications.deliverFor(requestId);
}
