// Reject and cancel (docs/write-off-rules.md#approval, ADR 030): approvers (or admins) reject a
// pending request with a reason; the requester (or an admin) cancels their own pending or stale
// request. Both release the pending locks so the invoices can be selected again, and both are
// audited and notified. Each reads its request under a row lock (ADR 296), so an instance deciding
// it at the same moment waits and then finds it decided.
import { appendAudit } from '../db/repos/audit.ts';
import { enqueueOutbox } from '../db/repos/outbox.ts';
import {
  getRequestForDecision,
  type RequestRow,
  type RequestStatus,
  releaseLocks,
  updateRequestStatus,
} from '../db/repos/requests.ts';
import { hasRole } from '../db/repos/roles.ts';
import type { Tx } from '../db/store.ts';
import type { Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import { delegatorsOf } from './delegation.ts';
import type { AppDeps, AppError, SlackRef } from './deps.ts';
import { policyInForce } from './policy.ts';
import { inTransaction } from './use-case-tx.ts';

export interface RejectInput {
  readonly requestId: string;
  readonly by: string;
  readonly reason: string;
  readonly slack?: SlackRef;
}

export interface CancelInput {
  readonly requestId: string;
  readonly by: string;
  readonly slack?: SlackRef;
}

export interface Decided {
  readonly requestId: string;
  readonly status: RequestStatus;
}

export function rejectRequest(deps: AppDeps, input: RejectInput): Result<Decided, AppError> {
  return inTransaction(deps, (tx, nowMs) => {
    const request = getRequestForDecision(tx, input.requestId);
    if (request === null) return err({ kind: 'request_not_found', requestId: input.requestId });
    const refused = notPending(request, ['pending']);
    if (refused !== undefined) return err(refused);
    const reason = input.reason.trim();
    if (reason === '') return err({ kind: 'reason_required' });
    if (input.by === request.requester) {
      return err({
        kind: 'not_allowed',
        userId: input.by,
        action: 'reject their own request (cancel it instead)',
      });
    }
    const mayDecide =
      hasRole(tx, input.by, 'approver') ||
      hasRole(tx, input.by, 'admin') ||
      delegatorsOf(tx, input.by, nowMs).length > 0;
    if (!mayDecide) return err({ kind: 'not_approver', userId: input.by });
    const { version } = policyInForce(tx, nowMs);
    updateRequestStatus(tx, request.id, ['pending'], {
      status: 'rejected',
      approver: input.by,
      rejectionReason: reason,
      decidedAtMs: nowMs,
      decidedPolicyVersion: version,
    });
    finish(tx, request, input, 'rejected', { reason, policyVersion: version }, nowMs);
    return ok({ requestId: request.id, status: 'rejected' });
  });
}

export function cancelRequest(deps: AppDeps, input: CancelInput): Result<Decided, AppError> {
  return inTransaction(deps, (tx, nowMs) => {
    const request = getRequestForDecision(tx, input.requestId);
    if (request === null) return err({ kind: 'request_not_found', requestId: input.requestId });
    const refused = notPending(request, ['pending', 'stale', 'draft']);
    if (refused !== undefined) return err(refused);
    if (input.by !== request.requester && !hasRole(tx, input.by, 'admin')) {
      return err({
        kind: 'not_allowed',
        userId: input.by,
        action: `cancel ${request.id} (only its requester or an admin may)`,
      });
    }
    const { version } = policyInForce(tx, nowMs);
    updateRequestStatus(tx, request.id, ['pending', 'stale', 'draft'], {
      status: 'cancelled',
      decidedAtMs: nowMs,
      decidedPolicyVersion: version,
    });
    finish(tx, request, input, 'cancelled', { policyVersion: version }, nowMs);
    return ok({ requestId: request.id, status: 'cancelled' });
  });
}

function notPending(request: RequestRow, allowed: readonly RequestStatus[]): AppError | undefined {
  if (allowed.includes(request.status)) return undefined;
  if (request.status === 'posted' || request.status === 'reversed') {
    return { kind: 'already_posted', requestId: request.id, entryId: request.postedEntryId ?? 0 };
  }
  return { kind: 'not_pending', requestId: request.id, status: request.status };
}

function finish(
  tx: Tx,
  request: RequestRow,
  input: { by: string; slack?: SlackRef },
  status: 'rejected' | 'cancelled',
  details: Record<string, unknown>,
  nowMs: number,
): void {
  releaseLocks(tx, request.id);
  appendAudit(tx, {
    atMs: nowMs,
    actor: input.by,
    action: status,
    requestId: request.id,
    details,
    ...(input.slack && { slack: input.slack }),
  });
  enqueueOutbox(tx, {
    requestId: request.id,
    kind: `request_${status}`,
    payload: { requestId: request.id, by: input.by, ...details },
    dedupeKey: `${request.id}:${status}`,
    atMs: nowMs,
  });
}
