// The bench's process protocol: every measurement runs in a child process (its own heap, its
// own peak RSS, its own core), and the child reports by printing one `RESULT <json>` line.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BENCH_ENTRY_ENV, bundledEntry } from './bundle.ts';

const RESULT_PREFIX = 'RESULT ';

/** Prints the child's result for the parent; call once, at the end. */
export function reportResult(result: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/** Runs a bench module (a `.ts` file next to bench/), prebuilt (./bundle.ts) or under tsx. */
export async function runBenchChild<T>(
  moduleUrl: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  const file = fileURLToPath(moduleUrl);
  const bundle = await bundledEntry(file);
  const entry = bundle === null ? [...process.execArgv, file] : [bundle];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], {
      env: { ...env, [BENCH_ENTRY_ENV]: file },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
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
