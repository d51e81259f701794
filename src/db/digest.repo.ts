// Reads the facts a weekly digest is built from (docs/digest.md): posted and reversed journal
// entries, the items of the requests posted in a week, submissions still pending, rejections
// and stale marks. Lines reach the domain summed per item (summed at submit), so a week of a
// million posted lines reaches it as its invoices, not its lines. No rules: src/domain/digest.ts decides.
import {
  type DecisionFact,
  type ItemSummary,
  LARGEST_ITEMS,
  type PostedRequestFact,
  type ReversalFact,
  type SubmittedRequestFact,
} from '../domain/digest.ts';
import { connectionOf, statementCache, type Tx } from './client.ts';
import type { Connection } from './tx.ts';

export interface Window {
  readonly startMs: number;
  readonly endMs: number;
}

const statementsOf = statementCache(prepare);

function prepare(sqlite: Connection['sqlite']) {
  return {
    posted: sqlite.prepare(`
      SELECT r.id AS requestId, r.requester AS requester, r.total_minor AS totalMinor,
             e.created_at_ms AS postedAtMs, r.write_off_on AS writeOffOn,
             r.reason_code AS reasonCode
      FROM journal_entries e JOIN write_off_requests r ON r.id = e.request_id
      WHERE e.kind = 'write_off' AND e.created_at_ms >= ? AND e.created_at_ms < ?`),
    // Items were summed from their lines at submit (write_off_request_items, ADR 217); the week's
    // items are summed here per customer and per age in days, and only the largest few are
    // read: a week of a million posted lines reaches the domain as some thousand rows.
    itemsByCustomer: sqlite.prepare(`
      SELECT g.customerId, c.name AS customerName, g.amountMinor, g.items
      FROM (
        SELECT x.customer_id AS customerId, sum(x.amount_minor) AS amountMinor, count(*) AS items
        FROM journal_entries e JOIN write_off_request_items x ON x.request_id = e.request_id
        WHERE e.kind = 'write_off' AND e.created_at_ms >= ? AND e.created_at_ms < ?
        GROUP BY x.customer_id) g
      JOIN customers c ON c.id = g.customerId`),
    // Days between the item's date and the write-off date (julianday of ISO dates: whole days).
    itemsByAgeDays: sqlite.prepare(`
      SELECT CAST(julianday(r.write_off_on) - julianday(coalesce(x.item_on, r.write_off_on))
               AS INTEGER) AS ageDays,
             sum(x.amount_minor) AS amountMinor
      FROM journal_entries e
      JOIN write_off_requests r ON r.id = e.request_id
      JOIN write_off_request_items x ON x.request_id = e.request_id
      WHERE e.kind = 'write_off' AND e.created_at_ms >= ? AND e.created_at_ms < ?
      GROUP BY 1`),
    // In the digest's order (magnitude, request, item); the domain orders them again.
    largestItems: sqlite.prepare(`
      SELECT x.request_id AS requestId, x.customer_id AS customerId, x.invoice_number AS invoice,
             x.on_account_id AS onAccount, x.amount_minor AS amountMinor
      FROM journal_entries e JOIN write_off_request_items x ON x.request_id = e.request_id
      WHERE e.kind = 'write_off' AND e.created_at_ms >= ? AND e.created_at_ms < ?
      ORDER BY abs(x.amount_minor) DESC, x.request_id, coalesce(x.invoice_number, x.on_account_id)
      LIMIT ?`),
    reversals: sqlite.prepare(`
      SELECT r.id AS requestId, r.total_minor AS totalMinor, e.created_at_ms AS atMs
      FROM journal_entries e JOIN write_off_requests r ON r.id = e.request_id
      WHERE e.kind = 'reversal' AND e.created_at_ms >= ? AND e.created_at_ms < ?`),
    // A request left pending when it was decided or first marked stale, whichever came first.
    submitted: sqlite.prepare(`
      SELECT * FROM (
        SELECT r.id AS requestId, r.total_minor AS totalMinor, r.created_at_ms AS submittedAtMs,
               CASE WHEN r.status = 'pending' THEN NULL ELSE min(
                 coalesce(r.decided_at_ms, 9007199254740991),
                 coalesce((SELECT min(a.at_ms) FROM audit_log a WHERE a.request_id = r.id
                           AND a.action IN ('stale', 'request_stale')), 9007199254740991))
               END AS leftPendingAtMs,
               r.slack_channel AS channel, r.slack_ts AS ts
        FROM write_off_requests r
        WHERE r.created_at_ms < ? AND r.status <> 'draft')
      WHERE leftPendingAtMs IS NULL OR leftPendingAtMs >= ?`),
    rejected: sqlite.prepare(`
      SELECT id AS requestId, decided_at_ms AS atMs FROM write_off_requests
      WHERE status = 'rejected' AND decided_at_ms >= ? AND decided_at_ms < ?`),
    stale: sqlite.prepare(`
      SELECT request_id AS requestId, min(at_ms) AS atMs FROM audit_log
      WHERE action IN ('stale', 'request_stale') AND at_ms >= ? AND at_ms < ?
      GROUP BY request_id`),
  };
}

// Requests made before reason codes carry null; the digest counts them as `none`.
export function listPostedRequests(tx: Tx, w: Window): PostedRequestFact[] {
  const database = connectionOf(tx);
  return statementsOf(database).posted.all(w.startMs, w.endMs) as PostedRequestFact[];
}

/** The items of the requests posted in the window, summed as the digest groups them. */
export function summarizePostedItems(tx: Tx, w: Window): ItemSummary {
  const database = connectionOf(tx);
  const s = statementsOf(database);
  const byCustomer = s.itemsByCustomer.all(
    w.startMs,
    w.endMs,
  ) as (ItemSummary['byCustomer'][number] & {
    items: number;
  })[];
  return {
    count: byCustomer.reduce((n, c) => n + c.items, 0),
    byCustomer,
    byAgeDays: s.itemsByAgeDays.all(w.startMs, w.endMs) as ItemSummary['byAgeDays'][number][],
    largest: s.largestItems.all(
      w.startMs,
      w.endMs,
      LARGEST_ITEMS,
    ) as ItemSummary['largest'][number][],
  };
}

export function listReversals(tx: Tx, w: Window): ReversalFact[] {
  const database = connectionOf(tx);
  return statementsOf(database).reversals.all(w.startMs, w.endMs) as ReversalFact[];
}

/** Requests submitted before `endMs` that were still pending at `endMs`. */
export function listPendingAt(tx: Tx, endMs: number): SubmittedRequestFact[] {
  const database = connectionOf(tx);
  const rows = statementsOf(database).submitted.all(endMs, endMs) as (Omit<
    SubmittedRequestFact,
    'thread'
  > & { channel: string | null; ts: string | null })[];
  return rows.map(({ channel, ts, ...r }) => ({
    ...r,
    thread: channel === null || ts === null ? null : { channel, ts },
  }));
}

export function listDecisions(tx: Tx, w: Window): DecisionFact[] {
  const database = connectionOf(tx);
  const s = statementsOf(database);
  const rejected = s.rejected.all(w.startMs, w.endMs) as Omit<DecisionFact, 'kind'>[];
  const stale = s.stale.all(w.startMs, w.endMs) as Omit<DecisionFact, 'kind'>[];
  return [
    ...rejected.map((d) => ({ ...d, kind: 'rejected' as const })),
    ...stale.map((d) => ({ ...d, kind: 'stale' as const })),
  ];
}

export interface PostedLineRow {
  readonly requestId: string;
  readonly postedAtMs: number;
  readonly writeOffOn: string;
  readonly requester: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly invoice: string | null;
  readonly line: number | null;
  readonly onAccount: string | null;
  readonly itemOn: string | null;
  readonly amountMinor: number;
  readonly taxMinor: number;
  readonly retainageMinor: number;
  readonly financeChargeMinor: number;
  readonly account: string;
}

const linesOf = statementCache((sqlite) =>
  sqlite.prepare(`
    SELECT r.id AS requestId, e.created_at_ms AS postedAtMs, r.write_off_on AS writeOffOn,
           r.requester AS requester, l.customer_id AS customerId, c.name AS customerName,
           l.invoice_number AS invoice, l.line AS line, l.on_account_id AS onAccount,
           coalesce(i.invoice_on, o.item_on) AS itemOn, l.amount_minor AS amountMinor,
           l.tax_minor AS taxMinor, l.retainage_minor AS retainageMinor,
           l.finance_charge_minor AS financeChargeMinor, l.account AS account
    FROM journal_entries e
    JOIN write_off_requests r ON r.id = e.request_id
    JOIN write_off_request_lines l ON l.request_id = r.id
    JOIN customers c ON c.id = l.customer_id
    LEFT JOIN invoices i ON i.number = l.invoice_number
    LEFT JOIN on_account_items o ON o.id = l.on_account_id
    WHERE e.kind = 'write_off' AND e.created_at_ms >= ? AND e.created_at_ms < ?
    ORDER BY e.created_at_ms, r.id, l.seq`),
);

/** Every written-off line of the requests posted in the window, in posting order. */
export function iteratePostedLines(tx: Tx, w: Window): IterableIterator<PostedLineRow> {
  const database = connectionOf(tx);
  return linesOf(database).iterate(w.startMs, w.endMs) as IterableIterator<PostedLineRow>;
}
