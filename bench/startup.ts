// Bench 5: `npm start` in HTTP mode until /healthz answers 200, on the 1M-line database,
// against `npm exec node` of a bare /healthz server (the same npm + node start-up path: `npm
// start` runs the prebuilt product, ADR 270). Each trial spawns a fresh process group and stops
// it afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BENCH_HOST, freePort, startFakeSlack, waitFor200 } from './lib/net.ts';
import { botEnv } from './lib/slack-http.ts';
import { type BenchRow, median } from './lib/stats.ts';

const TRIALS = 3;
const TIMEOUT_MS = 20_000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
async function timeToHealthy(args: readonly string[], env: NodeJS.ProcessEnv, port: number) {
  const started = process.hrtime.bigint();
  const child = spawn('npm', args, { cwd: ROOT, env, detached: true, stdio: 'ignore' });
  try {
    const ok = await waitFor200(`http://${BENCH_HOST}:${port}/healthz`, TIMEOUT_MS, 2);
    return ok ? Number(process.hrtime.bigint() - started) / 1e6 : Number.POSITIVE_INFINITY;
  } finally {
    await stopGroup(child);
  }
}

/** Stops the process group we started (npm → sh → node) and waits for the leader to exit. */
export async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }, 3000);
  await exited;
  clearTimeout(timer);
}

export async function runStartupBench(dbPath: string): Promise<BenchRow[]> {
  const slack = await startFakeSlack();
  const real: number[] = [];
  const bare: number[] = [];
  try {
    // One untimed start builds the bundle (.build/), as any second start in production finds it.
    const warm = await freePort();
    await timeToHealthy(['start'], botEnv(dbPath, warm, slack.url), warm);
    for (let t = 0; t < TRIALS; t += 1) {
      const port = await freePort();
      bare.push(
        await timeToHealthy(
          ['exec', '--offline', '--', 'node', 'bench/servers/bare-healthz.mjs'],
          { ...process.env, PORT: String(port) },
          port,
        ),
      );
      const botPort = await freePort();
      real.push(await timeToHealthy(['start'], botEnv(dbPath, botPort, slack.url), botPort));
    }
  } finally {
    await slack.close();
  }
  const value = median(real);
  const baseline = median(bare);
  return [
    {
      bench: '5 npm start → /healthz',
      metric: 'time (median)',
      value,
      unit: 'ms',
      baseline,
      ratio: value / baseline,
      target: '≤ 2000 ms',
      met: Math.max(...real) <= 2000,
      note: `1M-line database; trials ${real.map(Math.round).join('/')} ms (bare ${bare.map(Math.round).join('/')} ms); target judged on the slowest trial`,
    },
  ];
}
