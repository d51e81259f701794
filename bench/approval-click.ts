// Bench 9: an approval click until the thread shows it. A signed Approve (block_actions, as
// Slack sends it from the decision reply in the approvals thread) for a pending 100-line
// request goes through the real receiver of the product (src/main.ts); the clock stops when the
// Slack stand-in has received the update of both the parent message and the decision reply
// (the thread updated). Baseline: the same posting called directly (`approveRequest`, no Slack)
// on other requests of the same database, in a child process. Requests are submitted and
// announced (by the product's own outbox, at start) before anything is timed.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { approveRequest } from '../src/app/approve-request.ts';
import type { AppDeps } from '../src/app/deps.ts';
import { openDatabase } from '../src/db/client.ts';
import { sqliteStore } from '../src/db/sqlite-store.ts';
import { ids } from '../src/slack/ids.ts';
import { elapsedMs, isMain, reportResult, runBenchChild } from './lib/child.ts';
import { BENCH_HOST } from './lib/net.ts';
import { botEnv, PRODUCT_SERVER, signedPost, startServer } from './lib/slack-http.ts';
import { type BenchRow, percentile } from './lib/stats.ts';
import { APPROVER, grantBenchApprover, invoiceRanges, must, submitRange } from './posting.ts';

const LINES = 100;
const CLICKS = 40;
const WARM_UP_CLICKS = 3;
const TARGET_P99_MS = 50;
const CHANNEL = 'C0BENCH01';

interface Setup {
  readonly clickIds: string[];
  readonly directMs: number[];
}

/**
 * Child: submits the clicked requests on `dbPath`, and approves as many others with the use-case
 * alone on a copy of it (same ledger, same size). On a copy because the product's outbox would
 * otherwise announce and update those too at start, about 300 Slack calls beyond the 200 steps of
 * one pass, and the clicked requests' announcements would wait 15 s for the next pass.
 */
function setUp(dbPath: string): Setup {
  const total = 2 * (CLICKS + WARM_UP_CLICKS);
  const ranges = onDatabase(dbPath, (deps) => {
    grantBenchApprover(deps);
    return invoiceRanges(deps, total, LINES);
  });
  const dir = mkdtempSync(join(tmpdir(), 'writeoff-bench-direct-'));
  try {
    copyFileSync(dbPath, join(dir, 'ledger.db'));
    // Interleaved as before: odd ranges are clicked, even ones approved directly.
    const clickIds = onDatabase(dbPath, (deps) =>
      ranges.filter((_, i) => i % 2 === 1).map((r) => submitRange(deps, r)),
    );
    const directMs = onDatabase(join(dir, 'ledger.db'), (deps) => {
      const ids = ranges.filter((_, i) => i % 2 === 0).map((r) => submitRange(deps, r));
      return ids.flatMap((id, i) => {
        const started = process.hrtime.bigint();
        must(approveRequest(deps, { requestId: id, approver: APPROVER }), 'approve');
        return i >= WARM_UP_CLICKS ? [elapsedMs(started)] : [];
      });
    });
    return { clickIds, directMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function onDatabase<T>(dbPath: string, use: (deps: AppDeps) => T): T {
  const database = openDatabase(dbPath);
  try {
    return use({ store: sqliteStore(database), now: () => new Date() });
  } finally {
    database.close();
  }
}

interface SlackCall {
  readonly method: string;
  readonly ts: string | undefined;
  readonly atMs: number;
}

/** A Slack Web API stand-in that gives every message its own ts and logs each call's arrival. */
async function startRecordingSlack() {
  const calls: SlackCall[] = [];
  const waiters = new Set<() => void>();
  let nextTs = 1;
  const server = createServer((req, res) => {
    readBody(req).then((body) => {
      const method = (req.url ?? '').replace(/^\/api\//, '');
      const params = new URLSearchParams(body);
      calls.push({ method, ts: params.get('ts') ?? undefined, atMs: performance.now() });
      for (const wake of waiters) wake();
      const ts = `1700000000.${String(nextTs++).padStart(6, '0')}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          ok: true,
          team_id: 'T0BENCH01',
          user_id: 'U0BENCHBOT',
          bot_id: 'B0BENCHBOT',
          channel: params.get('channel') ?? CHANNEL,
          ts,
          message: { ts },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, BENCH_HOST, resolve));
  const { port } = server.address() as AddressInfo;
  /** Resolves with the arrival of the first call from `sinceIndex` on that `matches`. */
  const next = (sinceIndex: number, matches: (c: SlackCall) => boolean) =>
    new Promise<SlackCall>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error('no Slack call within 10 s'));
      }, 10_000);
      const check = () => {
        const hit = calls.slice(sinceIndex).find(matches);
        if (hit === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(hit);
      };
      waiters.add(check);
      check();
    });
  return {
    url: `http://${BENCH_HOST}:${port}/api/`,
    calls,
    next,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => resolve(body));
  });
}

function approveBody(requestId: string, parentTs: string, replyTs: string): string {
  const payload = {
    type: 'block_actions',
    user: { id: APPROVER, username: 'approver', name: 'approver', team_id: 'T0BENCH01' },
    api_app_id: 'A0BENCH01',
    token: 'legacy-verification-token',
    trigger_id: '1.2.3',
    team: { id: 'T0BENCH01', domain: 'bench' },
    container: {
      type: 'message',
      channel_id: CHANNEL,
      message_ts: replyTs,
      thread_ts: parentTs,
      is_ephemeral: false,
    },
    channel: { id: CHANNEL, name: 'approvals' },
    message: { type: 'message', ts: replyTs, thread_ts: parentTs, text: 'request' },
    response_url: 'https://hooks.slack.invalid/actions/1',
    actions: [
      {
        type: 'button',
        action_id: ids.approval.approveAction,
        block_id: `${ids.approval.decideBlockPrefix}:${requestId}`,
        value: requestId,
        action_ts: '1700000000.000001',
      },
    ],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

interface Announced {
  readonly id: string;
  readonly parentTs: string;
  readonly replyTs: string;
}

/** Waits until the product's outbox has posted every request's parent message and reply. */
async function waitForAnnouncements(dbPath: string, requestIds: string[]): Promise<Announced[]> {
  const reader = new Database(dbPath, { readonly: true });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const rows = reader
        .prepare(
          `SELECT id, slack_ts AS parentTs, slack_thread_ts AS replyTs FROM write_off_requests
           WHERE status = 'pending' AND slack_thread_ts IS NOT NULL`,
        )
        .all() as Announced[];
      const byId = new Map(rows.map((r) => [r.id, r]));
      const announced = requestIds.flatMap((id) => byId.get(id) ?? []);
      if (announced.length === requestIds.length) return announced;
      if (Date.now() > deadline) throw new Error('requests were not announced within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    reader.close();
  }
}

async function measureClicks(dbPath: string, requestIds: string[]): Promise<number[]> {
  const slack = await startRecordingSlack();
  const product = await startServer(PRODUCT_SERVER, (port) => botEnv(dbPath, port, slack.url));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const clickMs: number[] = [];
  try {
    const announced = await waitForAnnouncements(dbPath, requestIds);
    for (const [i, r] of announced.entries()) {
      const since = slack.calls.length;
      const updated = (ts: string) => (c: SlackCall) => c.method === 'chat.update' && c.ts === ts;
      const parent = slack.next(since, updated(r.parentTs));
      const reply = slack.next(since, updated(r.replyTs));
      const startedMs = performance.now();
      const status = await signedPost(
        product.port,
        agent,
        approveBody(r.id, r.parentTs, r.replyTs),
        // The first click also waits for the process's first auth.test and module loads.
        20_000,
      );
      if (status < 0 || !Number.isFinite(status)) throw new Error(`click answered ${status}`);
      const [a, b] = await Promise.all([parent, reply]);
      if (i >= WARM_UP_CLICKS) clickMs.push(Math.max(a.atMs, b.atMs) - startedMs);
      // Let the rest of the click's notifications (thread note, DM) finish before the next one.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    agent.destroy();
    await product.stop();
    await slack.close();
  }
  return clickMs;
}

/** `dbPath`: a private working copy of bench 4's ledger (this bench writes to it). */
export async function runApprovalClickBench(dbPath: string): Promise<BenchRow[]> {
  const setup = await runBenchChild<Setup>(import.meta.url, [dbPath]);
  const clickMs = await measureClicks(dbPath, setup.clickIds);
  const rows: BenchRow[] = [];
  for (const q of [50, 99]) {
    const value = percentile(clickMs, q);
    const baseline = percentile(setup.directMs, q);
    const met = q === 50 || (value <= TARGET_P99_MS && value <= 2 * baseline);
    rows.push({
      bench: `9 approve click → thread (${LINES} lines)`,
      metric: `p${q}`,
      value,
      unit: 'ms',
      baseline,
      ratio: value / baseline,
      target: q === 50 ? '-' : `≤ ${TARGET_P99_MS} ms and ≤ 2× direct`,
      met,
      ...(q === 99
        ? {
            note: `${clickMs.length} signed Approve clicks through the receiver until chat.update of parent and decision reply; baseline = approveRequest called directly (${setup.directMs.length} requests)`,
          }
        : {}),
    });
  }
  return rows;
}

if (isMain(import.meta.url)) reportResult(setUp(process.argv[2] ?? ''));
