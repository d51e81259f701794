// Column helpers shared by the two halves of the SQLite schema (schema.ts).
import { sql } from 'drizzle-orm';
import { integer } from 'drizzle-orm/sqlite-core';

/** `'a', 'b'` for a CHECK … IN (…) built from one of the lists above. */
export function sqlList(values: readonly string[]) {
  return sql.raw(values.map((v) => `'${v}'`).join(', '));
}

export const bool = (name: string) => integer(name, { mode: 'boolean' });
