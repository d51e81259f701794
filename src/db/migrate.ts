// Applies the committed drizzle migrations (db/migrations) inside ONE immediate transaction.
// drizzle's own migrator reads "what is applied" before it takes a lock, so two processes
// opening a fresh file together both ran `CREATE TABLE accounts` and one failed. Here the
// check and the changes happen under the write lock: the second process waits (busy_timeout),
// then finds nothing left to do. The bookkeeping table is drizzle's, unchanged, so drizzle-kit
// and databases migrated before keep working (docs/decisions/121-database-files.md).
import type BetterSqlite3 from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';

const TABLE = '__drizzle_migrations';

type Migration = ReturnType<typeof readMigrationFiles>[number];

/** Applies what is missing; a database that is up to date is only read, never locked. */
export function applyMigrations(sqlite: BetterSqlite3.Database, migrationsFolder: string): void {
  const migrations = readMigrationFiles({ migrationsFolder });
  if (pending(sqlite, migrations).length === 0) return;
  sqlite
    .transaction(() => {
      sqlite.exec(
        `CREATE TABLE IF NOT EXISTS "${TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
      );
      const record = sqlite.prepare(`INSERT INTO "${TABLE}" ("hash", "created_at") VALUES (?, ?)`);
      for (const migration of pending(sqlite, migrations)) {
        for (const statement of migration.sql) sqlite.exec(statement);
        record.run(migration.hash, migration.folderMillis);
      }
    })
    .immediate();
}

/** The migrations newer than the last one applied (drizzle's rule: by folder timestamp). */
export function pending(
  sqlite: BetterSqlite3.Database,
  migrations: readonly Migration[],
): readonly Migration[] {
  const last = lastAppliedMillis(sqlite);
  return last === null ? migrations : migrations.filter((m) => last < m.folderMillis);
}

function lastAppliedMillis(sqlite: BetterSqlite3.Database): number | null {
  const table = sqlite
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
    .get(TABLE);
  if (table === undefined) return null;
  const row = sqlite
    .prepare(`SELECT created_at FROM "${TABLE}" ORDER BY created_at DESC LIMIT 1`)
    .get() as { created_at: number | string } | undefined;
  return row === undefined ? null : Number(row.created_at);
}
