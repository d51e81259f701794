// Counts an on-call person watches, on PostgreSQL: the async twin of
// src/db/operational-figures.repo.ts.
import { sql } from 'drizzle-orm';
import type { OperationalFigures } from '../operational-figures.repo.ts';
import { num, rowsOf } from './rows.ts';
import type { PgTx } from './types.ts';

export type { OperationalFigures };

export async function readOperationalFigures(tx: PgTx): Promise<OperationalFigures> {
  const outbox = await rowsOf<{ status: string; n: unknown }>(
    tx,
    sql`SELECT status, count(*) AS n FROM slack_outbox
      WHERE status IN ('pending', 'failed') GROUP BY status`,
  );
  const [pending] = await rowsOf<{ n: unknown; oldest: unknown }>(
    tx,
    sql`SELECT count(*) AS n, min(created_at_ms) AS oldest FROM write_off_requests
      WHERE status = 'pending'`,
  );
  const entries = await rowsOf<{ kind: string; n: unknown }>(
    tx,
    sql`SELECT kind, count(*) AS n FROM journal_entries GROUP BY kind`,
  );
  const byStatus = new Map(outbox.map((r) => [r.status, num(r.n)]));
  const byKind = new Map(entries.map((r) => [r.kind, num(r.n)]));
  return {
    outboxPending: byStatus.get('pending') ?? 0,
    outboxFailed: byStatus.get('failed') ?? 0,
    pendingRequests: num(pending?.n),
    oldestPendingCreatedAtMs: num(pending?.oldest, 'nullable'),
    postings: byKind.get('write_off') ?? 0,
    reversals: byKind.get('reversal') ?? 0,
  };
}
