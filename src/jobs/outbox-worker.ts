// The notification outbox worker (ADR 051). One call = one pass: expand due events into steps,
// then claim and perform each due step once. It takes `now` and keeps no timers; the scheduler
// (scheduler.ts) and the listeners (right after their use-case commits) call it.
import type { Logger, webApi } from '@slack/bolt';
import type { AppDeps } from '../app/deps.ts';
import {
  claimStep,
  completeStep,
  expandDueEvents,
  failStep,
  listDueSteps,
  releaseStep,
} from '../app/notification-outbox.ts';
import type { Database } from '../db/client.ts';
import { performStep } from './notification-steps.ts';

export interface OutboxWorkerDeps {
  readonly database: Database;
  readonly client: webApi.WebClient;
  readonly approvalsChannel: string;
  readonly logger: Logger;
  /** WRITEOFF_ADMINS, told about escalations alongside the admin role holders. */
  readonly admins: readonly string[];
}

export interface OutboxRunReport {
  /** Events turned into steps. */
  readonly expanded: number;
  /** Steps finished (sent, or nothing left to send). */
  readonly completed: number;
  /** Steps that failed or could not run yet; they stay queued with a later next_at. */
  readonly deferred: number;
  /** Due steps another worker held. */
  readonly skipped: number;
}

export async function runOutboxWorker(
  deps: OutboxWorkerDeps,
  now: Date,
  options: { readonly requestId?: string } = {},
): Promise<OutboxRunReport> {
  const app: AppDeps = { database: deps.database, now: () => now };
  const expanded = expandDueEvents(app, { ...options, admins: deps.admins });
  const ctx = { app, client: deps.client, approvalsChannel: deps.approvalsChannel };
  let completed = 0;
  let deferred = 0;
  let skipped = 0;
  for (const id of listDueSteps(app, options.requestId)) {
    const step = claimStep(app, id);
    if (step === null) {
      skipped += 1;
      continue;
    }
    try {
      const outcome = await performStep(ctx, step);
      if (outcome.kind === 'done') {
        completeStep(app, step.id);
        completed += 1;
        continue;
      }
      releaseStep(app, step, outcome.why);
    } catch (error) {
      // A Slack failure after commit never undoes the change: the step waits and is retried.
      const why = error instanceof Error ? error.message : String(error);
      deps.logger.warn(
        `outbox: ${step.action} for ${step.requestId} failed (attempt ${step.attempts}): ${why}`,
      );
      failStep(app, step, why);
    }
    deferred += 1;
  }
  return { expanded, completed, deferred, skipped };
}
