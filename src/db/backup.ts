// Backups of the embedded SQLite file (docs/operations.md, ADR 160). A backup is one
// `VACUUM INTO` statement: it reads the whole database inside one read transaction, so the copy
// is exactly the database as it was when the statement began — never half of a posting — and
// in WAL mode writers (the bot approving) go on meanwhile. The online backup API would restart
// its copy whenever another process writes, so under steady posting it might never finish.
import { chmodSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database } from './client.ts';
import { MIGRATIONS_DIR } from './client.ts';

/** What a verified database file holds: enough for an operator to recognise it. */
export interface DatabaseFileFacts {
  readonly path: string;
  readonly migrationsApplied: number;
  readonly migrationsKnown: number;
  readonly journalEntries: number;
  readonly journalPostings: number;
  readonly auditRows: number;
  readonly requests: number;
  /** ISO time of the newest journal entry, null when nothing was ever posted. */
  readonly lastPostedAt: string | null;
}

export type FileCheck =
  | { readonly ok: true; readonly facts: DatabaseFileFacts }
  | { readonly ok: false; readonly problem: string };

/** Copies the live database to `target` (which must not exist), file mode 0600. */
export function snapshotInto(database: Database, target: string): void {
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  rmSync(partial, { force: true });
  try {
    database.sqlite.prepare('VACUUM INTO ?').run(partial);
    chmodSync(partial, 0o600);
    // The copy appears under its name only once complete: a crash leaves no half backup.
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * Opens `path` read-only and checks that it is an intact writeoff database this version can
 * use: integrity, and migrations that are all ours (a newer version's file is refused).
 */
export function checkDatabaseFile(path: string): FileCheck {
  if (!existsSync(path)) return { ok: false, problem: `${path} does not exist.` };
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    sqlite = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      return { ok: false, problem: `${path} is damaged (integrity check: ${String(integrity)}).` };
    }
    return factsOf(sqlite, path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `${path} is not a readable SQLite database (${reason}).` };
  } finally {
    sqlite?.close();
  }
}

function factsOf(sqlite: BetterSqlite3.Database, path: string): FileCheck {
  const hasTable = (name: string) =>
    sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
    undefined;
  if (!hasTable('__drizzle_migrations') || !hasTable('journal_entries')) {
    return { ok: false, problem: `${path} is a SQLite file but not a writeoff database.` };
  }
  const ours = new Set(readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).map((m) => m.hash));
  const applied = sqlite.prepare('SELECT hash FROM __drizzle_migrations').pluck().all() as string[];
  const unknown = applied.filter((hash) => !ours.has(hash)).length;
  if (unknown > 0) {
    return {
      ok: false,
      problem: `${path} was written by a newer or different version of writeoff (${unknown} migration(s) this version does not know); upgrade writeoff first.`,
    };
  }
  const count = (table: string) =>
    Number(sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
  const lastMs = sqlite.prepare('SELECT max(created_at_ms) FROM journal_entries').pluck().get();
  return {
    ok: true,
    facts: {
      path,
      migrationsApplied: applied.length,
      migrationsKnown: ours.size,
      journalEntries: count('journal_entries'),
      journalPostings: count('journal_postings'),
      auditRows: count('audit_log'),
      requests: count('write_off_requests'),
      lastPostedAt: typeof lastMs === 'number' ? new Date(lastMs).toISOString() : null,
    },
  };
}

/**
 * Puts the verified file `from` in place of `target`. The database being replaced is kept
 * beside it as `keptAs` (an auditor may still need it); its WAL is folded in first so the kept
 * copy is whole. Returns where the old file went, or null when there was none.
 */
export function replaceDatabaseFile(from: string, target: string, keptAs: string): string | null {
  const partial = join(dirname(target), `.${basename(target)}.restoring-${process.pid}`);
  rmSync(partial, { force: true });
  const source = new BetterSqlite3(from, { readonly: true, fileMustExist: true });
  try {
    source.prepare('VACUUM INTO ?').run(partial);
  } finally {
    source.close();
  }
  chmodSync(partial, 0o600);
  let kept: string | null = null;
  if (existsSync(target)) {
    const old = new BetterSqlite3(target, { fileMustExist: true });
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    renameSync(target, keptAs);
    kept = keptAs;
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(partial, target);
  return kept;
}
