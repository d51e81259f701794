// Bench 3 on PostgreSQL: the automatic preview (`previewAutomaticRun`) over the PostgreSQL copy
// of bench 3's 1M-line ledger, through the bridge (ADR 300), beside the same call on the SQLite
// file and beside bench 3's hand-written SQL run on the server. One child per mode measures all
// four; items, lines and total must agree across them or the row fails. A PostgreSQL figure's
// CPU time is the child's (main and bridge threads) plus the server backends' (/proc): on
// SQLite the database's work is in the child's own CPU time, on PostgreSQL it is not.
import { previewAutomaticRun } from '../src/app/preview-write-off.ts';
import { openPostgresStore } from '../src/db/store.ts';
import { parseAmount } from '../src/domain/money.ts';
import { isMain, reportResult, runBenchChild, startClock } from './lib/child.ts';
import {
  backendCpuMs,
  backendCpuSince,
  databaseUrl,
  type PgServer,
  skippedRows,
  withClient,
} from './lib/pg-server.ts';
import type { BenchRow } from './lib/stats.ts';
import { type Measured, measureEngine, measureSql, PREVIEW_RUNS } from './preview.ts';

/** The invoice-balance run is also bench 11's; finance charge is the heaviest SQLite read. */
const MODES = ['invoice-balance', 'finance-charge'] as const;
type PgMode = (typeof MODES)[number];

type Counted = Omit<Measured, 'peakRssMib'>;

// Bench 3's SQL (./preview.ts) in PostgreSQL's dialect: booleans are not summed, parameters
// are positional ($1 older than, $2 start date, $3 the limit in minor units).
const WINDOW = `i.open_minor <> 0 AND i.invoice_on < $1 AND ($2::text IS NULL OR i.invoice_on >= $2)
  AND NOT EXISTS (SELECT 1 FROM request_invoice_locks k WHERE k.invoice_number = i.number)`;

const PG_SQL: Readonly<Record<PgMode, string>> = {
  'invoice-balance': `
    SELECT count(DISTINCT i.number) AS items, count(*) FILTER (WHERE l.due_minor <> 0) AS lines,
      coalesce(sum(l.due_minor), 0) AS "totalMinor"
    FROM invoices i JOIN invoice_lines l ON l.invoice_number = i.number
    WHERE ${WINDOW} AND abs(i.open_minor) <= $3`,
  'finance-charge': `
    WITH per_line AS (
      SELECT l.invoice_number AS number, l.finance_charge_minor AS fc,
        l.due_minor - l.retainage_minor AS d
      FROM invoices i JOIN invoice_lines l ON l.invoice_number = i.number WHERE ${WINDOW}),
    amounts AS (
      SELECT number, fc, d, CASE WHEN fc = 0 OR d = 0 OR (fc > 0) <> (d > 0) THEN 0
        WHEN abs(fc) <= abs(d) THEN fc WHEN fc > 0 THEN abs(d) ELSE -abs(d) END AS amount
      FROM per_line),
    per_invoice AS (
      SELECT sum(fc) AS fc, sum(d) AS d, count(*) FILTER (WHERE amount <> 0) AS lines,
        sum(amount) AS total
      FROM amounts GROUP BY number)
    SELECT count(*) AS items, coalesce(sum(lines), 0) AS lines,
      coalesce(sum(total), 0) AS "totalMinor" FROM per_invoice
    WHERE lines > 0 AND NOT ((fc > 0 AND d < 0) OR (fc < 0 AND d > 0))`,
};

/** Wall, and CPU of this process plus the backends of `url`'s database, around `fn`. */
async function onServer<T>(url: string, fn: () => T | Promise<T>) {
  const name = new URL(url).pathname.slice(1);
  return withClient(url, async (probe) => {
    const before = await backendCpuMs(probe, name);
    const stop = startClock();
    const value = await fn();
    const { ms, cpuMs } = stop();
    return { value, ms, cpuMs: cpuMs + backendCpuSince(before, await backendCpuMs(probe, name)) };
  });
}

async function pgEngine(url: string, mode: PgMode): Promise<Counted> {
  const store = openPostgresStore(url);
  try {
    const deps = { store, now: () => new Date('2026-06-15T14:00:00Z') };
    const { value: result, ...time } = await onServer(url, () =>
      previewAutomaticRun(deps, PREVIEW_RUNS[mode]),
    );
    if (!result.ok) throw new Error(`preview failed: ${JSON.stringify(result.error)}`);
    const { preview } = result.value;
    let lines = 0;
    for (const item of preview.items) lines += item.kind === 'invoice' ? item.lines.length : 1;
    return { ...time, items: preview.items.length, lines, totalMinor: preview.totalMinor };
  } finally {
    store.close();
  }
}

async function pgSql(url: string, mode: PgMode): Promise<Counted> {
  const run = PREVIEW_RUNS[mode];
  const params: unknown[] = [run.olderThan, run.startDate ?? null];
  if (mode === 'invoice-balance') {
    const limit = parseAmount(run.value, 'USD');
    if (!limit.ok) throw new Error(`bad run value ${run.value}`);
    params.push(Math.abs(limit.value));
  }
  return withClient(url, async (client) => {
    const { value, ...time } = await onServer(url, () => client.query(PG_SQL[mode], params));
    const row = value.rows[0] as Record<string, string>;
    return {
      ...time,
      items: Number(row.items),
      lines: Number(row.lines),
      totalMinor: Number(row.totalMinor),
    };
  });
}

interface PgPreviewResult {
  readonly sqliteEngine: Counted;
  readonly sqliteSql: Counted;
  readonly pgEngine: Counted;
  readonly pgSql: Counted;
}

export async function runPgPreviewBench(
  server: PgServer,
  cached: () => Promise<string>,
  sqlitePath: () => string,
): Promise<BenchRow[]> {
  if ('skipped' in server) return skippedRows('3pg preview', server.skipped);
  const url = databaseUrl(server.url, await cached());
  const rows: BenchRow[] = [];
  for (const mode of MODES) {
    const r = await runBenchChild<PgPreviewResult>(import.meta.url, [url, mode, sqlitePath()]);
    const counts = (m: Counted) => `${m.items}/${m.lines}/${m.totalMinor}`;
    const agree = new Set(Object.values(r).map(counts)).size === 1;
    const wall = (m: Counted) => Math.round(m.ms);
    const seen = `${r.pgEngine.items} items, ${r.pgEngine.lines} lines, total ${r.pgEngine.totalMinor}; wall PG ${wall(r.pgEngine)}, PG SQL ${wall(r.pgSql)}, SQLite ${wall(r.sqliteEngine)}, SQLite SQL ${wall(r.sqliteSql)} ms (CPU ${Math.round(r.sqliteSql.cpuMs)}); PG CPU = client + server backends`;
    const note = agree
      ? seen
      : `DISAGREE (items/lines/total): ${JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, m]) => [k, counts(m)])))}`;
    const row = (metric: string, value: number, baseline: number): BenchRow => ({
      bench: `3pg preview ${mode}`,
      metric,
      value,
      unit: 'ms',
      baseline,
      ratio: value / baseline,
      target: 'reported; counts agree',
      met: agree,
    });
    rows.push(
      { ...row('CPU vs SQLite', r.pgEngine.cpuMs, r.sqliteEngine.cpuMs), note },
      row('CPU vs PG SQL', r.pgEngine.cpuMs, r.pgSql.cpuMs),
      row('wall vs SQLite', r.pgEngine.ms, r.sqliteEngine.ms),
    );
  }
  return rows;
}

if (isMain(import.meta.url)) {
  const [url, mode, sqlitePath] = process.argv.slice(2) as [string, PgMode, string];
  const result: PgPreviewResult = {
    sqliteSql: measureSql(sqlitePath, mode),
    pgSql: await pgSql(url, mode),
    sqliteEngine: measureEngine(sqlitePath, mode),
    pgEngine: await pgEngine(url, mode),
  };
  reportResult(result);
}
