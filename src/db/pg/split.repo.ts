// Reads for split detection on PostgreSQL, the async twin of src/db/split.repo.ts
// (docs/decisions/225-split-detection.md).
import { eq, sql } from 'drizzle-orm';
import type { SplitCandidateRow } from '../split.repo.ts';
import { num, rowsOf } from './rows.ts';
import { writeOffRequests } from './schema.ts';
import type { PgTx } from './types.ts';

export type { SplitCandidateRow };

/** Uses write_off_requests_requester_idx (requester, created_at_ms). */
export async function listSplitCandidates(
  tx: PgTx,
  requester: string,
  customerId: string,
  sinceMs: number,
): Promise<SplitCandidateRow[]> {
  // One row per request: gross = Σ|line amount|, the invoices in line order.
  const rows = await rowsOf<Record<string, unknown>>(
    tx,
    sql`SELECT r.id, r.requester, r.customer_id, r.status, r.created_at_ms,
        (SELECT sum(abs(l.amount_minor)) FROM write_off_request_lines l
          WHERE l.request_id = r.id) AS gross_minor,
        ARRAY(SELECT l.invoice_number FROM write_off_request_lines l
          WHERE l.request_id = r.id AND l.invoice_number IS NOT NULL ORDER BY l.seq) AS invoices
      FROM write_off_requests r
      WHERE r.requester = ${requester} AND r.created_at_ms >= ${sinceMs}
        AND r.customer_id = ${customerId}
      ORDER BY r.created_at_ms, r.id`,
  );
  return rows.map((r) => ({
    requestId: String(r.id),
    requester: String(r.requester),
    customerId: (r.customer_id as string | null) ?? null,
    status: String(r.status),
    createdAtMs: num(r.created_at_ms),
    grossMinor: num(r.gross_minor),
    invoices: [...new Set(r.invoices as string[])],
  }));
}

/** Stores a request's split-detection warning (JSON). */
export async function updateSplitJson(tx: PgTx, requestId: string, json: string): Promise<void> {
  await tx
    .update(writeOffRequests)
    .set({ splitJson: json })
    .where(eq(writeOffRequests.id, requestId));
}
