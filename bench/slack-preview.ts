// Bench 8: the Slack path of an automatic preview over the same 200k-invoice ledger as bench 3 —
// what happens between the criteria submission and the preview shown: the run in a worker thread
// (ADR 170) that also makes the summary, hash and CSV detail (ADR 210), and the modal view —
// against the engine's preview on the main thread (bench 3's engine row). Each measurement is a
// fresh child process, so its peak RSS (worker included) is its own. Not over HTTP: Slack's part
// (ack, views.update, upload) is small next to the run and is not what varies here.
import { previewAutoRunOffThread } from '../src/app/auto-preview-off-thread.ts';
import { previewAutomaticRun } from '../src/app/preview-write-off.ts';
import { openDatabase } from '../src/db/client.ts';
import { sqliteStore } from '../src/db/sqlite-store.ts';
import { previewStepView } from '../src/slack/flows/auto-run.ts';
import { elapsedMs, isMain, peakRssMib, reportResult, runBenchChild } from './lib/child.ts';
import { type BenchRow, median } from './lib/stats.ts';
import { PREVIEW_RUNS, type PreviewRunName } from './preview.ts';

interface Measured {
  readonly ms: number;
  readonly hash: string;
  readonly csvBytes: number;
  readonly blocks: number;
  readonly peakRssMib: number;
}

const NOW = () => new Date('2026-06-15T14:00:00Z');

async function measureSlackPath(dbPath: string, mode: PreviewRunName): Promise<Measured> {
  const database = openDatabase(dbPath);
  const started = process.hrtime.bigint();
  const result = await previewAutoRunOffThread(
    { store: sqliteStore(database), now: NOW },
    PREVIEW_RUNS[mode],
  );
  if (!result.ok) throw new Error(`preview failed: ${JSON.stringify(result.error)}`);
  const checked = { input: PREVIEW_RUNS[mode], comment: 'bench' };
  const step = { run: result.value, reasons: [], reasonProblem: null };
  const view = previewStepView('bench-draft', checked, step, null, true);
  const ms = elapsedMs(started);
  database.close();
  return {
    ms,
    hash: result.value.hash,
    csvBytes: result.value.csv?.byteLength ?? 0,
    blocks: view.blocks.length,
    peakRssMib: peakRssMib(),
  };
}

function measureEngine(dbPath: string, mode: PreviewRunName): { ms: number } {
  const database = openDatabase(dbPath);
  const started = process.hrtime.bigint();
  const result = previewAutomaticRun(
    { store: sqliteStore(database), now: NOW },
    PREVIEW_RUNS[mode],
  );
  const ms = elapsedMs(started);
  database.close();
  if (!result.ok) throw new Error(`preview failed: ${JSON.stringify(result.error)}`);
  return { ms };
}

export async function runSlackPreviewBench(dbPath: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const mode of Object.keys(PREVIEW_RUNS) as PreviewRunName[]) {
    const slack = [await runBenchChild<Measured>(import.meta.url, ['slack', mode, dbPath])];
    const engine = [await runBenchChild<{ ms: number }>(import.meta.url, ['engine', mode, dbPath])];
    const ms = median(slack.map((m) => m.ms));
    const baseline = median(engine.map((m) => m.ms));
    const first = slack[0] as Measured;
    rows.push({
      bench: `8 slack preview ${mode}`,
      metric: 'criteria → preview view',
      value: ms,
      unit: 'ms',
      baseline,
      ratio: ms / baseline,
      target: 'reported (engine preview as baseline)',
      met: first.blocks <= 50,
      note: `${first.blocks} blocks, CSV ${Math.round(first.csvBytes / 1024)} KiB`,
    });
    rows.push({
      bench: `8 slack preview ${mode}`,
      metric: 'peak RSS',
      value: first.peakRssMib,
      unit: 'MiB',
      target: '≤ 256 MiB',
      met: first.peakRssMib <= 256,
    });
  }
  return rows;
}

if (isMain(import.meta.url)) {
  const [kind, mode, dbPath] = process.argv.slice(2) as [string, PreviewRunName, string];
  if (kind === 'slack') reportResult(await measureSlackPath(dbPath, mode));
  else reportResult(measureEngine(dbPath, mode));
}
