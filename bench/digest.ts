// Bench 7: one manager's weekly digest (buildDigest: posted, reversed, breakdowns, 8-week trend,
// pending, largest items) over a week of 1M posted lines, against a hand-written SQL
// aggregation over the same data (totals by clerk, customer and age bucket, trend per week);
// and the same at 10k and 100k posted lines (10 and 100 requests), the digest's cost curve.
// The database: 20k customers, 200k invoices, and the posted requests of 1,000 lines each, all
// inserted with SQL (posting a million lines through the use-cases would take the bench's whole
// budget), plus the per-item sums that submitting writes (ADR 217); built once per size and
// cached like the imported ledgers (the digest only reads). Each size is measured in its own
// child: TRIALS alternating runs, medians reported; the hand-written SQL baseline reads the
// lines, as a person writing it without that table would.
import { ensureBuiltDatabase } from '../scripts/bench-database.ts';
import { buildDigest } from '../src/app/build-digest.ts';
import { importArFile } from '../src/app/import-ar-file.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { sqliteStore } from '../src/db/sqlite-store.ts';
import { weekBounds } from '../src/domain/digest-week.ts';
import { elapsedMs, isMain, reportResult, runBenchChild } from './lib/child.ts';
import { type BenchRow, median, sizeLabel } from './lib/stats.ts';

const TRIALS = 3;
/** Posted requests at each point of the curve; the last is the one judged. */
const CURVE_REQUESTS = [10, 100, 1_000] as const;
const LINES_PER_REQUEST = 1_000;
const WEEK = { year: 2026, week: 49 };
const ZONE = 'America/Los_Angeles';

export function seed(database: Database, requests = 1_000): void {
  const file = {
    version: 1,
    currency: 'USD',
    timezone: ZONE,
    accounts: [
      { code: '1200', name: 'A/R', role: 'ar' },
      { code: '1210', name: 'A/R retainage', role: 'ar_retainage' },
      { code: '1250', name: 'FC receivable', role: 'fc_receivable' },
      { code: '2200', name: 'Tax payable', role: 'tax_payable' },
      { code: '7100', name: 'Bad debt', role: 'write_off', default: true },
      { code: '7150', name: 'FC write-off', role: 'fc_write_off' },
    ],
    periods: [{ name: '2026-12', start: '2026-12-01', end: '2026-12-31', closed: false }],
    customers: [],
    invoices: [],
    onAccount: [],
  };
  const imported = importArFile(sqliteStore(database), file as never, Date.now());
  if (!imported.ok) throw new Error(JSON.stringify(imported.error).slice(0, 300));
  const { startMs } = weekBounds(WEEK, ZONE);
  const weekMs = 7 * 86_400_000;
  database.sqlite.exec(`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19999)
    INSERT INTO customers (id, name, name_lower) SELECT printf('C%05d', i), printf('Customer %d', i),
      printf('customer %d', i) FROM n;
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199999)
    INSERT INTO invoices (number, customer_id, invoice_on, due_on, open_minor, content_hash,
      updated_at_ms)
    SELECT printf('I%06d', i), printf('C%05d', i % 20000), date('2026-11-30', printf('-%d days', i % 700)),
      '2026-12-31', 0, 'h', 0 FROM n;
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${requests - 1})
    INSERT INTO write_off_requests (id, mode, status, period, write_off_on, account, currency,
      total_minor, requester, approver, preview_hash, policy_version, created_at_ms, decided_at_ms)
    SELECT printf('WO-%06d', i + 1), 'invoice-balance', 'posted', '2026-12', '2026-12-01', '7100',
      'USD', 0, printf('U0CLERK%d', i % 25), 'U0BOSS', 'h', 'v1', ${startMs} + i * 600000,
      ${startMs} + i * 600000 FROM n;
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${requests * LINES_PER_REQUEST - 1})
    INSERT INTO write_off_request_lines (request_id, seq, kind, customer_id, invoice_number, line,
      item_version, amount_minor, tax_minor, retainage_minor, finance_charge_minor, account)
    SELECT printf('WO-%06d', i / ${LINES_PER_REQUEST} + 1), i % ${LINES_PER_REQUEST} + 1, 'invoice',
      printf('C%05d', (i / 5) % 20000), printf('I%06d', (i / 5) % 200000), i % 5 + 1, 1,
      1000 + i % 997, 0, 0, 0, '7100' FROM n;
    -- What submitting them would have written: their lines summed per item (ADR 217).
    INSERT INTO write_off_request_items (request_id, seq, customer_id, invoice_number,
      on_account_id, item_on, amount_minor)
    SELECT l.request_id, min(l.seq), min(l.customer_id), l.invoice_number, l.on_account_id,
      coalesce(min(i.invoice_on), min(o.item_on)), sum(l.amount_minor)
    FROM write_off_request_lines l
    LEFT JOIN invoices i ON i.number = l.invoice_number
    LEFT JOIN on_account_items o ON o.id = l.on_account_id
    GROUP BY l.request_id, l.invoice_number, l.on_account_id;
    UPDATE write_off_requests SET total_minor = (SELECT sum(amount_minor)
      FROM write_off_request_lines l WHERE l.request_id = write_off_requests.id);
    -- Posted through the week; every tenth request's entry falls in one of the 7 weeks before.
    INSERT INTO journal_entries (reference, kind, request_id, period, entry_on, currency,
      created_at_ms, created_by)
    SELECT 'write-off:' || id, 'write_off', id, period, write_off_on, currency,
      CASE WHEN CAST(substr(id, 4) AS INTEGER) % 10 = 0
        THEN created_at_ms - (CAST(substr(id, 4) AS INTEGER) % 7 + 1) * ${weekMs}
        ELSE created_at_ms END, 'U0BOSS'
    FROM write_off_requests;
    ANALYZE;
  `);
}

// What a person would write by hand for the same figures: one grouped query per breakdown.
function handWritten(database: Database): number {
  const { startMs, endMs } = weekBounds(WEEK, ZONE);
  const trendStart = startMs - 7 * 7 * 86_400_000;
  const inWeek = `FROM journal_entries e JOIN write_off_request_lines l ON l.request_id = e.request_id
    WHERE e.kind = 'write_off' AND e.created_at_ms >= ? AND e.created_at_ms < ?`;
  const queries = [
    `SELECT r.requester, sum(r.total_minor), count(*) FROM journal_entries e
       JOIN write_off_requests r ON r.id = e.request_id
       WHERE e.kind = 'write_off' AND e.created_at_ms >= ? AND e.created_at_ms < ? GROUP BY 1`,
    `SELECT l.customer_id, sum(l.amount_minor) ${inWeek} GROUP BY 1 ORDER BY 2 DESC LIMIT 10`,
    `SELECT CASE WHEN d <= 90 THEN 0 WHEN d <= 180 THEN 1 WHEN d <= 365 THEN 2 ELSE 3 END, sum(a)
       FROM (SELECT julianday(r.write_off_on) - julianday(i.invoice_on) AS d, l.amount_minor AS a
         FROM journal_entries e JOIN write_off_requests r ON r.id = e.request_id
         JOIN write_off_request_lines l ON l.request_id = r.id
         JOIN invoices i ON i.number = l.invoice_number
         WHERE e.kind = 'write_off' AND e.created_at_ms >= ? AND e.created_at_ms < ?) GROUP BY 1`,
    `SELECT count(DISTINCT l.request_id || l.invoice_number) ${inWeek}`,
  ];
  let rows = 0;
  for (const q of queries) rows += database.sqlite.prepare(q).all(startMs, endMs).length;
  rows += database.sqlite
    .prepare(
      `SELECT (e.created_at_ms - ?) / 604800000, sum(r.total_minor) FROM journal_entries e
       JOIN write_off_requests r ON r.id = e.request_id
       WHERE e.kind = 'write_off' AND e.created_at_ms >= ? AND e.created_at_ms < ? GROUP BY 1`,
    )
    .all(trendStart, trendStart, endMs).length;
  return rows;
}

interface DigestResult {
  readonly engineMs: number[];
  readonly rawMs: number[];
  /** Time to build the database in this run; 0 when it was cached. */
  readonly seedMs: number;
  readonly postedLines: number;
  readonly postedTotal: number;
}

/** The cached digest database with `requests` posted requests, built on first use. */
function digestDatabase(requests: number): { dbPath: string; seedMs: number } {
  const started = process.hrtime.bigint();
  let built = false;
  const dbPath = ensureBuiltDatabase(
    `digest-v1-r${requests}x${LINES_PER_REQUEST}`,
    (database) => {
      built = true;
      seed(database, requests);
    },
    { log: console.error },
  );
  return { dbPath, seedMs: built ? elapsedMs(started) : 0 };
}

function measure(requests: number): DigestResult {
  const { dbPath, seedMs } = digestDatabase(requests);
  const database = openDatabase(dbPath);
  try {
    const deps = { store: sqliteStore(database), now: () => new Date() };
    const engineMs: number[] = [];
    const rawMs: number[] = [];
    let postedTotal = 0;
    for (let t = 0; t < TRIALS; t += 1) {
      const started = process.hrtime.bigint();
      const digest = buildDigest(deps, { week: '2026-W49', timezone: ZONE });
      engineMs.push(elapsedMs(started));
      if (!digest.ok) throw new Error(digest.error.kind);
      postedTotal = digest.value.posted.totalMinor;
      const raw = process.hrtime.bigint();
      handWritten(database);
      rawMs.push(elapsedMs(raw));
    }
    const postedLines = database.sqlite
      .prepare('SELECT count(*) FROM write_off_request_lines')
      .pluck()
      .get() as number;
    return { engineMs, rawMs, seedMs, postedLines, postedTotal };
  } finally {
    database.close();
  }
}

export async function runDigestBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const requests of CURVE_REQUESTS) {
    const r = await runBenchChild<DigestResult>(import.meta.url, [String(requests)]);
    const value = median(r.engineMs);
    const baseline = median(r.rawMs);
    const judged = requests === CURVE_REQUESTS[CURVE_REQUESTS.length - 1];
    const built = r.seedMs > 0 ? `built in this run in ${Math.round(r.seedMs / 1000)} s` : 'cached';
    rows.push({
      bench: `7 digest over ${sizeLabel(requests * LINES_PER_REQUEST)} posted lines`,
      metric: 'time',
      value,
      unit: 'ms',
      baseline,
      ratio: value / baseline,
      // The smaller sizes are the cost curve: reported, not judged.
      target: judged ? '≤ 1000 ms' : '-',
      met: !judged || value <= 1000,
      note: `${r.postedLines} posted lines (data ${built}); digest ${r.engineMs.map(Math.round).join('/')} ms, hand-written SQL ${r.rawMs.map(Math.round).join('/')} ms`,
    });
  }
  return rows;
}

if (isMain(import.meta.url)) reportResult(measure(Number(process.argv[2] ?? 1_000)));
