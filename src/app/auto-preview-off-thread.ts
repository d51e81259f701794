// A preview over the whole ledger takes seconds of CPU: computed in a worker thread (ADR 170) so
// the bot keeps acknowledging everyone else's clicks meanwhile. The worker opens the database
// file itself; an in-memory database (tests, no file to share) or a worker that cannot start
// computes on this thread instead, with the same result.
import { Worker } from 'node:worker_threads';
import { databaseFilePath } from '../db/client.ts';
import type { AutoCriteriaInput } from '../domain/automatic.ts';
import type { Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import {
  type AutoRunPreview,
  describeRun,
  type SubmitAutoRunInput,
  submitAutoRun,
} from './auto-run.ts';
import type { AppDeps, AppError } from './deps.ts';
import { type PreviewResult, previewAutomaticRun } from './preview-write-off.ts';

export type WorkerAnswer =
  | { readonly ok: true; readonly previewed: PreviewResult }
  | { readonly ok: false; readonly error: AppError };

/** What the worker posts: progress reports (the first at once), then one answer. */
export type WorkerMessage =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'answer'; readonly answer: WorkerAnswer };

/** How far a run has read: `done` of `total` customers. */
export type RunProgress = (done: number, total: number) => void;

/** previewAutomaticRun, computed in a worker when the database is a file. */
export async function previewAutomaticOffThread(
  deps: AppDeps,
  input: AutoCriteriaInput,
  onProgress?: RunProgress,
): Promise<Result<PreviewResult, AppError>> {
  const path = databaseFilePath(deps.database);
  if (path === null) return previewAutomaticRun(deps, input);
  let answer: WorkerAnswer;
  try {
    answer = await previewInWorker(path, input, deps.now().getTime(), onProgress);
  } catch {
    return previewAutomaticRun(deps, input);
  }
  return answer.ok ? ok(answer.previewed) : err(answer.error);
}

export async function previewAutoRunOffThread(
  deps: AppDeps,
  input: AutoCriteriaInput,
  onProgress?: RunProgress,
): Promise<Result<AutoRunPreview, AppError>> {
  const result = await previewAutomaticOffThread(deps, input, onProgress);
  return result.ok ? ok(describeRun(deps, result.value.preview)) : result;
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
): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./auto-preview-worker.mjs', import.meta.url), {
      workerData: { path, input, nowMs },
    });
    let answered = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') {
        onProgress?.(message.done, message.total);
        return;
      }
      answered = true;
      resolve(message.answer);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`preview worker exited with code ${code} and no answer`));
    });
  });
}
