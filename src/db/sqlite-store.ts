// The SQLite implementation of the Store (docs/decisions/240-store-boundary.md): each read or
// write is one better-sqlite3 transaction on the connection, nested calls are savepoints.
// Only db/ and tests import this module; the rest of the code opens stores through store.ts.
import { snapshotInto } from './backup.ts';
import {
  autocommitTx,
  checkpointPassive,
  type Database,
  databaseFilePath,
  SERVER_BUSY_TIMEOUT_MS,
  SERVING_CHECKPOINT_BACKSTOP_PAGES,
  setAutoCheckpointPages,
  setBusyTimeout,
  type Tx,
  transaction,
} from './client.ts';
import { probeWrite } from './ledger-state.repo.ts';
import type { Store } from './tx.ts';

/** The SQLite store over an open database: one store per connection. */
export function sqliteStore(database: Database): Store {
  const known = stores.get(database);
  if (known !== undefined) return known;
  const store: Store = {
    read: (fn) => transaction(database, fn, 'deferred'),
    write: (fn) => transaction(database, fn, 'immediate'),
    autocommit: (fn) => fn(autocommitTx(database)),
    filePath: () => databaseFilePath(database),
    location: () => {
      const path = databaseFilePath(database);
      return path === null ? null : { kind: 'sqlite', path };
    },
    backupTo: (target) => snapshotInto(database, target),
    probeWrite: (nowMs) => probeWrite(database, nowMs),
    neverWaitForLocks: () => setBusyTimeout(database, SERVER_BUSY_TIMEOUT_MS),
    leaveCheckpointsToAnotherThread: () =>
      setAutoCheckpointPages(database, SERVING_CHECKPOINT_BACKSTOP_PAGES),
    checkpoint: () => checkpointPassive(database),
    // One bot serves a SQLite file (db/running-bots.ts): its passes are exclusive already.
    beginExclusive: () => true,
    endExclusive: () => undefined,
    close: () => database.close(),
  };
  stores.set(database, store);
  databases.set(store, database);
  return store;
}

const stores = new WeakMap<Database, Store>();
const databases = new WeakMap<Store, Database>();

/**
 * The connection behind a SQLite store, outside any transaction, as a Tx: each statement
 * commits on its own. For tests that read or arrange rows directly; nothing outside src/db/
 * imports this module (test/architecture).
 */
export function txOf(source: Store | Database): Tx {
  return autocommitTx('db' in source ? source : databaseOf(source));
}

/** The connection behind a SQLite store, for tests that inspect the file with plain SQL. */
export function databaseOf(store: Store): Database {
  const database = databases.get(store);
  if (database === undefined) throw new Error('databaseOf: not a SQLite store');
  return database;
}
