// The PostgreSQL Store (docs/decisions/300-postgresql-behind-the-synchronous-store.md): the same
// synchronous interface as the SQLite one, over a bridge thread that owns the connections.
// `write` opens one READ COMMITTED transaction (nested calls are savepoints) and runs the whole
// use-case again when it lost a deadlock or serialization race; every statement in it may have
// seen data that is gone.
import type { BridgeOpener } from './bridge-protocol.ts';
import { PgBridge, PgBridgeError } from './pg-bridge.ts';
import type { Store, Tx, WriteProbe } from './tx.ts';

const BRIDGE = Symbol('pg-bridge');

interface PgTxObject {
  readonly [BRIDGE]: PgBridge;
}

/** The bridge a Tx runs on, or undefined for a SQLite Tx: repos dispatch on this. */
export function bridgeOf(tx: Tx): PgBridge | undefined {
  return (tx as unknown as Partial<PgTxObject>)[BRIDGE];
}

/** SQLSTATE: lost a deadlock or serialization race; the transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);
/**
 * A unique key taken by a transaction that committed while this one ran (two instances
 * submitting for the same invoice): run again, the use-case then sees the winner's rows and
 * answers as it does on SQLite, where the write lock orders the two.
 */
const UNIQUE_VIOLATION = '23505';
/** Also "locked": a row lock not granted within the lock timeout (a serving process). */
const LOCK_NOT_AVAILABLE = '55P03';
const ATTEMPTS = 5;

/** True when another transaction held what this one needed: run the use-case again later. */
export function isPgLockedError(error: unknown): boolean {
  return (
    error instanceof PgBridgeError &&
    (error.code === LOCK_NOT_AVAILABLE || RETRYABLE.has(error.code ?? ''))
  );
}

/**
 * How long a statement of a serving process waits for another instance's row lock before the
 * use-case is rolled back and retried asynchronously (whenUnlocked, ADR 120): the main thread
 * waits while the bridge does, so the wait is kept short.
 */
export const SERVER_LOCK_TIMEOUT_MS = 50;

/**
 * A PostgreSQL store over its own bridge thread. `shareable`: other threads may open the same
 * database from `opener` (a server; not PGlite in tests, which lives in one thread).
 */
export function pgStore(opener: BridgeOpener, options: { shareable?: boolean } = {}): Store {
  const bridge = new PgBridge(opener);
  const tx = { [BRIDGE]: bridge } as unknown as Tx;
  let depth = 0;
  const run = <T>(fn: (tx: Tx) => T, readOnly: boolean): T => {
    for (let attempt = 1; ; attempt++) {
      bridge.send({ op: 'begin', readOnly });
      depth += 1;
      let result: T;
      try {
        result = fn(tx);
      } catch (error) {
        depth -= 1;
        rollbackQuietly(bridge);
        if (depth > 0 || attempt >= ATTEMPTS || !isRetryable(error)) throw error;
        continue;
      }
      depth -= 1;
      try {
        bridge.send({ op: 'commit' });
        return result;
      } catch (error) {
        if (depth > 0 || attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      }
    }
  };
  const store: Store = {
    read: (fn) => run(fn, true),
    write: (fn) => run(fn, false),
    // Outside any transaction, as on SQLite (ADR 281): each statement is its own and a repo's
    // own transaction a real one. One round trip to the bridge and one statement for the replay
    // guard's read instead of three and four (BEGIN, the read, COMMIT); the lock timeout of a
    // serving process holds there too (docs/decisions/395-pg-writeoff-post-ack-cpu.md).
    autocommit: (fn) => fn(tx),
    filePath: () => null,
    location: () => (options.shareable === true ? { kind: 'postgres', opener } : null),
    backupTo: () => {
      throw new Error(
        'a PostgreSQL database is backed up with pg_dump, not by writeoff (docs/operations.md)',
      );
    },
    probeWrite: (nowMs) => probe(bridge, nowMs),
    neverWaitForLocks: () => {
      bridge.send({ op: 'lock-timeout', ms: SERVER_LOCK_TIMEOUT_MS });
    },
    // PostgreSQL writes its WAL back itself, in its own processes (ADR 280 is SQLite's).
    leaveCheckpointsToAnotherThread: () => undefined,
    checkpoint: () => undefined,
    beginExclusive: (name) => bridge.send({ op: 'try-lock', name }).locked === true,
    endExclusive: (name) => {
      bridge.send({ op: 'unlock', name });
    },
    close: () => {
      // Closed from inside a transaction (only a use-case's own code can): roll every open
      // level back first, or the thread would take the close for a commit and wait forever.
      for (; depth > 0; depth -= 1) rollbackQuietly(bridge);
      bridge.close();
    },
  };
  pgBridges.set(store, bridge);
  return store;
}

function isRetryable(error: unknown): boolean {
  if (!(error instanceof PgBridgeError)) return false;
  return RETRYABLE.has(error.code ?? '') || error.code === UNIQUE_VIOLATION;
}

function rollbackQuietly(bridge: PgBridge): void {
  try {
    bridge.send({ op: 'rollback' });
  } catch {
    // The transaction is gone with its connection; the server rolled it back.
  }
}

function probe(bridge: PgBridge, nowMs: number): WriteProbe {
  try {
    return bridge.callRepo('ledger-state', 'probeWrite', [nowMs]) as WriteProbe;
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The connection outside any transaction, as a Tx (tests and tools; each statement commits). */
export function pgAutocommitTx(store: Store): Tx {
  const bridge = pgBridges.get(store);
  if (bridge === undefined) throw new Error('pgAutocommitTx: not a PostgreSQL store');
  return { [BRIDGE]: bridge } as unknown as Tx;
}

const pgBridges = new WeakMap<Store, PgBridge>();
