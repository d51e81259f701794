// The view model every approval surface renders from (parent message, decision reply, App Home,
// DMs): formatted text only, so the builders stay pure and never see a database row.

import { previewCsv } from '../../app/preview-csv.ts';
import type { RequestView } from '../../app/request-views.ts';
import { formatMoney } from '../../domain/money.ts';
import { LARGEST_ITEMS_SHOWN, largestItems } from '../../domain/preview-summary.ts';
import { escapeMrkdwn, mentionUser, truncate } from '../blocks.ts';
import { type CardControls, cardControls } from './approval-controls.ts';
import { type SplitCard, splitCard } from './approval-split.ts';

export type CardStatus =
  | 'draft'
  | 'pending'
  | 'approved'
  | 'posted'
  | 'rejected'
  | 'stale'
  | 'cancelled'
  | 'reversed';

export interface RequestCard {
  readonly requestId: string;
  readonly status: CardStatus;
  /** `Acme Builders (C100)`, or `3 customers` for an automatic run; plain text. */
  readonly customerText: string;
  /** The net total, `$1,234.50`. */
  readonly totalText: string;
  /**
   * The gross amount (sum of absolute line amounts, what approver limits cover), only where it
   * differs from the net total: a write-off of +500.00 with a credit of −500.00 nets to 0.00.
   */
  readonly grossText?: string;
  readonly period: string;
  readonly date: string;
  /** `Manual (entry)`, `Automatic: finance charge`, … */
  readonly modeText: string;
  readonly itemCount: number;
  readonly requester: string;
  readonly approver: string | null;
  /** Unix seconds of the decision, for Slack's `<!date>` formatting. */
  readonly decidedAtSec: number | null;
  readonly entryId: number | null;
  readonly reversalEntryId: number | null;
  readonly rejectionReason: string | null;
  /** The clerk's comment or the run's reason, if any. */
  readonly note: string | null;
  /** What the approver approves (the decision reply shows it); mrkdwn, escaped. */
  readonly detail?: RequestDetail;
  /** Reason, evidence, why approval is needed, policy versions, revisions. */
  readonly controls?: CardControls;
  /** Split detection's warning, when it found related requests. */
  readonly split?: SplitCard;
}

export interface RequestDetail {
  readonly journal: string;
  readonly largest: string;
  /**
   * The CSV detail when it fits in one message section, else null: the notifier then shares it
   * as a file in the thread (requestDetailFile).
   */
  readonly csv: string | null;
  readonly lines: number;
}

/** A section's text holds 3,000 characters; the CSV copy must fit with its fence. */
export const CSV_COPY_MAX_CHARS = 2_800;
const CSV_COPY_MAX_LINES = 60;

/**
 * The request's full detail as the CSV file shared in its thread when the reply cannot copy it:
 * one row per written-off line, with the customer's name.
 */
export function requestDetailFile(view: RequestView): {
  readonly bytes: Buffer;
  readonly filename: string;
  readonly title: string;
} {
  const names = new Map(view.customers.map((c) => [c.id, c.name]));
  return {
    bytes: Buffer.from(previewCsv(view, names), 'utf8'),
    filename: `write-off-${view.id}-detail.csv`,
    title: `Write-off ${view.id}: every line (CSV)`,
  };
}

const MODE_TEXT: Record<RequestView['mode'], string> = {
  manual: 'Manual',
  'finance-charge': 'Automatic: finance charge',
  'invoice-balance': 'Automatic: invoice balance',
  'account-balance': 'Automatic: account balance',
};

export function requestCard(view: RequestView): RequestCard {
  const [first] = view.customers;
  const customerText =
    view.customers.length === 1 && first !== undefined
      ? `${first.name} (${first.id})`
      : `${view.customers.length} customers`;
  return {
    requestId: view.id,
    status: view.status,
    customerText: truncate(customerText, 120),
    totalText: formatMoney(view.totalMinor, view.currency),
    ...(view.grossMinor !== view.totalMinor && {
      grossText: formatMoney(view.grossMinor, view.currency),
    }),
    period: view.period,
    date: view.date,
    modeText:
      view.method === null ? MODE_TEXT[view.mode] : `${MODE_TEXT[view.mode]} (${view.method})`,
    itemCount: view.items.length,
    requester: view.requester,
    approver: view.approver,
    decidedAtSec: view.decidedAt === null ? null : Math.floor(view.decidedAt.getTime() / 1000),
    entryId: view.postedEntryId,
    reversalEntryId: view.reversalEntryId,
    rejectionReason: view.rejectionReason,
    note: view.comment ?? view.reason,
    detail: requestDetail(view),
    controls: cardControls(view),
    ...withSplit(view),
  };
}

function withSplit(view: RequestView): { split?: SplitCard } {
  const split = splitCard(view);
  return split === undefined ? {} : { split };
}

function requestDetail(view: RequestView): RequestDetail {
  const money = (minor: number) => formatMoney(minor, view.currency);
  const journal = view.journal.map(
    (r) =>
      `\`${escapeMrkdwn(r.account)}\` ${r.debitMinor > 0 ? `Dr ${money(r.debitMinor)}` : `Cr ${money(r.creditMinor)}`}`,
  );
  const names = new Map(view.customers.map((c) => [c.id, c.name]));
  const largest = largestItems(view.items, LARGEST_ITEMS_SHOWN).map((item) => {
    const name = names.get(item.customerId);
    const who = name === undefined ? item.customerId : `${name} (${item.customerId})`;
    const what =
      item.kind === 'invoice' ? `invoice ${item.invoice}` : `on-account ${item.onAccountId}`;
    return `• ${escapeMrkdwn(truncate(who, 80))}, ${escapeMrkdwn(truncate(what, 60))}: ${money(item.totalMinor)}`;
  });
  const lines = view.items.reduce((n, i) => n + (i.kind === 'invoice' ? i.lines.length : 1), 0);
  // A CSV row is at least ~50 characters: past CSV_COPY_MAX_LINES it cannot fit, so a large
  // request is not rendered as CSV on every update only to be dropped.
  const csv = lines <= CSV_COPY_MAX_LINES ? escapeMrkdwn(previewCsv(view)) : null;
  return {
    journal: truncate(`*Journal entry*\n${journal.join('\n')}`, 3000),
    largest: truncate(
      `*${largest.length === 1 ? 'Item' : `${largest.length} largest items`}*\n${largest.join('\n')}`,
      3000,
    ),
    csv: csv !== null && csv.length <= CSV_COPY_MAX_CHARS ? csv : null,
    lines,
  };
}

/** `<!date^…>` renders in each reader's own timezone; the fallback is UTC. */
export function slackDate(sec: number): string {
  const iso = new Date(sec * 1000).toISOString().replace('T', ' ').slice(0, 16);
  return `<!date^${sec}^{date_short_pretty} {time}|${iso} UTC>`;
}

/** One mrkdwn line saying where the request stands, with who, when and the journal entry. */
export function statusLine(card: RequestCard): string {
  const by = card.approver === null ? '' : ` by ${mentionUser(card.approver)}`;
  const when = card.decidedAtSec === null ? '' : ` on ${slackDate(card.decidedAtSec)}`;
  switch (card.status) {
    case 'draft':
      return ':memo: Draft: not submitted yet';
    case 'pending':
      return ':hourglass_flowing_sand: Pending approval';
    case 'approved':
      return `:white_check_mark: Approved${by}${when}`;
    case 'posted':
      return `:white_check_mark: Posted${by}${when} · journal entry #${card.entryId ?? '?'}`;
    case 'rejected':
      return `:x: Rejected${by}${when}: ${escapeMrkdwn(truncate(card.rejectionReason ?? '', 500))}`;
    case 'stale':
      return ':warning: Stale: balances changed since the preview, so it was not posted; the requester was asked for a fresh preview';
    case 'cancelled':
      return ':no_entry_sign: Cancelled';
    case 'reversed':
      return `:leftwards_arrow_with_hook: Reversed · journal entry #${card.reversalEntryId ?? '?'} mirrors #${card.entryId ?? '?'} (approved${by}${when})`;
  }
}

/** Short status word for lists (App Home). */
export function statusWord(status: CardStatus): string {
  return status === 'pending' ? 'pending approval' : status;
}

/** The net total, with the gross beside it where they differ: `$0.00 net · $1,600.00 gross`. */
export function amountText(card: RequestCard): string {
  return card.grossText === undefined
    ? card.totalText
    : `${card.totalText} net · ${card.grossText} gross`;
}

/** The amount an approver's limit must cover (ADR 100). */
export function limitAmountText(card: RequestCard): string {
  return card.grossText ?? card.totalText;
}

/** `*WO-000001* · $1,234.50 · Acme Builders (C100)` for lists and notices. */
export function cardTitle(card: RequestCard): string {
  return `*${card.requestId}* · ${amountText(card)} · ${escapeMrkdwn(card.customerText)}`;
}
