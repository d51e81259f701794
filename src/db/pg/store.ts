// The PostgreSQL side of the storage boundary (src/db/store.ts, docs/decisions/206-storage-boundary.md):
// the same operations as the SQLite `Store`, asynchronous. `write` runs the function in one
// transaction and runs it again after a deadlock or serialization failure (pgTransaction);
// `read` runs it in a read-only transaction. Nothing outside src/db/ sees the driver.
import type { WriteProbe } from '../ledger-state.repo.ts';
import type { PgDatabaseHandle } from './client.ts';
import { probeWrite } from './ledger-state.repo.ts';
import { type PgTransactionTx, pgTransaction } from './transaction.ts';

export interface PgStore {
  /** A read-only transaction. */
  read<T>(fn: (tx: PgTransactionTx) => Promise<T>): Promise<T>;
  /** A read-write transaction, run again when it lost a deadlock or serialization race. */
  write<T>(fn: (tx: PgTransactionTx) => Promise<T>): Promise<T>;
  /** There is no file to share: a worker opens its own connection (null, as SQLite in memory). */
  filePath(): null;
  /** Commits one tiny write, so an unwritable database shows before a user's write fails. */
  probeWrite(nowMs: number): Promise<WriteProbe>;
  /** Row locks are waited for by the server, not by the event loop: nothing to change. */
  neverWaitForLocks(): void;
  close(): Promise<void>;
}

export function pgStore(handle: PgDatabaseHandle): PgStore {
  return {
    read: (fn) => handle.db.transaction(fn, { accessMode: 'read only' }),
    write: (fn) => pgTransaction(handle.db, fn),
    filePath: () => null,
    probeWrite: (nowMs) => probeWrite(handle.db, nowMs),
    neverWaitForLocks: () => {},
    close: () => handle.close(),
  };
}
