// Runs in the PostgreSQL bridge thread of a test store (test/support/pg-bridge-opener.ts): raw
// SQL for the tests that arrange or inspect rows directly, and the reset that lets one database
// serve every test of a file (docs/postgresql.md, "The suites on both backends").
import { type SQL, sql } from 'drizzle-orm';
import type { PgTx } from '../../src/db/pg/types.ts';

/** int8 and numeric: node-postgres returns them as text, PGlite as bigint; tests want numbers. */
const NUMERIC_TYPES = new Set([20, 1700]);

interface Field {
  readonly name: string;
  readonly dataTypeID: number;
}

/** SQLite's `?` placeholders become bound parameters, so one statement serves both backends. */
function statement(text: string, params: readonly unknown[]): SQL {
  const parts = text.split('?');
  if (parts.length !== params.length + 1) {
    throw new Error(`${params.length} parameters for ${parts.length - 1} placeholders: ${text}`);
  }
  const chunks: SQL[] = [sql.raw(parts[0] ?? '')];
  params.forEach((param, i) => {
    chunks.push(sql`${param}`, sql.raw(parts[i + 1] ?? ''));
  });
  return sql.join(chunks);
}

async function all(db: PgTx, text: string, params: readonly unknown[] = []): Promise<unknown[]> {
  const result = (await db.execute(statement(text, params))) as unknown as {
    rows: Record<string, unknown>[];
    fields?: readonly Field[];
  };
  const numeric = (result.fields ?? []).filter((f) => NUMERIC_TYPES.has(f.dataTypeID));
  return result.rows.map((row) => {
    const copy = { ...row };
    for (const { name } of numeric) {
      if (copy[name] !== null && copy[name] !== undefined) copy[name] = Number(copy[name]);
    }
    return copy;
  });
}

async function run(db: PgTx, text: string, params: readonly unknown[] = []): Promise<void> {
  await db.execute(statement(text, params));
}

let tables: string[] | undefined;

/**
 * Empties every table and restarts every identity, as a freshly migrated database has it (the
 * migrations seed no rows). The append-only triggers refuse TRUNCATE, so the owner disables them
 * for the statement; a role without superuser may do that, unlike session_replication_role.
 */
async function reset(db: PgTx): Promise<void> {
  if (tables === undefined) {
    const rows = await all(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    tables = rows.map((r) => `"${String((r as { tablename: string }).tablename)}"`);
  }
  const list = tables.join(', ');
  await db.transaction(async (tx) => {
    for (const table of ['journal_entries', 'journal_postings', 'audit_log']) {
      await tx.execute(sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER USER`));
    }
    await tx.execute(sql.raw(`TRUNCATE ${list} RESTART IDENTITY`));
    for (const table of ['journal_entries', 'journal_postings', 'audit_log']) {
      await tx.execute(sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER USER`));
    }
  });
}

export const testSql = { all, run, reset };
