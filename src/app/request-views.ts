// Read models for Slack and the CLI: one request with everything its message shows, the lists
// for App Home, and a request's audit trail. Reads only (except recording the Slack message
// a request was posted as).

import { getPostingAccounts } from '../db/repos/accounts.ts';
import { type AuditRow, listAuditForRequest } from '../db/repos/audit.ts';
import { getCustomers } from '../db/repos/customers.ts';
import { getAccountTotals } from '../db/repos/journal.ts';
import {
  getRequest,
  getRequestLines,
  listRequestRows,
  type RequestLineRow,
  type RequestRow,
  type RequestStatus,
  setSlackMessage,
} from '../db/repos/requests.ts';
import { getApproverLimit, hasRole } from '../db/repos/roles.ts';
import type { Tx } from '../db/store.ts';
import { grossMinor, limitCovers } from '../domain/approval-limit.ts';
import { netJournal } from '../domain/journal.ts';
import type { SplitWarning } from '../domain/split-detection.ts';
import type {
  Customer,
  JournalRow,
  PostingAccounts,
  PreviewMode,
  WriteOffItem,
} from '../domain/types.ts';
import { requestGrossMinor } from './approval-limit.ts';
import type { AppDeps } from './deps.ts';
import { type RequestControlsView, requestControls } from './request-controls.ts';
import { itemsFromLines, previewFromRequest } from './request-lines.ts';
import { splitWarningOf } from './split-check.ts';

export type { AuditRow } from '../db/repos/audit.ts';
export type { RequestStatus } from '../db/repos/requests.ts';

export interface RequestSummary {
  readonly id: string;
  readonly status: RequestStatus;
  readonly mode: PreviewMode;
  readonly customerId: string | null;
  readonly period: string;
  readonly date: string;
  readonly currency: string;
  readonly totalMinor: number;
  readonly requester: string;
  readonly approver: string | null;
  readonly createdAt: Date;
  readonly decidedAt: Date | null;
}

export interface RequestView extends RequestSummary {
  readonly method: 'entry' | 'line-item' | null;
  readonly account: string | null;
  readonly comment: string | null;
  readonly reason: string | null;
  readonly rejectionReason: string | null;
  readonly criteria: unknown;
  /** Every customer the request touches, by id. */
  readonly customers: readonly Customer[];
  /** In preview order, with comments. */
  readonly items: readonly WriteOffItem[];
  /** Netted per account, sorted by code (as previewed). */
  readonly journal: readonly JournalRow[];
  /** Sum of the absolute line amounts: what an approver's limit must cover (ADR 100). */
  readonly grossMinor: number;
  readonly previewHash: string;
  readonly postedEntryId: number | null;
  readonly reversalEntryId: number | null;
  /** Reason code, evidence, policy versions and revision trail. */
  readonly controls: RequestControlsView;
  readonly slack: {
    readonly channel: string;
    readonly ts: string;
    readonly threadTs: string | null;
  } | null;
  /** Split detection's warning at submit (docs/write-off-rules.md#split-detection), or null. */
  readonly split?: SplitWarning | null;
}

function toSummary(row: RequestRow): RequestSummary {
  return {
    id: row.id,
    status: row.status,
    mode: row.mode,
    customerId: row.customerId,
    period: row.period,
    date: row.writeOffOn,
    currency: row.currency,
    totalMinor: row.totalMinor,
    requester: row.requester,
    approver: row.approver,
    createdAt: new Date(row.createdAtMs),
    decidedAt: row.decidedAtMs === null ? null : new Date(row.decidedAtMs),
  };
}

/** Everything the request's Slack message needs; null when the id is unknown. */
export function getRequestView(deps: AppDeps, requestId: string): RequestView | null {
  return deps.store.read((tx) => {
    const row = getRequest(tx, requestId);
    if (row === null) return null;
    const lines = getRequestLines(tx, requestId);
    const accounts = getPostingAccounts(tx);
    const items = itemsFromLines(lines);
    const customerIds = [...new Set(items.map((i) => i.customerId))].sort();
    return {
      ...toSummary(row),
      method: row.method,
      account: row.account,
      comment: row.comment,
      reason: row.reason,
      rejectionReason: row.rejectionReason,
      criteria: row.criteriaJson === null ? null : JSON.parse(row.criteriaJson),
      customers: customersOf(tx, customerIds),
      items,
      journal: journalOf(tx, row, lines, accounts),
      grossMinor: grossMinor(lines.map((l) => l.amountMinor)),
      previewHash: row.previewHash,
      postedEntryId: row.postedEntryId,
      reversalEntryId: row.reversalEntryId,
      controls: requestControls(tx, row),
      slack: slackOf(row),
      split: splitWarningOf(row),
    };
  });
}

/** The customers by id, in `ids` order; one no longer in the ledger shows its id as name. */
function customersOf(tx: Tx, ids: readonly string[]): Customer[] {
  const known = new Map(getCustomers(tx, ids).map((c) => [c.id, c]));
  return ids.map((id) => known.get(id) ?? { id, name: id });
}

/** Where the request is announced (its row only, none of the view's reads); null while it is not. */
export function getRequestThread(deps: AppDeps, requestId: string): RequestView['slack'] {
  return deps.store.read((tx) => {
    const row = getRequest(tx, requestId);
    return row === null ? null : slackOf(row);
  });
}

function slackOf(row: RequestRow): RequestView['slack'] {
  return row.slackChannel === null || row.slackTs === null
    ? null
    : { channel: row.slackChannel, ts: row.slackTs, threadTs: row.slackThreadTs };
}

// A posted request shows the entry actually posted; a pending one, the entry it would post.
function journalOf(
  db: Tx,
  row: RequestRow,
  lines: readonly RequestLineRow[],
  accounts: PostingAccounts | null,
): readonly JournalRow[] {
  if (row.postedEntryId !== null) return netJournal(getAccountTotals(db, row.postedEntryId));
  return accounts === null ? [] : previewFromRequest(row, lines, accounts).journal;
}

/** Newest first; by requester and/or status. */
export function listRequests(
  deps: AppDeps,
  filter: { requester?: string; statuses?: readonly RequestStatus[]; limit?: number } = {},
): RequestSummary[] {
  return deps.store.read((tx) => {
    return listRequestRows(tx, filter).map(toSummary);
  });
}

/** Pending requests this user could approve: not their own, their limit covering the gross. */
export function listAwaitingApproval(deps: AppDeps, userId: string, limit = 50): RequestSummary[] {
  return deps.store.read((tx) => {
    if (!hasRole(tx, userId, 'approver')) return [];
    const limits = new Map<string, number | null>();
    const limitIn = (currency: string) => {
      if (!limits.has(currency)) limits.set(currency, getApproverLimit(tx, userId, currency));
      return limits.get(currency) ?? null;
    };
    const awaiting: RequestSummary[] = [];
    for (const row of listRequestRows(tx, { statuses: ['pending'], limit: 500 })) {
      if (awaiting.length >= limit) break;
      if (row.requester === userId) continue;
      // The gross is never below |net|, so a limit under |net| rules a request out without its lines.
      const limitMinor = limitIn(row.currency);
      if (!limitCovers(limitMinor, Math.abs(row.totalMinor))) continue;
      if (!limitCovers(limitMinor, requestGrossMinor(tx, row.id))) continue;
      awaiting.push(toSummary(row));
    }
    return awaiting;
  });
}

/** Records the Slack message a request was posted as (for updates and threaded replies). */
export function setRequestSlackMessage(
  deps: AppDeps,
  input: { requestId: string; channel: string; ts: string; threadTs?: string },
): boolean {
  return deps.store.write((tx) => {
    return setSlackMessage(tx, input.requestId, {
      channel: input.channel,
      ts: input.ts,
      threadTs: input.threadTs ?? input.ts,
    });
  });
}

/** The request's audit trail, oldest first (empty for an unknown id). */
export function getAuditTrail(deps: AppDeps, requestId: string): AuditRow[] {
  return deps.store.read((tx) => {
    return listAuditForRequest(tx, requestId);
  });
}
