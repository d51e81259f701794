// Bench 11: the automatic preview's cost curve. previewAutomaticRun of the invoice-balance run
// (the usual automatic write-off: small balances, older than a date) over bench 10's 10k-, 100k-
// and 1M-line ledgers, against one hand-written SQL query computing the same eligible set and
// totals on the same database (as bench 3 does per mode at 1M). Each size is measured in its own
// child, SQL and engine alternating; engine and SQL must agree on items, lines and total, or the
// row fails. Judged on CPU time (robust on a shared machine); wall times are in the note.
import { previewAutomaticRun } from '../src/app/preview-write-off.ts';
import { openDatabase } from '../src/db/client.ts';
import { sqliteStore } from '../src/db/sqlite-store.ts';
import type { AutoCriteriaInput } from '../src/domain/automatic.ts';
import { isMain, reportResult, runBenchChild, startClock, type Timing } from './lib/child.ts';
import { type BenchRow, sizeLabel } from './lib/stats.ts';

const REPEATS = 2;
const RUN: AutoCriteriaInput = {
  type: 'invoice-balance',
  value: '100.00',
  olderThan: '2026-03-01',
  startDate: '2025-02-01',
  period: '2026-06',
  date: '2026-06-15',
};
const LIMIT_MINOR = 10_000;

// The rules of docs/write-off-rules.md#automatic-write-off for this mode, written as SQL once.
const SQL = `
  SELECT count(DISTINCT i.number) AS items, sum(l.due_minor <> 0) AS lines,
    coalesce(sum(l.due_minor), 0) AS totalMinor
  FROM invoices i JOIN invoice_lines l ON l.invoice_number = i.number
  WHERE i.open_minor <> 0 AND i.invoice_on < @olderThan AND i.invoice_on >= @startDate
    AND NOT EXISTS (SELECT 1 FROM request_invoice_locks k WHERE k.invoice_number = i.number)
    AND abs(i.open_minor) <= @limitMinor`;

interface Figures {
  readonly items: number;
  readonly lines: number;
  readonly totalMinor: number;
}

interface CurvePoint {
  readonly engine: Timing[];
  readonly sql: Timing[];
  readonly engineFigures: Figures;
  readonly sqlFigures: Figures;
}

function timed<T>(run: () => T): [T, Timing] {
  const stop = startClock();
  const value = run();
  return [value, stop()];
}

function measure(dbPath: string): CurvePoint {
  const database = openDatabase(dbPath);
  const deps = {
    store: sqliteStore(database),
    now: () => new Date('2026-06-15T14:00:00Z'),
  };
  const query = database.sqlite.prepare(SQL);
  const params = { olderThan: RUN.olderThan, startDate: RUN.startDate, limitMinor: LIMIT_MINOR };
  const engine: Timing[] = [];
  const sql: Timing[] = [];
  let engineFigures: Figures = { items: 0, lines: 0, totalMinor: 0 };
  let sqlFigures = engineFigures;
  try {
    for (let i = 0; i < REPEATS; i += 1) {
      const [row, sqlTime] = timed(() => query.get(params) as Figures);
      sql.push(sqlTime);
      sqlFigures = row;
      const [result, engineTime] = timed(() => previewAutomaticRun(deps, RUN));
      engine.push(engineTime);
      if (!result.ok) throw new Error(`preview failed: ${JSON.stringify(result.error)}`);
      const { preview } = result.value;
      let lines = 0;
      for (const item of preview.items) lines += item.kind === 'invoice' ? item.lines.length : 1;
      engineFigures = { items: preview.items.length, lines, totalMinor: preview.totalMinor };
    }
  } finally {
    database.close();
  }
  return { engine, sql, engineFigures, sqlFigures };
}

const least = (samples: readonly Timing[], key: keyof Timing) =>
  Math.min(...samples.map((s) => s[key]));

/** `ledgers`: the cached imported 10k-, 100k- and 1M-line databases, smallest first. */
export async function runPreviewCurve(
  ledgers: readonly { readonly lines: number; readonly dbPath: string }[],
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const ledger of ledgers) {
    const r = await runBenchChild<CurvePoint>(import.meta.url, [ledger.dbPath]);
    const e = r.engineFigures;
    const s = r.sqlFigures;
    const agree = e.items === s.items && e.lines === s.lines && e.totalMinor === s.totalMinor;
    const seen = `${e.items} items, ${e.lines} lines, total ${e.totalMinor} minor`;
    const value = least(r.engine, 'cpuMs');
    const baseline = least(r.sql, 'cpuMs');
    const wall = `wall ${Math.round(least(r.engine, 'ms'))} ms vs SQL ${Math.round(least(r.sql, 'ms'))} ms`;
    rows.push({
      bench: `11 preview curve, invoice-balance, ${sizeLabel(ledger.lines)}-line ledger`,
      metric: 'CPU time',
      value,
      unit: 'ms',
      baseline,
      ratio: value / baseline,
      target: 'reported; engine and SQL agree',
      met: agree,
      note: agree
        ? `${seen}; ${wall}; least of ${REPEATS}`
        : `DISAGREES with SQL: engine ${seen}; SQL ${JSON.stringify(s)}`,
    });
  }
  return rows;
}

if (isMain(import.meta.url)) reportResult(measure(process.argv[2] ?? ''));
