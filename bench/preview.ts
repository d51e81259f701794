// Bench 3: the automatic preview of each mode over 200k invoices / 1M lines, against one
// hand-written SQL query per mode that computes the same eligible set and totals on the same
// file. Each measurement is a fresh child process, so its peak RSS (VmHWM) is its own; the
// engine and the SQL must agree on item count, line count and total, or the bench fails.
import { previewAutomaticRun } from '../src/app/preview-write-off.ts';
import { openDatabase } from '../src/db/client.ts';
import { sqliteStore } from '../src/db/store.ts';
import type { AutoCriteriaInput, AutoType, FcPercentOption } from '../src/domain/automatic.ts';
import { parseAmount } from '../src/domain/money.ts';
import { elapsedMs, isMain, peakRssMib, reportResult, runBenchChild } from './lib/child.ts';
import { type BenchRow, median } from './lib/stats.ts';

const OLDER_THAN = '2026-03-01';
const START_DATE = '2025-02-01';

/** Finance charge is measured with each of its three sizings (docs/write-off-rules.md). */
export type PreviewRunName = AutoType | 'finance-charge-all-lines' | 'finance-charge-from-line-1';

/** A percentage with a remainder, so the half-up rounding is exercised. */
const FC_PERCENT = { text: '37.5', numerator: 375, denominator: 10 };

const fcRun = (value: string, fcPercent?: FcPercentOption): AutoCriteriaInput => ({
  type: 'finance-charge',
  value,
  ...(fcPercent && { fcPercent }),
  olderThan: OLDER_THAN,
  period: '2026-06',
  date: '2026-06-15',
});

/** The run each mode is measured with; values chosen so every mode writes something off. */
export const PREVIEW_RUNS: Readonly<Record<PreviewRunName, AutoCriteriaInput>> = {
  'finance-charge': fcRun('0'),
  'finance-charge-all-lines': fcRun(FC_PERCENT.text, 'all-lines'),
  'finance-charge-from-line-1': fcRun(FC_PERCENT.text, 'from-line-1'),
  'invoice-balance': {
    type: 'invoice-balance',
    value: '100.00',
    olderThan: OLDER_THAN,
    startDate: START_DATE,
    period: '2026-06',
    date: '2026-06-15',
  },
  'account-balance': {
    type: 'account-balance',
    value: '5000.00',
    olderThan: OLDER_THAN,
    startDate: START_DATE,
    period: '2026-06',
    date: '2026-06-15',
  },
};

interface Measured {
  readonly ms: number;
  readonly items: number;
  readonly lines: number;
  readonly totalMinor: number;
  readonly peakRssMib: number;
}

function measureEngine(dbPath: string, mode: PreviewRunName): Measured {
  const database = openDatabase(dbPath);
  const started = process.hrtime.bigint();
  const result = previewAutomaticRun(
    { database, store: sqliteStore(database), now: () => new Date('2026-06-15T14:00:00Z') },
    PREVIEW_RUNS[mode],
  );
  const ms = elapsedMs(started);
  database.close();
  if (!result.ok) throw new Error(`preview failed: ${JSON.stringify(result.error)}`);
  const { preview } = result.value;
  let lines = 0;
  for (const item of preview.items) lines += item.kind === 'invoice' ? item.lines.length : 1;
  return {
    ms,
    items: preview.items.length,
    lines,
    totalMinor: preview.totalMinor,
    peakRssMib: peakRssMib(),
  };
}

// Same rules as the engine (docs/write-off-rules.md#automatic-write-off,
// src/domain/auto-calculators.ts), written as SQL once.
const WINDOW = `i.open_minor <> 0 AND i.invoice_on < @olderThan
  AND (@startDate IS NULL OR i.invoice_on >= @startDate)
  AND NOT EXISTS (SELECT 1 FROM request_invoice_locks k WHERE k.invoice_number = i.number)`;

// Every line's cap (signed like its FC), and the invoices without a polarity conflict.
const FC_CAPS = `
    per_line AS (
      SELECT l.invoice_number AS number, l.line, l.finance_charge_minor AS fc,
        l.due_minor - l.retainage_minor AS d
      FROM invoices i JOIN invoice_lines l ON l.invoice_number = i.number WHERE ${WINDOW}),
    capped AS (
      SELECT number, line, fc, d, CASE WHEN fc = 0 OR d = 0 OR (fc > 0) <> (d > 0) THEN 0
        WHEN abs(fc) <= abs(d) THEN fc WHEN fc > 0 THEN abs(d) ELSE -abs(d) END AS cap
      FROM per_line),
    per_invoice AS (
      SELECT number, sum(fc) AS fc, sum(abs(cap)) AS cap_total FROM capped GROUP BY number
      HAVING NOT ((sum(fc) > 0 AND sum(d) < 0) OR (sum(fc) < 0 AND sum(d) > 0)))`;
/** round(|x| × P / 100) half up, in integers (P = @pNum / @pDen). */
const PERCENT_OF_ABS = (x: string) => `((2 * abs(${x}) * @pNum + 100 * @pDen) / (200 * @pDen))`;
const SIGN = (x: string) => `(CASE WHEN ${x} < 0 THEN -1 ELSE 1 END)`;
// What every finance-charge sizing ends with: one amount per line, summed per invoice.
const FC_TOTALS = `per_item AS (
      SELECT sum(amount <> 0) AS lines, sum(amount) AS total FROM amounts GROUP BY number
      HAVING sum(amount <> 0) > 0)
    SELECT count(*) AS items, coalesce(sum(lines), 0) AS lines,
      coalesce(sum(total), 0) AS totalMinor FROM per_item`;

const SQL: Readonly<Record<PreviewRunName, string>> = {
  'finance-charge': `
    WITH ${FC_CAPS},
    amounts AS (SELECT c.number, c.cap AS amount FROM capped c JOIN per_invoice USING (number)),
    ${FC_TOTALS}`,
  'finance-charge-all-lines': `
    WITH ${FC_CAPS},
    amounts AS (
      SELECT c.number, ${SIGN('c.cap')} * min(${PERCENT_OF_ABS('c.fc')}, abs(c.cap)) AS amount
      FROM capped c JOIN per_invoice USING (number)),
    ${FC_TOTALS}`,
  'finance-charge-from-line-1': `
    WITH ${FC_CAPS},
    budget AS (SELECT number, min(${PERCENT_OF_ABS('fc')}, cap_total) AS w FROM per_invoice),
    poured AS (
      SELECT c.number, c.cap, b.w - sum(abs(c.cap)) OVER (PARTITION BY c.number ORDER BY c.line
        ROWS UNBOUNDED PRECEDING) + abs(c.cap) AS left_minor
      FROM capped c JOIN budget b USING (number)),
    amounts AS (
      SELECT number, ${SIGN('cap')} * min(abs(cap), max(left_minor, 0)) AS amount FROM poured),
    ${FC_TOTALS}`,
  'invoice-balance': `
    SELECT count(DISTINCT i.number) AS items, sum(l.due_minor <> 0) AS lines,
      coalesce(sum(l.due_minor), 0) AS totalMinor
    FROM invoices i JOIN invoice_lines l ON l.invoice_number = i.number
    WHERE ${WINDOW} AND abs(i.open_minor) <= @limitMinor`,
  'account-balance': `
    WITH inv AS (
      SELECT i.customer_id AS customer, count(*) AS items, sum(i.open_minor) AS amount,
        (SELECT count(*) FROM invoice_lines l WHERE l.invoice_number = i.number
           AND l.due_minor <> 0) AS lines
      FROM invoices i WHERE ${WINDOW} GROUP BY i.number),
    oa AS (
      SELECT customer_id AS customer, 1 AS items, amount_minor AS amount, 1 AS lines
      FROM on_account_items WHERE amount_minor <> 0 AND item_on < @olderThan
        AND (@startDate IS NULL OR item_on >= @startDate)),
    per_customer AS (
      SELECT customer, sum(items) AS items, sum(lines) AS lines, sum(amount) AS amount
      FROM (SELECT * FROM inv UNION ALL SELECT * FROM oa) GROUP BY customer)
    SELECT coalesce(sum(items), 0) AS items, coalesce(sum(lines), 0) AS lines,
      coalesce(sum(amount), 0) AS totalMinor
    FROM per_customer WHERE abs(amount) <= @limitMinor`,
};

function limitMinor(value: string): number {
  const parsed = parseAmount(value, 'USD');
  if (!parsed.ok) throw new Error(`bad run value ${value}`);
  return Math.abs(parsed.value);
}

function measureSql(dbPath: string, mode: PreviewRunName): Measured {
  const database = openDatabase(dbPath);
  const run = PREVIEW_RUNS[mode];
  const started = process.hrtime.bigint();
  const row = database.sqlite.prepare(SQL[mode]).get({
    olderThan: run.olderThan,
    startDate: run.startDate ?? null,
    limitMinor: run.type === 'finance-charge' ? 0 : limitMinor(run.value),
    pNum: FC_PERCENT.numerator,
    pDen: FC_PERCENT.denominator,
  }) as { items: number; lines: number; totalMinor: number };
  const ms = elapsedMs(started);
  database.close();
  return { ms, ...row, peakRssMib: peakRssMib() };
}

const REPEATS = 2;

/** Parent side: engine and SQL alternate, REPEATS times per mode; medians are reported. */
export async function runPreviewBench(dbPath: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const mode of Object.keys(PREVIEW_RUNS) as PreviewRunName[]) {
    const engine: Measured[] = [];
    const sql: Measured[] = [];
    for (let i = 0; i < REPEATS; i += 1) {
      sql.push(await runBenchChild<Measured>(import.meta.url, ['sql', mode, dbPath]));
      engine.push(await runBenchChild<Measured>(import.meta.url, ['engine', mode, dbPath]));
    }
    const e = engine[0] as Measured;
    const s = sql[0] as Measured;
    const agree = e.items === s.items && e.lines === s.lines && e.totalMinor === s.totalMinor;
    const ms = median(engine.map((m) => m.ms));
    const baseline = median(sql.map((m) => m.ms));
    const rss = Math.max(...engine.map((m) => m.peakRssMib));
    const seen = `${e.items} items, ${e.lines} lines, total ${e.totalMinor} minor`;
    const note = agree ? seen : `DISAGREES with SQL: engine ${seen}; SQL ${JSON.stringify(s)}`;
    rows.push({
      bench: `3 preview ${mode}`,
      metric: 'time',
      value: ms,
      unit: 'ms',
      baseline,
      ratio: ms / baseline,
      target: '≤ 1.5× SQL',
      met: agree && ms <= 1.5 * baseline,
      note,
    });
    rows.push({
      bench: `3 preview ${mode}`,
      metric: 'peak RSS',
      value: rss,
      unit: 'MiB',
      baseline: Math.max(...sql.map((m) => m.peakRssMib)),
      target: '≤ 256 MiB',
      met: rss <= 256,
    });
  }
  return rows;
}

if (isMain(import.meta.url)) {
  const [kind, mode, dbPath] = process.argv.slice(2) as [string, PreviewRunName, string];
  reportResult(kind === 'sql' ? measureSql(dbPath, mode) : measureEngine(dbPath, mode));
}
