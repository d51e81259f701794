// Reads the facts a weekly digest is built from on PostgreSQL, the async twin of
// src/db/digest.repo.ts (docs/digest.md): posted and reversed entries, the week's items summed
// per customer and per age (ADR 217), submissions still pending, rejections and stale marks.
// Rows come in a fixed order here (SQLite's come in scan order); the domain orders them anyway.
import { type SQL, sql } from 'drizzle-orm';
import {
  type DecisionFact,
  type ItemSummary,
  LARGEST_ITEMS,
  type PostedRequestFact,
  type ReversalFact,
  type SubmittedRequestFact,
} from '../../domain/digest.ts';
import type { PostedLineRow, Window } from '../digest.repo.ts';
import { num, rowsOf } from './rows.ts';
import type { PgTx } from './types.ts';

export type { PostedLineRow, Window };

/** The largest safe integer: "never" in the left-pending comparison, as on SQLite. */
const NEVER_MS = Number.MAX_SAFE_INTEGER;
/** Posted lines read per statement while streaming a week (keyset pages). */
const LINES_PER_PAGE = 5000;

const inWindow = (column: string, w: Window) =>
  sql`${sql.raw(column)} >= ${w.startMs} AND ${sql.raw(column)} < ${w.endMs}`;

// Requests made before reason codes carry null; the digest counts them as `none`.
export async function listPostedRequests(tx: PgTx, w: Window): Promise<PostedRequestFact[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    tx,
    sql`SELECT r.id, r.requester, r.total_minor, e.created_at_ms, r.write_off_on, r.reason_code
      FROM journal_entries e JOIN write_off_requests r ON r.id = e.request_id
      WHERE e.kind = 'write_off' AND ${inWindow('e.created_at_ms', w)}
      ORDER BY e.created_at_ms, r.id`,
  );
  return rows.map((r) => ({
    requestId: String(r.id),
    requester: String(r.requester),
    totalMinor: num(r.total_minor),
    postedAtMs: num(r.created_at_ms),
    writeOffOn: String(r.write_off_on),
    reasonCode: (r.reason_code as string | null) ?? null,
  }));
}

const POSTED_ITEMS = (w: Window) => sql`journal_entries e
  JOIN write_off_request_items x ON x.request_id = e.request_id
  WHERE e.kind = 'write_off' AND ${inWindow('e.created_at_ms', w)}`;

/** The items of the requests posted in the window, summed as the digest groups them. */
export async function summarizePostedItems(tx: PgTx, w: Window): Promise<ItemSummary> {
  const byCustomer = await rowsOf<Record<string, unknown>>(
    tx,
    sql`SELECT g.customer_id, c.name, g.amount, g.items FROM (
        SELECT x.customer_id, sum(x.amount_minor) AS amount, count(*) AS items
        FROM ${POSTED_ITEMS(w)} GROUP BY x.customer_id) g
      JOIN customers c ON c.id = g.customer_id ORDER BY g.customer_id`,
  );
  // Days between the item's date and the write-off date (both ISO dates).
  const byAge = await rowsOf<Record<string, unknown>>(
    tx,
    sql`SELECT r.write_off_on::date - coalesce(x.item_on, r.write_off_on)::date AS age,
        sum(x.amount_minor) AS amount
      FROM journal_entries e
      JOIN write_off_requests r ON r.id = e.request_id
      JOIN write_off_request_items x ON x.request_id = e.request_id
      WHERE e.kind = 'write_off' AND ${inWindow('e.created_at_ms', w)}
      GROUP BY 1 ORDER BY 1`,
  );
  const largest = await rowsOf<Record<string, unknown>>(
    tx,
    sql`SELECT x.request_id, x.customer_id, x.invoice_number, x.on_account_id, x.amount_minor
      FROM ${POSTED_ITEMS(w)}
      ORDER BY abs(x.amount_minor) DESC, x.request_id, coalesce(x.invoice_number, x.on_account_id)
      LIMIT ${LARGEST_ITEMS}`,
  );
  const customers = byCustomer.map((r) => ({
    customerId: String(r.customer_id),
    customerName: String(r.name),
    amountMinor: num(r.amount),
    items: num(r.items),
  }));
  return {
    count: customers.reduce((n, c) => n + c.items, 0),
    byCustomer: customers,
    byAgeDays: byAge.map((r) => ({ ageDays: num(r.age), amountMinor: num(r.amount) })),
    largest: largest.map((r) => ({
      requestId: String(r.request_id),
      customerId: String(r.customer_id),
      invoice: (r.invoice_number as string | null) ?? null,
      onAccount: (r.on_account_id as string | null) ?? null,
      amountMinor: num(r.amount_minor),
    })),
  };
}

export async function listReversals(tx: PgTx, w: Window): Promise<ReversalFact[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    tx,
    sql`SELECT r.id, r.total_minor, e.created_at_ms FROM journal_entries e
      JOIN write_off_requests r ON r.id = e.request_id
      WHERE e.kind = 'reversal' AND ${inWindow('e.created_at_ms', w)}
      ORDER BY e.created_at_ms, r.id`,
  );
  return rows.map((r) => ({
    requestId: String(r.id),
    totalMinor: num(r.total_minor),
    atMs: num(r.created_at_ms),
  }));
}

/**
 * Requests submitted before `endMs` that were still pending at `endMs`: a request left pending
 * when it was decided or first marked stale, whichever came first.
 */
export async function listPendingAt(tx: PgTx, endMs: number): Promise<SubmittedRequestFact[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    tx,
    sql`SELECT * FROM (
        SELECT r.id, r.total_minor, r.created_at_ms,
          CASE WHEN r.status = 'pending' THEN NULL ELSE least(
            coalesce(r.decided_at_ms, ${NEVER_MS}),
            coalesce((SELECT min(a.at_ms) FROM audit_log a WHERE a.request_id = r.id
              AND a.action IN ('stale', 'request_stale')), ${NEVER_MS}))
          END AS left_pending, r.slack_channel, r.slack_ts
        FROM write_off_requests r
        WHERE r.created_at_ms < ${endMs} AND r.status <> 'draft') AS submitted
      WHERE left_pending IS NULL OR left_pending >= ${endMs}
      ORDER BY created_at_ms, id`,
  );
  return rows.map((r) => {
    const channel = (r.slack_channel as string | null) ?? null;
    const ts = (r.slack_ts as string | null) ?? null;
    return {
      requestId: String(r.id),
      totalMinor: num(r.total_minor),
      submittedAtMs: num(r.created_at_ms),
      leftPendingAtMs: num(r.left_pending, 'nullable'),
      thread: channel === null || ts === null ? null : { channel, ts },
    };
  });
}

export async function listDecisions(tx: PgTx, w: Window): Promise<DecisionFact[]> {
  const rejected = await rowsOf<Record<string, unknown>>(
    tx,
    sql`SELECT id, decided_at_ms AS at FROM write_off_requests
      WHERE status = 'rejected' AND ${inWindow('decided_at_ms', w)} ORDER BY decided_at_ms, id`,
  );
  const stale = await rowsOf<Record<string, unknown>>(
    tx,
    sql`SELECT request_id AS id, min(at_ms) AS at FROM audit_log
      WHERE action IN ('stale', 'request_stale') AND ${inWindow('at_ms', w)}
      GROUP BY request_id ORDER BY request_id`,
  );
  const fact = (kind: DecisionFact['kind']) => (r: Record<string, unknown>) => ({
    requestId: String(r.id),
    atMs: num(r.at),
    kind,
  });
  return [...rejected.map(fact('rejected')), ...stale.map(fact('stale'))];
}

/** Every written-off line of the requests posted in the window, in posting order (paged). */
export async function* iteratePostedLines(tx: PgTx, w: Window): AsyncGenerator<PostedLineRow> {
  let after: SQL = sql`TRUE`;
  for (;;) {
    const page = await rowsOf<Record<string, unknown>>(
      tx,
      sql`SELECT r.id, e.created_at_ms, r.write_off_on, r.requester, l.seq, l.customer_id,
          c.name AS customer_name, l.invoice_number, l.line, l.on_account_id,
          coalesce(i.invoice_on, o.item_on) AS item_on, l.amount_minor, l.tax_minor,
          l.retainage_minor, l.finance_charge_minor, l.account
        FROM journal_entries e
        JOIN write_off_requests r ON r.id = e.request_id
        JOIN write_off_request_lines l ON l.request_id = r.id
        JOIN customers c ON c.id = l.customer_id
        LEFT JOIN invoices i ON i.number = l.invoice_number
        LEFT JOIN on_account_items o ON o.id = l.on_account_id
        WHERE e.kind = 'write_off' AND ${inWindow('e.created_at_ms', w)} AND ${after}
        ORDER BY e.created_at_ms, r.id, l.seq LIMIT ${LINES_PER_PAGE}`,
    );
    for (const r of page) yield toPostedLine(r);
    const last = page.at(-1);
    if (page.length < LINES_PER_PAGE || last === undefined) return;
    after = sql`(e.created_at_ms, r.id, l.seq) > (${num(last.created_at_ms)}, ${String(last.id)},
      ${num(last.seq)})`;
  }
}

function toPostedLine(r: Record<string, unknown>): PostedLineRow {
  return {
    requestId: String(r.id),
    postedAtMs: num(r.created_at_ms),
    writeOffOn: String(r.write_off_on),
    requester: String(r.requester),
    customerId: String(r.customer_id),
    customerName: String(r.customer_name),
    invoice: (r.invoice_number as string | null) ?? null,
    line: num(r.line, 'nullable'),
    onAccount: (r.on_account_id as string | null) ?? null,
    itemOn: (r.item_on as string | null) ?? null,
    amountMinor: num(r.amount_minor),
    taxMinor: num(r.tax_minor),
    retainageMinor: num(r.retainage_minor),
    financeChargeMinor: num(r.finance_charge_minor),
    account: String(r.account),
  };
}
