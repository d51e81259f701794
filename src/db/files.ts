// Creating database files so that only their owner can read them: the ledger holds customer
// names and balances. SQLite gives the -wal and -shm files the main file's permissions, so a
// 0600 database keeps its side files 0600 too (docs/decisions/121-database-files.md).
import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates the file's missing directories 0700; existing ones are left as they are. */
export function ensurePrivateDirFor(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates an empty 0600 file, exclusively (O_EXCL): true when this call created it, false
 * when it already existed. Only a file this returned true for may ever be deleted by us.
 */
export function createPrivateFile(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Deletes a database file with its WAL side files. Only for files created exclusively here. */
export function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}
