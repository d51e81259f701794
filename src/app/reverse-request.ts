// Reverse a posted write-off (docs/write-off-rules.md#journal-entry, ADR 032): a new mirror entry
// (reference
// `reversal:<id>`), the written-off amounts put back on the open items, status `reversed`.
// The original entry is never touched. A reason is required and the period must be open.
// A reversal is a posting too (ADR 100): it needs an approver whose limit covers the request's
// gross amount, and never the person who requested the original write-off.

import { appendAudit } from '../db/repos/audit.ts';
import { getJournalEntry, getPostings, insertJournalEntry } from '../db/repos/journal.ts';
import { enqueueOutbox } from '../db/repos/outbox.ts';
import {
  pendingRecoveryIds,
  postedRecoveryEntryIds,
  recoveredByInvoice,
} from '../db/repos/recoveries.ts';
import {
  getRequestForDecision,
  getRequestLines,
  type RequestRow,
  updateRequestStatus,
} from '../db/repos/requests.ts';
import { hasRole } from '../db/repos/roles.ts';
import { getLedgerSettings } from '../db/repos/settings.ts';
import type { Tx } from '../db/store.ts';
import { remainingPostings } from '../domain/recovery.ts';
import type { AppError } from '../domain/request-errors.ts';
import { mirrorPostings } from '../domain/traced-postings.ts';
import type { Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import { overLimit } from './approval-limit.ts';
import { delegatorsOf } from './delegation.ts';
import type { AppDeps, SlackRef } from './deps.ts';
import { moveBalances } from './move-balances.ts';
import { closedPeriodError } from './period-check.ts';
import { todayIn } from './today.ts';
import { inTransaction } from './use-case-tx.ts';

export interface ReverseInput {
  readonly requestId: string;
  readonly by: string;
  readonly reason: string;
  /** Period of the reversal entry; default the original entry's period (it must be open). */
  readonly period?: string;
  readonly slack?: SlackRef;
}

export interface Reversed {
  readonly status: 'reversed';
  readonly entryId: number;
  readonly period: string;
}

export function reverseRequest(deps: AppDeps, input: ReverseInput): Result<Reversed, AppError> {
  return inTransaction(deps, (tx, nowMs) => {
    // Held until commit: a second instance reversing at once waits, then reads it reversed.
    const request = getRequestForDecision(tx, input.requestId);
    if (request === null) return err({ kind: 'request_not_found', requestId: input.requestId });
    if (request.status === 'reversed') {
      return err({
        kind: 'already_reversed',
        requestId: request.id,
        entryId: request.reversalEntryId ?? 0,
      });
    }
    if (request.status !== 'posted' || request.postedEntryId === null) {
      return err({ kind: 'not_posted', requestId: request.id, status: request.status });
    }
    const reason = input.reason.trim();
    if (reason === '') return err({ kind: 'reason_required' });
    const refused =
      reversalRefusal(tx, request, input.by, nowMs) ?? undecidedRecovery(tx, request.id);
    if (refused !== undefined) return err(refused);
    const original = getJournalEntry(tx, request.postedEntryId);
    if (original === null) throw new Error(`reverse: entry ${request.postedEntryId} is missing`);
    const period = input.period ?? original.period;
    const closed = closedPeriodError(tx, period);
    if (closed !== undefined) return err(closed);
    // Only what recoveries left is reversed (docs/decisions/262-reversal-after-recovery.md).
    const recoveryEntries = postedRecoveryEntryIds(tx, request.id);
    const left = remainingPostings(
      getPostings(tx, original.id),
      recoveryEntries.flatMap((id) => getPostings(tx, id)),
    );
    if (left.length === 0) return err(nothingLeft(request.id));
    const timezone = getLedgerSettings(tx)?.timezone ?? 'UTC';
    const entryId = insertJournalEntry(
      tx,
      {
        reference: `reversal:${request.id}`,
        kind: 'reversal',
        requestId: request.id,
        period,
        entryOn: todayIn(timezone, new Date(nowMs)),
        currency: original.currency,
        reversesEntryId: original.id,
        createdAtMs: nowMs,
        createdBy: input.by,
      },
      mirrorPostings(left),
    );
    // An invoice with a recovery holds the ERP's figure (the import set it; ADR 228): the ERP
    // applies this reversal to it, as it applied the write-off. The rest reopens here.
    const recovered = recoveredByInvoice(tx, request.id);
    const reopened = getRequestLines(tx, request.id).filter(
      (l) => l.invoiceNumber === null || !recovered.has(l.invoiceNumber),
    );
    moveBalances(tx, reopened, 1, nowMs);
    const recoveredMinor = [...recovered.values()].reduce((sum, n) => sum + n, 0);
    updateRequestStatus(tx, request.id, ['posted'], {
      status: 'reversed',
      reversalEntryId: entryId,
    });
    appendAudit(tx, {
      atMs: nowMs,
      actor: input.by,
      action: 'reversed',
      requestId: request.id,
      details: {
        reason,
        entryId,
        reversesEntryId: original.id,
        period,
        ...(recoveredMinor > 0 && { recoveredMinor, recoveryEntryIds: recoveryEntries }),
        ...asDelegate(tx, input.by, nowMs),
      },
      ...(input.slack && { slack: input.slack }),
    });
    enqueueOutbox(tx, {
      requestId: request.id,
      kind: 'request_reversed',
      payload: { requestId: request.id, entryId, by: input.by, reason, recoveredMinor },
      dedupeKey: `${request.id}:reversed`,
      atMs: nowMs,
    });
    return ok({ status: 'reversed', entryId, period });
  });
}

/**
 * Why `userId` may not reverse this posted request, or undefined when they may. An approver, or
 * a delegate in force, within their own limit (docs/decisions/264-reversal-routing.md); a
 * refusal names who can reverse it today, an away approver replaced by their delegate.
 */
export function reversalRefusal(
  tx: Tx,
  request: RequestRow,
  userId: string,
  nowMs: number,
): AppError | undefined {
  if (userId === request.requester) {
    return {
      kind: 'not_allowed',
      userId,
      action: 'reverse their own write-off request (another approver must)',
    };
  }
  if (!hasRole(tx, userId, 'approver') && delegatorsOf(tx, userId, nowMs).length === 0) {
    return {
      kind: 'not_allowed',
      userId,
      action: 'reverse a write-off (approvers whose limit covers its gross amount may)',
    };
  }
  return overLimit(tx, request, userId, 'reverse', nowMs);
}

/** A recovery awaiting a decision decides how much is left to reverse: it goes first. */
export function undecidedRecovery(tx: Tx, requestId: string): AppError | undefined {
  const pending = pendingRecoveryIds(tx, requestId);
  if (pending.length === 0) return undefined;
  return {
    kind: 'invalid_input',
    field: 'request',
    message: `${requestId} has recovery ${pending.join(', ')} awaiting a decision; approve or reject it first, then reverse what is left`,
  };
}

function nothingLeft(requestId: string): AppError {
  return {
    kind: 'invalid_input',
    field: 'request',
    message: `${requestId} was recovered in full; nothing is left to reverse`,
  };
}

// ADR 226: the audit shows who acted while an approver was away.
function asDelegate(tx: Tx, by: string, nowMs: number): Record<string, string> {
  const delegating = delegatorsOf(tx, by, nowMs);
  if (delegating.length === 0) return {};
  return {
    asDelegateOf: delegating[0] ?? '',
    summary: `reversed by ${by} as delegate of ${delegating.join(', ')}`,
  };
}
