// Signed Slack requests for the load generator, and the two servers the benches compare: the
// product started as `npm start` starts it (src/start.mjs) and a bare Bolt app. Both run as
// child processes on 127.0.0.1.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { type Agent, request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeArgsFor } from './bundle.ts';
import { BENCH_HOST, freePort, waitFor200 } from './net.ts';

export const BENCH_SIGNING_SECRET = '0123456789abcdef0123456789abcdef';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function botEnv(dbPath: string, port: number, slackApiUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SLACK_BOT_TOKEN: 'xoxb-0000-bench',
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_APP_TOKEN: '',
    WRITEOFF_APPROVALS_CHANNEL: 'C0BENCH01',
    WRITEOFF_DB: dbPath,
    PORT: String(port),
    SLACK_API_URL: slackApiUrl,
  };
}

/**
 * POSTs a signed form body to /slack/events. Resolves with the latency in ms for a 200,
 * `-status` for any other status, and Infinity for a timeout or a connection error.
 */
export function signedPost(port: number, agent: Agent, body: string, timeoutMs: number) {
  const ts = Math.floor(Date.now() / 1000);
  const hmac = createHmac('sha256', BENCH_SIGNING_SECRET).update(`v0:${ts}:${body}`);
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': Buffer.byteLength(body),
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': `v0=${hmac.digest('hex')}`,
  };
  return new Promise<number>((resolve) => {
    const started = process.hrtime.bigint();
    const req = request(
      { host: BENCH_HOST, port, path: '/slack/events', method: 'POST', headers, agent },
      (res) => {
        res.resume();
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          resolve(res.statusCode === 200 ? ms : -(res.statusCode ?? 1));
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(Number.POSITIVE_INFINITY));
    req.end(body);
  });
}

export interface BenchServer {
  readonly port: number;
  /** CPU time (user + system) the server process has used so far, in ms; NaN off Linux. */
  cpuMs(): number;
  /** The same for its main thread only (the one that receives and acknowledges). */
  mainThreadCpuMs(): number;
  /** The same for each of its threads, by thread id (empty off Linux). */
  threadCpuMs(): Map<string, number>;
  /**
   * How long its main thread has waited, runnable, for a core so far (ms, from the kernel's
   * schedstat; NaN off Linux): a request that waits there waits for its ack.
   */
  mainThreadWaitMs(): number;
  stop(): Promise<void>;
}

/** Starts `script` (relative to the repo) with `env`, and waits for its /healthz. */
export async function startServer(
  script: string,
  env: (port: number) => NodeJS.ProcessEnv,
): Promise<BenchServer> {
  const port = await freePort();
  // BENCH_CPU_PROF_DIR=dir writes a V8 CPU profile of the product child there when it stops
  // (open it in Chrome DevTools or speedscope): how the event-loop time around acks was found.
  const profileDir = script === PRODUCT_SERVER ? process.env.BENCH_CPU_PROF_DIR : undefined;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  // An .mjs entry (the product's, as `npm start` runs it) starts as it is; a .ts one (the bare
  // app) from its bundle, as the product does, not through tsx (a second of CPU per start).
  const entry = script.endsWith('.mjs') ? [script] : await nodeArgsFor(join(ROOT, script));
  const child = spawn(process.execPath, [...profile, ...entry], {
    cwd: ROOT,
    env: env(port),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!(await waitFor200(`http://${BENCH_HOST}:${port}/healthz`, 30_000, 20))) {
    child.kill('SIGKILL');
    throw new Error(`${script} did not become healthy`);
  }
  return {
    port,
    cpuMs: () => cpuMsOf(`/proc/${child.pid}/stat`),
    mainThreadCpuMs: () => cpuMsOf(`/proc/${child.pid}/task/${child.pid}/stat`),
    threadCpuMs: () => threadCpuMsOf(child.pid),
    mainThreadWaitMs: () => runQueueWaitMs(`/proc/${child.pid}/task/${child.pid}/schedstat`),
    stop: () => stopChild(child),
  };
}

/** CPU time (user + system) a process has used, from /proc (NaN when it is gone or off Linux). */
export const processCpuMs = (pid: number | undefined): number => cpuMsOf(`/proc/${pid}/stat`);

/** utime + stime from a /proc stat file (clock ticks, 100 per second on Linux). */
function cpuMsOf(statFile: string): number {
  try {
    const stat = readFileSync(statFile, 'utf8');
    // Fields after the command name (which may hold spaces) start at state; utime is 14th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** The second field of a schedstat file: ns spent runnable but waiting for a core. */
function runQueueWaitMs(schedstatFile: string): number {
  try {
    return Number(readFileSync(schedstatFile, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

function threadCpuMsOf(pid: number | undefined): Map<string, number> {
  const threads = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      threads.set(tid, cpuMsOf(`/proc/${pid}/task/${tid}/stat`));
    }
  } catch {
    // Not Linux, or the child is gone.
  }
  return threads;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** What `npm start` runs: src/main.ts, prebuilt (docs/decisions/270-prebuilt-start.md). */
export const PRODUCT_SERVER = 'src/start.mjs';
export const BARE_SERVER = 'bench/servers/bare-bolt.ts';
