// PostgreSQL copies of the cached SQLite bench databases (bench/README.md, "Data"). Importing 1M
// lines through the product's importer over the bridge costs a round trip per item; the rows are
// the same either way, so the copy is built once from the SQLite file, table by table in
// dependency order, 5,000 rows a statement, into a database migrated by the product itself. It
// is used only once its `bench_ready` table exists (a run killed half-way builds it again).
// The append-only triggers only refuse UPDATE, DELETE and TRUNCATE: inserting is what they allow.
import Database from 'better-sqlite3';
import { openPgDatabase } from '../../src/db/pg/client.ts';
import { createDatabase, databaseUrl, SERIAL_ONLY, withClient } from './pg-server.ts';

/** Bump when the copy's recipe changes, so stale copies are rebuilt. */
const COPY_VERSION = 1;
const BATCH_ROWS = 5000;
/** Parents before children (foreign keys); the tables an imported ledger fills. */
const TABLES = [
  'settings',
  'accounts',
  'periods',
  'customers',
  'imports',
  'invoices',
  'invoice_lines',
  'on_account_items',
  'audit_log',
];

/** The cached database's name for a SQLite cache key (e.g. v2-s42-c20000-…). */
export function pgCacheName(key: string): string {
  return `wob${COPY_VERSION}_${key.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`.slice(0, 63);
}

export interface PgCachedDatabase {
  readonly name: string;
  readonly url: string;
  /** Seconds it took to build in this call; undefined when it was cached. */
  readonly builtSeconds?: number;
}

/** The PostgreSQL copy of the SQLite bench database `sqlitePath`, built first if needed. */
export async function ensurePgCopy(
  serverUrl: string,
  key: string,
  sqlitePath: string,
  log: (line: string) => void = console.log,
): Promise<PgCachedDatabase> {
  const name = pgCacheName(key);
  const url = databaseUrl(serverUrl, name);
  if (await isReady(serverUrl, name)) {
    await withClient(serverUrl, (c) => c.query(SERIAL_ONLY(name)));
    await migrated(url);
    return { name, url };
  }
  const started = Date.now();
  await createDatabase(serverUrl, name);
  // The product's own migrations make the schema, exactly as `npm start` would.
  await (await openPgDatabase(url)).close();
  const source = new Database(sqlitePath, { readonly: true });
  try {
    await withClient(url, async (client) => {
      await client.query('SET synchronous_commit = off');
      for (const table of TABLES) await copyTable(source, client, table);
      await client.query('CREATE TABLE bench_ready (at timestamptz NOT NULL DEFAULT now())');
      await client.query('INSERT INTO bench_ready DEFAULT VALUES');
    });
    // Outside a transaction: planner statistics and the visibility map, as a live database has.
    await withClient(url, (client) => client.query('VACUUM ANALYZE'));
  } finally {
    source.close();
  }
  const builtSeconds = (Date.now() - started) / 1000;
  log(`  built PostgreSQL copy ${name} in ${builtSeconds.toFixed(1)} s`);
  return { name, url, builtSeconds };
}

/**
 * A copy built before a newer migration gets it here, before anything measures, as the cached
 * SQLite files do when opened (a copy made from it by TEMPLATE would otherwise migrate on every
 * run, inside whatever opens it first).
 */
export async function migrated(url: string): Promise<void> {
  await (await openPgDatabase(url)).close();
}

async function isReady(serverUrl: string, name: string): Promise<boolean> {
  const exists = await withClient(serverUrl, (c) =>
    c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]),
  );
  if (exists.rowCount === 0) return false;
  return withClient(databaseUrl(serverUrl, name), async (c) => {
    const { rows } = await c.query("SELECT to_regclass('public.bench_ready') IS NOT NULL AS ready");
    return rows[0]?.ready === true;
  });
}

type Client = Parameters<Parameters<typeof withClient>[1]>[0];

/**
 * One table: the columns both schemas have (PostgreSQL may lack a SQLite-only one, and the other
 * way round a column keeps its default), rows handed over as JSON and typed by the table's own
 * row type (SQLite's 0/1 become booleans, integers bigints). Identity sequences move past the
 * copied ids so the product's next insert does not collide.
 */
async function copyTable(source: Database.Database, client: Client, table: string): Promise<void> {
  const sqliteColumns = new Set(
    (source.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name),
  );
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'
     ORDER BY ordinal_position`,
    [table],
  );
  const columns = rows.map((r) => r.column_name).filter((c) => sqliteColumns.has(c));
  const list = columns.map((c) => `"${c}"`).join(', ');
  // Rows the migrations seed (none today) give way to the ledger's own.
  await client.query(`DELETE FROM "${table}"`).catch(() => {});
  const insert = `INSERT INTO "${table}" (${list})
    SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)`;
  let batch: unknown[] = [];
  for (const row of source.prepare(`SELECT ${list} FROM "${table}"`).iterate()) {
    batch.push(row);
    if (batch.length < BATCH_ROWS) continue;
    await client.query(insert, [JSON.stringify(batch)]);
    batch = [];
  }
  if (batch.length > 0) await client.query(insert, [JSON.stringify(batch)]);
  const serial = await client
    .query<{ s: string | null }>("SELECT pg_get_serial_sequence($1, 'id') AS s", [table])
    .catch(() => ({ rows: [] as { s: string | null }[] }));
  const sequence = serial.rows[0]?.s;
  if (columns.includes('id') && sequence) {
    await client.query(`SELECT setval($1::regclass, max(id)) FROM "${table}" HAVING count(*) > 0`, [
      sequence,
    ]);
  }
}
