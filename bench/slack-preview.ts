// Bench 8: the Slack path of an automatic preview over the same 200k-invoice ledger as bench 3 —
// what happens between the criteria submission and the preview shown: the run in a worker thread
// (ADR 170) that also makes the summary, hash and CSV detail (ADR 210), and the modal view —
// against the engine's preview on the main thread: bench 3's engine children themselves when
// bench 3 ran earlier in the same run (the same child, file and mode), else one of them run
// here. Each measurement is a fresh child process, so its peak RSS (worker included) is its
// own. Judged on CPU time of the whole child (both threads; robust on a shared machine, like
// benches 3 and 10), wall time in the note. Not over HTTP: Slack's part (ack, views.update,
// upload) is small next to the run and is not what varies here.
import { previewAutoRunOffThread } from '../src/app/auto-preview-off-thread.ts';
import { openDatabase } from '../src/db/client.ts';
import { sqliteStore } from '../src/db/sqlite-store.ts';
import { previewStepView } from '../src/slack/flows/auto-run.ts';
import {
  earlierResults,
  isMain,
  peakRssMib,
  reportResult,
  runBenchChild,
  startClock,
} from './lib/child.ts';
import { type BenchRow, median } from './lib/stats.ts';
import { PREVIEW_RUNS, type PreviewRunName } from './preview.ts';

const PREVIEW_BENCH = new URL('./preview.ts', import.meta.url).href;

interface Measured {
  readonly ms: number;
  /** User + system CPU time of the whole process (the worker thread included). */
  readonly cpuMs: number;
  readonly hash: string;
  readonly csvBytes: number;
  readonly blocks: number;
  readonly peakRssMib: number;
}

const NOW = () => new Date('2026-06-15T14:00:00Z');

async function measureSlackPath(dbPath: string, mode: PreviewRunName): Promise<Measured> {
  const database = openDatabase(dbPath);
  const stop = startClock();
  const result = await previewAutoRunOffThread(
    { store: sqliteStore(database), now: NOW },
    PREVIEW_RUNS[mode],
  );
  if (!result.ok) throw new Error(`preview failed: ${JSON.stringify(result.error)}`);
  const checked = { input: PREVIEW_RUNS[mode], comment: 'bench' };
  const step = { run: result.value, reasons: [], reasonProblem: null };
  const view = previewStepView('bench-draft', checked, step, null, true);
  const { ms, cpuMs } = stop();
  database.close();
  return {
    ms,
    cpuMs,
    hash: result.value.hash,
    csvBytes: result.value.csv?.byteLength ?? 0,
    blocks: view.blocks.length,
    peakRssMib: peakRssMib(),
  };
}

/** Bench 3's engine child for `mode` (its `Measured`: wall and CPU time of the call). */
interface EngineMeasured {
  readonly ms: number;
  readonly cpuMs: number;
}

async function enginePreviews(dbPath: string, mode: PreviewRunName): Promise<EngineMeasured[]> {
  const args = ['engine', mode, dbPath];
  const earlier = earlierResults<EngineMeasured>(PREVIEW_BENCH, args);
  return earlier.length > 0 ? earlier : [await runBenchChild<EngineMeasured>(PREVIEW_BENCH, args)];
}

/**
 * `bench3`: settles when bench 3 has run in this run (its engine children are then the
 * baseline); the Slack paths are measured meanwhile, side by side with it.
 */
export async function runSlackPreviewBench(
  dbPath: string,
  bench3?: Promise<unknown>,
): Promise<BenchRow[]> {
  const modes = Object.keys(PREVIEW_RUNS) as PreviewRunName[];
  const slack: Measured[] = [];
  for (const mode of modes) {
    slack.push(await runBenchChild<Measured>(import.meta.url, ['slack', mode, dbPath]));
  }
  await bench3;
  const rows: BenchRow[] = [];
  for (const [i, mode] of modes.entries()) {
    const first = slack[i] as Measured;
    const engine = await enginePreviews(dbPath, mode);
    const baseline = median(engine.map((m) => m.cpuMs));
    const wall = `wall ${Math.round(first.ms)} vs ${Math.round(median(engine.map((m) => m.ms)))} ms`;
    rows.push({
      bench: `8 slack preview ${mode}`,
      metric: 'criteria → preview view, CPU time',
      value: first.cpuMs,
      unit: 'ms',
      baseline,
      ratio: first.cpuMs / baseline,
      target: 'reported (engine preview as baseline)',
      met: first.blocks <= 50,
      note: `${first.blocks} blocks, CSV ${Math.round(first.csvBytes / 1024)} KiB; ${wall}; baseline: median of ${engine.length} engine preview(s) in bench 3's child`,
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
}
