// The notification outbox as use-cases (ADR 051). Request use-cases enqueue one *event* row per
// state change inside their transaction (`request_posted`, …). Delivery first expands each event
// into *step* rows — one Slack call each, with its own dedupe key (notification-events.ts) — and
// marks the event done, in one transaction. A step is then claimed with a lease, performed, and
// marked sent; a failed step is retried later on its own, so a retry repeats only the call that
// failed and a message that went out is never sent again.
import { enqueueOutbox, type OutboxMessage } from '../db/repos/outbox.ts';
import {
  anyOutboxWorkDue,
  claimOutboxRow,
  listDueOutboxRows,
  markOutboxSent,
  releaseOutboxRow,
  rescheduleOutboxRow,
} from '../db/repos/outbox-delivery.ts';
import { recordDecisionReply, recordParentMessage } from '../db/repos/request-slack.ts';
import { getRequest } from '../db/repos/requests.ts';
import { ok } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';
import {
  enqueueSubmittedEvent,
  type Notice,
  queueMissingStaleNotices,
  type StepAction,
  stepsFor,
} from './notification-events.ts';

export type { Notice, StepAction } from './notification-events.ts';

import { inTransaction } from './use-case-tx.ts';

export interface Step {
  readonly id: number;
  readonly requestId: string;
  readonly action: StepAction;
  /** For `dm`: the Slack user to tell. */
  readonly to?: string;
  readonly notice?: Notice;
  /** Attempts including this one. */
  readonly attempts: number;
}

export const STEP_KIND_PREFIX = 'step:';
/** A step is held this long by the worker that claimed it; a crash frees it after that. */
export const STEP_LEASE_MS = 60_000;
export const MAX_STEP_ATTEMPTS = 10;

/** Ensures the announcement exists as an event (requests created before the outbox had one). */
export function ensureAnnouncement(deps: AppDeps, requestId: string): void {
  inTransaction(deps, (tx, nowMs) => {
    if (getRequest(tx, requestId) === null) return ok(false);
    enqueueSubmittedEvent(tx, requestId, nowMs);
    return ok(true);
  });
}

/**
 * False when nothing is due at `now`, read without the write lock: expandDueEvents and
 * listDueSteps would then find nothing (docs/decisions/380-quiet-job-passes-read-first.md).
 */
export function outboxWorkDue(deps: AppDeps): boolean {
  // One statement: BEGIN and COMMIT around it would cost more than the read (ADR 281).
  return deps.store.autocommit((tx) => anyOutboxWorkDue(tx, deps.now().getTime()));
}

/** Turns due event rows into step rows; `admins` adds configured admins to the role holders. */
export function expandDueEvents(
  deps: AppDeps,
  options: { readonly requestId?: string; readonly admins?: readonly string[] } = {},
): number {
  const result = inTransaction(deps, (tx, nowMs) => {
    queueMissingStaleNotices(tx, nowMs);
    let expanded = 0;
    const events = { ...scope(options.requestId, 500), requestRowsExceptPrefix: STEP_KIND_PREFIX };
    for (const row of listDueOutboxRows(tx, nowMs, events)) {
      if (row.requestId === null) continue;
      for (const spec of stepsFor(tx, row, options.admins ?? [], nowMs)) {
        enqueueOutbox(tx, {
          requestId: row.requestId,
          kind: `${STEP_KIND_PREFIX}${spec.action}`,
          payload: { to: spec.to, notice: spec.notice },
          dedupeKey: spec.key,
          atMs: nowMs,
        });
      }
      markOutboxSent(tx, row.id, nowMs);
      expanded += 1;
    }
    return ok(expanded);
  });
  return result.ok ? result.value : 0;
}

function scope(requestId: string | undefined, limit: number) {
  return requestId === undefined ? { limit } : { requestId, limit };
}

export interface DueStep {
  readonly id: number;
  readonly requestId: string;
  readonly action: StepAction;
}

/** Due step rows, oldest first (one request's only when `requestId` is set). */
export function listDueSteps(deps: AppDeps, requestId?: string): DueStep[] {
  return deps.store.read((tx) => {
    const nowMs = deps.now().getTime();
    // Only steps: digest DMs (their own job, paced) and unexpanded events share the table.
    const steps = { ...scope(requestId, 200), kindPrefix: STEP_KIND_PREFIX };
    return listDueOutboxRows(tx, nowMs, steps).map((r) => ({
      id: r.id,
      requestId: r.requestId ?? '',
      action: actionOf(r.kind),
    }));
  });
}

/** Takes a step for this worker, or null when someone else holds it or it is done. */
export function claimStep(deps: AppDeps, id: number): Step | null {
  const result = inTransaction(deps, (tx, nowMs) => {
    const row = claimOutboxRow(tx, id, nowMs, STEP_LEASE_MS);
    return ok(row === null ? null : toStep(row));
  });
  return result.ok ? result.value : null;
}

function toStep(row: OutboxMessage): Step {
  const to = row.payload.to;
  const notice = row.payload.notice as Notice | undefined;
  return {
    id: row.id,
    requestId: row.requestId ?? '',
    action: actionOf(row.kind),
    attempts: row.attempts,
    ...(typeof to === 'string' ? { to } : {}),
    ...(notice === undefined ? {} : { notice }),
  };
}

function actionOf(kind: string): StepAction {
  return kind.slice(STEP_KIND_PREFIX.length) as StepAction;
}

export function completeStep(deps: AppDeps, id: number): void {
  inTransaction(deps, (tx, nowMs) => {
    markOutboxSent(tx, id, nowMs);
    return ok(true);
  });
}

/** Exponential back-off from 30 s, capped at one hour; gives up after MAX_STEP_ATTEMPTS. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export function failStep(deps: AppDeps, step: Step, error: string): void {
  inTransaction(deps, (tx, nowMs) => {
    rescheduleOutboxRow(tx, step.id, {
      nextAtMs: nowMs + retryDelayMs(step.attempts),
      error,
      giveUp: step.attempts >= MAX_STEP_ATTEMPTS,
    });
    return ok(true);
  });
}

/**
 * A step that could not start (its parent message is not posted yet) goes back, due at once and
 * uncounted, so the worker that posts the parent can take it in the same pass.
 */
export function releaseStep(deps: AppDeps, step: Step, why: string): void {
  inTransaction(deps, (tx, nowMs) => {
    releaseOutboxRow(tx, step.id, nowMs, why);
    return ok(true);
  });
}

/** Records the parent message; false when another announcer recorded one first. */
export function recordAnnouncedParent(
  deps: AppDeps,
  requestId: string,
  message: { readonly channel: string; readonly ts: string },
): boolean {
  return deps.store.write((tx) => recordParentMessage(tx, requestId, message.channel, message.ts));
}

export function recordAnnouncedReply(deps: AppDeps, requestId: string, replyTs: string): boolean {
  return deps.store.write((tx) => recordDecisionReply(tx, requestId, replyTs));
}
