// Rejecting a recovery proposal (docs/write-off-rules.md#recovery,
// docs/decisions/260-rejecting-a-recovery.md): like rejecting a write-off request, an approver
// (or an admin, or a delegate in force) says no with a reason; nothing is posted, the decision
// is audited, and the thread and the original requester are told. The original requester may
// not decide on a recovery of their own write-off.
import { appendAudit } from '../db/repos/audit.ts';
import { enqueueOutbox } from '../db/repos/outbox.ts';
import { decideRecovery, type RecoveryRow } from '../db/repos/recoveries.ts';
import { getRequest } from '../db/repos/requests.ts';
import { hasRole } from '../db/repos/roles.ts';
import type { Tx } from '../db/store.ts';
import { err, ok, type Result } from '../domain/types.ts';
import { delegatorsOf } from './delegation.ts';
import type { AppDeps, AppError, SlackRef } from './deps.ts';
import { pendingRecovery, pendingRecoveryForDecision } from './recovery.ts';
import { inTransaction } from './use-case-tx.ts';

export interface RejectRecoveryInput {
  readonly recoveryId: string;
  readonly by: string;
  readonly reason: string;
  readonly slack?: SlackRef;
}

export function rejectRecovery(
  deps: AppDeps,
  input: RejectRecoveryInput,
): Result<{ readonly requestId: string }, AppError> {
  return inTransaction(deps, (tx, nowMs) => {
    const found = pendingRecoveryForDecision(tx, input.recoveryId);
    if (!found.ok) return found;
    const recovery = found.value;
    const reason = input.reason.trim();
    if (reason === '') return err({ kind: 'reason_required' });
    const refused = rejectionRefusal(tx, recovery, input.by, nowMs);
    if (refused !== undefined) return err(refused);
    decideRecovery(tx, recovery.id, {
      status: 'rejected',
      decidedBy: input.by,
      decidedAtMs: nowMs,
      rejectionReason: reason,
    });
    const details = { recoveryId: recovery.id, amountMinor: recovery.amountMinor, reason };
    appendAudit(tx, {
      atMs: nowMs,
      actor: input.by,
      action: 'recovery_rejected',
      requestId: recovery.requestId,
      details,
      ...(input.slack && { slack: input.slack }),
    });
    enqueueOutbox(tx, {
      requestId: recovery.requestId,
      kind: 'recovery_rejected',
      payload: { requestId: recovery.requestId, ...details, by: input.by },
      dedupeKey: `${recovery.id}:rejected`,
      atMs: nowMs,
    });
    return ok({ requestId: recovery.requestId });
  });
}

/** What the "Reject recovery" modal shows, or why the clicker may not reject it (reads only). */
export type RecoveryRejectCheck =
  | { readonly kind: 'open'; readonly recovery: RecoveryRow; readonly currency: string }
  | { readonly kind: 'refused'; readonly error: AppError; readonly currency: string };

export function recoveryRejectCheck(
  deps: AppDeps,
  input: { readonly recoveryId: string; readonly userId: string },
): RecoveryRejectCheck {
  return deps.store.read((tx) => {
    const found = pendingRecovery(tx, input.recoveryId);
    const currency = found.ok ? (getRequest(tx, found.value.requestId)?.currency ?? '') : '';
    if (!found.ok) return { kind: 'refused', error: found.error, currency };
    const refused = rejectionRefusal(tx, found.value, input.userId, deps.now().getTime());
    return refused === undefined
      ? { kind: 'open', recovery: found.value, currency }
      : { kind: 'refused', error: refused, currency };
  });
}

function rejectionRefusal(
  tx: Tx,
  recovery: RecoveryRow,
  by: string,
  nowMs: number,
): AppError | undefined {
  if (getRequest(tx, recovery.requestId)?.requester === by) {
    return {
      kind: 'not_allowed',
      userId: by,
      action: 'decide on the recovery of their own write-off (another approver must)',
    };
  }
  const mayDecide =
    by.startsWith('system:') ||
    hasRole(tx, by, 'approver') ||
    hasRole(tx, by, 'admin') ||
    delegatorsOf(tx, by, nowMs).length > 0;
  return mayDecide ? undefined : { kind: 'not_approver', userId: by };
}
