// Bench 10, second part: the running bot while the CLI re-imports the 1M-line file in another
// process (`writeoff import` holds the write lock for the whole import and keeps a core busy).
// The product (src/main.ts, HTTP mode) serves a private copy of bench 1's ledger; 20 signed
// requests a second (`/writeoff help`, a bare `/writeoff` whose draft needs the write lock,
// GET /healthz) run for 3 s before the import (the baseline) and for as long as it runs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CLI_BUNDLE, prebuilt } from '../src/prebuilt.mjs';
import { settle } from './ack-latency.ts';
import { startFakeSlack } from './lib/net.ts';
import { botEnv, PRODUCT_SERVER, startServer } from './lib/slack-http.ts';
import type { BenchRow } from './lib/stats.ts';
import { ackRows, driveWhile } from './write-lock.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the CLI's bundle if a source changed since it was built: the first `writeoff import`
 * after a change would otherwise run esbuild on both cores inside the measured window (its
 * acks' p99 read 200–400 ms then, 7–12 ms on the next run). Called with the data, before any
 * bench measures.
 */
export async function prepareCliBundle(): Promise<void> {
  await prebuilt(CLI_BUNDLE.entry, CLI_BUNDLE.outDir);
}

function runCliImport(dbPath: string, file: string): Promise<number> {
  const child = spawn(
    'npm',
    ['run', '--silent', 'writeoff', '--', 'import', file, '--db', dbPath],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
}

/**
 * `dbPath`: a private working copy of the 1M-line ledger; `file`: the file to re-import;
 * `startTogether`: resolves when the bench may begin measuring (StartTogether, ./lib/schedule.ts).
 */
export async function runImportAcksBench(
  dbPath: string,
  file: string,
  startTogether: () => Promise<void> = async () => {},
): Promise<BenchRow[]> {
  const slack = await startFakeSlack();
  const server = await startServer(PRODUCT_SERVER, (port) => botEnv(dbPath, port, slack.url));
  try {
    // Its start-up work done (the post-ack thread compiles for a few seconds after /healthz
    // answers), so it does not fall into a baseline measured beside it.
    await settle(server);
    await startTogether();
    const warmUntil = performance.now() + 1000; // not measured
    await driveWhile(server.port, () => performance.now() < warmUntil);
    const baselineUntil = performance.now() + 3000;
    const baseline = await driveWhile(server.port, () => performance.now() < baselineUntil);
    const started = performance.now();
    let running = true;
    const imported = runCliImport(dbPath, file).then((code) => {
      running = false;
      return code;
    });
    const during = await driveWhile(server.port, () => running);
    const code = await imported;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    return ackRows(
      during,
      baseline,
      `during a 1M-line CLI re-import (${seconds} s, exit ${code})`,
      '10',
    );
  } finally {
    await server.stop();
    await slack.close();
  }
}
