// The storage boundary (docs/decisions/240-store-boundary.md): what everything outside src/db/
// knows of the database. A Store runs a function in one transaction and hands it the
// transaction type `Tx` that repos accept; the operations that need the file or the connection
// (the preview worker's path, backups, the health probe) are named here, so no caller reaches
// the driver.
import { snapshotInto } from './backup.ts';
import {
  type Database,
  databaseFilePath,
  isBusyError,
  SERVER_BUSY_TIMEOUT_MS,
  setBusyTimeout,
  type Tx,
  transaction,
} from './client.ts';
import { probeWrite, type WriteProbe } from './ledger-state.repo.ts';

export type { Tx, WriteProbe };

/**
 * One database behind the use-cases. The SQLite store is synchronous: `read`/`write` run `fn`
 * inside one better-sqlite3 transaction and return its value; nested calls become savepoints.
 */
export interface Store {
  /** A deferred transaction: it never waits for the write lock. */
  read<T>(fn: (tx: Tx) => T): T;
  /** An IMMEDIATE transaction: for anything that reads and then writes (posting above all). */
  write<T>(fn: (tx: Tx) => T): T;
  /** The database file a worker thread may open itself; null when there is none to share. */
  filePath(): string | null;
  /** A consistent copy of the live database at `target` (which must not exist), mode 0600. */
  backupTo(target: string): void;
  /** Commits one tiny write, so an unwritable database shows before a user's write fails. */
  probeWrite(nowMs: number): WriteProbe;
  /** From now on a locked database fails at once instead of sleeping (a serving process). */
  neverWaitForLocks(): void;
  close(): void;
}

/** True when `error` means another process holds the write lock: run the use-case again. */
export function isLockedError(error: unknown): boolean {
  return isBusyError(error);
}

/** The SQLite store over an open database: one store per connection. */
export function sqliteStore(database: Database): Store {
  const known = stores.get(database);
  if (known !== undefined) return known;
  const store: Store = {
    read: (fn) => transaction(database, fn, 'deferred'),
    write: (fn) => transaction(database, fn, 'immediate'),
    filePath: () => databaseFilePath(database),
    backupTo: (target) => snapshotInto(database, target),
    probeWrite: (nowMs) => probeWrite(database, nowMs),
    neverWaitForLocks: () => setBusyTimeout(database, SERVER_BUSY_TIMEOUT_MS),
    close: () => database.close(),
  };
  stores.set(database, store);
  return store;
}

const stores = new WeakMap<Database, Store>();
