// Whose limit covers a request (docs/decisions/100-approval-limit-covers-gross.md): approving
// and reversing both need the approver role and a limit, in the request's currency, covering
// the request's gross amount. The requester is never among those who can.

import { getRequestLines, type RequestRow } from '../db/repos/requests.ts';
import { getApproverLimit, listApproversCovering } from '../db/repos/roles.ts';
import type { Tx } from '../db/store.ts';
import { grossMinor, limitCovers } from '../domain/approval-limit.ts';
import { routeToDelegates } from './delegation.ts';
import type { AppError } from './deps.ts';

export type OverLimit = Extract<AppError, { kind: 'over_limit' }>;

/** Sum of the absolute amounts of the request's stored lines. */
export function requestGrossMinor(tx: Tx, requestId: string): number {
  return grossMinor(getRequestLines(tx, requestId).map((l) => l.amountMinor));
}

/**
 * Approvers (never the requester) whose limit covers `amountMinor` in the request currency.
 * With `nowMs`, who can act today: an approver away is replaced by their delegate when the
 * delegate's own limit covers it (docs/decisions/226-delegation.md).
 */
export function approversCovering(
  tx: Tx,
  request: RequestRow,
  amountMinor: number,
  nowMs?: number,
): string[] {
  const covering = listApproversCovering(tx, request.currency, amountMinor).filter(
    (u) => u !== request.requester,
  );
  if (nowMs === undefined) return covering;
  return routeToDelegates(
    tx,
    covering,
    nowMs,
    (u) =>
      u !== request.requester &&
      limitCovers(getApproverLimit(tx, u, request.currency), amountMinor),
  );
}

/** The refusal when `userId`'s limit does not cover the request's gross amount; else undefined. */
export function overLimit(
  tx: Tx,
  request: RequestRow,
  userId: string,
  action: OverLimit['action'],
  nowMs?: number,
): OverLimit | undefined {
  const gross = requestGrossMinor(tx, request.id);
  const limitMinor = getApproverLimit(tx, userId, request.currency);
  if (limitCovers(limitMinor, gross)) return undefined;
  return {
    kind: 'over_limit',
    action,
    userId,
    currency: request.currency,
    limitMinor,
    totalMinor: request.totalMinor,
    grossMinor: gross,
    eligibleApprovers: approversCovering(tx, request, gross, nowMs),
  };
}
