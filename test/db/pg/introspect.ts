// One description of a database's schema, read from the database itself (not from drizzle's
// definitions), for SQLite and for PostgreSQL alike, so two schemas can be compared with one
// toEqual. Types are compared as families: SQLite has only INTEGER/TEXT/REAL storage, so a
// PostgreSQL bigint and integer are both "integer"; SQLite's 0/1 booleans are "boolean" where
// src/db/schema.ts declares them so.
import type BetterSqlite3 from 'better-sqlite3';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as sqliteSchema from '../../../src/db/schema.ts';

export interface ColumnShape {
  readonly family: 'integer' | 'text' | 'boolean' | 'real' | string;
  readonly notNull: boolean;
  /** The default as SQL text without casts (`'pending'`, `0`, `false`), or null. */
  readonly default: string | null;
  /** Assigned by the database (SQLite AUTOINCREMENT, PostgreSQL identity). */
  readonly generated: boolean;
}

export interface IndexShape {
  readonly columns: string;
  readonly unique: boolean;
  readonly partial: boolean;
}

export interface TableShape {
  readonly columns: Record<string, ColumnShape>;
  readonly primaryKey: string;
  readonly indexes: Record<string, IndexShape>;
  /** `cols -> table(cols) on delete ACTION`, sorted. */
  readonly foreignKeys: readonly string[];
  /** Names of the CHECK constraints, sorted. */
  readonly checks: readonly string[];
  /** `trigger: BEFORE EVENT refuses` for each trigger that refuses a change, sorted. */
  readonly appendOnly: readonly string[];
}

export type SchemaShape = Record<string, TableShape>;

const sorted = (values: Iterable<string>) => [...values].sort();

/** SQLite: sqlite_master and the table_info / index_list / foreign_key_list pragmas. */
export function sqliteShape(sqlite: BetterSqlite3.Database): SchemaShape {
  const booleans = sqliteBooleanColumns();
  const tables = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'table'
       AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name`,
    )
    .all() as { name: string; sql: string }[];
  const searchTables = new Set(
    tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name),
  );
  const triggers = sqlite
    .prepare(`SELECT name, tbl_name AS "table", sql FROM sqlite_master WHERE type = 'trigger'`)
    .all() as { name: string; table: string; sql: string }[];
  const shape: SchemaShape = {};
  for (const table of tables) {
    if (isSearchMachinery(table.name, searchTables)) continue;
    const info = sqlite.pragma(`table_info("${table.name}")`) as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    const columns: Record<string, ColumnShape> = {};
    for (const c of info) {
      const type = c.type.toLowerCase();
      columns[c.name] = {
        family: booleans.has(`${table.name}.${c.name}`) ? 'boolean' : type,
        notNull: c.notnull === 1,
        default: c.dflt_value,
        generated: c.pk === 1 && type === 'integer' && /AUTOINCREMENT/i.test(table.sql),
      };
    }
    shape[table.name] = {
      columns,
      primaryKey: info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name)
        .join(','),
      indexes: sqliteIndexes(sqlite, table.name),
      foreignKeys: sqliteForeignKeys(sqlite, table.name),
      checks: sorted([...table.sql.matchAll(/CONSTRAINT "([^"]+)" CHECK/g)].map((m) => m[1] ?? '')),
      appendOnly: sorted(
        triggers
          .filter((t) => t.table === table.name && /RAISE\s*\(\s*ABORT/i.test(t.sql))
          .map((t) => `${t.name}: BEFORE ${/BEFORE\s+(\w+)/i.exec(t.sql)?.[1]} refuses`),
      ),
    };
  }
  return shape;
}

/** `table.column` for the columns src/db/schema.ts declares as booleans (stored as 0/1). */
function sqliteBooleanColumns(): Set<string> {
  const found = new Set<string>();
  for (const value of Object.values(sqliteSchema)) {
    if (!is(value, SQLiteTable)) continue;
    const config = getTableConfig(value);
    for (const column of config.columns) {
      if (column.columnType === 'SQLiteBoolean') found.add(`${config.name}.${column.name}`);
    }
  }
  return found;
}

/**
 * SQLite's own type-ahead machinery (docs/decisions/235-type-ahead-indexes.md): the FTS5 trigram
 * table with its shadow tables, and the COLLATE NOCASE indexes. PostgreSQL does the same with
 * pg_trgm and lower() indexes, which are not part of the compared shape.
 */
const SQLITE_SEARCH_INDEXES = new Set(['customers_id_nocase_idx', 'invoices_number_nocase_idx']);

function isSearchMachinery(table: string, searchTables: ReadonlySet<string>): boolean {
  return [...searchTables].some((v) => table === v || table.startsWith(`${v}_`));
}

function sqliteIndexes(sqlite: BetterSqlite3.Database, table: string): Record<string, IndexShape> {
  const list = sqlite.pragma(`index_list("${table}")`) as {
    name: string;
    unique: number;
    origin: string;
    partial: number;
  }[];
  const indexes: Record<string, IndexShape> = {};
  // The primary key's own index is not an index anyone named; it is compared as primaryKey.
  for (const index of list.filter((i) => i.origin !== 'pk' && !SQLITE_SEARCH_INDEXES.has(i.name))) {
    const info = sqlite.pragma(`index_info("${index.name}")`) as { seqno: number; name: string }[];
    indexes[index.name] = {
      columns: info
        .sort((a, b) => a.seqno - b.seqno)
        .map((c) => c.name)
        .join(','),
      unique: index.unique === 1,
      partial: index.partial === 1,
    };
  }
  return indexes;
}

function sqliteForeignKeys(sqlite: BetterSqlite3.Database, table: string): string[] {
  const rows = sqlite.pragma(`foreign_key_list("${table}")`) as {
    id: number;
    seq: number;
    table: string;
    from: string;
    to: string;
    on_delete: string;
  }[];
  const byId = new Map<number, typeof rows>();
  for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
  return sorted(
    [...byId.values()].map((parts) => {
      const ordered = parts.sort((a, b) => a.seq - b.seq);
      const first = ordered[0];
      const from = ordered.map((p) => p.from).join(',');
      const to = ordered.map((p) => p.to).join(',');
      return `${from} -> ${first?.table}(${to}) on delete ${first?.on_delete.toLowerCase()}`;
    }),
  );
}
