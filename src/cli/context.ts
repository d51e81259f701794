// What every command shares: where the database is, how to open it, how to fail. Commands
// throw CliFailure with one message per problem; the program prints them on stderr and exits
// 1. Usage errors (unknown option, missing argument) exit 2 through commander.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type AppError, describeAppErrors } from '../app/deps.ts';
import { todayIn } from '../app/today.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { getLedgerSettings } from '../db/settings.repo.ts';
import type { Result } from '../domain/types.ts';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** WRITEOFF_DB; read by the composition root, not here. */
  readonly defaultDbPath: string | undefined;
  readonly cwd: string;
  readonly now: () => Date;
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

export function dbPath(io: CliIo, option: string | undefined): string {
  return resolve(io.cwd, option ?? io.defaultDbPath ?? DEFAULT_DB_PATH);
}

/** Opens (creating the file and its directory) for commands that write: import, demo, roles. */
export function openOrCreate(path: string): Database {
  mkdirSync(dirname(path), { recursive: true });
  return openDatabase(path);
}

/** Opens an existing database; a missing file is an error, and nothing is created. */
export function openExisting(path: string): Database {
  if (!existsSync(path)) {
    fail(`No database at ${path}: run "writeoff import FILE" or "writeoff demo" first.`);
  }
  return openDatabase(path);
}

export function withDatabase<T>(database: Database, fn: (database: Database) => T): T {
  try {
    return fn(database);
  } finally {
    database.close();
  }
}

/** The ledger currency, or the import hint when nothing was imported yet. */
export function ledgerCurrency(database: Database): string {
  const settings = getLedgerSettings(database.db);
  if (settings === null)
    fail('No A/R data has been imported yet: run "writeoff import FILE" first.');
  return settings.currency;
}

/**
 * Today in the company time zone of the imported file (docs/write-off-rules.md#dates-and-periods).
 */
export function companyToday(database: Database, now: Date): string {
  const settings = getLedgerSettings(database.db);
  return todayIn(settings?.timezone ?? 'UTC', now);
}

/** Deletes a database file this command created, with its WAL side files. */
export function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Runs `fn` on the database at `path`, creating it if needed; when `fn` fails on a file this
 * command created, the file is removed again, so a failed first command leaves nothing behind.
 */
export function withNewOrExistingDatabase<T>(path: string, fn: (database: Database) => T): T {
  const existed = existsSync(path);
  const database = openOrCreate(path);
  try {
    return fn(database);
  } catch (error) {
    database.close();
    if (!existed) removeDatabaseFiles(path);
    throw error;
  } finally {
    if (database.sqlite.open) database.close();
  }
}

/**
 * Runs `fill` on the database at `path`, creating it if needed, and closes it. When `fill`
 * reports problems, a file this command created is removed again (a failed first import or
 * demo leaves nothing behind) and the command fails with one message per problem.
 */
export function fillDatabase<T>(
  path: string,
  fill: (database: Database) => Result<T, readonly string[]>,
): T {
  const existed = existsSync(path);
  const database = openOrCreate(path);
  const result = fill(database);
  database.close();
  if (!result.ok) {
    if (!existed) removeDatabaseFiles(path);
    fail(...result.error);
  }
  return result.value;
}
