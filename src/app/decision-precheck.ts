// Read-only checks before opening a reason modal (Reject, Reverse), so a clicker who may not
// decide is told at once instead of after typing a reason. The use-cases check again, inside
// their transaction; these only spare the round trip.
import { getRequest } from '../db/repos/requests.ts';
import { hasRole } from '../db/repos/roles.ts';
import { delegatorsOf } from './delegation.ts';
import type { AppDeps, AppError } from './deps.ts';
import { reversalRefusal, undecidedRecovery } from './reverse-request.ts';

export function canReject(deps: AppDeps, requestId: string, userId: string): AppError | undefined {
  return deps.store.read((tx) => {
    const request = getRequest(tx, requestId);
    if (request === null) return { kind: 'request_not_found', requestId };
    if (request.status === 'posted' || request.status === 'reversed') {
      return { kind: 'already_posted', requestId, entryId: request.postedEntryId ?? 0 };
    }
    if (request.status !== 'pending')
      return { kind: 'not_pending', requestId, status: request.status };
    if (request.requester === userId) {
      return {
        kind: 'not_allowed',
        userId,
        action: 'reject their own request (cancel it instead)',
      };
    }
    const delegate = delegatorsOf(tx, userId, deps.now().getTime()).length > 0;
    if (!hasRole(tx, userId, 'approver') && !hasRole(tx, userId, 'admin') && !delegate) {
      return { kind: 'not_approver', userId };
    }
    return undefined;
  });
}

export function canReverse(deps: AppDeps, requestId: string, userId: string): AppError | undefined {
  return deps.store.read((tx) => {
    const request = getRequest(tx, requestId);
    if (request === null) return { kind: 'request_not_found', requestId };
    if (request.status === 'reversed') {
      return { kind: 'already_reversed', requestId, entryId: request.reversalEntryId ?? 0 };
    }
    if (request.status !== 'posted')
      return { kind: 'not_posted', requestId, status: request.status };
    const nowMs = deps.now().getTime();
    return reversalRefusal(tx, request, userId, nowMs) ?? undecidedRecovery(tx, request.id);
  });
}
