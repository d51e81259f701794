// The bench's process protocol: every measurement runs in a child process (its own heap, its
// own peak RSS, its own core), and the child reports by printing one `RESULT <json>` line.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BENCH_ENTRY_ENV, nodeArgsFor } from './bundle.ts';
import { currentStep, idlePrefix, trackBackgroundChild } from './lanes.ts';

const RESULT_PREFIX = 'RESULT ';
/** The child's own CPU time, for the run's account of where its time went. */
const USAGE_PREFIX = 'USAGE ';

/** Prints the child's result for the parent; call once, at the end. */
export function reportResult(result: unknown): void {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${USAGE_PREFIX}${JSON.stringify({ cpuMs: (user + system) / 1000 })}\n`);
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/** Every result a child gave in this run, by module and arguments (see `earlierResults`). */
const given = new Map<string, unknown[]>();
const givenKey = (moduleUrl: string, args: readonly string[]) =>
  JSON.stringify([fileURLToPath(moduleUrl), ...args]);

/**
 * What children of `moduleUrl` with exactly `args` reported earlier in this run: lets one bench
 * take another's measurement as its baseline instead of repeating it (bench 8 takes bench 3's
 * engine preview).
 */
export function earlierResults<T>(moduleUrl: string, args: readonly string[]): T[] {
  return (given.get(givenKey(moduleUrl, args)) ?? []) as T[];
}

/**
 * Runs a bench module (a `.ts` file next to bench/), prebuilt (./bundle.ts) or under tsx, in
 * the lane of the step that asks (./lanes.ts): waits for a free slot there, and starts with the
 * idle scheduling policy in the background lane.
 */
export async function runBenchChild<T>(
  moduleUrl: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  const step = currentStep();
  const release = step === undefined ? () => {} : await step.lane.slots.acquire();
  try {
    const result = await spawnBenchChild<T>(moduleUrl, args, env, (cpuMs) => {
      if (step !== undefined) step.childCpuMs += cpuMs;
    });
    const key = givenKey(moduleUrl, args);
    given.set(key, [...(given.get(key) ?? []), result]);
    return result;
  } finally {
    release();
  }
}

async function spawnBenchChild<T>(
  moduleUrl: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  onUsage: (cpuMs: number) => void,
): Promise<T> {
  const file = fileURLToPath(moduleUrl);
  const entry = await nodeArgsFor(file);
  const prefix = currentStep()?.lane.idlePriority ? idlePrefix() : [];
  const [command = process.execPath, ...rest] = [...prefix, process.execPath, ...entry, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, rest, {
      env: { ...env, [BENCH_ENTRY_ENV]: file },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // Only children at idle priority: the background lane's while the quiet lane runs.
    const untrack =
      prefix.length > 0 && child.pid !== undefined ? trackBackgroundChild(child.pid) : () => {};
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      untrack();
      const lines = out.split('\n');
      const usage = lines.find((l) => l.startsWith(USAGE_PREFIX));
      if (usage !== undefined) {
        onUsage((JSON.parse(usage.slice(USAGE_PREFIX.length)) as { cpuMs: number }).cpuMs);
      }
      const line = lines.find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || line === undefined) {
        reject(new Error(`${file} ${args.join(' ')} exited with ${code}:\n${out.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as T);
    });
  });
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMib(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function elapsedMs(startedNs: bigint): number {
  return Number(process.hrtime.bigint() - startedNs) / 1e6;
}

/** True when `moduleUrl` is the script node was started with (a child entry point). */
export function isMain(moduleUrl: string): boolean {
  const entry = process.env[BENCH_ENTRY_ENV];
  const path = fileURLToPath(moduleUrl);
  // A bundled child's argv names its bundle; the env names the bench file it was built from.
  return entry === undefined ? path === process.argv[1] : path === entry;
}

/** CPU time (user + system) this process used since `start`, in ms. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Wall and CPU time (user + system of this process) of a timed part, in ms. */
export interface Timing {
  readonly ms: number;
  readonly cpuMs: number;
}

/**
 * Starts the clocks every measuring child reads (wall and CPU time); the function it returns
 * reads both, so a timed part is bracketed the same way in every bench.
 */
export function startClock(): () => Timing {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  return () => ({ ms: elapsedMs(started), cpuMs: cpuMsSince(cpu) });
}
