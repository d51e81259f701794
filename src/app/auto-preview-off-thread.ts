// A preview over the whole ledger takes seconds of CPU: computed in a worker thread (ADR 170) so
// the bot keeps acknowledging everyone else's clicks meanwhile. The worker opens the database
// (file or PostgreSQL server) itself; an in-memory database (tests, no file to share) or a worker that cannot start
// computes on this thread instead, with the same result. For the modal the worker also
// describes the run (summary, hash, CSV bytes), so the items never cross to this thread; for a
// submit it sends the preview itself, which the submit transaction stores (ADR 210).
import { Worker } from 'node:worker_threads';
import type { StoreLocation } from '../db/store.ts';
import type { AutoCriteriaInput } from '../domain/automatic.ts';
import type { AppError } from '../domain/request-errors.ts';
import type { Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import { type AutoRunPreview, type SubmitAutoRunInput, submitAutoRun } from './auto-run.ts';
import { describeRunStreamed } from './auto-run-stream.ts';
import type { AppDeps } from './deps.ts';
import { type PreviewResult, previewAutomaticRun } from './preview-write-off.ts';

/** `previewed`: the preview and snapshot (for a submit); `described`: what the modal shows. */
export type WorkerJobKind = 'previewed' | 'described';

export interface WorkerJob {
  readonly kind: WorkerJobKind;
  /** The database the worker opens itself: the file, or the PostgreSQL server (ADR 300). */
  readonly location: StoreLocation;
  readonly input: AutoCriteriaInput;
  readonly nowMs: number;
}

interface Answers {
  readonly previewed: PreviewResult;
  readonly described: AutoRunPreview;
}

export type WorkerAnswer<K extends WorkerJobKind = WorkerJobKind> =
  | { readonly ok: true; readonly value: Answers[K] }
  | { readonly ok: false; readonly error: AppError };

/** What the worker posts: progress reports (the first at once), then one answer. */
export type WorkerMessage =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'answer'; readonly answer: WorkerAnswer };

/**
 * A described run keeps no items, only a customer at a time, so a small heap holds it: the
 * limits make the worker collect garbage early instead of growing the process by a hundred MiB
 * of it (bench 8). A submit's worker keeps the whole preview and gets the default heap.
 */
const DESCRIBE_HEAP_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 };

/** How far a run has read: `done` of `total` customers. */
export type RunProgress = (done: number, total: number) => void;

/** What a worker computes, on this thread: the same code, the same answer. */
export function computeJob<K extends WorkerJobKind>(
  deps: AppDeps,
  kind: K,
  input: AutoCriteriaInput,
  onProgress?: RunProgress,
): Result<Answers[K], AppError> {
  const options = onProgress && { onProgress };
  const result =
    kind === 'previewed'
      ? previewAutomaticRun(deps, input, options)
      : describeRunStreamed(deps, input, options);
  return result as Result<Answers[K], AppError>;
}

async function offThread<K extends WorkerJobKind>(
  deps: AppDeps,
  kind: K,
  input: AutoCriteriaInput,
  onProgress?: RunProgress,
): Promise<Result<Answers[K], AppError>> {
  const location = deps.store.location();
  if (location === null) return computeJob(deps, kind, input);
  let answer: WorkerAnswer<K>;
  try {
    answer = await inWorker({ kind, location, input, nowMs: deps.now().getTime() }, onProgress);
  } catch {
    // The worker could not answer (it failed to start or ran out of its heap): the same job
    // here, still reporting progress so the modal says how far it got.
    return computeJob(deps, kind, input, onProgress);
  }
  return answer.ok ? ok(answer.value) : err(answer.error);
}

/** previewAutomaticRun, computed in a worker when the database is a file. */
export function previewAutomaticOffThread(
  deps: AppDeps,
  input: AutoCriteriaInput,
  onProgress?: RunProgress,
): Promise<Result<PreviewResult, AppError>> {
  return offThread(deps, 'previewed', input, onProgress);
}

/** The run as the modal shows it, with its CSV detail; computed in a worker when it can be. */
export function previewAutoRunOffThread(
  deps: AppDeps,
  input: AutoCriteriaInput,
  onProgress?: RunProgress,
): Promise<Result<AutoRunPreview, AppError>> {
  return offThread(deps, 'described', input, onProgress);
}

/** submitAutoRun with its preview computed off this thread; the submit itself is one transaction. */
export async function submitAutoRunOffThread(
  deps: AppDeps,
  run: SubmitAutoRunInput,
): Promise<ReturnType<typeof submitAutoRun>> {
  const previewed = await previewAutomaticOffThread(deps, run.input);
  return submitAutoRun(deps, run, previewed);
}

export function previewInWorker(
  path: string,
  input: AutoCriteriaInput,
  nowMs: number,
  onProgress?: RunProgress,
): Promise<WorkerAnswer<'previewed'>> {
  return inWorker(
    { kind: 'previewed', location: { kind: 'sqlite', path }, input, nowMs },
    onProgress,
  );
}

function inWorker<K extends WorkerJobKind>(
  job: WorkerJob & { readonly kind: K },
  onProgress?: RunProgress,
): Promise<WorkerAnswer<K>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./auto-preview-worker.mjs', import.meta.url), {
      workerData: job,
      ...(job.kind === 'described' && { resourceLimits: DESCRIBE_HEAP_LIMITS }),
    });
    let answered = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') {
        onProgress?.(message.done, message.total);
        return;
      }
      answered = true;
      resolve(message.answer as WorkerAnswer<K>);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`preview worker exited with code ${code} and no answer`));
    });
  });
}
