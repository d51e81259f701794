// The PostgreSQL server the bench's PostgreSQL rows run on (bench/README.md, "PostgreSQL"):
// BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local default. A server that cannot be
// reached, or a role that may not create databases, makes those rows print as skipped with the
// reason; it never fails the run. Databases the bench makes are named from the server's URL.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { redactDatabaseUrl } from '../../src/config/database-url.ts';
import type { BenchRow } from './stats.ts';

const LOCAL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/postgres';
const CONNECT_TIMEOUT_MS = 3000;

export type PgServer = { readonly url: string } | { readonly skipped: string };

/** The first URL configured, checked once: reachable, and its role may CREATE DATABASE. */
export async function findPgServer(env: NodeJS.ProcessEnv = process.env): Promise<PgServer> {
  const url = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || LOCAL_DEFAULT;
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ may: boolean }>(
      'SELECT rolcreatedb OR rolsuper AS may FROM pg_roles WHERE rolname = current_user',
    );
    if (rows[0]?.may !== true) {
      return { skipped: `${redactDatabaseUrl(url)}: the role may not create databases` };
    }
    return { url };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { skipped: `no PostgreSQL server at ${redactDatabaseUrl(url)} (${reason})` };
  } finally {
    await client.end().catch(() => {});
  }
}

/** The URL of database `name` on the server `serverUrl` names. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `fn` on one connection to `url`, closed afterwards. */
export async function withClient<T>(
  url: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Code-point ordering, as the product requires (docs/postgresql.md). */
const C_LOCALE = "LOCALE_PROVIDER libc LOCALE 'C.UTF-8'";

/**
 * No parallel query in the bench's databases: a parallel worker is a process that comes and
 * goes between two CPU readings (so its CPU time would go uncounted), and SQLite, the figure
 * beside it, runs on one thread. Per-database settings are not copied with a template.
 */
export const SERIAL_ONLY = (name: string) =>
  `ALTER DATABASE "${name}" SET max_parallel_workers_per_gather = 0`;

export async function createDatabase(serverUrl: string, name: string, template?: string) {
  await withClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    // FILE_COPY copies the template's files instead of writing every page to the WAL
    // (PostgreSQL 15's default for CREATE DATABASE): seconds instead of a minute for 1M lines.
    const create =
      template === undefined
        ? `CREATE DATABASE "${name}" TEMPLATE template0 ${C_LOCALE}`
        : `CREATE DATABASE "${name}" TEMPLATE "${template}" STRATEGY FILE_COPY`;
    // A template is copied only while nobody is connected to it: a store closed a moment ago
    // may still be ending its connections (55006, object in use).
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(create);
        await client.query(SERIAL_ONLY(name));
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  });
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A working copy of a cached database (benches that write), dropped by `remove`. */
export async function pgWorkingCopy(
  serverUrl: string,
  cached: string,
): Promise<{ readonly url: string; remove(): Promise<void> }> {
  const name = `${cached.slice(0, 40)}_run${process.pid}`;
  await createDatabase(serverUrl, name, cached);
  return { url: databaseUrl(serverUrl, name), remove: () => dropDatabase(serverUrl, name) };
}

/** The rows of a bench that could not run on PostgreSQL: printed, met, with the reason. */
export function skippedRows(bench: string, reason: string): BenchRow[] {
  return [
    {
      bench,
      metric: 'skipped',
      value: Number.NaN,
      unit: '',
      target: 'PostgreSQL',
      met: true,
      note: reason,
    },
  ];
}

/**
 * CPU time (user + system, ms) the server's backends of database `name` have used so far, by
 * process id, read from /proc: the share of a PostgreSQL run that the client's own CPU time does
 * not see. Empty when the server is not on this machine (or /proc is not readable).
 */
export async function backendCpuMs(client: pg.Client, name: string): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [name],
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // Not on this machine, or gone.
    }
  }
  return cpu;
}

/** What the backends used between two `backendCpuMs` readings (a new backend counts whole). */
export function backendCpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, used] of after) ms += used - (before.get(pid) ?? 0);
  return after.size === 0 ? Number.NaN : ms;
}
