// Signatures of Slack requests already handled (ADR 106): one row per signature until its
// replay window closes; expired rows are dropped as new ones arrive.
import { lt } from 'drizzle-orm';
import type { Tx } from './client.ts';
import { slackRequestSignatures } from './schema.ts';

/** Records `signature`; false when it is already recorded (delete expired rows first). */
export function recordSignature(tx: Tx, signature: string, expiresAtSec: number): boolean {
  const inserted = tx
    .insert(slackRequestSignatures)
    .values({ signature, expiresAtSec })
    .onConflictDoNothing()
    .run();
  return inserted.changes === 1;
}

export function deleteExpiredSignatures(tx: Tx, nowSec: number): number {
  return tx
    .delete(slackRequestSignatures)
    .where(lt(slackRequestSignatures.expiresAtSec, nowSec))
    .run().changes;
}
