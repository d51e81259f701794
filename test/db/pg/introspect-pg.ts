// PostgreSQL's side of introspect.ts: information_schema for tables, columns and triggers,
// pg_catalog for indexes and constraints (information_schema has no index at all).
import type { PgDatabaseHandle } from '../../../src/db/pg/client.ts';
import { query } from './backends.ts';
import type { ColumnShape, IndexShape, SchemaShape } from './introspect.ts';

const sorted = (values: Iterable<string>) => [...values].sort();

const FAMILIES: Record<string, string> = {
  smallint: 'integer',
  integer: 'integer',
  bigint: 'integer',
  text: 'text',
  'character varying': 'text',
  boolean: 'boolean',
  real: 'real',
  'double precision': 'real',
};

/** pg_constraint.confdeltype → SQLite's pragma wording. */
const ON_DELETE: Record<string, string> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

/** `cols` of an int2vector / smallint[] of attribute numbers, in key order. */
const attNames = (rel: string, keys: string) =>
  `array_to_string(array(SELECT a.attname FROM unnest(${keys}) WITH ORDINALITY k(n, o)
     JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.n ORDER BY k.o), ',')`;

/**
 * PostgreSQL's type-ahead machinery (db/pg/0005, docs/decisions/235-type-ahead-indexes.md): the
 * pg_trgm index and the ASCII-folded indexes, the counterparts of SQLite's FTS5 table and NOCASE
 * indexes, which introspect.ts leaves out on its side.
 */
const PG_SEARCH_INDEXES = new Set([
  'customers_name_trgm_idx',
  'customers_id_fold_idx',
  'invoices_number_fold_idx',
]);

export async function pgShape(handle: PgDatabaseHandle): Promise<SchemaShape> {
  const tables = await query<{ name: string }>(
    handle,
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const columns = await query<{
    table: string;
    name: string;
    type: string;
    nullable: string;
    dflt: string | null;
    identity: string;
  }>(
    handle,
    `SELECT table_name AS "table", column_name AS name, data_type AS type,
       is_nullable AS nullable, column_default AS dflt, is_identity AS identity
     FROM information_schema.columns WHERE table_schema = 'public' ORDER BY ordinal_position`,
  );
  const indexes = await query<{
    table: string;
    name: string;
    cols: string;
    unique: boolean;
    primary: boolean;
    partial: boolean;
  }>(
    handle,
    `SELECT t.relname AS "table", i.relname AS name, ${attNames('t.oid', 'x.indkey')} AS cols,
       x.indisunique AS "unique", x.indisprimary AS "primary", x.indpred IS NOT NULL AS partial
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'`,
  );
  const constraints = await query<{
    table: string;
    name: string;
    type: string;
    cols: string;
    ref: string | null;
    ref_cols: string;
    on_delete: string;
  }>(
    handle,
    `SELECT t.relname AS "table", c.conname AS name, c.contype AS type,
       ${attNames('c.conrelid', 'c.conkey')} AS cols, r.relname AS ref,
       ${attNames('c.confrelid', 'c.confkey')} AS ref_cols, c.confdeltype AS on_delete
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace LEFT JOIN pg_class r ON r.oid = c.confrelid
     WHERE n.nspname = 'public' AND c.contype IN ('c', 'f')`,
  );
  // information_schema.triggers lists row triggers only (no TRUNCATE), like SQLite's.
  const triggers = await query<{ table: string; name: string; event: string; action: string }>(
    handle,
    `SELECT event_object_table AS "table", trigger_name AS name,
       event_manipulation AS event, action_statement AS action
     FROM information_schema.triggers
     WHERE trigger_schema = 'public' AND action_timing = 'BEFORE'`,
  );
  const shape: SchemaShape = {};
  for (const { name: table } of tables) {
    const tableColumns: Record<string, ColumnShape> = {};
    for (const c of columns.filter((col) => col.table === table)) {
      tableColumns[c.name] = {
        family: FAMILIES[c.type] ?? c.type,
        notNull: c.nullable === 'NO',
        default: c.dflt === null ? null : c.dflt.replace(/::[a-z ]+$/, ''),
        generated: c.identity === 'YES',
      };
    }
    const tableIndexes: Record<string, IndexShape> = {};
    for (const i of indexes.filter(
      (idx) => idx.table === table && !idx.primary && !PG_SEARCH_INDEXES.has(idx.name),
    )) {
      tableIndexes[i.name] = { columns: i.cols, unique: i.unique, partial: i.partial };
    }
    const own = constraints.filter((c) => c.table === table);
    shape[table] = {
      columns: tableColumns,
      primaryKey: indexes.find((i) => i.table === table && i.primary)?.cols ?? '',
      indexes: tableIndexes,
      foreignKeys: sorted(
        own
          .filter((c) => c.type === 'f')
          .map(
            (c) =>
              `${c.cols} -> ${c.ref}(${c.ref_cols}) on delete ${ON_DELETE[c.on_delete] ?? c.on_delete}`,
          ),
      ),
      checks: sorted(own.filter((c) => c.type === 'c').map((c) => c.name)),
      appendOnly: sorted(
        triggers
          .filter((t) => t.table === table && t.action.includes('writeoff_refuse_change'))
          .map((t) => `${t.name}: BEFORE ${t.event} refuses`),
      ),
    };
  }
  return shape;
}
