// Benchmark databases, generated once per (seed, size) and cached under the temp dir, so a
// second `npm run bench` starts measuring at once. A database is only used when its `ready`
// marker exists: a run killed half-way regenerates it rather than measuring a partial ledger.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importArFile } from '../src/app/import-ar-file.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { sqliteStore } from '../src/db/sqlite-store.ts';
import { type ArFileSpec, writeArFile } from './generate-ar-file.ts';

export const BENCH_CACHE_DIR = join(tmpdir(), 'writeoff-bench-cache');
/** Bump when the generator changes (or a cache was written to), so stale caches are not reused. */
const GENERATOR_VERSION = 2;

export function specKey(spec: ArFileSpec): string {
  const paid = spec.partlyPaidEvery === undefined ? '' : `-paid${spec.partlyPaidEvery}`;
  return `v${GENERATOR_VERSION}-s${spec.seed}-c${spec.customers}-i${spec.invoices}-l${spec.linesPerInvoice}-p${spec.onAccount}${paid}`;
}

export interface CachedDatabase {
  readonly dbPath: string;
  readonly filePath: string;
  /** True when it had to be generated and imported in this call. */
  readonly built: boolean;
}

/** The cached, imported database for `spec`, building it first if needed. */
export function ensureBenchDatabase(spec: ArFileSpec, log = console.log): CachedDatabase {
  const dir = join(BENCH_CACHE_DIR, specKey(spec));
  const dbPath = join(dir, 'ledger.db');
  const filePath = join(dir, 'ar.json');
  const built = buildOnce(dir, (partial) => {
    const started = Date.now();
    const partialFile = join(partial, 'ar.json');
    writeArFile(partialFile, spec);
    const database = openDatabase(join(partial, 'ledger.db'));
    try {
      const result = importArFile(sqliteStore(database), partialFile, Date.UTC(2026, 5, 10));
      if (!result.ok) {
        throw new Error(`bench data rejected: ${JSON.stringify(result.error.slice(0, 3))}`);
      }
      database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      database.close();
    }
    log(`  built ${specKey(spec)} in ${((Date.now() - started) / 1000).toFixed(1)} s (${dir})`);
  });
  return { dbPath, filePath, built };
}

/**
 * A database a bench builds itself (not from an A/R file), cached under `key` like the imported
 * ones: `build` runs once on a fresh database (or on a copy of `from`, a cached database), and
 * the `ready` marker is written after it.
 */
export function ensureBuiltDatabase(
  key: string,
  build: (database: Database) => void,
  options: { readonly from?: string; readonly log?: (line: string) => void } = {},
): string {
  const dir = join(BENCH_CACHE_DIR, key);
  buildOnce(dir, (partial) => {
    const started = Date.now();
    const dbPath = join(partial, 'ledger.db');
    if (options.from !== undefined) copyFileSync(options.from, dbPath);
    const database = openDatabase(dbPath);
    try {
      build(database);
      database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      database.close();
    }
    (options.log ?? console.log)(
      `  built ${key} in ${((Date.now() - started) / 1000).toFixed(1)} s (${dir})`,
    );
  });
  return join(dir, 'ledger.db');
}

/**
 * Fills `dir` once: `build` writes into a directory of this process's own, which is marked
 * `ready` and renamed into place, so a run killed half-way leaves no half-built cache and two
 * runs building the same data at once (two worktrees' benches) never write over each other;
 * the one that renames second drops its copy. Returns whether this call built it.
 */
function buildOnce(dir: string, build: (partial: string) => void): boolean {
  if (existsSync(join(dir, 'ready'))) {
    // Opening applies the migrations committed since it was built, once, here: not in each
    // working copy a bench makes of it, nor inside a bench's measurement.
    openDatabase(join(dir, 'ledger.db')).close();
    return false;
  }
  // Built in place by an older bench and never marked: an interrupted build.
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  const partial = `${dir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    build(partial);
    writeFileSync(join(partial, 'ready'), new Date().toISOString());
    renameSync(partial, dir);
  } catch (error) {
    if (!existsSync(join(dir, 'ready'))) throw error;
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return true;
}

export interface WorkingCopy {
  readonly dbPath: string;
  remove(): void;
}

/**
 * A private copy of a cached database for benches that write (the bot creates a draft per
 * `/writeoff`), so one run never measures the rows an earlier run left behind.
 */
export function workingCopy(cached: CachedDatabase): WorkingCopy {
  const dir = mkdtempSync(join(tmpdir(), 'writeoff-bench-run-'));
  const dbPath = join(dir, 'ledger.db');
  copyFileSync(cached.dbPath, dbPath);
  return { dbPath, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
