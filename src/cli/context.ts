// What every command shares: where the database is, how to open it, how to fail. Commands
// throw CliFailure with one message per problem; the program prints them on stderr and exits
// 1. Usage errors (unknown option, missing argument) exit 2 through commander.
import { randomBytes } from 'node:crypto';
import { constants, copyFileSync, existsSync, linkSync } from 'node:fs';
import { resolve } from 'node:path';
import { todayIn } from '../app/today.ts';
import { redactDatabaseUrl } from '../config/database-url.ts';
import { createPrivateFile, ensurePrivateDirFor, removeDatabaseFiles } from '../db/files.ts';
import { DatabasePathError, SchemaNotCurrent } from '../db/open-problems.ts';
import { getLedgerSettings } from '../db/repos/settings.ts';
import {
  isPostgresUrl,
  openPostgresStore,
  openStore,
  openStoreReadOnly,
  type Store,
} from '../db/store.ts';
import { type AppError, describeAppError, describeAppErrors } from '../domain/request-errors.ts';
import type { Result } from '../domain/types.ts';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** WRITEOFF_DB; read by the composition root, not here. */
  readonly defaultDbPath: string | undefined;
  /**
   * DATABASE_URL (postgres://…): the PostgreSQL database commands use unless `--db FILE` names a
   * SQLite file (docs/postgresql.md).
   */
  readonly databaseUrl?: string | undefined;
  /** The `.env` file WRITEOFF_DB came from, when it did not come from the real environment. */
  readonly defaultDbFrom?: string;
  /** WRITEOFF_POLICY; absent = policy.json / policy.yml next to the database (docs/policy.md). */
  readonly policyPath?: string | undefined;
  readonly cwd: string;
  readonly now: () => Date;
  /** stderr when it is a terminal: long work draws a progress bar on it (progress.ts). */
  readonly progressStream?: NodeJS.WriteStream;
}

export const DEFAULT_DB_PATH = './data/writeoff.db';

export class CliFailure extends Error {
  constructor(readonly messages: readonly string[]) {
    super(messages.join('\n'));
  }
}

export function fail(...messages: string[]): never {
  throw new CliFailure(messages);
}

/** One message per problem of a use-case error. */
export function failWith(error: AppError, currency: string): never {
  throw new CliFailure(describeAppErrors(error, currency));
}

/**
 * The database a command works on: `--db`, else DATABASE_URL, else WRITEOFF_DB, else the
 * default file. A postgres:// URL selects PostgreSQL (isPostgresUrl); the open functions below
 * accept either.
 */
export function dbPath(io: CliIo, option: string | undefined): string {
  if (option === undefined && io.databaseUrl !== undefined) return io.databaseUrl;
  const path = resolve(io.cwd, option ?? io.defaultDbPath ?? DEFAULT_DB_PATH);
  // A database chosen by a file the user may have forgotten about is worth one line on stderr.
  if (option === undefined && io.defaultDbPath && io.defaultDbFrom) {
    io.stderr(`database ${path} (WRITEOFF_DB from ${io.defaultDbFrom})\n`);
  }
  return path;
}

/** Opens an existing database; a missing file is an error, and nothing is created. */
export function openExisting(path: string): Store {
  if (isPostgresUrl(path)) return openPostgres(path);
  failWhenMissing(path);
  return explainingDatabaseProblems(() => openStore(path));
}

/**
 * Opens an existing database for a command that only reads (requests, audit, export, roles
 * list, previews): nothing is created, migrated or written; an empty file, another kind of
 * file or an older schema is one message naming the path.
 */
export function openReadOnly(path: string): Store {
  // On PostgreSQL reads run in read-only transactions; the schema is migrated as on any open.
  if (isPostgresUrl(path)) return openPostgres(path);
  failWhenMissing(path);
  return explainingDatabaseProblems(() => openStoreReadOnly(path));
}

function openPostgres(url: string): Store {
  try {
    return openPostgresStore(url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    fail(`Cannot use the PostgreSQL database ${redactDatabaseUrl(url)}: ${reason}`);
  }
}

/** A database for messages: the file's path, or the server's URL without its password. */
export function describeDatabase(path: string): string {
  return isPostgresUrl(path) ? redactDatabaseUrl(path) : path;
}

function failWhenMissing(path: string): void {
  if (!existsSync(path)) {
    fail(`No database at ${path}: run "writeoff import FILE" or "writeoff demo" first.`);
  }
}

function explainingDatabaseProblems(open: () => Store): Store {
  try {
    return open();
  } catch (error) {
    if (error instanceof DatabasePathError) fail(error.describe('--db'));
    if (error instanceof SchemaNotCurrent) fail(error.message);
    throw error;
  }
}

export function withDatabase<T>(store: Store, fn: (store: Store) => T): T {
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** The ledger currency, or the import hint when nothing was imported yet. */
export function ledgerCurrency(store: Store): string {
  const settings = store.read(getLedgerSettings);
  // Worded once, in the error catalogue.
  if (settings === null) fail(describeAppError({ kind: 'no_ledger' }, ''));
  return settings.currency;
}

/**
 * Today in the company time zone of the imported file (docs/write-off-rules.md#dates-and-periods).
 */
export function companyToday(store: Store, now: Date): string {
  const settings = store.read(getLedgerSettings);
  return todayIn(settings?.timezone ?? 'UTC', now);
}

/**
 * Runs `fn` on the database at `path`, creating it if needed. A new database is built under a
 * private temporary name and linked into place only when `keep(value)` says so; a failed
 * first command leaves nothing behind, and a file that some other process may be using is
 * never deleted (docs/decisions/121-database-files.md).
 */
export function withDatabaseCreatingIt<T>(
  path: string,
  fn: (store: Store) => T,
  keep: (value: T) => boolean = () => true,
): T {
  // A server's database exists already (its operator created it); it is migrated on open.
  if (isPostgresUrl(path)) return withDatabase(openPostgres(path), fn);
  ensurePrivateDirFor(path);
  if (existsSync(path)) return withDatabase(openStore(path), fn);
  const draft = `${path}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
  if (!createPrivateFile(draft)) fail(`Could not create ${draft}: it already exists.`);
  let value: T;
  try {
    value = withDatabase(openStore(draft), fn);
  } catch (error) {
    removeDatabaseFiles(draft);
    throw error;
  }
  if (!keep(value)) {
    removeDatabaseFiles(draft);
    return value;
  }
  if (publishDatabase(draft, path)) return value;
  // Another process created the database meanwhile: this command applies to that one.
  return withDatabase(openStore(path), fn);
}

/** Moves the finished draft to `path` unless `path` exists by now (never overwrites). */
function publishDatabase(draft: string, path: string): boolean {
  try {
    try {
      linkSync(draft, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // File systems without hard links: an exclusive copy is just as safe, only slower.
      copyFileSync(draft, path, constants.COPYFILE_EXCL);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    removeDatabaseFiles(draft);
  }
}

/** Runs `fn` on the database at `path`, creating it if needed (see withDatabaseCreatingIt). */
export function withNewOrExistingDatabase<T>(path: string, fn: (store: Store) => T): T {
  return withDatabaseCreatingIt(path, fn);
}

/**
 * Runs `fill` on the database at `path`, creating it if needed. When `fill` reports problems,
 * a database this command was creating is dropped (a failed first import or demo leaves
 * nothing behind) and the command fails with one message per problem.
 */
export function fillDatabase<T>(
  path: string,
  fill: (store: Store) => Result<T, readonly string[]>,
): T {
  const result = withDatabaseCreatingIt(path, fill, (r) => r.ok);
  if (!result.ok) fail(...result.error);
  return result.value;
}
