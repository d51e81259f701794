// Backup and restore of the embedded database (docs/operations.md, ADR 160). Both verify the
// file they produce or take before anything is replaced, and say what they did in numbers an
// operator can compare (journal entries, audit rows, requests).
import { existsSync, rmSync } from 'node:fs';
import { checkDatabaseFile, type DatabaseFileFacts, replaceDatabaseFile } from '../db/backup.ts';
import { botsHolding } from '../db/running-bots.ts';
import { openStore, type Store } from '../db/store.ts';
import type { Result } from '../domain/types.ts';

export type { DatabaseFileFacts };

/** Takes a consistent copy of the live database and checks it. Never overwrites a file. */
export function backupDatabase(store: Store, target: string): Result<DatabaseFileFacts, string[]> {
  if (existsSync(target)) {
    return { ok: false, error: [`${target} already exists: a backup never overwrites a file.`] };
  }
  store.backupTo(target);
  const check = checkDatabaseFile(target);
  if (!check.ok) {
    rmSync(target, { force: true });
    return { ok: false, error: [`The backup failed its check and was removed: ${check.problem}`] };
  }
  return { ok: true, value: check.facts };
}

export interface Restored {
  readonly restored: DatabaseFileFacts;
  /** The database that was replaced, or null when there was none at the path. */
  readonly replaced: DatabaseFileFacts | null;
  /** Where the replaced file was kept, or null. */
  readonly keptAs: string | null;
  readonly migrationsAfter: number;
}

/** Replaces the database at `dbPath` with the verified backup `from`. */
export function restoreDatabase(
  dbPath: string,
  from: string,
  now: Date,
): Result<Restored, string[]> {
  const holders = botsHolding(dbPath);
  if (holders.length > 0) {
    return {
      ok: false,
      error: [
        `A running bot (pid ${holders.join(', ')}) has ${dbPath} open: stop it before restoring, then start it again.`,
      ],
    };
  }
  const check = checkDatabaseFile(from);
  if (!check.ok) return { ok: false, error: [`Nothing was restored: ${check.problem}`] };
  const before = existsSync(dbPath) ? checkDatabaseFile(dbPath) : null;
  const stamp = now
    .toISOString()
    .replaceAll(':', '')
    .replace(/\.\d+Z$/, 'Z');
  const keptAs = replaceDatabaseFile(from, dbPath, `${dbPath}.replaced-${stamp}`);
  // Opening applies this version's later migrations to an older backup.
  const reopened = openStore(dbPath);
  reopened.close();
  const after = checkDatabaseFile(dbPath);
  return {
    ok: true,
    value: {
      restored: check.facts,
      replaced: before?.ok ? before.facts : null,
      keptAs,
      migrationsAfter: after.ok ? after.facts.migrationsApplied : check.facts.migrationsApplied,
    },
  };
}
