// Submit a previewed write-off for approval (docs/write-off-rules.md#manual-write-off, #approval):
// one IMMEDIATE transaction that re-checks the period, refuses items already in another pending
// request, refuses balances that moved since the preview, stores the lines with the versions they
// were computed from, takes the pending locks and writes the audit row and the Slack notification.

import { listAccounts } from '../db/repos/accounts.ts';
import { appendAudit } from '../db/repos/audit.ts';
import { getInvoice } from '../db/repos/invoices.ts';
import {
  insertRequest,
  invoiceLockHolder,
  lockItems,
  nextRequestId,
  onAccountLockHolder,
} from '../db/repos/requests.ts';
import { getSetting } from '../db/repos/settings.ts';
import type { Tx } from '../db/store.ts';
import { openBalance } from '../domain/allocation.ts';
import { previewGrossMinor } from '../domain/approval-limit.ts';
import type { DistributionMethod } from '../domain/manual.ts';
import { formatMoney } from '../domain/money.ts';
import { checkReason } from '../domain/policy.ts';
import type { AppError } from '../domain/request-errors.ts';
import type { SplitWarning } from '../domain/split-detection.ts';
import type { Preview, Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import type { AppDeps, SlackRef } from './deps.ts';
import { enqueueSubmittedEvent } from './notification-events.ts';
import { closedPeriodError } from './period-check.ts';
import { type PolicyFile, policyInForce, resolvePolicy } from './policy.ts';
import { requestLineRows } from './request-lines.ts';
import { checkRevision, recordRevision } from './request-revision.ts';
import {
  changedItems,
  type ItemSnapshot,
  itemKeys,
  previewHash,
  snapshotHash,
} from './snapshot.ts';
import { recordSplitWarning } from './split-check.ts';
import { inTransaction } from './use-case-tx.ts';

export interface SubmitInput {
  readonly preview: Preview;
  /** As returned with the preview. */
  readonly snapshot: ItemSnapshot;
  /** Slack user id (or `system:cli`). */
  readonly requester: string;
  readonly method?: DistributionMethod;
  /** Entry method / automatic run: the one write-off account. */
  readonly account?: string;
  readonly comment?: string;
  readonly reason?: string;
  /** A code of the policy's reasons (docs/policy.md); required, refused as a field error. */
  readonly reasonCode?: string;
  /** Evidence link or note; required from the reason's threshold. */
  readonly evidence?: string;
  /** Automatic runs: the criteria as given, kept for the audit trail. */
  readonly criteria?: unknown;
  /** The rejected or stale request this one resubmits (`WO-…`), by the same requester. */
  readonly revises?: string;
  readonly slack?: SlackRef;
}

export interface Submitted {
  readonly requestId: string;
  readonly previewHash: string;
  /** Split detection's warning (docs/write-off-rules.md#split-detection), or null. */
  readonly split: SplitWarning | null;
}

export function submitRequest(deps: AppDeps, input: SubmitInput): Result<Submitted, AppError> {
  return inTransaction(deps, (tx, nowMs) => {
    const refused = checkSubmittable(tx, input);
    if (refused !== undefined) return err(refused);
    const { preview } = input;
    const policy = policyInForce(tx, nowMs);
    const badReason = checkReasonOf(policy.file, input);
    if (badReason !== undefined) return err(badReason);
    const badRevision =
      input.revises === undefined ? undefined : checkRevision(tx, input.revises, input.requester);
    if (badRevision !== undefined) return err(badRevision);
    const requestId = nextRequestId(tx);
    const hash = previewHash(preview);
    const customers = new Set(preview.items.map((i) => i.customerId));
    insertRequest(
      tx,
      {
        id: requestId,
        mode: preview.mode,
        status: 'pending',
        customerId: customers.size === 1 ? [...customers][0] : null,
        period: preview.period,
        writeOffOn: preview.date,
        method: input.method ?? null,
        account: input.account ?? singleAccount(preview),
        comment: input.comment ?? null,
        reason: input.reason ?? null,
        reasonCode: input.reasonCode ?? null,
        evidence: blankToNull(input.evidence),
        criteriaJson: input.criteria === undefined ? null : JSON.stringify(input.criteria),
        currency: preview.currency,
        totalMinor: preview.totalMinor,
        requester: input.requester,
        previewHash: hash,
        policyVersion: policy.version,
        revises: input.revises ?? null,
        createdAtMs: nowMs,
        slackChannel: input.slack?.channel ?? null,
        slackTs: input.slack?.ts ?? null,
      },
      requestLineRows(requestId, preview, input.snapshot),
    );
    const keys = itemKeys(preview);
    lockItems(tx, requestId, keys.invoices, keys.onAccount);
    const customerId = customers.size === 1 ? ([...customers][0] ?? null) : null;
    const split = recordSplitWarning(
      tx,
      { id: requestId, requester: input.requester, customerId },
      policy.file,
      preview.currency,
      nowMs,
    );
    appendAudit(tx, {
      atMs: nowMs,
      actor: input.requester,
      action: 'submitted',
      requestId,
      previewHash: hash,
      details: {
        mode: preview.mode,
        period: preview.period,
        totalMinor: preview.totalMinor,
        items: preview.items.length,
        reasonCode: input.reasonCode ?? null,
        policyVersion: policy.version,
        revises: input.revises ?? null,
        snapshotHash: snapshotHash(input.snapshot),
        ...(preview.mode === 'manual' && { partialInvoices: partialInvoices(tx, preview) }),
      },
      ...(input.slack && { slack: input.slack }),
    });
    enqueueSubmittedEvent(tx, requestId, nowMs);
    if (input.revises !== undefined) {
      recordRevision(tx, { revises: input.revises, requestId, by: input.requester }, nowMs);
    }
    return ok({ requestId, previewHash: hash, split });
  });
}

function blankToNull(text: string | undefined): string | null {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

// Every request carries a reason code of the policy; evidence from the reason's threshold.
function checkReasonOf(file: PolicyFile, input: SubmitInput): AppError | undefined {
  const { currency } = input.preview;
  const policy = resolvePolicy(file, currency);
  if (!policy.ok) {
    return { kind: 'invalid_input', field: 'policy', message: policy.error.join('; ') };
  }
  const problem = checkReason(
    policy.value,
    input.reasonCode,
    input.evidence,
    previewGrossMinor(input.preview.items),
    (minor) => formatMoney(minor, currency),
  );
  return problem === undefined ? undefined : { kind: 'invalid_input', ...problem };
}

// The invoices the clerk lowered to a partial amount. The versions were just checked, so today's
// balances are the previewed ones. "Open a fresh preview" on a stale request reads this to bring a
// full write-off back at the fresh full balance and keep only real partial amounts (ADR 053).
function partialInvoices(tx: Tx, preview: Preview): string[] {
  return preview.items.flatMap((item) => {
    if (item.kind !== 'invoice') return [];
    const invoice = getInvoice(tx, item.invoice);
    const open = invoice === null ? 0 : openBalance(invoice);
    return Math.abs(item.totalMinor) < Math.abs(open) ? [item.invoice] : [];
  });
}

function checkSubmittable(tx: Tx, input: SubmitInput): AppError | undefined {
  const { preview, snapshot } = input;
  if (input.requester.trim() === '') {
    return { kind: 'invalid_input', field: 'requester', message: 'is empty' };
  }
  if (preview.items.length === 0) return { kind: 'empty_preview' };
  const currency = getSetting(tx, 'currency');
  if (currency !== preview.currency) {
    return {
      kind: 'invalid_input',
      field: 'currency',
      message: `the preview is in ${preview.currency} but the ledger is in ${currency ?? 'nothing'}`,
    };
  }
  if (input.account !== undefined && !listAccounts(tx).some((a) => a.code === input.account)) {
    return {
      kind: 'invalid_input',
      field: 'account',
      message: `${input.account} is not in the chart of accounts`,
    };
  }
  const closed = closedPeriodError(tx, preview.period);
  if (closed !== undefined) return closed;
  const held = heldElsewhere(tx, preview);
  if (held !== undefined) return held;
  const changed = changedItems(tx, snapshot.invoices, snapshot.onAccount);
  const keys = itemKeys(preview);
  const missing = [
    ...keys.invoices.filter((k) => !snapshot.invoices.has(k)),
    ...keys.onAccount.filter((k) => !snapshot.onAccount.has(k)),
  ];
  const all = [...new Set([...changed, ...missing])].sort();
  return all.length > 0 ? { kind: 'stale', changedItems: all } : undefined;
}

function heldElsewhere(tx: Tx, preview: Preview): AppError | undefined {
  for (const item of preview.items) {
    if (item.kind === 'invoice') {
      const requestId = invoiceLockHolder(tx, item.invoice);
      if (requestId !== null)
        return { kind: 'pending_elsewhere', invoice: item.invoice, requestId };
    } else {
      const requestId = onAccountLockHolder(tx, item.onAccountId);
      if (requestId !== null) {
        return { kind: 'pending_elsewhere', onAccount: item.onAccountId, requestId };
      }
    }
  }
  return undefined;
}

/** The one write-off account of the request when every line uses the same one. */
function singleAccount(preview: Preview): string | null {
  const accounts = new Set<string>();
  for (const item of preview.items) {
    if (item.kind === 'on_account') accounts.add(item.account);
    else for (const line of item.lines) accounts.add(line.account);
  }
  return accounts.size === 1 ? ([...accounts][0] ?? null) : null;
}
