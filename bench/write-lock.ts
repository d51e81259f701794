// Bench 6: acknowledgement latency while ANOTHER process holds the database's write lock for
// 10 s (a large import holds it 8–15 s). The product runs as `npm start` runs it (src/main.ts,
// HTTP mode, demo data). During the lock, 20 signed requests per second alternate between
// `/writeoff help` (no database), a bare `/writeoff` (opens the form: its draft needs the write
// lock) and GET /healthz; the same mix with no lock is the baseline. Target: every answer
// under 100 ms while the lock is held (docs/decisions/120-event-loop-rule.md).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { settle } from './ack-latency.ts';
import { nodeArgsFor } from './lib/bundle.ts';
import { BENCH_HOST, startFakeSlack } from './lib/net.ts';
import { botEnv, PRODUCT_SERVER, signedPost, startServer } from './lib/slack-http.ts';
import { type BenchRow, percentile } from './lib/stats.ts';

const LOCK_MS = 10_000;
const RATE_PER_SECOND = 20;
const TARGET_MS = 100;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

type Kind = 'help' | 'open' | 'healthz';
const KINDS: readonly Kind[] = ['help', 'open', 'healthz'];

function command(text: string, seq: number): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0BENCH01',
    channel_id: 'C0BENCHGEN',
    user_id: `U0BENCH${seq % 50}`,
    user_name: 'clerk',
    command: '/writeoff',
    text,
    api_app_id: 'A0BENCH01',
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/commands/T0BENCH01/1/x',
    trigger_id: `${seq}.111.bench`,
  }).toString();
}

function healthz(port: number, agent: Agent): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    get({ host: BENCH_HOST, port, path: '/healthz', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - started));
    }).on('error', () => resolve(Number.POSITIVE_INFINITY));
  });
}

/** Open loop for `ms`: one request every 1000/rate ms, cycling through the kinds. */
function drive(port: number, ms: number): Promise<Record<Kind, number[]>> {
  const until = performance.now() + ms;
  return driveWhile(port, () => performance.now() < until);
}

/** The same open loop for as long as `going()` says (checked before each request). */
export async function driveWhile(
  port: number,
  going: () => boolean,
): Promise<Record<Kind, number[]>> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const pending: Promise<[Kind, number]>[] = [];
  const start = performance.now();
  for (let i = 0; going(); i += 1) {
    const kind = KINDS[i % KINDS.length] as Kind;
    const sent =
      kind === 'healthz'
        ? healthz(port, agent)
        : signedPost(port, agent, command(kind === 'help' ? 'help' : '', i), 30_000);
    pending.push(sent.then((latency) => [kind, latency]));
    const wait = start + ((i + 1) * 1000) / RATE_PER_SECOND - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const out: Record<Kind, number[]> = { help: [], open: [], healthz: [] };
  for (const [kind, latency] of await Promise.all(pending)) out[kind].push(latency);
  agent.destroy();
  return out;
}

async function holdLock(dbPath: string): Promise<() => Promise<void>> {
  const holder = await nodeArgsFor(join(ROOT, 'bench/servers/hold-write-lock.ts'));
  const child = spawn(process.execPath, [...holder, dbPath, String(LOCK_MS)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve(() => exited);
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited (${code})`)));
  });
}

/** `startTogether`: resolves when the bench may begin measuring (see StartTogether). */
export async function runWriteLockBench(
  startTogether: () => Promise<void> = async () => {},
): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'writeoff-bench-lock-'));
  const slack = await startFakeSlack();
  const env = (port: number) => ({
    ...botEnv(join(dir, 'ledger.db'), port, slack.url),
    WRITEOFF_DEMO: 'on',
  });
  const server = await startServer(PRODUCT_SERVER, env);
  try {
    // Its start-up work done (the post-ack thread compiles for a few seconds after /healthz
    // answers), so it does not fall into a baseline measured beside it.
    await settle(server);
    await startTogether();
    await drive(server.port, 1000); // warm-up, not measured
    const baseline = await drive(server.port, 3000);
    const held = await holdLock(join(dir, 'ledger.db'));
    const locked = await drive(server.port, LOCK_MS - 500);
    await held();
    return ackRows(locked, baseline, `write lock held ${LOCK_MS / 1000} s`, '6');
  } finally {
    await server.stop();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function ackRows(
  locked: Record<Kind, number[]>,
  baseline: Record<Kind, number[]>,
  while_: string,
  benchNumber: string,
): BenchRow[] {
  return KINDS.flatMap((kind) => {
    const ok = (xs: number[]) => xs.filter((x) => x >= 0 && Number.isFinite(x));
    const during = ok(locked[kind]);
    const failed = locked[kind].length - during.length;
    const max = Math.max(...during);
    const label =
      kind === 'open' ? '/writeoff (form)' : kind === 'help' ? '/writeoff help' : '/healthz';
    return [
      {
        bench: `${benchNumber} ${label} ack, ${while_}`,
        metric: 'p99',
        value: percentile(during, 99),
        unit: 'ms',
        baseline: percentile(ok(baseline[kind]), 99),
        ratio: percentile(during, 99) / percentile(ok(baseline[kind]), 99),
        target: `< ${TARGET_MS} ms`,
        met: percentile(during, 99) < TARGET_MS && failed === 0,
        note: `${during.length} answered, ${failed} failed, max ${max.toFixed(1)} ms`,
      },
    ];
  });
}
