// The PostgreSQL reliability suites' database: a fresh one on the server named by
// TEST_DATABASE_URL (skipped loudly without it, an error under CI=true, as every server test:
// test/db/pg/backends.ts), read by the test over a connection of its own, and checked with the
// same ledger invariants as the SQLite suites (invariants.ts).
import pg from 'pg';
import { createServerDatabase, pgBackends } from '../../db/pg/backends.ts';
import {
  allInvariantViolations,
  dueSnapshot,
  type LineKey,
  type Row,
  type Rows,
} from './invariants.ts';

/** True when there is no server to run on (the banner has been printed). */
export function withoutServer(): boolean {
  return pgBackends().find((b) => b.backend.name === 'server')?.skip ?? true;
}

/** node-postgres answers bigint and numeric as text; the invariants compare numbers. */
const NUMBERS = new Set([20, 1700]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    NUMBERS.has(oid)
      ? Number
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface ServerDatabase {
  /** postgres://… of the fresh database; `as(name)` adds an application_name to it. */
  readonly url: string;
  as(applicationName: string): string;
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  /** A number from the first column of the first row (a count). */
  count(sql: string, params?: unknown[]): Promise<number>;
  /** The ledger invariants of invariants.ts, checked on this database. */
  violations(baseline?: ReadonlyMap<LineKey, number>): Promise<string[]>;
  dueSnapshot(): Promise<Map<LineKey, number>>;
  drop(): Promise<void>;
}

/** A fresh, empty database (the first instance to start migrates it). */
export async function freshServerDatabase(): Promise<ServerDatabase> {
  const created = await createServerDatabase();
  const client = new pg.Client({ connectionString: created.url, types });
  await client.connect();
  client.on('error', () => {});
  const query = async (sql: string, params: unknown[] = []) =>
    (await client.query(sql, params)).rows as Row[];
  /** The invariants' SELECTs do not depend on each other: collect them, run them, check. */
  const checked = async <T>(check: (rows: Rows) => T): Promise<T> => {
    const wanted = new Set<string>();
    check((sql) => {
      wanted.add(sql);
      return [];
    });
    const answers = new Map<string, Row[]>();
    for (const sql of wanted) answers.set(sql, await query(sql));
    return check((sql) => answers.get(sql) ?? []);
  };
  return {
    url: created.url,
    as: (name) => {
      const url = new URL(created.url);
      url.searchParams.set('application_name', name);
      return url.toString();
    },
    query,
    count: async (sql, params) => Number(Object.values((await query(sql, params))[0] ?? {})[0]),
    violations: (baseline) => checked((rows) => allInvariantViolations(rows, baseline)),
    dueSnapshot: () => checked((rows) => dueSnapshot(rows)),
    drop: async () => {
      await client.end();
      await created.drop();
    },
  };
}
