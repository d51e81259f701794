// Why a database path cannot be opened, in words an operator can act on: the path is a
// directory, lies under a file, is some other kind of file, or may not be read. The caller
// names the setting (WRITEOFF_DB, --db) the path came from.
import { type Stats, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export class DatabasePathError extends Error {
  constructor(
    readonly path: string,
    /** Completes "<setting>=<path> …" into one sentence. */
    readonly problem: string,
  ) {
    super(`${path} ${problem}`);
  }

  /** One sentence naming the setting, its value and what to do. */
  describe(setting: string): string {
    return `${setting}=${this.path} ${this.problem.replaceAll('$SETTING', setting)}`;
  }
}

/** The file is a SQLite database, but without the writeoff tables or with older ones. */
export class SchemaNotCurrent extends Error {
  constructor(
    readonly path: string,
    /** No writeoff table at all (an empty file, another program's database). */
    readonly empty: boolean,
  ) {
    super(
      empty
        ? `The file ${path} holds no writeoff ledger (it is empty or another program's database): run "writeoff import FILE --db ${path}" to start one there, or point --db at your ledger.`
        : `The database ${path} was written by an older writeoff: run "npm start" or any command that writes (such as "writeoff import") once to upgrade it, then run this again.`,
    );
  }
}

/** Turns an error from creating or opening `path` into a DatabasePathError when it can. */
export function explainOpenFailure(path: string, error: unknown): unknown {
  if (isDirectory(path)) {
    return new DatabasePathError(
      path,
      `is a directory; set $SETTING to a database file, such as ${join(path, 'writeoff.db')}.`,
    );
  }
  const blocking = fileAbove(path);
  if (blocking !== null) {
    return new DatabasePathError(
      path,
      `cannot be created because ${blocking} is a file, not a directory; set $SETTING to a path inside a directory.`,
    );
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_NOTADB') {
    return new DatabasePathError(
      path,
      'is not a SQLite database (some other file is there); set $SETTING to the writeoff database, or to a new path to start an empty one.',
    );
  }
  if (
    ['EACCES', 'EPERM', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM'].includes(String(code))
  ) {
    return new DatabasePathError(
      path,
      'cannot be opened for reading and writing; check the permissions of the file and its directory, or set $SETTING to another path.',
    );
  }
  return error;
}

/** Stats of `path`, or undefined when it does not exist or cannot be looked at. */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  return statOf(path)?.isDirectory() ?? false;
}

/** The nearest existing ancestor of `path` when it is not a directory (so nothing fits below). */
function fileAbove(path: string): string | null {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    const stat = statOf(dir);
    if (stat !== undefined) return stat.isDirectory() ? null : dir;
  }
  return null;
}
