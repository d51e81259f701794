// One IMMEDIATE transaction per use-case. A use-case returns a Result; returning an error
// still commits (a stale request must stay stale), while `abort(error)` rolls back everything
// written so far and returns the error: nothing half-written.
import { type Tx, transaction } from '../db/client.ts';
import type { Result } from '../domain/types.ts';
import { err } from '../domain/types.ts';
import type { AppDeps, AppError } from './deps.ts';

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
    return transaction(deps.database, (tx) => fn(tx, nowMs), 'immediate');
  } catch (error) {
    if (error instanceof Aborted) return err(error.appError);
    throw error;
  }
}
