// Applies the committed PostgreSQL migrations (db/pg) in ONE transaction under an advisory
// lock. drizzle's own migrator reads "what is applied" before it locks anything, so two bot
// instances starting together on a fresh database would both run CREATE TABLE and one would
// fail. Here the second instance waits on the lock, then finds nothing left to do. The
// bookkeeping table is drizzle's (drizzle.__drizzle_migrations), so drizzle-kit still reads it
// (docs/decisions/230-postgresql-backend.md).
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgDb } from './types.ts';

/** Any fixed number, the same in every instance: the key of the migration lock. */
const MIGRATION_LOCK_KEY = 7_242_230;

/** Applies what is missing; returns how many migrations ran (0 when already current). */
export async function applyPgMigrations(db: PgDb, migrationsFolder: string): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder });
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`CREATE SCHEMA IF NOT EXISTS drizzle`);
    await tx.execute(sql`CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations
      (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`);
    const last = await lastAppliedMillis(tx);
    const pending = migrations.filter((m) => last === null || last < m.folderMillis);
    for (const migration of pending) {
      for (const statement of migration.sql) await tx.execute(sql.raw(statement));
      await tx.execute(sql`INSERT INTO drizzle.__drizzle_migrations (hash, created_at)
        VALUES (${migration.hash}, ${migration.folderMillis})`);
    }
    return pending.length;
  });
}

/** How many committed migrations the database still lacks (read only; for read-only opens). */
export async function pendingPgMigrations(db: PgDb, migrationsFolder: string): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder });
  const table = await db.execute(sql`SELECT to_regclass('drizzle.__drizzle_migrations') AS t`);
  if (table.rows[0]?.t === null) return migrations.length;
  const last = await lastAppliedMillis(db);
  return migrations.filter((m) => last === null || last < m.folderMillis).length;
}

async function lastAppliedMillis(on: Pick<PgDb, 'execute'>): Promise<number | null> {
  const result = await on.execute(
    sql`SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1`,
  );
  const row = result.rows[0] as { created_at: string | number } | undefined;
  return row === undefined ? null : Number(row.created_at);
}
