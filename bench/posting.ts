// Bench 4: posting an approved request of 10k lines (approveRequest: checks, hash, journal
// entry, balance moves, audit, outbox) against raw prepared statements writing the same kind
// of rows (entry, postings, line and invoice balances, request status) for another 10k-line
// request in one transaction. Both run in one child on a private copy of the cached database,
// alternating, TRIALS times each; medians are reported.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveRequest } from '../src/app/approve-request.ts';
import type { AppDeps } from '../src/app/deps.ts';
import { previewAutomaticRun } from '../src/app/preview-write-off.ts';
import { grantRole, setApproverLimit } from '../src/app/roles.ts';
import { submitRequest } from '../src/app/submit-request.ts';
import { getPostingAccounts } from '../src/db/accounts.repo.ts';
import { openDatabase } from '../src/db/client.ts';
import { getRequestLines } from '../src/db/requests.repo.ts';
import { databaseOf, sqliteStore, txOf } from '../src/db/sqlite-store.ts';
import { tracedPostings } from '../src/domain/traced-postings.ts';
import type { Result } from '../src/domain/types.ts';
import { elapsedMs, isMain, reportResult, runBenchChild, startClock } from './lib/child.ts';
import { type BenchRow, median } from './lib/stats.ts';

export const POSTING_LINES = 10_000;
const TRIALS = 3;
export const APPROVER = 'U0BENCHAPPROVER';
const CLERK = 'U0BENCHCLERK';

export function must<T, E>(result: Result<T, E>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result.error).slice(0, 500)}`);
  return result.value;
}

/** Consecutive invoice ranges, each holding at least `minLines` lines. */
export function invoiceRanges(
  deps: AppDeps,
  count: number,
  minLines = POSTING_LINES,
): { from: string; to: string }[] {
  const rows = databaseOf(deps.store)
    .sqlite.prepare(
      `SELECT i.number, count(*) AS lines FROM invoices i
       JOIN invoice_lines l ON l.invoice_number = i.number GROUP BY i.number ORDER BY i.number`,
    )
    .all() as { number: string; lines: number }[];
  return rangesOf(rows, count, minLines);
}

/** Consecutive invoice ranges of `rows` (invoice numbers in order, with their line counts). */
export function rangesOf(
  rows: readonly { number: string; lines: number }[],
  count: number,
  minLines = POSTING_LINES,
): { from: string; to: string }[] {
  const ranges: { from: string; to: string }[] = [];
  let from: string | undefined;
  let lines = 0;
  for (const row of rows) {
    from ??= row.number;
    lines += row.lines;
    if (lines < minLines) continue;
    ranges.push({ from, to: row.number });
    if (ranges.length === count) return ranges;
    from = undefined;
    lines = 0;
  }
  throw new Error('posting bench: not enough invoices for the ranges');
}

export function submitRange(deps: AppDeps, range: { from: string; to: string }): string {
  const { preview, snapshot } = must(
    previewAutomaticRun(deps, {
      type: 'invoice-balance',
      value: '999999999.00',
      olderThan: '2026-06-10',
      invoices: range,
      period: '2026-06',
      date: '2026-06-15',
    }),
    'preview',
  );
  return must(
    submitRequest(deps, {
      reasonCode: 'uncollectible',
      evidence: 'bench',
      preview,
      snapshot,
      requester: CLERK,
      reason: 'bench',
    }),
    'submit',
  ).requestId;
}

/** The rows a posting must write, precomputed, then written with raw prepared statements. */
export function rawPost(
  deps: AppDeps,
  requestId: string,
): { ms: number; cpuMs: number; postings: number } {
  const { sqlite } = databaseOf(deps.store);
  const accounts = getPostingAccounts(txOf(deps.store));
  if (accounts === null) throw new Error('no ledger');
  const lines = getRequestLines(txOf(deps.store), requestId);
  const postings = tracedPostings(lines, accounts);
  const invoices = [...new Set(lines.map((l) => l.invoiceNumber ?? ''))];
  const entry = sqlite.prepare(
    `INSERT INTO journal_entries (reference, kind, request_id, period, entry_on, currency,
       created_at_ms, created_by) VALUES (?, 'write_off', ?, '2026-06', '2026-06-15', 'USD', ?, ?)`,
  );
  const posting = sqlite.prepare(
    `INSERT INTO journal_postings (entry_id, seq, account, debit_minor, credit_minor, customer_id,
       invoice_number, line, on_account_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  const line = sqlite.prepare(
    `UPDATE invoice_lines SET due_minor = due_minor - ?, tax_minor = tax_minor - ?,
       retainage_minor = retainage_minor - ?, finance_charge_minor = finance_charge_minor - ?
     WHERE invoice_number = ? AND line = ?`,
  );
  const invoice = sqlite.prepare(
    `UPDATE invoices SET (open_minor, retainage_minor) = (SELECT sum(due_minor),
       sum(retainage_minor) FROM invoice_lines WHERE invoice_number = @n),
       version = version + 1 WHERE number = @n`,
  );
  const status = sqlite.prepare(
    `UPDATE write_off_requests SET status = 'posted', approver = ?, posted_entry_id = ? WHERE id = ?`,
  );
  const stop = startClock();
  sqlite
    .transaction(() => {
      const id = Number(
        entry.run(`raw:${requestId}`, requestId, Date.now(), APPROVER).lastInsertRowid,
      );
      postings.forEach((p, i) => {
        posting.run(
          id,
          i + 1,
          p.account,
          p.debitMinor,
          p.creditMinor,
          p.customerId ?? null,
          p.invoiceNumber ?? null,
          p.line ?? null,
        );
      });
      for (const l of lines) {
        line.run(
          l.amountMinor,
          l.taxMinor,
          l.retainageMinor,
          l.financeChargeMinor,
          l.invoiceNumber,
          l.line,
        );
      }
      for (const n of invoices) invoice.run({ n });
      status.run(APPROVER, id, requestId);
    })
    .immediate();
  return { ...stop(), postings: postings.length };
}

/** APPROVER may approve any amount; requests are submitted by CLERK. */
export function grantBenchApprover(deps: AppDeps): void {
  must(grantRole(deps, { by: 'system:bench', userId: APPROVER, role: 'approver' }), 'grant');
  const limit = { by: 'system:bench', userId: APPROVER, currency: 'USD', amount: '1000000000.00' };
  must(setApproverLimit(deps, limit), 'limit');
}

interface PostingResult {
  readonly engineMs: number[];
  readonly rawMs: number[];
  readonly lines: number;
  readonly postings: number;
}

function measure(cachedDbPath: string): PostingResult {
  const dir = mkdtempSync(join(tmpdir(), 'writeoff-post-'));
  const dbPath = join(dir, 'ledger.db');
  copyFileSync(cachedDbPath, dbPath);
  const database = openDatabase(dbPath);
  const deps: AppDeps = {
    store: sqliteStore(database),
    now: () => new Date('2026-06-15T14:00:00Z'),
  };
  try {
    grantBenchApprover(deps);
    const ranges = invoiceRanges(deps, TRIALS * 2);
    const ids = ranges.map((range) => submitRange(deps, range));
    const engineMs: number[] = [];
    const rawMs: number[] = [];
    let postings = 0;
    for (let t = 0; t < TRIALS; t += 1) {
      const [a, b] = [ids[2 * t] ?? '', ids[2 * t + 1] ?? ''];
      const started = process.hrtime.bigint();
      must(approveRequest(deps, { requestId: a, approver: APPROVER }), 'approve');
      engineMs.push(elapsedMs(started));
      const raw = rawPost(deps, b);
      rawMs.push(raw.ms);
      postings = raw.postings;
    }
    const lines = getRequestLines(txOf(database), ids[0] ?? '').length;
    return { engineMs, rawMs, lines, postings };
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runPostingBench(cachedDbPath: string): Promise<BenchRow[]> {
  const r = await runBenchChild<PostingResult>(import.meta.url, [cachedDbPath]);
  const value = median(r.engineMs);
  const baseline = median(r.rawMs);
  return [
    {
      bench: '4 posting 10k lines',
      metric: 'time',
      value,
      unit: 'ms',
      baseline,
      ratio: value / baseline,
      target: '≤ 2× raw inserts',
      met: value <= 2 * baseline,
      note: `${r.lines} request lines, ${r.postings} postings; engine ${r.engineMs.map(Math.round).join('/')} ms, raw ${r.rawMs.map(Math.round).join('/')} ms`,
    },
  ];
}

if (isMain(import.meta.url)) reportResult(measure(process.argv[2] ?? ''));
