import type { BridgeEffects } from './bridge-effects.ts';

// What the main thread and the PostgreSQL bridge thread say to each other
// (docs/decisions/300-postgresql-behind-the-synchronous-store.md). Plain data only: every
// message is structured-cloned across the MessagePort.

/**
 * Where the bridge thread gets its database: a module exporting `openBridgeDatabase(arg)`, and
 * `openBridgePassLocks(arg)` when passes may run on several instances (ADR 295), and optionally
 * `bridgeRepos`, repositories callable beside the twins (tests: raw SQL, a reset).
 */
export interface BridgeOpener {
  /** file: URL of the module (production: src/db/pg/bridge-open.ts; tests: a PGlite opener). */
  readonly module: string;
  /** Passed to `openBridgeDatabase`: the postgres:// URL in production. */
  readonly arg: string;
}

/** Job passes that run on one instance at a time (docs/decisions/295-cluster-wide-job-passes.md). */
export type ExclusivePass = 'digest';

export interface BridgeWorkerData {
  readonly opener: BridgeOpener;
  /** Int32Array[0]: 0 while the main thread waits, 1 once the reply is on the port. */
  readonly signal: SharedArrayBuffer;
}

export type BridgeCommand =
  | { readonly op: 'begin'; readonly readOnly: boolean }
  | { readonly op: 'commit' }
  | { readonly op: 'rollback' }
  | { readonly op: 'call'; readonly repo: string; readonly fn: string; readonly args: unknown[] }
  | {
      readonly op: 'invoke';
      readonly id: number;
      readonly method: string;
      readonly args: unknown[];
    }
  | { readonly op: 'next-batch'; readonly id: number; readonly max: number }
  | { readonly op: 'release'; readonly id: number }
  | { readonly op: 'lock-timeout'; readonly ms: number }
  | { readonly op: 'try-lock'; readonly name: ExclusivePass }
  | { readonly op: 'unlock'; readonly name: ExclusivePass }
  | { readonly op: 'close' };

/** A value the bridge could not send as data stays in the thread, named by a handle. */
export type BridgeValue =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'iterator'; readonly id: number }
  | { readonly kind: 'object'; readonly id: number; readonly methods: readonly string[] };

export interface BridgeFailure {
  readonly message: string;
  /** The server's SQLSTATE when there is one (23505 unique violation, 40P01 deadlock…). */
  readonly code?: string;
}

export type BridgeReply =
  | {
      readonly ok: true;
      readonly result?: BridgeValue;
      readonly items?: unknown[];
      readonly done?: boolean;
      /** try-lock: whether this instance now holds the pass's lock. */
      readonly locked?: boolean;
      /** What the call (or this batch of a stream) did to its arguments. */
      readonly effects?: BridgeEffects;
    }
  | { readonly ok: false; readonly failure: BridgeFailure };
