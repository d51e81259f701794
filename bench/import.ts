// Bench 10: the A/R import (importArFile) at 10k, 100k and 1M lines (5 lines an invoice),
// against raw prepared inserts of the same rows into the same schema in one transaction (rows
// parsed and computed before the clock starts). At 1M lines also a re-import of the file with
// 5% of the invoices' balances changed (a partial payment each), timed on a copy of the cached
// 1M-line ledger: the database the same importer wrote from the same file (ADR 355). Every
// measurement runs in its own child process; peak RSS is the importing child's.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type ArFileSpec, writeArFile } from '../scripts/generate-ar-file.ts';
import { parseImportAmount } from '../src/app/import/amount.ts';
import type { ArFileV1 } from '../src/app/import-ar-file.ts';
import { importArFile } from '../src/app/import-ar-file.ts';
import { openDatabase } from '../src/db/client.ts';
import { sqliteStore } from '../src/db/sqlite-store.ts';
import { isMain, peakRssMib, reportResult, runBenchChild, startClock } from './lib/child.ts';
import type { BenchRow } from './lib/stats.ts';

const TARGET_RATIO = 3;
const TARGET_RSS_MIB = 256;
const CHANGED_EVERY = 20; // 5% of the invoices
const NOW_MS = Date.UTC(2026, 5, 10);

interface RawResult {
  readonly ms: number;
  /** CPU time (user + system) of the timed part: what a busy shared machine does not distort. */
  readonly cpuMs: number;
  readonly lines: number;
}

interface ReimportResult {
  readonly ms: number;
  readonly cpuMs: number;
  readonly updated: number;
  readonly peakRssMib: number;
}

interface ImportResult {
  readonly firstMs: number;
  readonly firstCpuMs: number;
  readonly lines: number;
  readonly peakRssMib: number;
}

const minor = (amount: string | undefined) => {
  const parsed = parseImportAmount(amount ?? '0', 'USD');
  if (!parsed.ok) throw new Error(`bad amount ${amount}`);
  return parsed.value;
};

/** Child: the same rows the import writes, with nothing but prepared inserts. */
function rawInserts(file: string): RawResult {
  const dir = mkdtempSync(join(tmpdir(), 'writeoff-bench-raw-'));
  const database = openDatabase(join(dir, 'raw.db'));
  try {
    const ar = JSON.parse(readFileSync(file, 'utf8')) as ArFileV1;
    const invoices = ar.invoices.map((i) => {
      const lines = i.lines.map((l) => [
        i.number,
        l.line,
        l.description ?? '',
        minor(l.due),
        minor(l.tax),
        minor(l.retainage),
        minor(l.financeCharge),
      ]);
      const openMinor = lines.reduce((sum, l) => sum + Number(l[3]), 0);
      const retainageMinor = lines.reduce((sum, l) => sum + Number(l[5]), 0);
      return { row: [i.number, i.customer, i.date, i.dueDate, openMinor, retainageMinor], lines };
    });
    const onAccount = (ar.onAccount ?? []).map((o) => {
      const amountMinor = minor(o.amount);
      return [o.id, o.customer, o.date, amountMinor, amountMinor];
    });
    const { sqlite } = database;
    const customer = sqlite.prepare(
      'INSERT INTO customers (id, name, name_lower) VALUES (?, ?, ?)',
    );
    const invoice = sqlite.prepare(
      `INSERT INTO invoices (number, customer_id, invoice_on, due_on, open_minor, retainage_minor,
         content_hash, version, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, 'x', 1, 0)`,
    );
    const line = sqlite.prepare(
      `INSERT INTO invoice_lines (invoice_number, line, description, due_minor, tax_minor,
         retainage_minor, finance_charge_minor) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const item = sqlite.prepare(
      `INSERT INTO on_account_items (id, customer_id, item_on, amount_minor, erp_amount_minor,
         version, updated_at_ms) VALUES (?, ?, ?, ?, ?, 1, 0)`,
    );
    // The cheapest way to the same search index: rows first, then the index in one statement.
    sqlite.exec('DROP TRIGGER customers_search_insert');
    const index =
      sqlite.prepare(`INSERT INTO customers_search (rowid, name_lower, name, customer_id)
      SELECT rowid, name_lower, name, id FROM customers`);
    let lines = 0;
    const stop = startClock();
    sqlite
      .transaction(() => {
        for (const c of ar.customers) customer.run(c.id, c.name, c.name.toLowerCase());
        index.run();
        for (const i of invoices) {
          invoice.run(...i.row);
          for (const l of i.lines) line.run(...l);
          lines += i.lines.length;
        }
        for (const o of onAccount) item.run(...o);
      })
      .immediate();
    return { ...stop(), lines };
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One timed import of `file` into a private database: a fresh one, or a copy of `seedDbPath`
 * made before the clock starts. The database is removed afterwards; peak RSS is this child's.
 */
function timedImport(file: string, seedDbPath?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'writeoff-bench-import-'));
  const dbPath = join(dir, 'ledger.db');
  if (seedDbPath !== undefined) copyFileSync(seedDbPath, dbPath);
  const database = openDatabase(dbPath);
  try {
    const stop = startClock();
    const result = importArFile(sqliteStore(database), file, NOW_MS);
    const timing = stop();
    if (!result.ok) throw new Error(JSON.stringify(result.error.slice(0, 3)));
    return { ...timing, summary: result.value, peakRssMib: peakRssMib() };
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Child: a first import of `file` into a fresh database. */
function productImport(file: string): ImportResult {
  const { ms, cpuMs, summary, peakRssMib } = timedImport(file);
  return { firstMs: ms, firstCpuMs: cpuMs, lines: summary.lines, peakRssMib };
}

/**
 * Child: the re-import of `changed` on a private copy of `dbPath`, a database the product's
 * importer wrote from the unchanged file (the cached ledger).
 */
function productReimport(dbPath: string, changed: string): ReimportResult {
  const { ms, cpuMs, summary, peakRssMib } = timedImport(changed, dbPath);
  return { ms, cpuMs, updated: summary.invoices.updated, peakRssMib };
}

/**
 * The 1M-line file with every 20th invoice partly paid, next to the cached one; written under a
 * name of its own and renamed, so a run killed half-way never leaves half a file to import.
 */
export function changedFileFor(spec: ArFileSpec, filePath: string): string {
  const path = join(dirname(filePath), `ar-partly-paid-${CHANGED_EVERY}.json`);
  if (existsSync(path)) return path;
  const partial = `${path}.${process.pid}.partial`;
  writeArFile(partial, { ...spec, partlyPaidEvery: CHANGED_EVERY });
  renameSync(partial, path);
  return path;
}

/** An A/R file the bench imports: its spec and where the cache keeps it. */
export interface ImportFile {
  readonly spec: ArFileSpec;
  readonly filePath: string;
}

/**
 * The cost curve: the 10k- and 100k-line files, reported, not judged (the fixed costs: modules,
 * time zone data, statements, still dominate there). The cached ledgers' own files
 * (scripts/bench-database.ts), so nothing is generated while other benches measure.
 */
export async function runImportCurve(files: readonly ImportFile[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const { spec, filePath } of files) {
    const raw = await runBenchChild<RawResult>(import.meta.url, ['raw', filePath]);
    const product = await runBenchChild<ImportResult>(import.meta.url, ['import', filePath]);
    const first = { ms: product.firstMs, cpuMs: product.firstCpuMs };
    const label = `${nominalLines(spec) / 1000}k lines`;
    rows.push({ ...importRow(label, first, raw, product.peakRssMib), target: '-', met: true });
  }
  return rows;
}

/**
 * The judged figures: the 1M-line file (bench 1's cached one) into a fresh database, and the
 * re-import of `changed` (its `changedFileFor`) on a copy of the cached ledger (`dbPath`, which
 * the same importer wrote from the same file), against raw inserts. Two chains at once, one a
 * core (ADR 355): the first import; raw inserts, then the re-import. The step's lane decides
 * how many children run at once: the alone lane two, one with `BENCH_SIDE_BY_SIDE=off`.
 */
export async function runImportBench(
  judged: ImportFile & { readonly dbPath: string },
  changed: string,
): Promise<BenchRow[]> {
  const [product, [raw, again]] = await Promise.all([
    runBenchChild<ImportResult>(import.meta.url, ['import', judged.filePath]),
    (async () => {
      const raw = await runBenchChild<RawResult>(import.meta.url, ['raw', judged.filePath]);
      const again = await runBenchChild<ReimportResult>(import.meta.url, [
        'reimport',
        judged.dbPath,
        changed,
      ]);
      return [raw, again] as const;
    })(),
  ]);
  const label = `${nominalLines(judged.spec) / 1_000_000}M lines`;
  const first = { ms: product.firstMs, cpuMs: product.firstCpuMs };
  const reimport = importRow(`${label}, re-import 5% changed`, again, raw, again.peakRssMib);
  return [
    importRow(label, first, raw, product.peakRssMib),
    { ...reimport, note: `${again.updated} invoices updated; ${reimport.note}` },
  ];
}

/** Invoices × lines per invoice (credit memos have one line, so the file holds a few less). */
export const nominalLines = (spec: ArFileSpec) => spec.invoices * spec.linesPerInvoice;

/** `spec` with customers, invoices and on-account items divided by `divisor`. */
export function scaled(spec: ArFileSpec, divisor: number): ArFileSpec {
  return {
    ...spec,
    customers: spec.customers / divisor,
    invoices: spec.invoices / divisor,
    onAccount: spec.onAccount / divisor,
  };
}

/**
 * Judged on CPU time (user + system of the one process that does all the work): on a shared,
 * busy machine wall time mostly measures the other processes; both are shown.
 */
function importRow(
  label: string,
  product: { ms: number; cpuMs: number },
  raw: RawResult,
  peakRss: number,
): BenchRow {
  const ratio = product.cpuMs / raw.cpuMs;
  return {
    bench: `10 import ${label}`,
    metric: 'CPU time',
    value: product.cpuMs,
    unit: 'ms',
    baseline: raw.cpuMs,
    ratio,
    target: `≤ ${TARGET_RATIO}× raw inserts, RSS ≤ ${TARGET_RSS_MIB} MiB`,
    met: ratio <= TARGET_RATIO && peakRss <= TARGET_RSS_MIB,
    note: `wall ${Math.round(product.ms)} ms vs raw ${Math.round(raw.ms)} ms (${(product.ms / raw.ms).toFixed(2)}×); peak RSS ${peakRss} MiB; baseline = the same rows with raw prepared inserts, search index filled in one statement`,
  };
}

if (isMain(import.meta.url)) {
  const [mode, file, changed] = process.argv.slice(2);
  if (mode === 'raw') reportResult(rawInserts(file ?? ''));
  else if (mode === 'reimport') reportResult(productReimport(file ?? '', changed ?? ''));
  else reportResult(productImport(file ?? ''));
}
