// Reads for split detection (docs/decisions/225-split-detection.md): one requester's requests for
// one customer since a time, with their gross amounts and invoices. No rules here.
import { eq, sql } from 'drizzle-orm';
import { sessionOf, type Tx } from './client.ts';
import { writeOffRequests } from './schema.ts';

export interface SplitCandidateRow {
  readonly requestId: string;
  readonly requester: string;
  readonly customerId: string | null;
  readonly status: string;
  readonly createdAtMs: number;
  readonly grossMinor: number;
  readonly invoices: readonly string[];
}

/** Uses write_off_requests_requester_idx (requester, created_at_ms). */
export function listSplitCandidates(
  tx: Tx,
  requester: string,
  customerId: string,
  sinceMs: number,
): SplitCandidateRow[] {
  const rows = sessionOf(tx).all<{
    id: string;
    requester: string;
    customer_id: string | null;
    status: string;
    created_at_ms: number;
    gross_minor: number | null;
    invoices: string | null;
  }>(
    // One row per request: gross = Σ|line amount|, invoices as a \u0001-separated list.
    sqlText(requester, customerId, sinceMs),
  );
  return rows.map((r) => ({
    requestId: r.id,
    requester: r.requester,
    customerId: r.customer_id,
    status: r.status,
    createdAtMs: r.created_at_ms,
    grossMinor: r.gross_minor ?? 0,
    invoices: r.invoices === null ? [] : [...new Set(r.invoices.split('\u0001'))],
  }));
}

function sqlText(requester: string, customerId: string, sinceMs: number) {
  return sql`
    SELECT r.id, r.requester, r.customer_id, r.status, r.created_at_ms,
      (SELECT sum(abs(l.amount_minor)) FROM write_off_request_lines l
        WHERE l.request_id = r.id) AS gross_minor,
      (SELECT group_concat(l.invoice_number, char(1)) FROM write_off_request_lines l
        WHERE l.request_id = r.id AND l.invoice_number IS NOT NULL) AS invoices
    FROM write_off_requests r
    WHERE r.requester = ${requester} AND r.created_at_ms >= ${sinceMs}
      AND r.customer_id = ${customerId}
    ORDER BY r.created_at_ms, r.id`;
}

/** Stores a request's split-detection warning (JSON). */
export function updateSplitJson(tx: Tx, requestId: string, json: string): void {
  sessionOf(tx)
    .update(writeOffRequests)
    .set({ splitJson: json })
    .where(eq(writeOffRequests.id, requestId))
    .run();
}
