// Bench 4, cost curve: approveRequest of ONE request of about 10k, 100k and 1M lines (the whole
// open ledger of bench 10's 10k-, 100k- and 1M-line files, each submitted as one invoice-balance
// request), against raw prepared statements writing the same rows for the same request (entry,
// postings, line and invoice balances, status), run right after the product on the same
// database: a posting is all-or-nothing in one transaction, so its cost per line must not grow
// with the request's size. The submitted databases are built once and cached; each run posts on
// a private copy. Judged on CPU time of the child (robust on a shared machine), wall in the note.
import { basename, dirname } from 'node:path';
import { ensureBuiltDatabase, workingCopy } from '../scripts/bench-database.ts';
import { approveRequest } from '../src/app/approve-request.ts';
import type { AppDeps } from '../src/app/deps.ts';
import { previewAutomaticRun } from '../src/app/preview-write-off.ts';
import { setApproverLimit } from '../src/app/roles.ts';
import { submitRequest } from '../src/app/submit-request.ts';
import { openDatabase } from '../src/db/client.ts';
import { sqliteStore } from '../src/db/sqlite-store.ts';
import { isMain, peakRssMib, reportResult, runBenchChild, startClock } from './lib/child.ts';
import { type BenchRow, sizeLabel } from './lib/stats.ts';
import { APPROVER, grantBenchApprover, must, rawPost } from './posting.ts';

const NOW = () => new Date('2026-06-15T14:00:00Z');

/** Submits every open invoice of the ledger as one request (the request the curve posts). */
function submitWholeLedger(deps: AppDeps): void {
  grantBenchApprover(deps);
  const { preview, snapshot } = must(
    previewAutomaticRun(deps, {
      type: 'invoice-balance',
      value: '999999999.00',
      olderThan: '2026-06-10',
      period: '2026-06',
      date: '2026-06-15',
    }),
    'preview',
  );
  must(
    submitRequest(deps, {
      reasonCode: 'uncollectible',
      evidence: 'bench',
      preview,
      snapshot,
      requester: 'U0BENCHCLERK',
      reason: 'bench',
    }),
    'submit',
  );
}

interface CurvePoint {
  readonly lines: number;
  readonly postings: number;
  readonly ms: number;
  readonly cpuMs: number;
  readonly rawMs: number;
  readonly rawCpuMs: number;
  readonly peakRssMib: number;
  /** Time to submit the request in this run; 0 when the submitted database was cached. */
  readonly buildMs: number;
}

/** Child: posts the one pending request of a copy of the submitted ledger, then the raw rows. */
function measure(ledgerDbPath: string): CurvePoint {
  const building = startClock();
  let buildMs = 0;
  const submitted = ensureBuiltDatabase(
    `posting-curve-v1-${basename(dirname(ledgerDbPath))}`,
    (database) => {
      submitWholeLedger({ store: sqliteStore(database), now: NOW });
      buildMs = building().ms;
    },
    { from: ledgerDbPath, log: console.error },
  );
  const copy = workingCopy({ dbPath: submitted, filePath: '', built: false });
  const database = openDatabase(copy.dbPath);
  try {
    const deps: AppDeps = { store: sqliteStore(database), now: NOW };
    // The whole 1M-line ledger is about 2 billion dollars: above the bench approver's limit.
    const limit = { by: 'system:bench', userId: APPROVER, currency: 'USD' };
    must(setApproverLimit(deps, { ...limit, amount: '1000000000000.00' }), 'limit');
    const { id, lines } = database.sqlite
      .prepare(
        `SELECT r.id, (SELECT count(*) FROM write_off_request_lines l WHERE l.request_id = r.id)
           AS lines FROM write_off_requests r WHERE r.status = 'pending'`,
      )
      .get() as { id: string; lines: number };
    const stop = startClock();
    must(approveRequest(deps, { requestId: id, approver: APPROVER }), 'approve');
    const { ms, cpuMs } = stop();
    const rss = peakRssMib();
    // The same rows again (the raw statements check nothing): same request, same database size.
    const raw = rawPost(deps, id);
    return {
      lines,
      postings: raw.postings,
      ms,
      cpuMs,
      rawMs: raw.ms,
      rawCpuMs: raw.cpuMs,
      peakRssMib: rss,
      buildMs,
    };
  } finally {
    database.close();
    copy.remove();
  }
}

/** `ledgers`: the cached imported 10k-, 100k- and 1M-line databases, smallest first. */
export async function runPostingCurve(
  ledgers: readonly { readonly lines: number; readonly dbPath: string }[],
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const ledger of ledgers) {
    const r = await runBenchChild<CurvePoint>(import.meta.url, [ledger.dbPath]);
    const built =
      r.buildMs > 0 ? `, submitted in this run in ${Math.round(r.buildMs / 1000)} s` : '';
    rows.push({
      bench: `4 posting curve, one ${sizeLabel(ledger.lines)}-line ledger`,
      metric: 'CPU time',
      value: r.cpuMs,
      unit: 'ms',
      baseline: r.rawCpuMs,
      ratio: r.cpuMs / r.rawCpuMs,
      target: '-',
      met: true,
      note: `one request of ${r.lines} lines, ${r.postings} postings; ${((r.cpuMs / r.lines) * 1000).toFixed(0)} µs CPU a line; wall ${Math.round(r.ms)} ms vs raw ${Math.round(r.rawMs)} ms; peak RSS ${r.peakRssMib} MiB${built}`,
    });
  }
  return rows;
}

if (isMain(import.meta.url)) reportResult(measure(process.argv[2] ?? ''));
