// Counts an on-call person watches (docs/operations.md): read at scrape time, each an index
// lookup or a count over a small set (pending requests, unsent notifications).
import { sql } from 'drizzle-orm';
import { sessionOf, type Tx } from './client.ts';

export interface OperationalFigures {
  readonly outboxPending: number;
  readonly outboxFailed: number;
  readonly pendingRequests: number;
  /** created_at_ms of the oldest pending request, null when none is pending. */
  readonly oldestPendingCreatedAtMs: number | null;
  readonly postings: number;
  readonly reversals: number;
}

export function readOperationalFigures(tx: Tx): OperationalFigures {
  const outbox = sessionOf(tx).all<{ status: string; n: number }>(
    sql`SELECT status, count(*) AS n FROM slack_outbox WHERE status IN ('pending', 'failed') GROUP BY status`,
  );
  const pending = sessionOf(tx).get<{ n: number; oldest: number | null }>(
    sql`SELECT count(*) AS n, min(created_at_ms) AS oldest FROM write_off_requests WHERE status = 'pending'`,
  );
  const entries = sessionOf(tx).all<{ kind: string; n: number }>(
    sql`SELECT kind, count(*) AS n FROM journal_entries GROUP BY kind`,
  );
  const byStatus = new Map(outbox.map((r) => [r.status, r.n]));
  const byKind = new Map(entries.map((r) => [r.kind, r.n]));
  return {
    outboxPending: byStatus.get('pending') ?? 0,
    outboxFailed: byStatus.get('failed') ?? 0,
    pendingRequests: pending?.n ?? 0,
    oldestPendingCreatedAtMs: pending?.oldest ?? null,
    postings: byKind.get('write_off') ?? 0,
    reversals: byKind.get('reversal') ?? 0,
  };
}
