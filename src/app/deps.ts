// What every use-case receives: the store (docs/decisions/240-store-boundary.md) and the clock.
// Use-cases take (deps, input) and return Result<…, AppError>; they never read env, and their only notion of "now" is
// `deps.now()` (tests pass a fixed instant). Their errors (AppError) and the sentences for them
// are in the one catalogue, src/domain/request-errors.ts beside src/domain/errors.ts.
import type { Store } from '../db/store.ts';

export interface AppDeps {
  readonly store: Store;
  readonly now: () => Date;
}

/**
 * Where a step came from in Slack, for the audit trail (docs/write-off-rules.md#approval: "from
 * which Slack message").
 */
export interface SlackRef {
  readonly channel: string;
  readonly ts: string;
}

// The error catalogue lives in domain/request-errors.ts (one place for Slack and the CLI); these
// names stay importable from here so use-cases can keep taking their types from their deps.
export type { AppError, AppErrorKind } from '../domain/request-errors.ts';
export { describeAppError, describeAppErrors } from '../domain/request-errors.ts';
