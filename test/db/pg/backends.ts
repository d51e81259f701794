// The PostgreSQL backends a test runs on: the in-process PGlite always (so `npm test` passes on
// any fresh machine), and the real server named by TEST_DATABASE_URL when it is set (.ci/run
// sets it). Each open gets a fresh, migrated database of its own.
import { createHash } from 'node:crypto';
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import {
  adoptPgDatabase,
  openPgDatabase,
  PG_MIGRATIONS_DIR,
  type PgDatabaseHandle,
  type PgDb,
} from '../../../src/db/pg/client.ts';
import * as schema from '../../../src/db/pg/schema.ts';

export const TEST_DATABASE_URL = (process.env.TEST_DATABASE_URL ?? '').trim() || undefined;

export interface PgBackend {
  readonly name: 'pglite' | 'server';
  /** A fresh migrated database; `close` drops it again (server) or discards it (PGlite). */
  open(): Promise<PgDatabaseHandle>;
}

export const PGLITE: PgBackend = { name: 'pglite', open: () => openPglite() };

/**
 * The backends to run on. Without TEST_DATABASE_URL the server's tests are skipped, loudly;
 * under CI (CI=true) a missing server is an error instead, because there they must run.
 */
export function pgBackends(): { backend: PgBackend; skip: boolean }[] {
  const server: PgBackend = { name: 'server', open: () => openServerTestDatabase() };
  if (TEST_DATABASE_URL === undefined) {
    if (process.env.CI === 'true') {
      throw new Error('CI=true but TEST_DATABASE_URL is not set: .ci/run must start PostgreSQL');
    }
    console.warn(
      '\n*** SKIPPED: PostgreSQL server tests (TEST_DATABASE_URL is not set). They ran on the ' +
        'in-process PGlite only; set TEST_DATABASE_URL=postgres://… (as .ci/run does) to run ' +
        'them against a real server. ***\n',
    );
  }
  return [
    { backend: PGLITE, skip: false },
    { backend: server, skip: TEST_DATABASE_URL === undefined },
  ];
}

/** Raw SQL on a backend, for introspection and for tests that must bypass drizzle. */
export async function query<T = Record<string, unknown>>(
  handle: PgDatabaseHandle,
  text: string,
): Promise<T[]> {
  try {
    const result = await handle.db.execute(sql.raw(text));
    return result.rows as T[];
  } catch (error) {
    // drizzle wraps the server's error ("Failed query: …"); tests match the server's words.
    throw error instanceof Error && error.cause instanceof Error ? error.cause : error;
  }
}

/** The extensions the migrations create (db/pg/0005: pg_trgm), loaded into every PGlite. */
const PGLITE_EXTENSIONS = { pg_trgm };

/** A fresh migrated PGlite; `postgresqlconf` lines set the server's own settings. */
export async function openPglite(postgresqlconf: string[] = []): Promise<PgDatabaseHandle> {
  const client = await PGlite.create({
    loadDataDir: await migratedPgliteSnapshot(),
    extensions: PGLITE_EXTENSIONS,
    postgresqlconf,
  });
  const db = drizzlePglite({ client, schema }) as unknown as PgDb;
  // The snapshot is already migrated: this only confirms nothing is pending.
  return adoptPgDatabase(db, () => client.close());
}

/**
 * A freshly migrated PGlite data directory, built once and kept in the temp directory under a
 * hash of the migrations and PGlite's version. Starting PGlite from it costs about a fifth of
 * the CPU of a fresh start (which runs initdb), and every test file opens one.
 */
async function migratedPgliteSnapshot(): Promise<Blob> {
  const pgliteManifest = join(
    PG_MIGRATIONS_DIR,
    '../../node_modules/@electric-sql/pglite/package.json',
  );
  const hash = createHash('sha256').update(readFileSync(pgliteManifest));
  for (const name of readdirSync(PG_MIGRATIONS_DIR, { recursive: true }).sort()) {
    const path = join(PG_MIGRATIONS_DIR, String(name));
    if (statSync(path).isFile()) hash.update(String(name)).update(readFileSync(path));
  }
  const cached = join(tmpdir(), `writeoff-pglite-${hash.digest('hex').slice(0, 16)}.tar.gz`);
  if (existsSync(cached)) return new Blob([readFileSync(cached)]);
  const client = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  await adoptPgDatabase(drizzlePglite({ client, schema }) as unknown as PgDb, async () => {});
  const dump = await client.dumpDataDir('gzip');
  await client.close();
  // Written aside, then renamed: a parallel test file never reads half a snapshot.
  const partial = `${cached}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, cached);
  return dump;
}

let serverDatabases = 0;

/** Creates `writeoff_test_<pid>_<n>` on the server, migrates it, and drops it on close. */
export async function openServerTestDatabase(): Promise<PgDatabaseHandle & { url: string }> {
  const created = await createServerDatabase();
  const handle = await openPgDatabase(created.url);
  return {
    db: handle.db,
    url: created.url,
    limitLockWaits: handle.limitLockWaits,
    close: async () => {
      await handle.close();
      await created.drop();
    },
  };
}

/** An empty database on the server (not migrated, C collation), for tests that open it themselves. */
export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = TEST_DATABASE_URL;
  if (adminUrl === undefined) throw new Error('TEST_DATABASE_URL is not set');
  serverDatabases += 1;
  const name = `writeoff_test_${process.pid}_${serverDatabases}_${Date.now() % 1e6}`;
  // The collation the product requires (docs/postgresql.md), whatever the server's default is.
  await admin(
    adminUrl,
    `CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER libc LOCALE 'C.UTF-8'`,
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** One statement on the server's admin database (TEST_DATABASE_URL). */
export async function adminQuery(statement: string): Promise<void> {
  if (TEST_DATABASE_URL === undefined) throw new Error('TEST_DATABASE_URL is not set');
  await admin(TEST_DATABASE_URL, statement);
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Two "instances" on one fresh database: two connection pools on the server; on PGlite (one
 * connection) the same handle twice, whose transactions queue instead of running at once.
 */
export async function openTwoInstances(
  backend: PgBackend,
): Promise<{ a: PgDatabaseHandle; b: PgDatabaseHandle; close(): Promise<void> }> {
  const a = await backend.open();
  const url = (a as { url?: string }).url;
  const b = url === undefined ? a : await openPgDatabase(url);
  return {
    a,
    b,
    close: async () => {
      if (b !== a) await b.close();
      await a.close();
    },
  };
}
