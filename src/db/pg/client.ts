// Opening a PostgreSQL database (docs/decisions/230-postgresql-backend.md): a node-postgres pool
// through drizzle, migrated from db/pg before first use. Unlike SQLite every call is async, so
// PostgreSQL repos take a `PgTx` and return Promises; driver types stay inside src/db/pg/.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { redactDatabaseUrl } from '../../config/database-url.ts';
import { applyPgMigrations } from './migrate.ts';
import * as schema from './schema.ts';
import type { PgDb } from './types.ts';

export type { PgDb, PgRowsResultHKT, PgSchema, PgTx } from './types.ts';

// Resolved from this file, not the cwd, so the CLI works from any directory.
export const PG_MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../db/pg');

export interface PgDatabaseHandle {
  readonly db: PgDb;
  close(): Promise<void>;
  /**
   * From now on no statement on this database waits longer than `ms` for a lock (a serving
   * process, ADR 300): set once per connection, where `SET LOCAL` in every transaction cost a
   * statement each (docs/decisions/395-pg-writeoff-post-ack-cpu.md).
   */
  limitLockWaits(ms: number): Promise<void>;
}

const lockTimeoutSql = (ms: number) => `SET lock_timeout = '${Math.trunc(ms)}ms'`;

/** Connections one process keeps; several instances share the server's max_connections. */
export const PG_POOL_SIZE = 10;

/** Opens a pool on `url` (postgres://…) and applies the committed migrations. */
export async function openPgDatabase(url: string): Promise<PgDatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: PG_POOL_SIZE });
  // A connection the server drops (restart, failover, a terminated backend) must not crash the
  // process: an idle one is replaced by the pool, and a busy one's query rejects with the error,
  // so the 'error' events themselves (pool and client) only need a listener.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const handle: PgDatabaseHandle = {
    db: drizzle({ client: pool, schema }) as unknown as PgDb,
    close: () => pool.end(),
    limitLockWaits: poolLockWaits(pool),
  };
  try {
    await applyPgMigrations(handle.db, PG_MIGRATIONS_DIR);
    await assertCodePointCollation(handle.db);
  } catch (error) {
    await handle.close();
    throw new PgOpenError(url, error);
  }
  return handle;
}

/**
 * Each connection gets the session's lock_timeout when it is next checked out: queued on it
 * before the statement it was checked out for (node-postgres runs a client's queries in order).
 */
function poolLockWaits(pool: pg.Pool): (ms: number) => Promise<void> {
  let limitMs: number | undefined;
  const applied = new WeakMap<pg.PoolClient, number>();
  pool.on('acquire', (client) => {
    if (limitMs === undefined || applied.get(client) === limitMs) return;
    applied.set(client, limitMs);
    // A failure here is the connection's: the statement queued behind it fails the same way.
    client.query(lockTimeoutSql(limitMs)).catch(() => applied.delete(client));
  });
  return async (ms) => {
    limitMs = ms;
  };
}

/** Collations that order text by code point, as SQLite's binary collation does. */
const CODE_POINT_COLLATIONS = new Set(['c', 'posix', 'c.utf8', 'c.utf-8']);

/**
 * Ids, invoice numbers and names are compared and ordered as text: a customer id range of an
 * automatic run, the type-ahead's order, every listing by id. They mean the same on both
 * backends only when PostgreSQL orders text by code point, so a database created with a
 * language collation (en_US.UTF-8 or any ICU locale sorts 'b' before 'C') is refused with how
 * to create one (docs/postgresql.md; docs/decisions/265-postgresql-repositories.md).
 */
export async function assertCodePointCollation(db: PgDb): Promise<void> {
  // As JSON, so columns that older servers lack (the locale provider, PostgreSQL 15+) are absent.
  const result = await db.execute(
    sql`SELECT to_jsonb(d) AS info FROM pg_database d WHERE datname = current_database()`,
  );
  const info = (result.rows[0]?.info ?? {}) as Record<string, unknown>;
  const provider = String(info.datlocprovider ?? 'c');
  const locale = String(
    (provider === 'c' ? info.datcollate : (info.datlocale ?? info.daticulocale)) ?? '',
  );
  const byCodePoint = provider !== 'i' && CODE_POINT_COLLATIONS.has(locale.toLowerCase());
  if (!byCodePoint) {
    const described = provider === 'i' ? `the ICU locale ${locale}` : locale;
    throw new Error(
      `the database's collation is ${described}, which does not order text by code point; ` +
        "create it with CREATE DATABASE … TEMPLATE template0 LOCALE_PROVIDER libc LOCALE 'C.UTF-8'",
    );
  }
}

/** Wraps a drizzle database made elsewhere (PGlite in tests) and migrates it. */
export async function adoptPgDatabase(
  db: PgDb,
  close: () => Promise<void>,
): Promise<PgDatabaseHandle> {
  await applyPgMigrations(db, PG_MIGRATIONS_DIR);
  // One connection (PGlite): its session setting holds for every later statement.
  const limitLockWaits = async (ms: number) => {
    await db.execute(sql.raw(lockTimeoutSql(ms)));
  };
  return { db, close, limitLockWaits };
}

/** The server could not be reached or migrated; the message never shows the password. */
export class PgOpenError extends Error {
  constructor(url: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot open the PostgreSQL database ${redactDatabaseUrl(url)}: ${reason}`, { cause });
    this.name = 'PgOpenError';
  }
}
