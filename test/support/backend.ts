// The database a test runs on (docs/postgresql.md, "The suites on both backends"): SQLite by
// default; PostgreSQL in the vitest project that sets WRITEOFF_TEST_BACKEND=pg (PGlite, or the
// server named by TEST_DATABASE_URL). The helpers below take either a SQLite Database (older
// callers) or a Store, and arrange or inspect rows with SQL both backends accept.
import { type Database, openTestDatabase } from '../../src/db/client.ts';
import { bridgeOf, pgAutocommitTx } from '../../src/db/pg-store.ts';
import { databaseOf, sqliteStore, txOf } from '../../src/db/sqlite-store.ts';
import type { Store, Tx } from '../../src/db/tx.ts';
import { openPgTestStore } from './pg-store.ts';

/** True in the PostgreSQL run of the use-case suite. */
export const ON_POSTGRES = process.env.WRITEOFF_TEST_BACKEND === 'pg';

export type StoreSource = Store | Database;

/** The store over `source`: a SQLite Database is wrapped, a Store is itself. */
export function storeOf(source: StoreSource): Store {
  return 'read' in source ? source : sqliteStore(source);
}

/** The connection outside any transaction (each statement commits): for arranging and reading. */
export function testTx(source: StoreSource): Tx {
  const store = storeOf(source);
  return isPg(store) ? pgAutocommitTx(store) : txOf(store);
}

/** True when `source` is a PostgreSQL store. */
export function isPostgres(source: StoreSource): boolean {
  return 'read' in source && isPg(source);
}

function isPg(store: Store): boolean {
  if (pgs.has(store)) return true;
  try {
    pgAutocommitTx(store);
    return true;
  } catch {
    return false;
  }
}

/** Every row `text` selects; `?` placeholders take `params` on both backends. */
export function sqlAll<T = Record<string, unknown>>(
  source: StoreSource,
  text: string,
  ...params: unknown[]
): T[] {
  const store = storeOf(source);
  if (!isPg(store))
    return sqliteOf(source, store)
      .sqlite.prepare(text)
      .all(...params) as T[];
  return testSqlCall(store, 'all', [text, params]) as T[];
}

/** The first row (undefined when there is none). */
export function sqlGet<T = Record<string, unknown>>(
  source: StoreSource,
  text: string,
  ...params: unknown[]
): T | undefined {
  return sqlAll<T>(source, text, ...params)[0];
}

/** The first column of the first row (undefined when there is none). */
export function sqlValue(source: StoreSource, text: string, ...params: unknown[]): unknown {
  const row = sqlAll(source, text, ...params)[0];
  return row === undefined ? undefined : Object.values(row)[0];
}

/** The first column of every row. */
export function sqlColumn(source: StoreSource, text: string, ...params: unknown[]): unknown[] {
  return sqlAll(source, text, ...params).map((row) => Object.values(row)[0]);
}

/** Runs one statement that returns no rows. */
export function sqlRun(source: StoreSource, text: string, ...params: unknown[]): void {
  const store = storeOf(source);
  if (!isPg(store))
    sqliteOf(source, store)
      .sqlite.prepare(text)
      .run(...params);
  else testSqlCall(store, 'run', [text, params]);
}

function sqliteOf(source: StoreSource, store: Store): Database {
  return 'sqlite' in source ? source : databaseOf(store);
}

function testSqlCall(store: Store, fn: string, args: unknown[]): unknown {
  const bridge = bridgeOf(pgAutocommitTx(store));
  if (bridge === undefined) throw new Error('not a PostgreSQL store');
  return bridge.callRepo('test-sql', fn, args);
}

// PostgreSQL stores of this test file. Opening one costs about a second of CPU (PGlite) or a
// CREATE DATABASE and the migrations (server), so a test reuses the file's stores, emptied by a
// reset, instead of opening its own (test/support/pg-suite-setup.ts moves the cursor). PGlite
// stores outlive the file: the next file in the same worker (the project does not isolate them)
// takes them from `idle`, kept on globalThis so a module loaded again still finds them.
const pgs = new Set<Store>();
const perTest: Store[] = [];
const forFile: Store[] = [];
const realClose = new Map<Store, () => void>();
const shared = globalThis as { writeoffIdlePgStores?: Store[] };
shared.writeoffIdlePgStores ??= [];
const idle = shared.writeoffIdlePgStores;
let nextPerTest = 0;
let inTest = false;

const onServer = () => Boolean(process.env.TEST_DATABASE_URL?.trim());

/** A fresh, empty, migrated database: a new SQLite one, or an emptied PostgreSQL one. */
export function createTestStore(): Store {
  if (!ON_POSTGRES) return sqliteStore(openTestDatabase());
  const reused = inTest ? perTest[nextPerTest] : undefined;
  if (reused !== undefined) {
    nextPerTest += 1;
    testSqlCall(reused, 'reset', []);
    return reused;
  }
  const left = idle.pop();
  const store = left ?? openStore();
  pgs.add(store);
  if (left !== undefined) testSqlCall(store, 'reset', []);
  if (inTest) {
    perTest.push(store);
    nextPerTest += 1;
  } else {
    forFile.push(store);
  }
  return store;
}

function openStore(): Store {
  const store = openPgTestStore(onServer() ? 'server' : 'pglite');
  pgs.add(store);
  realClose.set(store, store.close);
  // Tests close "their" database; the file's store stays open for the next test.
  store.close = () => {};
  return store;
}

/**
 * A property test's run starts over as a test does: the stores it takes are the test's own,
 * emptied again, not more and more new ones (SQLite: nothing to do, each is new anyway).
 */
export function restartTestStores(): void {
  nextPerTest = 0;
}

/** The suite's hooks (pg-suite-setup.ts): a test starts, a test ends, the file ends. */
export const pgSuiteHooks = {
  beforeEach(): void {
    inTest = true;
    nextPerTest = 0;
  },
  afterEach(): void {
    inTest = false;
  },
  afterAll(): void {
    // A server database is dropped when its store closes; PGlite ones wait for the next file.
    const used = [...perTest, ...forFile];
    if (onServer()) for (const store of used) realClose.get(store)?.();
    else idle.push(...used);
    perTest.length = 0;
    forFile.length = 0;
  },
};
