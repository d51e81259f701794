// Loopback helpers for the benches: a free port, a minimal Slack Web API stand-in, polling.
import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { nodeArgsFor } from './bundle.ts';

export const BENCH_HOST = '127.0.0.1';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, BENCH_HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface FakeSlack {
  readonly url: string;
  readonly calls: () => number;
  close(): Promise<void>;
}

/** Where the stand-in tells when each `views.open` arrived: `{ [trigger_id]: epoch ms }`. */
export const VIEWS_OPEN_TIMES_PATH = '/bench/views-open-times';

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export const epochMs = (): number => performance.timeOrigin + performance.now();

/**
 * Answers every Web API method with `ok: true` and the ids `auth.test` needs. The benches
 * measure our side, not Slack's; the test suite has the strict fake (test/support). It notes
 * when each `views.open` arrived, by trigger id, for bench 1's command → views.open latency.
 */
export function startFakeSlack(): Promise<FakeSlack> {
  let calls = 0;
  const viewsOpenAtMs = new Map<string, number>();
  const server = createServer((req, res) => {
    if (req.url === VIEWS_OPEN_TIMES_PATH) {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(Object.fromEntries(viewsOpenAtMs)));
      return;
    }
    const arrivedAtMs = epochMs();
    const isViewsOpen = (req.url ?? '').endsWith('/views.open');
    const chunks: Buffer[] = [];
    if (isViewsOpen) req.on('data', (chunk: Buffer) => chunks.push(chunk));
    else req.resume();
    req.on('end', () => {
      calls += 1;
      if (isViewsOpen) {
        const triggerId = triggerIdOf(Buffer.concat(chunks).toString('utf8'));
        if (triggerId !== null) viewsOpenAtMs.set(triggerId, arrivedAtMs);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          ok: true,
          url: 'https://bench.slack.com/',
          team: 'bench',
          team_id: 'T0BENCH01',
          user: 'writeoff',
          user_id: 'U0BENCHBOT',
          bot_id: 'B0BENCHBOT',
          ts: '1700000000.000100',
          channel: 'C0BENCH01',
          view: { id: 'V0BENCH01', hash: 'h' },
        }),
      );
    });
  });
  return new Promise((resolve) => {
    server.listen(0, BENCH_HOST, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${BENCH_HOST}:${port}/api/`,
        calls: () => calls,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/** The Web API client sends a form body or JSON; either way the trigger id is a top field. */
function triggerIdOf(body: string): string | null {
  if (body.startsWith('{')) {
    try {
      const id = (JSON.parse(body) as { trigger_id?: unknown }).trigger_id;
      return typeof id === 'string' ? id : null;
    } catch {
      return null;
    }
  }
  return new URLSearchParams(body).get('trigger_id');
}

/** The stand-in's `views.open` arrival times (see VIEWS_OPEN_TIMES_PATH). */
export async function viewsOpenTimes(slackApiUrl: string): Promise<Map<string, number>> {
  const response = await fetch(new URL(VIEWS_OPEN_TIMES_PATH, slackApiUrl));
  return new Map(Object.entries((await response.json()) as Record<string, number>));
}

/** GET status code, or 0 when nothing answers yet. */
export function getStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(1000, () => req.destroy());
    req.end();
  });
}

/** Polls every `everyMs` until `url` answers 200 or `timeoutMs` passes; returns success. */
export async function waitFor200(url: string, timeoutMs: number, everyMs = 5): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await getStatus(url)) === 200) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return false;
}

/** The same stand-in in a child process (see bench/servers/fake-slack.ts), started prebuilt. */
export async function startFakeSlackProcess(): Promise<{
  url: string;
  /** The child's process id (bench 1 lowers its priority). */
  pid: number | undefined;
  close: () => Promise<void>;
}> {
  const file = fileURLToPath(new URL('../servers/fake-slack.ts', import.meta.url));
  const child = spawn(process.execPath, await nodeArgsFor(file), {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) {
        resolve({ url: line.trim(), pid: child.pid, close });
      }
    });
    child.once('exit', (code) => reject(new Error(`fake Slack exited with ${code}`)));
  });
}
