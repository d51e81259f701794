// Signatures of Slack requests already handled (ADR 200, which updates 106): one row per
// signature until its replay window closes; expired rows are dropped as new ones arrive.
// Prepared statements on the raw handle: the read runs on every request before its ack, the
// write once per batch right after.
import { connectionOf, statementCache, type Tx } from './client.ts';
import type { Connection } from './tx.ts';

const statementsOf = statementCache((sqlite: Connection['sqlite']) => {
  const insert = sqlite.prepare(
    'INSERT INTO slack_request_signatures (signature, expires_at_sec) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const deleteExpired = sqlite.prepare(
    'DELETE FROM slack_request_signatures WHERE expires_at_sec < ?',
  );
  return {
    seen: sqlite.prepare(
      'SELECT 1 FROM slack_request_signatures WHERE signature = ? AND expires_at_sec >= ?',
    ),
    // One transaction per batch, built once per connection (no query builder on this path).
    record: sqlite.transaction((rows: readonly SignatureRow[], nowSec: number): string[] => {
      deleteExpired.run(nowSec);
      return rows
        .filter((row) => insert.run(row.signature, row.expiresAtSec).changes === 0)
        .map((row) => row.signature);
    }),
  };
});

/** True when `signature` is recorded and its window is still open at `nowSec`. A read only. */
export function signatureRecorded(tx: Tx, signature: string, nowSec: number): boolean {
  const database = connectionOf(tx);
  return statementsOf(database).seen.get(signature, nowSec) !== undefined;
}

export interface SignatureRow {
  readonly signature: string;
  readonly expiresAtSec: number;
}

/**
 * Records `rows` and drops expired ones (an index range, usually empty) in one immediate
 * transaction; returns the signatures that were already recorded (by another process).
 */
export function recordSignatures(tx: Tx, rows: readonly SignatureRow[], nowSec: number): string[] {
  const database = connectionOf(tx);
  return statementsOf(database).record.immediate(rows, nowSec);
}
