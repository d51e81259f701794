// Whole-ledger facts on PostgreSQL, the async twins of src/db/ledger-state.repo.ts: whether
// anything was ever imported or written (demo data goes only into an empty ledger, ADR 090) and
// whether the database takes a write now (/healthz).
import { sql } from 'drizzle-orm';
import type { WriteProbe } from '../ledger-state.repo.ts';
import { rowsOf } from './rows.ts';
import { putSetting } from './settings.repo.ts';
import type { PgTx } from './types.ts';

export type { WriteProbe };

export async function ledgerIsEmpty(tx: PgTx): Promise<boolean> {
  const rows = await rowsOf(
    tx,
    sql`SELECT 1 FROM imports UNION ALL SELECT 1 FROM write_off_requests
      UNION ALL SELECT 1 FROM journal_entries LIMIT 1`,
  );
  return rows.length === 0;
}

/**
 * Commits one tiny write (the `health_probe_at_ms` setting), so a read-only server, a full disk
 * or a broken connection shows up here before a user's write fails.
 */
export async function probeWrite(tx: PgTx, nowMs: number): Promise<WriteProbe> {
  try {
    await tx.transaction((t) => putSetting(t, 'health_probe_at_ms', String(nowMs)));
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
