// Raw-SQL helpers for the PostgreSQL repos (docs/decisions/230-postgresql-backend.md). The two
// drivers hand back aggregates differently (node-postgres: int8 and numeric as strings; PGlite:
// count as a number, sum as a string), so every figure read from raw SQL goes through `num`.
import type { SQL } from 'drizzle-orm';
import type { PgTx } from './types.ts';

/** The rows of a raw statement. */
export async function rowsOf<T>(tx: PgTx, query: SQL): Promise<T[]> {
  const result = await tx.execute(query);
  return result.rows as T[];
}

/** A number from an int8/numeric value of either driver (null stays null). */
export function num(value: unknown): number;
export function num(value: unknown, nullable: 'nullable'): number | null;
export function num(value: unknown, nullable?: 'nullable'): number | null {
  if (value === null || value === undefined) {
    if (nullable === 'nullable') return null;
    return 0;
  }
  return Number(value);
}
