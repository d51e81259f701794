// One IMMEDIATE transaction per use-case. A use-case returns a Result; returning an error
// still commits (a stale request must stay stale), while `abort(error)` rolls back everything
// written so far and returns the error: nothing half-written.
import { setTimeout as sleep } from 'node:timers/promises';
import { isLockedError, type Tx } from '../db/store.ts';
import type { AppError } from '../domain/request-errors.ts';
import type { Result } from '../domain/types.ts';
import { err } from '../domain/types.ts';
import type { AppDeps } from './deps.ts';

class Aborted extends Error {
  constructor(readonly appError: AppError) {
    super(`use-case aborted: ${appError.kind}`);
  }
}

/** Rolls back the current use-case transaction and makes it return `error`. */
export function abort(error: AppError): never {
  throw new Aborted(error);
}

export function inTransaction<T>(
  deps: AppDeps,
  fn: (tx: Tx, nowMs: number) => Result<T, AppError>,
): Result<T, AppError> {
  const nowMs = deps.now().getTime();
  try {
    return deps.store.write((tx) => fn(tx, nowMs));
  } catch (error) {
    if (error instanceof Aborted) return err(error.appError);
    throw error;
  }
}

/**
 * One IMMEDIATE transaction around a use-case that answers a Slack interaction with an outcome
 * value (not a Result): every read and write of the interaction is inside it, and use-cases it
 * calls nest as savepoints (docs/decisions/205-one-use-case-per-interaction.md).
 */
export function inOneTransaction<T>(
  deps: AppDeps,
  fn: () => T,
  /** 'deferred' for a use-case that only reads: it never waits for the write lock. */
  mode: 'immediate' | 'deferred' = 'immediate',
): T {
  return mode === 'immediate' ? deps.store.write(() => fn()) : deps.store.read(() => fn());
}

/** Waits for another process's write lock so far in this process (GET /metrics reports it). */
let busyWaits = 0;

export function busyWaitsSoFar(): number {
  return busyWaits;
}

/** Pauses between attempts while another process holds the write lock (then 250 ms each). */
const BUSY_BACKOFF_MS = [5, 10, 20, 40, 80, 160, 250] as const;

/** Long enough for a large import to commit (about 15 s for 100k invoices). */
export const BUSY_BUDGET_MS = 30_000;

/** Before an acknowledgement: Slack gives up after 3 s, so stop waiting well before that. */
export const BEFORE_ACK_BUSY_BUDGET_MS = 2_000;

/**
 * Runs a synchronous use-case from code on the event loop (Slack listeners, jobs). When another
 * process holds the write lock the use-case fails at once (the serving connection has no busy
 * timeout) and is rolled back whole, so it is simply run again after an asynchronous pause:
 * other requests are served meanwhile. After `budgetMs` the "database is locked" error is
 * thrown (docs/decisions/120-event-loop-rule.md).
 */
export async function whenUnlocked<T>(useCase: () => T, budgetMs = BUSY_BUDGET_MS): Promise<T> {
  const startedMs = performance.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return useCase();
    } catch (error) {
      if (!isLockedError(error) || performance.now() - startedMs >= budgetMs) throw error;
    }
    busyWaits += 1;
    await sleep(BUSY_BACKOFF_MS[Math.min(attempt, BUSY_BACKOFF_MS.length - 1)]);
  }
}

/** For messages: the database stayed locked by another process (see whenUnlocked). */
export function isDatabaseLocked(error: unknown): boolean {
  return isLockedError(error);
}
