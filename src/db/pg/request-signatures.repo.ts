// Signatures of Slack requests already handled, on PostgreSQL: the async twin of
// src/db/request-signatures.repo.ts. The primary key decides which instance handles a replayed
// request: the one whose insert lands; the others learn that it was recorded already.
import { sql } from 'drizzle-orm';
import type { SignatureRow } from '../request-signatures.repo.ts';
import { rowsOf } from './rows.ts';
import type { PgTx } from './types.ts';

export type { SignatureRow };

/** True when `signature` is recorded and its window is still open at `nowSec`. A read only. */
export async function signatureRecorded(
  tx: PgTx,
  signature: string,
  nowSec: number,
): Promise<boolean> {
  const rows = await rowsOf(
    tx,
    sql`SELECT 1 FROM slack_request_signatures
      WHERE signature = ${signature} AND expires_at_sec >= ${nowSec}`,
  );
  return rows.length > 0;
}

/**
 * Records `rows` and drops expired ones in one transaction (two statements, whatever the batch
 * size); returns the signatures that were already recorded, by another instance or earlier in
 * the same batch.
 */
export async function recordSignatures(
  tx: PgTx,
  rows: readonly SignatureRow[],
  nowSec: number,
): Promise<string[]> {
  return tx.transaction(async (t) => {
    await t.execute(sql`DELETE FROM slack_request_signatures WHERE expires_at_sec < ${nowSec}`);
    if (rows.length === 0) return [];
    const signatures = rows.map((r) => r.signature);
    const expiries = rows.map((r) => r.expiresAtSec);
    const inserted = await rowsOf<{ signature: string }>(
      t,
      sql`INSERT INTO slack_request_signatures (signature, expires_at_sec)
        SELECT * FROM unnest(${sql.param(signatures)}::text[], ${sql.param(expiries)}::bigint[])
        ON CONFLICT DO NOTHING RETURNING signature`,
    );
    const mine = new Set(inserted.map((r) => r.signature));
    return signatures.filter((signature) => !mine.delete(signature));
  });
}
