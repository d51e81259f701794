// Announces a submitted request in the approvals channel: the parent message (customer, total,
// period, requester, status) and, in its thread, the decision reply with Approve / Reject. The
// channel and both timestamps are stored on the request (ADR 050).
//
// It goes through the notification outbox like every other message, so calling it twice, or
// while the outbox worker runs, still posts each message once; if Slack fails, the request stays
// submitted and the worker posts the announcement later.
import type { webApi } from '@slack/bolt';
import { ensureAnnouncement } from '../app/notification-outbox.ts';
import { runOutboxWorker } from '../jobs/outbox-worker.ts';
import type { SlackDeps } from './deps.ts';

export async function announceRequest(
  client: webApi.WebClient,
  deps: SlackDeps,
  requestId: string,
): Promise<void> {
  ensureAnnouncement(deps, requestId);
  await deliverRequestNotifications(client, deps, requestId);
}

/** Sends whatever is due for one request now (after a use-case committed a change to it). */
export async function deliverRequestNotifications(
  client: webApi.WebClient,
  deps: SlackDeps,
  requestId: string,
): Promise<void> {
  await runOutboxWorker({ ...deps, client }, deps.now(), { requestId });
}
