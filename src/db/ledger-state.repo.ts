// Whole-ledger facts that no single repo owns: whether anything was ever imported or written
// (demo data goes only into an empty ledger, ADR 090) and whether the file takes a write now
// (/healthz).
import { sql } from 'drizzle-orm';
import { type Database, isBusyError, sessionOf, type Tx, transaction } from './client.ts';
import { putSetting } from './settings.repo.ts';
import type { WriteProbe } from './tx.ts';

export type { WriteProbe };

// Any import, request or journal entry makes the ledger "not empty".
const LEDGER_TABLES = ['imports', 'write_off_requests', 'journal_entries'] as const;

export function ledgerIsEmpty(tx: Tx): boolean {
  return LEDGER_TABLES.every((table) => {
    const row = sessionOf(tx).get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`));
    return Number(row?.n ?? 0) === 0;
  });
}

/**
 * Commits one tiny write (the `health_probe_at_ms` setting), so a read-only file, a full disk or
 * a broken connection shows up here before a user's write fails. Another process holding the
 * write lock is not a failure: the file is writable, just busy.
 */
export function probeWrite(database: Database, nowMs: number): WriteProbe {
  try {
    transaction(database, (tx) => putSetting(tx, 'health_probe_at_ms', String(nowMs)));
    return { ok: true };
  } catch (error) {
    if (isBusyError(error)) return { ok: true };
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
