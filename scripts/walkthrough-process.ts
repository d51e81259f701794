// Process plumbing for scripts/walkthrough.ts: a free port, `npm start` as a child process in
// its own process group (so it can be stopped with everything it spawned), its /healthz, the
// `writeoff` CLI on the same database, and polling for Slack traffic with a deadline.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

export const ROOT = new URL('..', import.meta.url).pathname;

export interface Product {
  readonly child: ChildProcess;
  /** Everything the process printed, for a failure report. */
  readonly log: string[];
}

export function startProduct(env: Readonly<Record<string, string>>): Product {
  const log: string[] = [];
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
  });
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  return { child, log };
}

export async function stopProduct(product: Product | undefined): Promise<void> {
  const child = product?.child;
  if (child?.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

export async function waitForHealth(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`npm start did not answer /healthz within ${timeoutMs / 1000} s`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const found = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(found));
    });
  });
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run --silent writeoff -- ARGS --db PATH`, exactly as the README says to run it. */
export function runCli(dbPath: string, args: readonly string[]): CliRun {
  const run = spawnSync('npm', ['run', '--silent', 'writeoff', '--', ...args, '--db', dbPath], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Polls until `probe` returns a value; Slack traffic from the process arrives asynchronously. */
export async function waitFor<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for Slack traffic');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
}
