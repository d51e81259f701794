// Column helpers shared by the PostgreSQL schema files (docs/decisions/230-postgresql-backend.md).
import { sql } from 'drizzle-orm';
import { bigint } from 'drizzle-orm/pg-core';

/** `'a', 'b'` for a CHECK … IN (…) built from one of the schema's lists. */
export function sqlList(values: readonly string[]) {
  return sql.raw(values.map((v) => `'${v}'`).join(', '));
}

/** Money, instants and ids: 64-bit in the database, a JS number in the code. */
export const big = (name: string) => bigint(name, { mode: 'number' });

/** An auto-assigned id; explicit ids stay insertable, as with SQLite's AUTOINCREMENT. */
export const identity = (name: string) => big(name).primaryKey().generatedByDefaultAsIdentity();
