// `npm run bench`: builds (or reuses) the seeded benchmark databases, runs the five benches of
// the product one after another (each in its own child processes), prints one table where every
// figure stands next to the baseline measured in the same run, and writes bench/results.json.
// A missed target is printed as MISSED and listed at the end; the exit code stays 0 so the
// figures are always recorded.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import {
  type CachedDatabase,
  ensureBenchDatabase,
  specKey,
  workingCopy,
} from '../scripts/bench-database.ts';
import type { ArFileSpec } from '../scripts/generate-ar-file.ts';
import { runAckLatencyBench } from './ack-latency.ts';
import { runApprovalClickBench } from './approval-click.ts';
import { runDigestBench } from './digest.ts';
import { changedFileFor, nominalLines, runImportBench, scaled } from './import.ts';
import { runImportAcksBench } from './import-acks.ts';
import { type BenchRow, formatTable, round } from './lib/stats.ts';
import { pgBenches } from './pg-benches.ts';
import { runPostingBench } from './posting.ts';
import { runPostingCurve } from './posting-curve.ts';
import { runPreviewBench } from './preview.ts';
import { runPreviewCurve } from './preview-curve.ts';
import { runSlackPreviewBench } from './slack-preview.ts';
import { runStartupBench } from './startup.ts';
import { runInvoiceListBench, runTypeAheadBench } from './type-ahead.ts';
import { runWriteLockBench } from './write-lock.ts';

/** 200k invoices × 5 lines = 1M lines (benches 1, 3, 5). */
export const LEDGER_1M: ArFileSpec = {
  seed: 42,
  customers: 20_000,
  invoices: 200_000,
  linesPerInvoice: 5,
  onAccount: 20_000,
};
/** 100k customers, 1M invoices (bench 2). */
export const TYPE_AHEAD: ArFileSpec = {
  seed: 7,
  customers: 100_000,
  invoices: 1_000_000,
  linesPerInvoice: 1,
  onAccount: 50_000,
};
/** 1M customers, 1M invoices (bench 2 at scale). */
export const TYPE_AHEAD_1M: ArFileSpec = {
  seed: 8,
  customers: 1_000_000,
  invoices: 1_000_000,
  linesPerInvoice: 1,
  onAccount: 50_000,
};
/** Room for six disjoint 10k-line requests (bench 4). */
export const POSTING: ArFileSpec = {
  seed: 9,
  customers: 200,
  invoices: 30_000,
  linesPerInvoice: 5,
  onAccount: 0,
};

const RESULTS_FILE = new URL('./results.json', import.meta.url);

async function main(): Promise<void> {
  const only = new Set(process.argv.slice(2));
  const wanted = (n: string) => only.size === 0 || only.has(n);
  const started = Date.now();
  console.log('preparing data (cached under the temp dir after the first run)…');
  // Built only when a bench that reads it runs (bench 6 brings its own small database).
  let cachedLedger: CachedDatabase | undefined;
  const ledger = () => {
    cachedLedger ??= ensureBenchDatabase(LEDGER_1M);
    return cachedLedger;
  };
  const typeAhead = wanted('2') ? ensureBenchDatabase(TYPE_AHEAD) : undefined;
  const typeAhead1M = wanted('2') ? ensureBenchDatabase(TYPE_AHEAD_1M) : undefined;
  const posting = wanted('4') || wanted('9') ? ensureBenchDatabase(POSTING) : undefined;
  // The cost curves' ledgers: bench 1's 1M-line ledger and the same file at 1/100 and 1/10.
  const curveLedgers = () =>
    [...[100, 10].map((divisor) => scaled(LEDGER_1M, divisor)), LEDGER_1M].map((spec) => ({
      lines: nominalLines(spec),
      dbPath: spec === LEDGER_1M ? ledger().dbPath : ensureBenchDatabase(spec).dbPath,
    }));
  const rows: BenchRow[] = [];
  const steps: StepTime[] = [];
  const step = async (n: string, label: string, run: () => Promise<BenchRow[]>) => {
    if (!wanted(n)) return;
    console.log(`bench ${n}: ${label}…`);
    const wallStarted = Date.now();
    const cpuStarted = cpuSecondsWithChildren();
    try {
      rows.push(...(await run()));
    } catch (error) {
      // One broken bench is a missed row, not a lost run: the others' figures are still written.
      console.error(error);
      const message = String(error instanceof Error ? error.message.split('\n')[0] : error);
      rows.push({
        bench: n,
        metric: 'failed',
        value: Number.NaN,
        unit: '',
        target: 'runs',
        met: false,
        note: message,
      });
    }
    const time = {
      bench: n,
      seconds: round((Date.now() - wallStarted) / 1000, 1),
      cpuSeconds: round(cpuSecondsWithChildren() - cpuStarted, 1),
    };
    steps.push(time);
    console.log(`  bench ${n} took ${time.seconds} s (${time.cpuSeconds} s CPU with its children)`);
  };
  await step('1', 'ack latency', () => onCopy(ledger(), runAckLatencyBench));
  // Type-ahead lookups only read: the server runs on the cached databases themselves (1.2 GB
  // that no longer need copying each run); what it writes at start (policy version, admins) is
  // written once and changes no lookup.
  await step('2', 'type-ahead', async () => {
    const hundredK = (typeAhead ?? ledger()).dbPath;
    return [
      ...(await runTypeAheadBench(hundredK, TYPE_AHEAD.customers)),
      ...(await runInvoiceListBench(hundredK, TYPE_AHEAD.customers)),
      ...(await runTypeAheadBench((typeAhead1M ?? ledger()).dbPath, TYPE_AHEAD_1M.customers)),
    ];
  });
  await step('3', 'automatic previews', () => runPreviewBench(ledger().dbPath));
  await step('4', 'posting, and its cost curve', async () => [
    ...(await runPostingBench(posting?.dbPath ?? '')),
    // Posting one 1M-line request costs about 50 s of CPU (product and baseline) and 1.7 GiB:
    // only on request, so the whole bench stays within its time budget (bench/README.md).
    ...(await runPostingCurve(
      curveLedgers().filter((l) => l.lines < 1_000_000 || process.env.BENCH_POSTING_1M === 'on'),
    )),
  ]);
  await step('5', 'start-up', () => onCopy(ledger(), runStartupBench));
  await step('6', 'acks while another process holds the write lock', runWriteLockBench);
  await step('7', 'weekly digest over 10k, 100k and 1M posted lines', runDigestBench);
  await step('8', 'automatic preview, Slack path', () => runSlackPreviewBench(ledger().dbPath));
  await step('9', 'approval click to thread updated', () =>
    onCopy(posting ?? ledger(), runApprovalClickBench),
  );
  await step('10', 'A/R import against raw inserts; acks during a CLI import', async () => [
    ...(await runImportBench(LEDGER_1M, ledger().filePath)),
    ...(await onCopy(ledger(), (path) =>
      runImportAcksBench(path, changedFileFor(LEDGER_1M, ledger().filePath)),
    )),
  ]);
  await step('11', 'cost curve of the automatic preview', () => runPreviewCurve(curveLedgers()));
  // Benches 3 and 4 on PostgreSQL (3pg, 4pg): skipped rows when no server answers.
  const pgData = (spec: ArFileSpec, cached: () => CachedDatabase) => () => ({
    key: specKey(spec),
    dbPath: cached().dbPath,
  });
  for (const pg of pgBenches({
    ledger: pgData(LEDGER_1M, ledger),
    posting: pgData(POSTING, () => posting ?? ensureBenchDatabase(POSTING)),
  })) {
    await step(pg.bench, pg.label, pg.run);
  }
  report(rows, steps, Date.now() - started);
}

interface StepTime {
  readonly bench: string;
  readonly seconds: number;
  /** CPU of this process and of every child it waited for (servers, measuring children). */
  readonly cpuSeconds: number;
}

/**
 * utime + stime + cutime + cstime of this process from /proc (NaN off Linux): on a shared
 * machine a step's wall time mostly says how busy the others were; its CPU time does not.
 */
function cpuSecondsWithChildren(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return ticks / 100;
  } catch {
    return Number.NaN;
  }
}

/** Runs a bench whose server writes on a fresh copy of the cached database. */
async function onCopy<T>(cached: CachedDatabase, run: (dbPath: string) => Promise<T>): Promise<T> {
  const copy = workingCopy(cached);
  try {
    return await run(copy.dbPath);
  } finally {
    copy.remove();
  }
}

function report(rows: readonly BenchRow[], steps: readonly StepTime[], elapsedMs: number): void {
  console.log(`\n${formatTable(rows)}\n`);
  for (const row of rows) if (row.note) console.log(`  ${row.bench} ${row.metric}: ${row.note}`);
  const missed = rows.filter((r) => !r.met);
  console.log(
    missed.length === 0
      ? '\nall targets met'
      : `\nMISSED ${missed.length} target(s): ${missed.map((r) => `${r.bench} ${r.metric} (${r.target})`).join('; ')}`,
  );
  const results = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, loadavg1mAtEnd: loadavg()[0] },
    data: [LEDGER_1M, TYPE_AHEAD, TYPE_AHEAD_1M, POSTING].map((spec) => ({
      key: specKey(spec),
      ...spec,
    })),
    elapsedSeconds: Math.round(elapsedMs / 1000),
    steps,
    rows,
    missed: missed.map((r) => `${r.bench} ${r.metric}`),
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`results written to bench/results.json (${Math.round(elapsedMs / 1000)} s)`);
}

await main();
