// Failed notifications for operators: a step that failed MAX_STEP_ATTEMPTS times stops being
// retried (ADR 111); an admin lists it (`writeoff outbox --failed`, App Home) and sends it again
// once the cause is fixed (`--retry ID`, `--retry-all`). A retry only puts the row back in the
// queue; the outbox worker sends it on its next pass, exactly as before.
import { appendAudit } from '../db/repos/audit.ts';
import {
  countFailedRows,
  listUndeliveredRows,
  requeueFailedRows,
  type UndeliveredRow,
} from '../db/repos/outbox-delivery.ts';
import type { AppError } from '../domain/request-errors.ts';
import { err, ok, type Result } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import { STEP_KIND_PREFIX } from './notification-outbox.ts';
import { inTransaction } from './use-case-tx.ts';

export interface UndeliveredNotification {
  readonly id: number;
  readonly requestId: string | null;
  /** `dm`, `update_parent`, … for steps; the event kind (`request_posted`) for events. */
  readonly action: string;
  readonly status: 'pending' | 'failed';
  readonly attempts: number;
  readonly nextAtMs: number;
  readonly lastError: string | null;
}

export function listUndeliveredNotifications(
  deps: AppDeps,
  options: { readonly failedOnly: boolean; readonly limit?: number },
): UndeliveredNotification[] {
  return deps.store.read((tx) => {
    const rows = listUndeliveredRows(tx, {
      failedOnly: options.failedOnly,
      limit: options.limit ?? 500,
    });
    return rows.map(toNotification);
  });
}

export function countFailedNotifications(deps: AppDeps): number {
  return deps.store.read((tx) => countFailedRows(tx));
}

function toNotification(row: UndeliveredRow): UndeliveredNotification {
  return {
    id: row.id,
    requestId: row.requestId,
    action: row.kind.startsWith(STEP_KIND_PREFIX)
      ? row.kind.slice(STEP_KIND_PREFIX.length)
      : row.kind,
    status: row.status === 'failed' ? 'failed' : 'pending',
    attempts: row.attempts,
    nextAtMs: row.nextAtMs,
    lastError: row.lastError,
  };
}

/** Puts failed notifications back in the queue, due now; audited with who asked. */
export function retryFailedNotifications(
  deps: AppDeps,
  input: { readonly target: number | 'all'; readonly by: string },
): Result<{ readonly requeued: readonly number[] }, AppError> {
  return inTransaction(deps, (tx, nowMs) => {
    const ids = input.target === 'all' ? 'all' : [input.target];
    const requeued = requeueFailedRows(tx, ids, nowMs);
    if (input.target !== 'all' && requeued.length === 0) {
      return err({
        kind: 'invalid_input',
        field: '--retry',
        message: `notification ${input.target} is not a failed notification; see \`writeoff outbox --failed\``,
      });
    }
    if (requeued.length > 0) {
      appendAudit(tx, {
        atMs: nowMs,
        actor: input.by,
        action: 'outbox_retry',
        details: { notifications: requeued },
      });
    }
    return ok({ requeued });
  });
}
