// The boundary's types (docs/decisions/240-store-boundary.md): the Store interface and the one
// transaction type repos accept. Outside src/db/ a `Tx` is opaque: a brand with nothing to call,
// so no caller can reach drizzle or the driver through it. Inside db/ it carries the drizzle session the statements run on and the
// connection, whose prepared statements (hot loops: posting, import, streaming reads) run in
// the same transaction because a connection has only one.
import type BetterSqlite3 from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BridgeOpener, ExclusivePass } from './bridge-protocol.ts';

export type { ExclusivePass };

import type * as schema from './schema.ts';

declare const txBrand: unique symbol;

/** A database another thread can open: a SQLite file or a PostgreSQL server (ADR 300). */
export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly opener: BridgeOpener };

export type WriteProbe = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * One database behind the use-cases. The SQLite store is synchronous: `read`/`write` run `fn`
 * inside one better-sqlite3 transaction and return its value; nested calls become savepoints.
 */
export interface Store {
  /** A deferred transaction: it never waits for the write lock. */
  read<T>(fn: (tx: Tx) => T): T;
  /** An IMMEDIATE transaction: for anything that reads and then writes (posting above all). */
  write<T>(fn: (tx: Tx) => T): T;
  /**
   * `fn` on the connection outside any transaction: each statement is its own, and a repo that
   * opens its own transaction opens a real one, not a savepoint. Only for one statement or one
   * repo transaction on the way to every ack, where BEGIN and COMMIT around it cost more than
   * the work (the replay guard, ADR 281), and for the scheduler's one-read probes (ADR 380).
   */
  autocommit<T>(fn: (tx: Tx) => T): T;
  /** The database file a worker thread may open itself; null when there is none to share. */
  filePath(): string | null;
  /**
   * Where another thread may open this same database (openStoreAt in store.ts): the file, or the
   * PostgreSQL server; null when it cannot be shared (in memory, PGlite in tests).
   */
  location(): StoreLocation | null;
  /** A consistent copy of the live database at `target` (which must not exist), mode 0600. */
  backupTo(target: string): void;
  /** Commits one tiny write, so an unwritable database shows before a user's write fails. */
  probeWrite(nowMs: number): WriteProbe;
  /** From now on a locked database fails at once instead of sleeping (a serving process). */
  neverWaitForLocks(): void;
  /**
   * From now on another thread's connection checkpoints the WAL (`checkpoint`); this one only
   * past a backstop, so no commit here stalls on copying the WAL and an fsync (ADR 280).
   */
  leaveCheckpointsToAnotherThread(): void;
  /** Copies the WAL into the database file as far as it can without waiting (PASSIVE). */
  checkpoint(): void;
  /**
   * True when this process may run the pass `name` now and no other instance on the same
   * database does (PostgreSQL: an advisory lock, ADR 295); every true is followed by one
   * `endExclusive(name)`. Always true on SQLite: one bot owns the file.
   */
  beginExclusive(name: ExclusivePass): boolean;
  endExclusive(name: ExclusivePass): void;
  close(): void;
}

/** A transaction of the store (or, in tests, the connection outside any transaction). */
export interface Tx {
  readonly [txBrand]: 'tx';
}

export type Db = BetterSQLite3Database<typeof schema>;
/** What drizzle statements run on: the database itself or a transaction on it. */
export type Session = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/** The connection a Tx belongs to: its drizzle handle and the raw handle for prepared statements. */
export interface Connection {
  readonly db: Db;
  readonly sqlite: BetterSqlite3.Database;
}

interface SqliteTx {
  readonly session: Session;
  readonly connection: Connection;
}

/** Wraps a drizzle session of `connection` as the opaque Tx handed to repos. */
export function txOver(connection: Connection, session: Session): Tx {
  const tx: SqliteTx = { session, connection };
  return tx as unknown as Tx;
}

/** The drizzle session behind a Tx: only db/ calls this. */
export function sessionOf(tx: Tx): Session {
  return (tx as unknown as SqliteTx).session;
}

/** The connection behind a Tx, for prepared statements: only db/ calls this. */
export function connectionOf(tx: Tx): Connection {
  return (tx as unknown as SqliteTx).connection;
}
