// The notifier port (ADR 111): everything said to Slack after a use-case committed goes through
// it. The outbox worker (src/jobs) decides *when* and *how often* a step is tried; a Notifier
// (src/slack/notifier.ts) only knows *how to say it*, as exactly one call per step. The
// composition root hands the Slack implementation to the worker, so jobs never import slack.
import type { Step } from './notification-outbox.ts';
import type { RequestView } from './request-views.ts';

/** What one step did: sent (and, for an announcement, where it landed) or cannot start yet. */
export type StepOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'posted_parent'; readonly channel: string; readonly ts: string }
  | { readonly kind: 'posted_reply'; readonly ts: string }
  | { readonly kind: 'wait'; readonly why: string };

export interface Notifier {
  /**
   * Says `step` about the request as it is now (`view`), as one call. Throws when the call
   * failed; the worker reschedules the step, so an implementation must not retry on its own.
   */
  perform(step: Step, view: RequestView): Promise<StepOutcome>;
}

/** Where a request's announcement is in Slack: the parent message and its decision thread. */
export type RequestThread = NonNullable<RequestView['slack']>;

/** What a listener calls once its use-case committed: deliver what is due for one request now. */
export interface RequestNotifications {
  /** Resolves with where the request is announced afterwards (null while it is not). */
  deliverFor(requestId: string): Promise<RequestThread | null>;
}

/** For a process without Slack (no credentials): nothing is said; the outbox keeps the rows. */
export const NO_NOTIFICATIONS: RequestNotifications = { deliverFor: async () => null };

/** What `/writeoff digest now` calls once it queued a digest: run the digest job now. */
export interface DigestDeliveries {
  deliverDue(): Promise<void>;
}
