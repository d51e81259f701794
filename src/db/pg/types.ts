// The PostgreSQL backend's drizzle types, apart from client.ts so that migrate.ts and
// transaction.ts can name them without importing the client (no import cycle).
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

export type PgSchema = typeof schema;
/** What `execute` returns on both drivers (node-postgres and PGlite): the rows, at least. */
export interface PgRowsResultHKT extends PgQueryResultHKT {
  readonly type: { rows: Record<string, unknown>[] };
}
/** A drizzle database on either driver: node-postgres in production, PGlite in tests. */
export type PgDb = PgDatabase<PgRowsResultHKT, PgSchema>;
/** What PostgreSQL repos accept: the database or a transaction on it (both async). */
export type PgTx = PgDb | Parameters<Parameters<PgDb['transaction']>[0]>[0];

/** The async twin of an object of synchronous methods (a SQLite writer → its PostgreSQL one). */
export type AsyncMethods<O> = {
  readonly [K in keyof O]: O[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<R>
    : O[K];
};
