// Approve and post (docs/write-off-rules.md#journal-entry, #approval) in ONE IMMEDIATE transaction:
// the request must still be pending, the approver a second person with the approver role and a
// limit covering the request's gross amount (ADR 100), and every balance as previewed. Then the
// journal entry is posted (reference
// `write-off:<id>`, UNIQUE), the balances reduced, the request marked posted, the locks
// released, and audit + notification rows written. A second call reports already_posted and
// changes nothing; two processes racing serialise on the write lock and post once.
import { getPostingAccounts } from '../db/repos/accounts.ts';
import { appendAudit } from '../db/repos/audit.ts';
import { insertJournalEntry } from '../db/repos/journal.ts';
import { enqueueOutbox } from '../db/repos/outbox.ts';
import {
  getRequestForDecision,
  getRequestLines,
  lockItemsForPosting,
  type RequestLineRow,
  type RequestRow,
  releaseLocks,
  updateRequestStatus,
} from '../db/repos/requests.ts';
import { hasRole } from '../db/repos/roles.ts';
import type { Tx } from '../db/store.ts';
import { tracedPostings } from '../domain/traced-postings.ts';
import type { Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import { type OverLimit, overLimit } from './approval-limit.ts';
import { delegatorsOf } from './delegation.ts';
import type { AppDeps, AppError, SlackRef } from './deps.ts';
import { moveBalances } from './move-balances.ts';
import { enqueueStaleEvent } from './notification-events.ts';
import { closedPeriodError } from './period-check.ts';
import { policyInForce } from './policy.ts';
import { previewFromRequest } from './request-lines.ts';
import { changedSince, previewHash } from './snapshot.ts';
import { unacknowledgedSplit } from './split-check.ts';
import { abort, inTransaction } from './use-case-tx.ts';

export interface ApproveInput {
  readonly requestId: string;
  readonly approver: string;
  /**
   * The approver ticked "I have seen the related requests"; required when split detection
   * warned about the request (docs/write-off-rules.md#split-detection).
   */
  readonly acknowledgedRelated?: boolean;
  readonly slack?: SlackRef;
}

export interface Posted {
  readonly status: 'posted';
  readonly entryId: number;
}

export function approveRequest(deps: AppDeps, input: ApproveInput): Result<Posted, AppError> {
  return inTransaction(deps, (tx, nowMs) => {
    // Held until commit: another instance approving at once waits, then reads it decided.
    const request = getRequestForDecision(tx, input.requestId);
    if (request === null) return err({ kind: 'request_not_found', requestId: input.requestId });
    // An approver away may have named this person: they approve within their OWN limit.
    const delegating = delegatorsOf(tx, input.approver, nowMs);
    const refused = checkApprover(tx, request, input.approver, delegating, nowMs);
    if (refused?.kind === 'over_limit') escalate(tx, request, refused, nowMs);
    if (refused !== undefined) return err(refused);
    const unseen = unacknowledgedSplit(request, input.acknowledgedRelated === true);
    if (unseen !== undefined) return err(unseen);
    const lines = getRequestLines(tx, request.id);
    const changed = staleItems(tx, lines);
    if (changed.length > 0) {
      markStale(tx, request, input, changed, nowMs);
      return err({ kind: 'stale', requestId: request.id, changedItems: changed });
    }
    const closed = closedPeriodError(tx, request.period);
    if (closed !== undefined) return err(closed);
    const entryId = post(tx, request, lines, input.approver, nowMs);
    const policyVersion = policyInForce(tx, nowMs).version;
    recordPosted(tx, request, input, entryId, { policyVersion, delegating }, nowMs);
    return ok({ status: 'posted', entryId });
  });
}

/** Why `approver` may not approve `request` now, or undefined; reads only. */
function checkApprover(
  tx: Tx,
  request: RequestRow,
  approver: string,
  delegating: readonly string[],
  nowMs: number,
): AppError | undefined {
  if (request.status === 'posted' || request.status === 'reversed') {
    return { kind: 'already_posted', requestId: request.id, entryId: request.postedEntryId ?? 0 };
  }
  if (request.status !== 'pending') {
    return { kind: 'not_pending', requestId: request.id, status: request.status };
  }
  if (approver === request.requester) return { kind: 'self_approval', requestId: request.id };
  if (!hasRole(tx, approver, 'approver') && delegating.length === 0) {
    return { kind: 'not_approver', userId: approver };
  }
  return overLimit(tx, request, approver, 'approve', nowMs);
}

// docs/write-off-rules.md#approval: over the limit, the request says who can approve it and
// escalates to them.
function escalate(tx: Tx, request: RequestRow, refused: OverLimit, nowMs: number): void {
  const { userId: approver, eligibleApprovers } = refused;
  appendAudit(tx, {
    atMs: nowMs,
    actor: approver,
    action: 'approval_over_limit',
    requestId: request.id,
    details: {
      totalMinor: request.totalMinor,
      grossMinor: refused.grossMinor,
      limitMinor: refused.limitMinor,
      eligibleApprovers,
    },
  });
  enqueueOutbox(tx, {
    requestId: request.id,
    kind: 'request_escalated',
    payload: { requestId: request.id, by: approver, eligibleApprovers },
    dedupeKey: `${request.id}:escalated:${approver}`,
    atMs: nowMs,
  });
}

function staleItems(tx: Tx, lines: readonly RequestLineRow[]): string[] {
  const invoices = new Map<string, number>();
  const onAccount = new Map<string, number>();
  for (const line of lines) {
    if (line.invoiceNumber !== null) invoices.set(line.invoiceNumber, line.itemVersion);
    if (line.onAccountId !== null) onAccount.set(line.onAccountId, line.itemVersion);
  }
  // Read under the items' locks (row locks on PostgreSQL): nothing moves them before the posting.
  const now = lockItemsForPosting(tx, [...invoices.keys()].sort(), [...onAccount.keys()].sort());
  return changedSince(invoices, onAccount, now);
}

function markStale(
  tx: Tx,
  request: RequestRow,
  input: ApproveInput,
  changed: readonly string[],
  nowMs: number,
): void {
  updateRequestStatus(tx, request.id, ['pending'], { status: 'stale' });
  releaseLocks(tx, request.id);
  appendAudit(tx, {
    atMs: nowMs,
    actor: input.approver,
    action: 'stale',
    requestId: request.id,
    details: { reason: 'balances changed since the preview', changedItems: changed },
    ...(input.slack && { slack: input.slack }),
  });
  enqueueStaleEvent(tx, request.id, changed, nowMs);
}

function post(
  tx: Tx,
  request: RequestRow,
  lines: readonly RequestLineRow[],
  approver: string,
  nowMs: number,
): number {
  const accounts = getPostingAccounts(tx);
  if (accounts === null) abort({ kind: 'no_ledger' });
  // The approver approves exactly what was previewed: the stored lines must hash as submitted.
  const hash = previewHash(previewFromRequest(request, lines, accounts));
  if (hash !== request.previewHash) {
    throw new Error(`approve: request ${request.id} lines do not match their preview hash`);
  }
  const entryId = insertJournalEntry(
    tx,
    {
      reference: `write-off:${request.id}`,
      kind: 'write_off',
      requestId: request.id,
      period: request.period,
      entryOn: request.writeOffOn,
      currency: request.currency,
      createdAtMs: nowMs,
      createdBy: approver,
    },
    tracedPostings(lines, accounts),
  );
  moveBalances(tx, lines, -1, nowMs);
  return entryId;
}

function recordPosted(
  tx: Tx,
  request: RequestRow,
  input: ApproveInput,
  entryId: number,
  decided: { readonly policyVersion: string; readonly delegating: readonly string[] },
  nowMs: number,
): void {
  const { policyVersion, delegating } = decided;
  const moved = updateRequestStatus(tx, request.id, ['pending'], {
    status: 'posted',
    approver: input.approver,
    decidedAtMs: nowMs,
    decidedPolicyVersion: policyVersion,
    postedEntryId: entryId,
  });
  if (!moved) throw new Error(`approve: request ${request.id} left pending mid-transaction`);
  releaseLocks(tx, request.id);
  const slack = input.slack && { slack: input.slack };
  const base = { atMs: nowMs, actor: input.approver, requestId: request.id, ...slack };
  appendAudit(tx, {
    ...base,
    action: 'approved',
    previewHash: request.previewHash,
    details: {
      policyVersion,
      ...(request.splitJson !== null && { acknowledgedRelated: true }),
      ...(delegating.length > 0 && {
        asDelegateOf: delegating[0],
        summary: `approved by ${input.approver} as delegate of ${delegating.join(', ')}`,
      }),
    },
  });
  appendAudit(tx, {
    ...base,
    action: 'posted',
    details: { entryId, totalMinor: request.totalMinor },
  });
  enqueueOutbox(tx, {
    requestId: request.id,
    kind: 'request_posted',
    payload: { requestId: request.id, entryId, approver: input.approver },
    dedupeKey: `${request.id}:posted`,
    atMs: nowMs,
  });
}
