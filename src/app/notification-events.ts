// How each outbox *event* (one per request state change, written by the use-cases) becomes
// *steps*, one Slack call each with its own dedupe key (ADR 111). It reads the request, its
// audit rows and the role holders inside the caller's transaction and writes event rows; the
// outbox use-cases (notification-outbox.ts) write the step rows. Events written from more than
// one place (submitted, stale) are built here once, so their dedupe keys cannot drift apart.
import { listAuditForRequest } from '../db/repos/audit.ts';
import { enqueueOutbox, type OutboxMessage } from '../db/repos/outbox.ts';
import { listStaleWithoutNotice } from '../db/repos/outbox-delivery.ts';
import { getRequest } from '../db/repos/requests.ts';
import { listRoleGrants } from '../db/repos/roles.ts';
import type { Tx } from '../db/store.ts';
import { approversCovering, requestGrossMinor } from './approval-limit.ts';

export type StepAction =
  | 'post_parent'
  | 'post_reply'
  /** The request's full detail as a CSV file in its thread (when the reply cannot copy it). */
  | 'upload_detail'
  | 'update_parent'
  | 'update_reply'
  | 'thread_note'
  | 'dm';

export type Notice =
  | { readonly kind: 'posted'; readonly entryId: number }
  | { readonly kind: 'rejected'; readonly reason: string; readonly by: string }
  | { readonly kind: 'stale'; readonly changedItems: readonly string[] }
  | {
      readonly kind: 'reversed';
      readonly entryId: number;
      readonly reason: string;
      readonly by: string;
      /** What recoveries had already taken back; the reversal mirrors only the rest. */
      readonly recoveredMinor?: number;
      readonly currency?: string;
    }
  | { readonly kind: 'escalated'; readonly eligibleApprovers: readonly string[] }
  | { readonly kind: 'cancelled'; readonly by: string }
  /** Past the SLA (docs/write-off-rules.md#reminders): who can approve it today. */
  | {
      readonly kind: 'reminder';
      readonly approvers: readonly string[];
      readonly hoursPending: number;
    }
  /** Still pending one SLA period after the reminder: told to the admins. */
  | { readonly kind: 'sla_escalated'; readonly hoursPending: number }
  /** A payment on a written-off invoice: a recovery awaits approval (docs/write-off-rules.md). */
  | {
      readonly kind: 'recovery_proposed';
      readonly currency: string;
      readonly recoveryId: string;
      readonly invoice: string;
      readonly paidMinor: number;
      readonly amountMinor: number;
    }
  | {
      readonly kind: 'recovery_posted';
      readonly currency: string;
      readonly recoveryId: string;
      readonly entryId: number;
      readonly amountMinor: number;
      readonly by: string;
    }
  | {
      readonly kind: 'recovery_rejected';
      readonly currency: string;
      readonly recoveryId: string;
      readonly amountMinor: number;
      readonly by: string;
      readonly reason: string;
    };

export interface StepSpec {
  readonly action: StepAction;
  readonly key: string;
  readonly to?: string;
  readonly notice?: Notice;
}

/** A new request (submit), or one announced before the outbox had the event; once per request. */
export function enqueueSubmittedEvent(tx: Tx, requestId: string, nowMs: number): void {
  enqueueOutbox(tx, {
    requestId,
    kind: 'request_submitted',
    payload: { requestId },
    dedupeKey: `${requestId}:submitted`,
    atMs: nowMs,
  });
}

/** A request gone stale (at approval, or marked by an import); once per request. */
export function enqueueStaleEvent(
  tx: Tx,
  requestId: string,
  changedItems: readonly string[],
  nowMs: number,
): void {
  enqueueOutbox(tx, {
    requestId,
    kind: 'request_stale',
    payload: { requestId, changedItems },
    dedupeKey: `${requestId}:stale`,
    atMs: nowMs,
  });
}

// The approve use-case writes the event itself; requests an import marked stale get it here.
export function queueMissingStaleNotices(tx: Tx, nowMs: number): void {
  for (const requestId of listStaleWithoutNotice(tx)) {
    const marked = listAuditForRequest(tx, requestId).findLast(
      (a) => a.action === 'stale' || a.action === 'request_stale',
    );
    enqueueStaleEvent(tx, requestId, stringList(marked?.details.changedItems), nowMs);
  }
}

export function stepsFor(
  tx: Tx,
  event: OutboxMessage,
  admins: readonly string[],
  nowMs?: number,
): StepSpec[] {
  const requestId = event.requestId ?? '';
  const request = getRequest(tx, requestId);
  if (request === null) return [];
  const p = event.payload;
  const at = (action: StepAction) => `${event.dedupeKey}>${action}`;
  const updates: StepSpec[] = [
    { action: 'update_parent', key: at('update_parent') },
    { action: 'update_reply', key: at('update_reply') },
  ];
  const dm = (notice: Notice): StepSpec => ({
    action: 'dm',
    key: at('dm'),
    to: request.requester,
    notice,
  });
  const note = (notice: Notice): StepSpec => ({
    action: 'thread_note',
    key: at('thread_note'),
    notice,
  });
  switch (event.kind) {
    case 'request_submitted': {
      const announce: StepSpec[] = [
        { action: 'post_parent', key: `${requestId}:post_parent` },
        { action: 'post_reply', key: `${requestId}:post_reply` },
        { action: 'upload_detail', key: `${requestId}:upload_detail` },
      ];
      // Nobody could approve it: escalate now rather than after the first refused click.
      const coveredBy = approversCovering(tx, request, requestGrossMinor(tx, request.id), nowMs);
      return coveredBy.length > 0
        ? announce
        : [...announce, ...escalationSteps(tx, requestId, [], admins)];
    }
    case 'request_posted':
      return [...updates, dm({ kind: 'posted', entryId: Number(p.entryId) })];
    case 'request_rejected': {
      const notice: Notice = { kind: 'rejected', reason: String(p.reason), by: String(p.by) };
      return [...updates, dm(notice)];
    }
    case 'request_cancelled':
      return [...updates, note({ kind: 'cancelled', by: String(p.by) })];
    // Resubmitted: the old request's messages link to the new one.
    case 'request_revised':
      return updates;
    case 'request_stale': {
      const notice: Notice = { kind: 'stale', changedItems: stringList(p.changedItems) };
      return [...updates, note(notice), dm(notice)];
    }
    case 'request_reversed': {
      const notice: Notice = {
        kind: 'reversed',
        entryId: Number(p.entryId),
        reason: String(p.reason),
        by: String(p.by),
        recoveredMinor: Number(p.recoveredMinor ?? 0),
        currency: request.currency,
      };
      return [...updates, note(notice), dm(notice)];
    }
    case 'request_escalated':
      return escalationSteps(tx, requestId, stringList(p.eligibleApprovers), admins);
    case 'recovery_proposed': {
      const notice: Notice = {
        kind: 'recovery_proposed',
        currency: request.currency,
        recoveryId: String(p.recoveryId),
        invoice: String(p.invoice),
        paidMinor: Number(p.paidMinor),
        amountMinor: Number(p.amountMinor),
      };
      return [note(notice), dm(notice)];
    }
    case 'recovery_posted': {
      const notice: Notice = {
        kind: 'recovery_posted',
        currency: request.currency,
        recoveryId: String(p.recoveryId),
        entryId: Number(p.entryId),
        amountMinor: Number(p.amountMinor),
        by: String(p.by),
      };
      return [note(notice), dm(notice)];
    }
    case 'recovery_rejected': {
      const notice: Notice = {
        kind: 'recovery_rejected',
        currency: request.currency,
        recoveryId: String(p.recoveryId),
        amountMinor: Number(p.amountMinor),
        by: String(p.by),
        reason: String(p.reason),
      };
      return [note(notice), dm(notice)];
    }
    case 'request_reminder': {
      const approvers = stringList(p.approvers);
      return [note({ kind: 'reminder', approvers, hoursPending: Number(p.hoursPending) })];
    }
    case 'request_sla_escalated': {
      const notice: Notice = { kind: 'sla_escalated', hoursPending: Number(p.hoursPending) };
      return [
        note(notice),
        ...adminsOf(tx, admins).map(
          (admin): StepSpec => ({ action: 'dm', key: `${at('dm')}:${admin}`, to: admin, notice }),
        ),
      ];
    }
    default:
      return [];
  }
}

// docs/write-off-rules.md#approval: the thread says once who can approve; when nobody's limit
// covers the gross amount, every admin is told by DM (once per request, however many approvers
// tried).
function escalationSteps(
  tx: Tx,
  requestId: string,
  eligibleApprovers: readonly string[],
  configuredAdmins: readonly string[],
): StepSpec[] {
  const notice: Notice = { kind: 'escalated', eligibleApprovers };
  const steps: StepSpec[] = [
    { action: 'thread_note', key: `${requestId}:escalation_note`, notice },
  ];
  if (eligibleApprovers.length > 0) return steps;
  for (const admin of adminsOf(tx, configuredAdmins)) {
    steps.push({ action: 'dm', key: `${requestId}:escalation_dm:${admin}`, to: admin, notice });
  }
  return steps;
}

/** Configured admins and admin role holders, each once, sorted. */
function adminsOf(tx: Tx, configuredAdmins: readonly string[]): string[] {
  const admins = new Set([
    ...configuredAdmins,
    ...listRoleGrants(tx)
      .filter((g) => g.role === 'admin')
      .map((g) => g.userId),
  ]);
  return [...admins].sort();
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
