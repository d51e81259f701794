// What the composition root hands to the Slack layer. Listeners take everything they need from
// here (never from env or module state), so tests build the same object with fakes.
import type { Logger } from '@slack/bolt';
import type { AppDeps } from '../app/deps.ts';
import type { DigestDeliveries, RequestNotifications } from '../app/notifier.ts';
import type { Metrics } from '../telemetry/metrics.ts';
import type { PostAckDispatcher } from './post-ack.ts';

// SlackDeps *are* the use-cases' deps (AppDeps: the store and the clock) plus Slack settings:
// a listener hands them to a use-case as they are and never opens the store itself (ADR 110).
export interface SlackDeps extends AppDeps {
  /** Channel id where write-off requests are posted for approval. */
  readonly approvalsChannel: string;
  readonly logger: Logger;
  /** Slack user ids with admin rights (WRITEOFF_ADMINS). */
  readonly admins: readonly string[];
  /** Sends what is due for a request after its use-case committed (the outbox, ADR 111). */
  readonly notifications: RequestNotifications;
  /** Sends a digest asked for with `/writeoff digest now` at once; absent: the next minute's pass. */
  readonly digests?: DigestDeliveries;
  /** Ack latency, Web API calls and GET /metrics (docs/operations.md); absent in most tests. */
  readonly metrics?: Metrics;
  /** The post-ack thread (ADR 201); absent in tests and on an in-memory database. */
  readonly postAck?: PostAckDispatcher;
}
