// Import / refresh the A/R data file (docs/ar-file-format.md). The file is read as a stream and
// written in ONE immediate transaction: a file with any problem is rolled back whole and every
// problem is reported by JSON path; a clean file replaces the open items (ADR 011, 013).
import { statSync } from 'node:fs';
import {
  createArImportWriter,
  deferForeignKeysToCommit,
  serializeImports,
} from '../db/repos/ar-import.ts';
import { appendAudit } from '../db/repos/audit.ts';
import { countOpenInvoices } from '../db/repos/invoices.ts';
import { getSetting } from '../db/repos/settings.ts';
import type { Store, Tx } from '../db/store.ts';
import { err, ok, type Result } from '../domain/types.ts';
import {
  type ArFileV1,
  type ImportProblem,
  ROOT_ARRAYS,
  ROOT_SCALARS,
} from './import/ar-file-schema.ts';
import { type CsvRows, feedCsvFile } from './import/csv-feed.ts';
import { CsvFileError, readCsvLedger } from './import/csv-ledger.ts';
import { locateCsvProblems } from './import/csv-problems.ts';
import type { Header } from './import/header-checks.ts';
import { ImportSession } from './import/import-session.ts';
import { HeaderNeeded, type ImportSummary } from './import/import-summary.ts';
import { JsonShapeError } from './import/json-chunks.ts';
import { type RootVisitor, streamJsonFile } from './import/json-stream.ts';
import { listWrittenOffInvoices, proposeRecoveries } from './recovery.ts';

export type { ArFileV1, ImportProblem } from './import/ar-file-schema.ts';
export type { ImportSummary } from './import/import-summary.ts';

class Rejected extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super('import rejected');
  }
}

export interface ImportOptions {
  /** Settle however many open invoices the file leaves out (else at most a fifth). */
  readonly allowSettle?: boolean;
  /** A file's progress while it is read: bytes read so far of the file's size. */
  readonly onProgress?: (readBytes: number, totalBytes: number) => void;
}

/**
 * A file that leaves out more than this share of the open invoices (and more than a few) is
 * refused unless forced: an export cut short would otherwise mark them all paid (ADR 122).
 */
export const MAX_SETTLED_SHARE = 0.2;
/** Settling this many is never questioned by the share rule: a small ledger's normal refresh. */
export const FEW_SETTLED = 3;

/**
 * `source` is a path to a JSON file or the A/R file object itself (docs/ar-file-format.md). `now`
 * is epoch ms.
 */
export function importArFile(
  store: Store,
  source: string | ArFileV1,
  now: number,
  options: ImportOptions = {},
): Result<ImportSummary, ImportProblem[]> {
  if (typeof source === 'string' && /\.csv$/i.test(source))
    return importCsvFile(store, source, now, options);
  const feed = (visitor: RootVisitor) =>
    typeof source === 'string'
      ? streamJsonFile(source, visitor, progressOf(source, options))
      : feedObject(source, visitor);
  const label = typeof source === 'string' ? source : '(object)';
  try {
    try {
      return ok(runImport(store, label, feed, undefined, now, options));
    } catch (error) {
      if (!(error instanceof HeaderNeeded) || typeof source !== 'string') throw error;
      // The currency came after the invoices: read the scalars first, then import again.
      return ok(runImport(store, label, feed, readHeader(source), now, options));
    }
  } catch (error) {
    if (error instanceof Rejected) return err(error.problems);
    if (error instanceof JsonShapeError) return err([{ path: '(file)', message: error.message }]);
    if (isFileError(error))
      return err([{ path: '(file)', message: `cannot read ${label}: ${error.code}` }]);
    throw error;
  }
}

function progressOf(
  path: string,
  options: ImportOptions,
): ((readBytes: number) => void) | undefined {
  const report = options.onProgress;
  if (report === undefined) return undefined;
  const totalBytes = statSync(path).size;
  return (readBytes) => report(readBytes, totalBytes);
}

/** The CSV form (ADR 135): same checks and transaction; problems named by row and column. */
function importCsvFile(
  store: Store,
  path: string,
  now: number,
  options: ImportOptions,
): Result<ImportSummary, ImportProblem[]> {
  let rows: CsvRows | undefined;
  const feed = (visitor: RootVisitor, tx: Tx) => {
    const ledger = readCsvLedger(tx);
    rows = feedCsvFile(path, ledger, visitor, progressOf(path, options));
  };
  try {
    return ok(runImport(store, path, feed, undefined, now, options));
  } catch (error) {
    if (error instanceof Rejected) {
      return err(rows === undefined ? error.problems : locateCsvProblems(error.problems, rows));
    }
    if (error instanceof CsvFileError) return err([{ path: '(file)', message: error.message }]);
    if (isFileError(error))
      return err([{ path: '(file)', message: `cannot read ${path}: ${error.code}` }]);
    throw error;
  }
}

function runImport(
  store: Store,
  label: string,
  feed: (visitor: RootVisitor, tx: Tx) => void,
  header: Partial<Header> | undefined,
  now: number,
  options: ImportOptions,
): ImportSummary {
  return store.write((tx) => {
    serializeImports(tx);
    const openBefore = countOpenInvoices(tx);
    // Invoices may precede the customers they name; references are checked by the session
    // and the database re-checks them at commit.
    deferForeignKeysToCommit(tx);
    // What posted write-offs left on their invoices, before the file moves the ERP figures.
    const writtenOff = listWrittenOffInvoices(tx);
    const writer = createArImportWriter(tx, label, now);
    const session = new ImportSession(writer, getSetting(tx, 'currency'), header);
    feed(session, tx);
    const outcome = session.end();
    if (Array.isArray(outcome)) throw new Rejected(outcome);
    if (options.allowSettle !== true) refuseMassSettlement(openBefore, outcome);
    appendAudit(tx, {
      atMs: now,
      actor: 'system:import',
      action: 'ar_import',
      details: { ...outcome, staleRequests: outcome.staleRequests.map((r) => r.requestId) },
    });
    const recoveries = proposeRecoveries(tx, writtenOff, outcome.importId, now);
    return recoveries.length === 0 ? outcome : { ...outcome, recoveries };
  });
}

/** An empty `invoices` settling open ones is always refused; otherwise the share rule. */
function refuseMassSettlement(openBefore: number, outcome: ImportSummary): void {
  const { settled, inserted, updated, unchanged } = outcome.invoices;
  const listsNone = inserted + updated + unchanged === 0;
  const tooMany = settled > FEW_SETTLED && settled > openBefore * MAX_SETTLED_SHARE;
  if (settled === 0 || !(listsNone || tooMany)) return;
  const percent = Math.round((settled / openBefore) * 100);
  throw new Rejected([
    {
      path: '(file)',
      message: `this file would settle ${settled} of ${openBefore} open invoices (${percent}%): every open invoice it does not list is treated as paid in the ERP. Nothing was imported. If the ERP really settled them, import again with --allow-settle.`,
    },
  ]);
}

/** Pre-pass over the file that keeps only the scalar members (arrays are skipped). */
function readHeader(path: string): Partial<Header> {
  const header: Record<string, unknown> = {};
  streamJsonFile(path, {
    member: (key, value) => {
      if ((ROOT_SCALARS as readonly string[]).includes(key)) header[key] = value;
    },
    arrayStart: () => false,
    element: () => {},
    arrayEnd: () => {},
  });
  return typeof header.currency === 'string' ? { currency: header.currency } : {};
}

/** Walks an in-memory file in the canonical member order, exactly like a streamed one. */
function feedObject(file: unknown, visitor: RootVisitor): void {
  if (typeof file !== 'object' || file === null || Array.isArray(file)) {
    throw new JsonShapeError('the file must be one JSON object');
  }
  const record = file as Record<string, unknown>;
  const canonical: readonly string[] = [...ROOT_SCALARS, ...ROOT_ARRAYS];
  const keys = [
    ...canonical.filter((k) => k in record),
    ...Object.keys(record).filter((k) => !canonical.includes(k)),
  ];
  for (const key of keys) {
    const value = record[key];
    if (!Array.isArray(value)) {
      visitor.member(key, value);
      continue;
    }
    if (visitor.arrayStart(key)) {
      for (const [i, element] of value.entries()) visitor.element(key, i, element);
    }
    visitor.arrayEnd(key, value.length);
  }
}

function isFileError(error: unknown): error is { code: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    ['ENOENT', 'EACCES', 'EISDIR'].includes(error.code)
  );
}
