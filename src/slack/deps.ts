// What the composition root hands to the Slack layer. Listeners take everything they need from
// here (never from env or module state), so tests build the same object with fakes.
import type { Logger } from '@slack/bolt';
import type { RequestNotifications } from '../app/notifier.ts';
import type { Database } from '../db/client.ts';
import type { Metrics } from '../telemetry/metrics.ts';

export interface SlackDeps {
  /** The open, migrated database. */
  readonly database: Database;
  /** The only clock the Slack layer may read ("today", timestamps in audit rows). */
  readonly now: () => Date;
  /** Channel id where write-off requests are posted for approval. */
  readonly approvalsChannel: string;
  readonly logger: Logger;
  /** Slack user ids with admin rights (WRITEOFF_ADMINS). */
  readonly admins: readonly string[];
  /** Sends what is due for a request after its use-case committed (the outbox, ADR 111). */
  readonly notifications: RequestNotifications;
  /** Ack latency, Web API calls and GET /metrics (docs/operations.md); absent in most tests. */
  readonly metrics?: Metrics;
}
