// Contract tests: the same cases against SQLite and PostgreSQL (PGlite always, the real server
// when TEST_DATABASE_URL is set), so the two backends are proven to answer alike
// (docs/decisions/230-postgresql-backend.md). A repo pair is the SQLite module and its
// PostgreSQL twin; `PgTwin` makes the compiler check that the twin has the same function names,
// arguments and results (async). Each file opens each backend once, seeds a fixture, and runs
// every case in a transaction that is rolled back, so cases never see each other's rows.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ArImportWriter } from '../../../src/db/ar-import.repo.ts';
import { type Database, openTestDatabase } from '../../../src/db/client.ts';
import type { PgDatabaseHandle, PgTx } from '../../../src/db/pg/client.ts';
import type { AsyncMethods } from '../../../src/db/pg/types.ts';
import { txOf } from '../../../src/db/sqlite-store.ts';
import { pgBackends, query } from './backends.ts';

// biome-ignore lint/suspicious/noExplicitAny: any function, whatever its arguments
type Fn = (...args: any[]) => unknown;
type Functions<M> = { [K in keyof M as M[K] extends Fn ? K : never]: M[K] };
// biome-ignore lint/suspicious/noExplicitAny: the first argument (Tx or Database) is replaced
type Rest<F> = F extends (first: any, ...rest: infer A) => unknown ? A : never;
type Result<F> = F extends (...args: never[]) => infer R ? R : never;
/** A generator becomes an async iterable, a writer async methods, anything else a Promise. */
type AsyncResult<R> = [R] extends [Iterator<infer T>]
  ? AsyncIterable<T>
  : [R] extends [ArImportWriter]
    ? Promise<AsyncMethods<R>>
    : Promise<R>;

/** What the PostgreSQL twin of SQLite module `M` must export. */
export type PgTwin<M> = {
  readonly [K in keyof Functions<M>]: (
    tx: PgTx,
    ...args: Rest<Functions<M>[K]>
  ) => AsyncResult<Result<Functions<M>[K]>>;
};
/** The functions as a case calls them: the transaction bound, every result async. */
export type Api<M> = {
  readonly [K in keyof Functions<M>]: (
    ...args: Rest<Functions<M>[K]>
  ) => AsyncResult<Result<Functions<M>[K]>>;
};

export interface RepoPair<M> {
  readonly sqlite: M;
  readonly pg: PgTwin<M>;
}

/** Pairs a SQLite repo with its twin; the names are the functions the contract covers. */
export function pair<M extends object, K extends keyof Functions<M>>(
  sqlite: M,
  pg: PgTwin<Pick<M, K>>,
  _names: readonly K[],
): RepoPair<Pick<M, K>> {
  return { sqlite, pg };
}

type BackendName = 'sqlite' | 'pglite' | 'server';

interface Session {
  /** Rows of raw SQL that both dialects accept, inside the case's transaction. */
  rows<T = Record<string, unknown>>(text: string): Promise<T[]>;
  /** A raw statement that returns nothing (SQLite tells the two apart). */
  exec(text: string): Promise<void>;
  bind<M>(repo: RepoPair<M>): Api<M>;
}

class Rollback extends Error {}

interface Opened {
  /** Committed raw SQL (the fixture), one statement per call. */
  exec(text: string): Promise<void>;
  /** Runs a case in a transaction and rolls it back. */
  isolated(body: (session: Session) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

function openSqlite(): Opened {
  const database = openTestDatabase();
  // Both a Database (probeWrite takes one) and a Tx (the session and connection, by prototype).
  const both = Object.assign(Object.create(txOf(database)) as object, {
    db: database.db,
    sqlite: database.sqlite,
    close: () => database.close(),
  }) as Database;
  const session: Session = {
    rows: async <T>(text: string) => database.db.all<T>(sql.raw(text)),
    exec: async (text: string) => void database.db.run(sql.raw(text)),
    bind: <M>(repo: RepoPair<M>) => bindSqlite(repo.sqlite, both),
  };
  return {
    exec: async (text) => void database.sqlite.exec(text),
    isolated: async (body) => {
      database.sqlite.exec('BEGIN');
      try {
        await body(session);
      } finally {
        database.sqlite.exec('ROLLBACK');
      }
    },
    close: async () => database.close(),
  };
}

function openedPg(handle: PgDatabaseHandle): Opened {
  return {
    exec: async (text) => void (await query(handle, text)),
    isolated: async (body) => {
      await handle.db
        .transaction(async (tx) => {
          await body({
            rows: async <T>(text: string) =>
              numbersAsNumbers(await tx.execute(sql.raw(text))) as T[],
            exec: async (text: string) => void (await tx.execute(sql.raw(text))),
            bind: <M>(repo: RepoPair<M>) => bindPg(repo.pg, tx),
          });
          throw new Rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
    },
    close: () => handle.close(),
  };
}

/** int8 and numeric columns (strings from node-postgres) as the numbers SQLite returns. */
const NUMBER_TYPES = new Set([20, 1700]);

function numbersAsNumbers(result: {
  rows: Record<string, unknown>[];
  fields?: readonly { name: string; dataTypeID: number }[];
}): Record<string, unknown>[] {
  const numeric = (result.fields ?? []).filter((f) => NUMBER_TYPES.has(f.dataTypeID));
  return result.rows.map((row) => {
    const out = { ...row };
    for (const { name } of numeric) if (out[name] !== null) out[name] = Number(out[name]);
    return out;
  });
}

function bindSqlite<M>(module: M, both: Database): Api<M> {
  const api: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(module as Record<string, unknown>)) {
    if (typeof fn !== 'function') continue;
    api[name] = (...args: unknown[]) => asAsync(fn(both, ...args));
  }
  return api as Api<M>;
}

function bindPg<M>(twin: PgTwin<M>, tx: PgTx): Api<M> {
  const api: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(twin as Record<string, unknown>)) {
    if (typeof fn === 'function') api[name] = (...args: unknown[]) => fn(tx, ...args);
  }
  return api as Api<M>;
}

/** SQLite's synchronous results in the shapes PostgreSQL's twins give. */
function asAsync(value: unknown): unknown {
  if (isIterator(value)) {
    return (async function* () {
      yield* value;
    })();
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const entries = Object.entries(value);
    if (entries.some(([, v]) => typeof v === 'function')) {
      const wrapped = entries.map(([k, v]) => [
        k,
        typeof v === 'function' ? async (...args: unknown[]) => v(...args) : v,
      ]);
      return Promise.resolve(Object.fromEntries(wrapped));
    }
  }
  return Promise.resolve(value);
}

function isIterator(value: unknown): value is IterableIterator<unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { next?: unknown }).next === 'function' &&
    Symbol.iterator in value
  );
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const OPEN_TIMEOUT_MS = 120_000;

/**
 * `describe`s the suite once per backend. `fixture` is committed SQL both dialects accept (one
 * statement per entry); `cases` registers the cases through `test`, each run rolled back.
 */
export function contract(
  title: string,
  fixture: readonly string[],
  cases: (test: (name: string, body: (s: Session) => Promise<void>) => void) => void,
): void {
  const backends: { name: BackendName; skip: boolean; open: () => Promise<Opened> }[] = [
    { name: 'sqlite', skip: false, open: async () => openSqlite() },
    ...pgBackends().map(({ backend, skip }) => ({
      name: backend.name,
      skip,
      open: async () => openedPg(await backend.open()),
    })),
  ];
  describe.each(backends)(`${title} on $name`, ({ skip, open }) => {
    let opened: Opened | undefined;
    beforeAll(async () => {
      if (skip) return;
      opened = await open();
      for (const statement of fixture) await opened.exec(statement);
    }, OPEN_TIMEOUT_MS);
    afterAll(async () => opened?.close(), OPEN_TIMEOUT_MS);
    cases((name, body) =>
      it.skipIf(skip)(name, async () => {
        if (opened === undefined) throw new Error('database not opened');
        await opened.isolated(body);
      }),
    );
  });
}
