// Recovery after a payment on a written-off invoice (docs/write-off-rules.md#recovery,
// docs/decisions/228-recovery-after-payment.md). The import proposes, inside its own
// transaction: for each invoice a posted write-off touched whose ERP figure dropped by more than
// what was still open, a pending recovery of the difference (capped by what is written off and
// not yet recovered), and the original requester is told. Nothing is posted until an approver
// approves it: then one entry (reference `recovery:<id>`, UNIQUE) mirrors that much of the
// original postings for the invoice.
import { appendAudit } from '../db/repos/audit.ts';
import { getPostings, insertJournalEntry } from '../db/repos/journal.ts';
import { enqueueOutbox } from '../db/repos/outbox.ts';
import {
  decideRecovery,
  erpOpenOf,
  getRecovery,
  getRecoveryForDecision,
  insertRecovery,
  listRecoveries,
  nextRecoveryId,
  postedRecoveryEntryIds,
  type RecoveryRow,
  type WatchedInvoice,
  writtenOffParts,
} from '../db/repos/recoveries.ts';
import { getRequest } from '../db/repos/requests.ts';
import { getApproverLimit, hasRole, listApproversCovering } from '../db/repos/roles.ts';
import { getLedgerSettings } from '../db/repos/settings.ts';
import type { Tx } from '../db/store.ts';
import { limitCovers } from '../domain/approval-limit.ts';
import { paymentAfterWriteOff, recoveryPostings, remainingPostings } from '../domain/recovery.ts';
import { err, ok, type Result } from '../domain/types.ts';
import { delegatorsOf } from './delegation.ts';
import type { AppDeps, AppError, SlackRef } from './deps.ts';
import { closedPeriodError } from './period-check.ts';
import { todayIn } from './today.ts';
import { inTransaction } from './use-case-tx.ts';

export type { RecoveryRow } from '../db/repos/recoveries.ts';
export { listWrittenOffInvoices } from '../db/repos/recoveries.ts';

/** Inside the import's transaction, after the file was written: the proposals it implies. */
export function proposeRecoveries(
  tx: Tx,
  before: readonly WatchedInvoice[],
  importId: number,
  nowMs: number,
): string[] {
  const proposed: string[] = [];
  for (const invoice of before) {
    const erpAfterMinor = erpOpenOf(tx, invoice.number);
    if (erpAfterMinor === invoice.erpOpenMinor) continue;
    const parts = writtenOffParts(tx, invoice.number).filter((p) => p.writtenOffMinor > 0);
    const unrecovered = parts.reduce((s, p) => s + p.writtenOffMinor - p.recoveredMinor, 0);
    // The ERP applying our write-off is not a payment (docs/decisions/261-payment-or-erp-catching-up.md).
    const reading = paymentAfterWriteOff({
      openBeforeMinor: invoice.openMinor,
      erpAfterMinor,
      unrecoveredMinor: unrecovered,
    });
    let left = reading.recoverableMinor;
    const { paidMinor } = reading;
    // The newest write-off is recovered first: it is the one the payment most likely answers.
    for (const part of parts) {
      const amountMinor = Math.min(left, part.writtenOffMinor - part.recoveredMinor);
      if (amountMinor <= 0) continue;
      left -= amountMinor;
      const id = nextRecoveryId(tx);
      insertRecovery(tx, {
        id,
        requestId: part.requestId,
        invoiceNumber: invoice.number,
        paidMinor,
        amountMinor,
        status: 'pending',
        importId,
        createdAtMs: nowMs,
      });
      const details = { recoveryId: id, invoice: invoice.number, paidMinor, amountMinor };
      appendAudit(tx, {
        atMs: nowMs,
        actor: 'system:import',
        action: 'recovery_proposed',
        requestId: part.requestId,
        details,
      });
      enqueueOutbox(tx, {
        requestId: part.requestId,
        kind: 'recovery_proposed',
        payload: { requestId: part.requestId, ...details },
        dedupeKey: `${id}:proposed`,
        atMs: nowMs,
      });
      proposed.push(id);
    }
  }
  return proposed;
}

export interface ApproveRecoveryInput {
  readonly recoveryId: string;
  readonly by: string;
  readonly slack?: SlackRef;
}

export function approveRecovery(
  deps: AppDeps,
  input: ApproveRecoveryInput,
): Result<{ entryId: number; requestId: string }, AppError> {
  return inTransaction(deps, (tx, nowMs) => {
    const found = pendingRecoveryForDecision(tx, input.recoveryId);
    if (!found.ok) return found;
    const recovery = found.value;
    const request = getRequest(tx, recovery.requestId);
    if (request === null || request.status !== 'posted' || request.postedEntryId === null) {
      return err({
        kind: 'not_posted',
        requestId: recovery.requestId,
        status: request?.status ?? 'draft',
      });
    }
    const refused = recoveryRefusal(tx, recovery, request.currency, input.by, nowMs);
    if (refused !== undefined) return err(refused);
    const closed = closedPeriodError(tx, request.period);
    if (closed !== undefined) return err(closed);
    const entryId = post(tx, recovery, request, input.by, nowMs);
    decideRecovery(tx, recovery.id, {
      status: 'posted',
      decidedBy: input.by,
      decidedAtMs: nowMs,
      entryId,
    });
    const details = { recoveryId: recovery.id, entryId, amountMinor: recovery.amountMinor };
    appendAudit(tx, {
      atMs: nowMs,
      actor: input.by,
      action: 'recovery_posted',
      requestId: recovery.requestId,
      details,
      ...(input.slack && { slack: input.slack }),
    });
    enqueueOutbox(tx, {
      requestId: recovery.requestId,
      kind: 'recovery_posted',
      payload: { requestId: recovery.requestId, ...details, by: input.by },
      dedupeKey: `${recovery.id}:posted`,
      atMs: nowMs,
    });
    return ok({ entryId, requestId: recovery.requestId });
  });
}

/** The recovery proposal, if it exists and is still pending (else why not, naming it). */
export function pendingRecovery(tx: Tx, recoveryId: string): Result<RecoveryRow, AppError> {
  return stillPending(recoveryId, getRecovery(tx, recoveryId));
}

/**
 * The same for a decision (a write): the recovery is held until the transaction ends, so a
 * second instance deciding it at once waits, then reads it decided (ADR 296).
 */
export function pendingRecoveryForDecision(
  tx: Tx,
  recoveryId: string,
): Result<RecoveryRow, AppError> {
  return stillPending(recoveryId, getRecoveryForDecision(tx, recoveryId));
}

function stillPending(
  recoveryId: string,
  recovery: RecoveryRow | null,
): Result<RecoveryRow, AppError> {
  if (recovery === null) {
    return err({
      kind: 'invalid_input',
      field: 'recovery',
      message: `${recoveryId} does not exist`,
    });
  }
  if (recovery.status !== 'pending') {
    const entry = recovery.entryId === null ? '' : ` (journal entry ${recovery.entryId})`;
    return err({
      kind: 'invalid_input',
      field: 'recovery',
      message: `${recovery.id} is already ${recovery.status}${entry}; nothing was changed`,
    });
  }
  return ok(recovery);
}

// Like approving a write-off: an approver (or a delegate in force) whose own limit covers the
// amount, never the person who requested the original write-off.
function recoveryRefusal(
  tx: Tx,
  recovery: RecoveryRow,
  currency: string,
  by: string,
  nowMs: number,
): AppError | undefined {
  const request = getRequest(tx, recovery.requestId);
  if (request?.requester === by) {
    return {
      kind: 'not_allowed',
      userId: by,
      action: 'approve the recovery of their own write-off',
    };
  }
  const system = by.startsWith('system:');
  if (!system && !hasRole(tx, by, 'approver') && delegatorsOf(tx, by, nowMs).length === 0) {
    return { kind: 'not_approver', userId: by };
  }
  const limitMinor = getApproverLimit(tx, by, currency);
  if (limitCovers(limitMinor, recovery.amountMinor)) return undefined;
  return {
    kind: 'over_limit',
    action: 'reverse',
    userId: by,
    currency,
    limitMinor,
    totalMinor: recovery.amountMinor,
    grossMinor: recovery.amountMinor,
    eligibleApprovers: listApproversCovering(tx, currency, recovery.amountMinor).filter(
      (u) => u !== request?.requester,
    ),
  };
}

function post(
  tx: Tx,
  recovery: RecoveryRow,
  request: {
    readonly id: string;
    readonly period: string;
    readonly currency: string;
    readonly postedEntryId: number | null;
  },
  by: string,
  nowMs: number,
): number {
  const original = request.postedEntryId ?? 0;
  const onInvoice = (entryId: number) =>
    getPostings(tx, entryId).filter((p) => p.invoiceNumber === recovery.invoiceNumber);
  // Scaled from what earlier recoveries left, so no posting is ever taken back twice.
  const left = remainingPostings(
    onInvoice(original),
    postedRecoveryEntryIds(tx, request.id).flatMap(onInvoice),
  );
  const timezone = getLedgerSettings(tx)?.timezone ?? 'UTC';
  return insertJournalEntry(
    tx,
    {
      reference: `recovery:${recovery.id}`,
      kind: 'reversal',
      requestId: request.id,
      period: request.period,
      entryOn: todayIn(timezone, new Date(nowMs)),
      currency: request.currency,
      reversesEntryId: original,
      createdAtMs: nowMs,
      createdBy: by,
    },
    recoveryPostings(left, recovery.amountMinor),
  );
}

/** Newest first, optionally of one write-off request (`writeoff recoveries`). */
export function recoveriesOf(deps: AppDeps, requestId?: string): RecoveryRow[] {
  return deps.store.read((tx) => listRecoveries(tx, requestId));
}
