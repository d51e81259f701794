// Bench 4 on PostgreSQL: `approveRequest` of a 10k-line request through the bridge (ADR 300) on
// a working copy of bench 4's ledger on the server, beside the same call on SQLite and beside
// raw statements writing the same rows on PostgreSQL in one transaction (entry, postings, line
// and invoice balances, request status; one statement per kind of row, the fewest the server
// can be asked for). One child measures all three, alternating, TRIALS times each.
// CPU time here is the child's (main and bridge threads) plus the server backends' (/proc).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveRequest } from '../src/app/approve-request.ts';
import type { AppDeps } from '../src/app/deps.ts';
import { getPostingAccounts } from '../src/db/repos/accounts.ts';
import { getRequestLines } from '../src/db/repos/requests.ts';
import { openPostgresStore, openStore, type Store } from '../src/db/store.ts';
import { tracedPostings } from '../src/domain/traced-postings.ts';
import { isMain, reportResult, runBenchChild, startClock, type Timing } from './lib/child.ts';
import { migrated } from './lib/pg-copy.ts';
import {
  backendCpuMs,
  backendCpuSince,
  createDatabase,
  databaseUrl,
  type PgServer,
  pgWorkingCopy,
  skippedRows,
  withClient,
} from './lib/pg-server.ts';
import { type BenchRow, median } from './lib/stats.ts';
import { APPROVER, grantBenchApprover, must, rangesOf, submitRange } from './posting.ts';

const TRIALS = 2;
const BENCH = '4pg posting 10k lines';

interface PgPostingResult {
  readonly pg: Timing[];
  readonly raw: Timing[];
  readonly sqlite: Timing[];
  readonly lines: number;
  readonly postings: number;
}

const depsOf = (store: Store): AppDeps => ({
  store,
  now: () => new Date('2026-06-15T14:00:00Z'),
});

async function timed(url: string, fn: () => unknown | Promise<unknown>): Promise<Timing> {
  const name = new URL(url).pathname.slice(1);
  return withClient(url, async (probe) => {
    const before = await backendCpuMs(probe, name);
    const stop = startClock();
    await fn();
    const { ms, cpuMs } = stop();
    return { ms, cpuMs: cpuMs + backendCpuSince(before, await backendCpuMs(probe, name)) };
  });
}

/** Request ids of `count` disjoint 10k-line ranges, submitted through the product. */
function submitted(deps: AppDeps, lineCounts: { number: string; lines: number }[], count: number) {
  grantBenchApprover(deps);
  return rangesOf(lineCounts, count).map((range) => submitRange(deps, range));
}

/** The rows a posting writes, precomputed, written by plain statements in one transaction. */
async function rawPgPost(url: string, deps: AppDeps, requestId: string) {
  const { lines, accounts } = deps.store.read((tx) => ({
    lines: getRequestLines(tx, requestId),
    accounts: getPostingAccounts(tx),
  }));
  if (accounts === null) throw new Error('no ledger');
  const postings = tracedPostings(lines, accounts);
  const column = <T>(get: (p: (typeof postings)[number]) => T) => postings.map(get);
  const timing = await withClient(url, (client) =>
    timed(url, async () => {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO journal_entries (reference, kind, request_id, period, entry_on, currency,
           created_at_ms, created_by) VALUES ($1, 'write_off', $2, '2026-06', '2026-06-15', 'USD',
           $3, $4) RETURNING id`,
        [`raw:${requestId}`, requestId, Date.now(), APPROVER],
      );
      await client.query(
        `INSERT INTO journal_postings (entry_id, seq, account, debit_minor, credit_minor,
           customer_id, invoice_number, line)
         SELECT $1, seq, account, debit, credit, customer, invoice, line
         FROM unnest($2::int[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[],
           $8::int[]) AS p(seq, account, debit, credit, customer, invoice, line)`,
        [
          rows[0]?.id,
          postings.map((_, i) => i + 1),
          column((p) => p.account),
          column((p) => p.debitMinor),
          column((p) => p.creditMinor),
          column((p) => p.customerId ?? null),
          column((p) => p.invoiceNumber ?? null),
          column((p) => p.line ?? null),
        ],
      );
      await client.query(
        `UPDATE invoice_lines l SET due_minor = l.due_minor - u.due, tax_minor = l.tax_minor - u.tax,
           retainage_minor = l.retainage_minor - u.ret,
           finance_charge_minor = l.finance_charge_minor - u.fc
         FROM unnest($1::text[], $2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
           AS u(invoice, line, due, tax, ret, fc)
         WHERE l.invoice_number = u.invoice AND l.line = u.line`,
        [
          lines.map((l) => l.invoiceNumber),
          lines.map((l) => l.line),
          lines.map((l) => l.amountMinor),
          lines.map((l) => l.taxMinor),
          lines.map((l) => l.retainageMinor),
          lines.map((l) => l.financeChargeMinor),
        ],
      );
      await client.query(
        `UPDATE invoices i SET open_minor = s.open, retainage_minor = s.retainage,
           version = i.version + 1
         FROM (SELECT invoice_number, sum(due_minor) AS open, sum(retainage_minor) AS retainage
               FROM invoice_lines
               WHERE invoice_number = ANY($1::text[]) GROUP BY invoice_number) s
         WHERE i.number = s.invoice_number`,
        [[...new Set(lines.map((l) => l.invoiceNumber))]],
      );
      await client.query(
        `UPDATE write_off_requests SET status = 'posted', approver = $1, posted_entry_id = $2
         WHERE id = $3`,
        [APPROVER, rows[0]?.id, requestId],
      );
      await client.query('COMMIT');
    }),
  );
  return { timing, postings: postings.length, lines: lines.length };
}

const LINE_COUNTS = `SELECT i.number, count(*)::int AS lines FROM invoices i
  JOIN invoice_lines l ON l.invoice_number = i.number GROUP BY i.number ORDER BY i.number`;

/**
 * The cached copy with 2 × TRIALS requests already submitted through the product (the bridge
 * submits a 10k-line request in several seconds: done once, not on every run), and their ids.
 */
async function ensureSubmitted(serverUrl: string, cachedName: string) {
  const name = `${cachedName}_sub${2 * TRIALS}`;
  const url = databaseUrl(serverUrl, name);
  const ready = await withClient(serverUrl, async (c) => {
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return exists.rowCount === 1;
  });
  const ids = async () =>
    withClient(url, async (c) => {
      const { rows } = await c
        .query<{ id: string }>(
          "SELECT id FROM bench_submitted WHERE to_regclass('bench_submitted') IS NOT NULL ORDER BY seq",
        )
        .catch(() => ({ rows: [] as { id: string }[] }));
      return rows.map((r) => r.id);
    });
  if (ready && (await ids()).length === 2 * TRIALS) {
    await migrated(url);
    return { name, ids: await ids() };
  }
  const started = Date.now();
  await createDatabase(serverUrl, name, cachedName);
  const store = openPostgresStore(url);
  try {
    const lineCounts = await withClient(url, async (c) => (await c.query(LINE_COUNTS)).rows);
    const submittedIds = submitted(depsOf(store), lineCounts, 2 * TRIALS);
    await withClient(url, async (c) => {
      await c.query('CREATE TABLE bench_submitted (seq int PRIMARY KEY, id text NOT NULL)');
      await c.query('INSERT INTO bench_submitted SELECT * FROM unnest($1::int[], $2::text[])', [
        submittedIds.map((_, i) => i),
        submittedIds,
      ]);
    });
  } finally {
    store.close();
  }
  console.error(`  built ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { name, ids: await ids() };
}

async function measure(serverUrl: string, cachedName: string, sqlitePath: string) {
  const prepared = await ensureSubmitted(serverUrl, cachedName);
  const copy = await pgWorkingCopy(serverUrl, prepared.name);
  const pgIds = prepared.ids;
  const dir = mkdtempSync(join(tmpdir(), 'writeoff-pgpost-'));
  const store = openPostgresStore(copy.url);
  try {
    const lineCounts = await withClient(copy.url, async (c) => (await c.query(LINE_COUNTS)).rows);
    copyFileSync(sqlitePath, join(dir, 'ledger.db'));
    const sqliteStore = openStore(join(dir, 'ledger.db'));
    const sqliteIds = submitted(depsOf(sqliteStore), lineCounts, TRIALS);
    const result = {
      pg: [] as Timing[],
      raw: [] as Timing[],
      sqlite: [] as Timing[],
      lines: 0,
      postings: 0,
    };
    for (let t = 0; t < TRIALS; t += 1) {
      const approve = (s: Store, requestId: string) => () =>
        must(approveRequest(depsOf(s), { requestId, approver: APPROVER }), 'approve');
      result.pg.push(await timed(copy.url, approve(store, pgIds[2 * t] ?? '')));
      const raw = await rawPgPost(copy.url, depsOf(store), pgIds[2 * t + 1] ?? '');
      result.raw.push(raw.timing);
      result.sqlite.push(timedLocal(approve(sqliteStore, sqliteIds[t] ?? '')));
      Object.assign(result, { lines: raw.lines, postings: raw.postings });
    }
    sqliteStore.close();
    return result;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
    await copy.remove();
  }
}

function timedLocal(fn: () => unknown): Timing {
  const stop = startClock();
  fn();
  return stop();
}

export async function runPgPostingBench(
  server: PgServer,
  cached: () => Promise<string>,
  sqlitePath: () => string,
): Promise<BenchRow[]> {
  if ('skipped' in server) return skippedRows(BENCH, server.skipped);
  const r = await runBenchChild<PgPostingResult>(import.meta.url, [
    server.url,
    await cached(),
    sqlitePath(),
  ]);
  const m = (ts: Timing[], key: keyof Timing) => median(ts.map((t) => t[key]));
  const trials = (ts: Timing[]) => ts.map((t) => Math.round(t.ms)).join('/');
  const note = `${r.lines} request lines, ${r.postings} postings; wall PG ${trials(r.pg)}, raw PG ${trials(r.raw)}, SQLite ${trials(r.sqlite)} ms; CPU = client + server backends`;
  const row = (metric: string, value: number, baseline: number): BenchRow => ({
    bench: BENCH,
    metric,
    value,
    unit: 'ms',
    baseline,
    ratio: value / baseline,
    target: 'reported',
    met: true,
  });
  return [
    { ...row('time vs SQLite', m(r.pg, 'ms'), m(r.sqlite, 'ms')), note },
    row('CPU vs SQLite', m(r.pg, 'cpuMs'), m(r.sqlite, 'cpuMs')),
    row('time vs raw PG', m(r.pg, 'ms'), m(r.raw, 'ms')),
    row('CPU vs raw PG', m(r.pg, 'cpuMs'), m(r.raw, 'cpuMs')),
  ];
}

if (isMain(import.meta.url)) {
  const [url, name, sqlitePath] = process.argv.slice(2) as [string, string, string];
  reportResult(await measure(url, name, sqlitePath));
}
