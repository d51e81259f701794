// Opening the database: pragmas, then the committed migrations. better-sqlite3 types stay
// inside src/db/; the rest of the code sees a Store and its opaque Tx only (ADR 010, 240).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { createPrivateFile } from './files.ts';
import { applyMigrations, pending } from './migrate.ts';
import { declareScanAggregate } from './open-items-scan.ts';
import { explainOpenFailure, SchemaNotCurrent } from './open-problems.ts';
import * as schema from './schema.ts';
import { cacheStatements } from './statement-cache.ts';
import { type Connection, type Db, type Tx, txOver } from './tx.ts';

// Resolved from this file, not the cwd, so the CLI works from any directory.
export const MIGRATIONS_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../db/migrations',
);

export { connectionOf, sessionOf } from './tx.ts';
export type { Db, Tx };

export interface Database extends Connection {
  close(): void;
}

/**
 * The connection outside any transaction, as a Tx: each statement commits on its own. For
 * tests and read-only tools that call repos directly; use-cases go through a Store.
 */
export function autocommitTx(database: Database): Tx {
  return txOver(database, database.db);
}

/** How long a statement of a command-line process waits for another process's write lock. */
export const CLI_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating it 0600 when missing; its directory must exist) and migrates the database.
 * The busy timeout comes first: switching to WAL and migrating may wait for another process.
 */
export function openDatabase(path: string): Database {
  createPrivateFile(path);
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma(`busy_timeout = ${CLI_BUSY_TIMEOUT_MS}`);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  return wrapAndMigrate(sqlite);
}

/**
 * The bot serves every Slack request on one event loop, and a busy timeout is a synchronous
 * sleep on it: while waiting for another process's write lock it answers nothing. A serving
 * process therefore never sleeps on the lock (even a few ms per attempt adds up when many
 * requests wait); it fails at once and retries asynchronously (whenUnlocked in
 * src/app/use-case-tx.ts; docs/decisions/120-event-loop-rule.md).
 */
export const SERVER_BUSY_TIMEOUT_MS = 0;

export function setBusyTimeout(database: Database, ms: number): void {
  database.sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(ms))}`);
}

/**
 * SQLite copies the WAL back into the database file (a checkpoint, ending in an fsync) inside
 * whichever commit lets the WAL reach `wal_autocheckpoint` pages: on the thread that acks Slack
 * requests that was a stall of 2–50 ms every second or so under load. A serving process leaves
 * checkpoints to a connection on another thread and keeps this many pages as a backstop, reached
 * only if that thread stops checkpointing (docs/decisions/280-checkpoints-off-the-ack-thread.md).
 */
export const SERVING_CHECKPOINT_BACKSTOP_PAGES = 10_000;

export function setAutoCheckpointPages(database: Database, pages: number): void {
  database.sqlite.pragma(`wal_autocheckpoint = ${Math.max(0, Math.trunc(pages))}`);
}

/** A PASSIVE checkpoint: copies what it can without waiting for any reader or writer. */
export function checkpointPassive(database: Database): void {
  if (databaseFilePath(database) === null) return;
  database.sqlite.pragma('wal_checkpoint(PASSIVE)');
}

/** True for SQLite's "database is locked" (SQLITE_BUSY and its extended codes), even wrapped. */
export function isBusyError(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
  }
  return false;
}

/**
 * Opens an existing database for reading only: nothing is created, migrated or written (the
 * file keeps its bytes). A file that is not a SQLite database is a DatabasePathError; one
 * without the writeoff tables, or with an older schema, is a SchemaNotCurrent.
 */
export function openDatabaseReadOnly(path: string): Database {
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    sqlite = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    sqlite.pragma(`busy_timeout = ${CLI_BUSY_TIMEOUT_MS}`);
    const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
    const missing = pending(sqlite, migrations).length;
    if (missing > 0) throw new SchemaNotCurrent(path, missing === migrations.length);
  } catch (error) {
    sqlite?.close();
    throw error instanceof SchemaNotCurrent ? error : explainOpenFailure(path, error);
  }
  const readOnly = sqlite;
  declareScanAggregate(readOnly);
  return { db: drizzle(readOnly, { schema }), sqlite: readOnly, close: () => readOnly.close() };
}

/** A fresh private in-memory database with the real migrations (one per test). */
export function openTestDatabase(): Database {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.pragma('foreign_keys = ON');
  return wrapAndMigrate(sqlite);
}

function wrapAndMigrate(sqlite: BetterSqlite3.Database): Database {
  applyMigrations(sqlite, MIGRATIONS_DIR);
  cacheStatements(sqlite);
  // Before any statement iterates: a function cannot be declared while one does.
  declareScanAggregate(sqlite);
  const db = drizzle(sqlite, { schema });
  return { db, sqlite, close: () => sqlite.close() };
}

export type TransactionMode = 'deferred' | 'immediate' | 'exclusive';

/**
 * Runs `fn` in one transaction: commit on return, rollback on throw. Synchronous only: an
 * async callback would commit at its first `await` (drizzle-orm#2275), so a Promise result
 * is refused. Use 'immediate' for anything that reads balances and then writes.
 */
export function transaction<T>(
  database: Database,
  fn: (tx: Tx) => T,
  mode: TransactionMode = 'immediate',
): T {
  return database.db.transaction(
    (session) => {
      const result = fn(txOver(database, session));
      if (result instanceof Promise) {
        throw new Error('transaction: the callback must be synchronous (it returned a Promise)');
      }
      return result;
    },
    { behavior: mode },
  );
}

/**
 * A repo's prepared statements, prepared once per connection and dropped with it: hot loops
 * (posting, request lines) reuse them instead of re-preparing SQL per row.
 */
export function statementCache<S>(
  prepare: (sqlite: Connection['sqlite']) => S,
): (database: Connection) => S {
  const cache = new WeakMap<Connection['sqlite'], S>();
  return (database) => {
    let statements = cache.get(database.sqlite);
    if (statements === undefined) {
      statements = prepare(database.sqlite);
      cache.set(database.sqlite, statements);
    }
    return statements;
  };
}

/** The file behind the connection, or null for an in-memory database (nothing to share). */
export function databaseFilePath(database: Database): string | null {
  const { sqlite } = database;
  return sqlite.memory || sqlite.name === '' || sqlite.name === ':memory:' ? null : sqlite.name;
}
