// The catalogue of what a request use-case can refuse, as values with the data to explain them,
// and the one sentence for each: the Slack views and the CLI both render from here (kinds the
// engine reports too are worded once, in errors.ts). Pure: no I/O.
import type { WriteOffError } from './errors.ts';
import { describeError } from './errors.ts';
import { formatMoney } from './money.ts';
import type { RequestStatus } from './request-status.ts';

/** Every expected failure of a request use-case, as a value with the data to explain it. */
export type AppError =
  | { readonly kind: 'no_ledger' }
  | { readonly kind: 'request_not_found'; readonly requestId: string }
  | { readonly kind: 'not_pending'; readonly requestId: string; readonly status: RequestStatus }
  | { readonly kind: 'already_posted'; readonly requestId: string; readonly entryId: number }
  | { readonly kind: 'already_reversed'; readonly requestId: string; readonly entryId: number }
  | { readonly kind: 'not_posted'; readonly requestId: string; readonly status: RequestStatus }
  | { readonly kind: 'self_approval'; readonly requestId: string }
  | { readonly kind: 'not_approver'; readonly userId: string }
  | { readonly kind: 'not_allowed'; readonly userId: string; readonly action: string }
  | {
      readonly kind: 'over_limit';
      /** What the refused user tried: approving a pending request or reversing a posted one. */
      readonly action: 'approve' | 'reverse';
      readonly userId: string;
      readonly currency: string;
      /** Null: the user has no limit in this currency, which approves nothing. */
      readonly limitMinor: number | null;
      /** The request's net total (signed). */
      readonly totalMinor: number;
      /** What the limit must cover: the sum of the absolute line amounts. */
      readonly grossMinor: number;
      readonly eligibleApprovers: readonly string[];
    }
  | {
      readonly kind: 'stale';
      readonly requestId?: string;
      readonly changedItems: readonly string[];
    }
  | { readonly kind: 'reason_required' }
  /** Split detection warned about related requests and the approver did not say they saw them. */
  | {
      readonly kind: 'related_unacknowledged';
      readonly requestId: string;
      readonly related: readonly string[];
    }
  | { readonly kind: 'period_closed'; readonly period: string; readonly earliestOpen?: string }
  | {
      readonly kind: 'pending_elsewhere';
      readonly invoice?: string;
      readonly onAccount?: string;
      readonly requestId: string;
    }
  | { readonly kind: 'empty_preview' }
  | { readonly kind: 'item_missing'; readonly item: string }
  | { readonly kind: 'validation'; readonly errors: readonly WriteOffError[] }
  | { readonly kind: 'invalid_input'; readonly field: string; readonly message: string };

export type AppErrorKind = AppError['kind'];

// ADR 100: the limit covers the gross amount; the net total is shown beside it when it differs.
function overLimitText(e: Extract<AppError, { kind: 'over_limit' }>): string {
  const money = (minor: number) => formatMoney(minor, e.currency);
  const amount =
    e.totalMinor === e.grossMinor
      ? money(e.totalMinor)
      : `net ${money(e.totalMinor)}, gross ${money(e.grossMinor)}`;
  const subject = e.action === 'approve' ? 'The request' : 'Reversing the request';
  const limit =
    e.limitMinor === null
      ? `${e.userId} has no approval limit in ${e.currency}`
      : `${e.userId}'s approval limit is ${money(e.limitMinor)} ${e.currency}`;
  const who =
    e.eligibleApprovers.length === 0
      ? 'No approver has a high enough limit; ask an administrator to raise one.'
      : `Approvers who can ${e.action} it: ${e.eligibleApprovers.join(', ')}.`;
  return `${subject} (${amount}) needs an approval limit covering its gross amount ${money(e.grossMinor)}; ${limit}. ${who}`;
}

/** One human sentence per problem (a validation error yields one per write-off error). */
export function describeAppErrors(e: AppError, currency: string): string[] {
  if (e.kind === 'validation') return e.errors.map((w) => describeError(w, currency));
  return [describeAppError(e, currency)];
}

/** Human text for one error; never a stack trace. */
export function describeAppError(e: AppError, currency: string): string {
  switch (e.kind) {
    case 'no_ledger':
      return 'No A/R data has been imported yet: run `writeoff import FILE` first.';
    case 'request_not_found':
      return `Write-off request ${e.requestId} does not exist.`;
    case 'not_pending':
      return `Write-off request ${e.requestId} is ${e.status}, not pending; nothing was changed.`;
    case 'already_posted':
      return `Write-off request ${e.requestId} is already posted (journal entry ${e.entryId}); nothing was changed.`;
    case 'already_reversed':
      return `Write-off request ${e.requestId} is already reversed (journal entry ${e.entryId}); nothing was changed.`;
    case 'not_posted':
      return `Write-off request ${e.requestId} is ${e.status}; only a posted request can be reversed.`;
    case 'self_approval':
      return `You requested ${e.requestId}, so you cannot approve it: a second person must.`;
    case 'not_approver':
      return `${e.userId} does not have the approver role.`;
    case 'not_allowed':
      return `${e.userId} is not allowed to ${e.action}.`;
    case 'over_limit':
      return overLimitText(e);
    case 'stale':
      return `Balances changed since the preview (${e.changedItems.join(', ')}); make a fresh preview and submit again.`;
    case 'reason_required':
      return 'A reason is required: say why, in a few words.';
    case 'related_unacknowledged':
      return `${e.requestId} was not approved: it may be split from ${e.related.join(', ')} (same requester and customer). Tick "I have seen the related requests" in its thread, then approve again.`;
    // Kinds the domain also reports are worded once, in domain/errors.ts.
    case 'period_closed':
      return describeError(e, currency);
    case 'pending_elsewhere':
      return e.invoice === undefined
        ? `On-account item ${e.onAccount ?? '?'} is already in pending request ${e.requestId}.`
        : describeError({ ...e, invoice: e.invoice }, currency);
    case 'empty_preview':
      return 'Nothing to write off: the preview has no items.';
    case 'item_missing':
      return `${e.item} is no longer in the sub-ledger, so its balance cannot be changed.`;
    case 'validation':
      return e.errors.map((w) => describeError(w, currency)).join('\n');
    case 'invalid_input':
      return `${e.field}: ${e.message}`;
  }
}
