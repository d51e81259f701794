// The storage boundary (docs/decisions/240-store-boundary.md): what everything outside src/db/
// knows of the database. A Store runs a function in one transaction and hands it the
// transaction type `Tx` that repos accept; the operations that need the file or the connection
// (the preview worker's path, backups, the health probe) are named here, so no caller reaches
// the driver.
import {
  isBusyError,
  openDatabase,
  openDatabaseReadOnly,
  openTestDatabase,
  type Tx,
} from './client.ts';
import { isPgLockedError, pgStore } from './pg-store.ts';
import { sqliteStore } from './sqlite-store.ts';
import type { Store, StoreLocation, WriteProbe } from './tx.ts';

export type { Store, StoreLocation, Tx, WriteProbe };

/** True when `error` means another process holds the write lock: run the use-case again. */
export function isLockedError(error: unknown): boolean {
  return isBusyError(error) || isPgLockedError(error);
}

/** A database target given as text: a postgres:// URL rather than a file path (ADR 300). */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/**
 * Opens the PostgreSQL database at `url` (postgres://…) through a bridge thread and migrates it
 * (docs/decisions/300-postgresql-behind-the-synchronous-store.md). Failures name the server
 * without its password.
 */
export function openPostgresStore(url: string): Store {
  const opener = { module: new URL('./pg/bridge-open.ts', import.meta.url).href, arg: url };
  return pgStore(opener, { shareable: true });
}

/** Opens, in this thread, the database another store's `location()` names. */
export function openStoreAt(location: StoreLocation): Store {
  return location.kind === 'sqlite'
    ? openStore(location.path)
    : pgStore(location.opener, { shareable: true });
}

/**
 * Opens (creating it 0600 when missing; its directory must exist) and migrates the database file
 * at `path`. Failures are the explained errors of db/open-problems.ts.
 */
export function openStore(path: string): Store {
  return sqliteStore(openDatabase(path));
}

/** Opens an existing database for reading only: nothing is created, migrated or written. */
export function openStoreReadOnly(path: string): Store {
  return sqliteStore(openDatabaseReadOnly(path));
}

/** A fresh private in-memory database with the real migrations (tests). */
export function openMemoryStore(): Store {
  return sqliteStore(openTestDatabase());
}
