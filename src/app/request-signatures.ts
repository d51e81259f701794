// The replay check shared by every process on one database (ADR 200, updating 106): a signed
// Slack request is handled once. On the way to the ack there is only a read (a prepared
// primary-key lookup, which never waits: WAL readers do not take the write lock); the durable
// write is queued and done in one transaction per event-loop turn, right after the acks of
// that turn, so no request waits for another request's write.

import {
  recordSignatures,
  type SignatureRow,
  signatureRecorded,
} from '../db/repos/request-signatures.ts';
import { isLockedError } from '../db/store.ts';
import type { AppDeps } from './deps.ts';

/** How soon a batch that found the database locked (an import) is tried again. */
export const SIGNATURE_RETRY_MS = 250;

export interface SharedSignatureLog {
  /** True when any process on the database recorded `signature` and its window is open. */
  seen(signature: string, nowSec: number): boolean;
  /** Queues `signature` for the next batch write (later this event-loop turn). */
  record(signature: string, expiresAtSec: number): void;
  /** Writes the queued signatures now; false when the database was locked (they stay queued). */
  flush(): boolean;
}

export interface SignatureLogOptions {
  /** The real clock in seconds (signature timestamps are real time). */
  readonly nowSec?: () => number;
  /** Told about what cannot be thrown from a timer: a failed batch, a cross-process race. */
  readonly warn: (message: string, error?: unknown) => void;
}

export function sharedSignatureLog(
  deps: Pick<AppDeps, 'store'>,
  options: SignatureLogOptions,
): SharedSignatureLog {
  const nowSec = options.nowSec ?? (() => Math.floor(Date.now() / 1000));
  let queued: SignatureRow[] = [];
  let scheduled = false;

  const flush = (): boolean => {
    scheduled = false;
    const now = nowSec();
    const rows = queued.filter((row) => row.expiresAtSec >= now);
    queued = [];
    if (rows.length === 0) return true;
    try {
      // The repo's own IMMEDIATE transaction, not one nested in a store transaction (ADR 281).
      const already = deps.store.autocommit((tx) => recordSignatures(tx, rows, now));
      // Another process handled the same signature within one batch of this one (ADR 200).
      for (const signature of already) {
        options.warn(`request signature ${signature.slice(0, 12)}… was handled by two processes`);
      }
      return true;
    } catch (error) {
      if (isLockedError(error)) {
        queued = [...rows, ...queued];
        schedule(SIGNATURE_RETRY_MS);
        return false;
      }
      options.warn(
        'could not record request signatures (replays stay refused in this process)',
        error,
      );
      return true;
    }
  };

  const schedule = (delayMs: number) => {
    if (scheduled) return;
    scheduled = true;
    // setImmediate runs after the I/O callbacks of this turn, i.e. after the acks they sent.
    if (delayMs === 0) setImmediate(flush);
    else setTimeout(flush, delayMs).unref();
  };

  return {
    seen(signature, now) {
      try {
        // One statement: no BEGIN and COMMIT around it (ADR 281).
        return deps.store.autocommit((tx) => signatureRecorded(tx, signature, now));
      } catch (error) {
        // Judged by this process's memory alone (the caller checks it first).
        if (isLockedError(error)) return false;
        throw error;
      }
    },
    record(signature, expiresAtSec) {
      queued.push({ signature, expiresAtSec });
      schedule(0);
    },
    flush,
  };
}
