// Text matching shared by the PostgreSQL type-ahead repos, written to give SQLite's answers
// (docs/decisions/235-type-ahead-indexes.md, 265-postgresql-repositories.md). The database
// orders text by code point (openPgDatabase refuses other collations), as SQLite's binary
// collation does, so plain ranges and ORDER BY agree with SQLite's.
import { type SQL, sql } from 'drizzle-orm';

/** The highest code point: `x >= q AND x < q || MAX` is "starts with q" as an index range. */
export const MAX_CHAR = String.fromCodePoint(0x10ffff);

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/** SQLite's NOCASE: A-Z folded to a-z, nothing else (the expression the fold indexes hold). */
export function asciiFoldSql(column: SQL): SQL {
  return sql`translate(${column}, ${sql.raw(`'${UPPER}'`)}, ${sql.raw(`'${LOWER}'`)})`;
}

export function asciiFold(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** `%text%` for LIKE with `\` as the escape character (both databases' reading). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * "`column` contains `text`", the hits of `LIKE containsPattern(text)`, as a test the pg_trgm
 * index cannot serve: for a walk in another index's order that must stay one (the planner takes
 * the trigram index for a long `LIKE` pattern whatever the `ORDER BY … LIMIT`, ADR 375).
 */
export function containsUnindexed(column: SQL, text: string): SQL {
  return sql`strpos(${column}, ${text}) > 0`;
}
