// SLA reminders and escalation (docs/write-off-rules.md#reminders,
// docs/decisions/227-reminders-and-escalation.md). One pass, one transaction: every pending
// request that has waited the policy's `slaHours` gets ONE reminder in its thread naming who can
// approve it today (delegates for approvers away); `slaHours` after that reminder it is
// escalated to the admins. Both are outbox events with fixed dedupe keys, so a pass repeated, a
// second process, or a restart never sends either twice: the database is the memory.
import { appendAudit } from '../db/repos/audit.ts';
import { enqueueOutbox } from '../db/repos/outbox.ts';
import { latestPolicyVersion } from '../db/repos/policy.ts';
import { anyPendingRequest, listPendingCreatedBy, queuedAtMs } from '../db/repos/reminders.ts';
import { getRequest, type RequestRow } from '../db/repos/requests.ts';
import type { Tx } from '../db/store.ts';
import { HOUR_MS, nextReminderStep } from '../domain/reminders.ts';
import { ok } from '../domain/types.ts';
import { approversCovering, requestGrossMinor } from './approval-limit.ts';
import type { AppDeps } from './deps.ts';
import { DEFAULT_POLICY_FILE, policyFileSchema } from './policy.ts';
import { inTransaction } from './use-case-tx.ts';

/** Requests looked at per pass; the rest wait for the next pass (oldest first). */
const PASS_LIMIT = 500;

export interface ReminderPass {
  readonly reminded: readonly string[];
  readonly escalated: readonly string[];
}

/** The policy's SLA in ms, read-only (the default policy's before any was loaded). */
export function slaMsInForce(tx: Tx): number {
  const row = latestPolicyVersion(tx);
  const file =
    row === null ? DEFAULT_POLICY_FILE : policyFileSchema.parse(JSON.parse(row.contentJson));
  return file.slaHours * HOUR_MS;
}

const reminderKey = (id: string) => `${id}:sla_reminder`;
const escalationKey = (id: string) => `${id}:sla_escalation`;

/**
 * False when no request is pending, read without the write lock: queueDueReminders would then
 * find nothing (docs/decisions/380-quiet-job-passes-read-first.md).
 */
export function remindersMayBeDue(deps: AppDeps): boolean {
  // One statement: BEGIN and COMMIT around it would cost more than the read (ADR 281).
  return deps.store.autocommit((tx) => anyPendingRequest(tx));
}

export function queueDueReminders(deps: AppDeps): ReminderPass {
  const result = inTransaction(deps, (tx, nowMs) => {
    const slaMs = slaMsInForce(tx);
    const reminded: string[] = [];
    const escalated: string[] = [];
    for (const id of listPendingCreatedBy(tx, nowMs - slaMs, PASS_LIMIT)) {
      const request = getRequest(tx, id);
      if (request === null) continue;
      const step = nextReminderStep({
        createdAtMs: request.createdAtMs,
        nowMs,
        slaMs,
        remindedAtMs: queuedAtMs(tx, reminderKey(id)),
        escalated: queuedAtMs(tx, escalationKey(id)) !== null,
      });
      if (step === 'remind' && remind(tx, request, slaMs, nowMs)) reminded.push(id);
      if (step === 'escalate' && escalate(tx, request, slaMs, nowMs)) escalated.push(id);
    }
    return ok({ reminded, escalated });
  });
  return result.ok ? result.value : { reminded: [], escalated: [] };
}

function remind(tx: Tx, request: RequestRow, slaMs: number, nowMs: number): boolean {
  const approvers = approversCovering(tx, request, requestGrossMinor(tx, request.id), nowMs);
  const hours = Math.floor((nowMs - request.createdAtMs) / HOUR_MS);
  const queued = enqueueOutbox(tx, {
    requestId: request.id,
    kind: 'request_reminder',
    payload: { requestId: request.id, approvers, hoursPending: hours },
    dedupeKey: reminderKey(request.id),
    atMs: nowMs,
  });
  if (queued) {
    appendAudit(tx, {
      atMs: nowMs,
      actor: 'system:reminders',
      action: 'reminder_sent',
      requestId: request.id,
      details: { approvers, hoursPending: hours, slaHours: slaMs / HOUR_MS },
    });
  }
  return queued;
}

function escalate(tx: Tx, request: RequestRow, slaMs: number, nowMs: number): boolean {
  const hours = Math.floor((nowMs - request.createdAtMs) / HOUR_MS);
  const queued = enqueueOutbox(tx, {
    requestId: request.id,
    kind: 'request_sla_escalated',
    payload: { requestId: request.id, hoursPending: hours },
    dedupeKey: escalationKey(request.id),
    atMs: nowMs,
  });
  if (queued) {
    appendAudit(tx, {
      atMs: nowMs,
      actor: 'system:reminders',
      action: 'sla_escalated',
      requestId: request.id,
      details: { hoursPending: hours, slaHours: slaMs / HOUR_MS },
    });
  }
  return queued;
}

export interface OverdueRequest {
  readonly requestId: string;
  readonly hoursPending: number;
  readonly remindedAtMs: number | null;
  readonly escalatedAtMs: number | null;
}

/** Pending requests past the SLA with where their reminders stand (`writeoff reminders`). */
export function overdueRequests(deps: AppDeps): { slaHours: number; overdue: OverdueRequest[] } {
  return deps.store.read((tx) => {
    const nowMs = deps.now().getTime();
    const slaMs = slaMsInForce(tx);
    const overdue = listPendingCreatedBy(tx, nowMs - slaMs, PASS_LIMIT).flatMap((id) => {
      const request = getRequest(tx, id);
      if (request === null) return [];
      return [
        {
          requestId: id,
          hoursPending: Math.floor((nowMs - request.createdAtMs) / HOUR_MS),
          remindedAtMs: queuedAtMs(tx, reminderKey(id)),
          escalatedAtMs: queuedAtMs(tx, escalationKey(id)),
        },
      ];
    });
    return { slaHours: slaMs / HOUR_MS, overdue };
  });
}
