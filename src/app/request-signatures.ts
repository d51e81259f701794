// The replay check shared by every process on one database (ADR 106): a signed Slack request is
// handled once. It never waits for the database: when another process holds the write lock the
// answer is "unknown" and the caller relies on its in-process memory instead.
import { isBusyError, transaction } from '../db/client.ts';
import { deleteExpiredSignatures, recordSignature } from '../db/request-signatures.repo.ts';
import type { AppDeps } from './deps.ts';

/** 'first' the first time, 'seen' for a replay, 'unknown' when the database is locked. */
export function rememberRequestSignature(
  deps: Pick<AppDeps, 'database'>,
  signature: string,
  expiresAtSec: number,
  nowSec: number,
): 'first' | 'seen' | 'unknown' {
  try {
    return transaction(deps.database, (tx) => {
      // Expired rows go first (an index range, usually empty), so the table holds one window.
      deleteExpiredSignatures(tx, nowSec);
      return recordSignature(tx, signature, expiresAtSec) ? 'first' : 'seen';
    });
  } catch (error) {
    if (isBusyError(error)) return 'unknown';
    throw error;
  }
}
