// A preview over the whole ledger takes seconds of CPU: computed in a worker thread (ADR 170) so
// the bot keeps acknowledging everyone else's clicks meanwhile. The worker opens the database
// file itself; an in-memory database (tests, no file to share) or a worker that cannot start
// computes on this thread instead, with the same result.
import { Worker } from 'node:worker_threads';
import { databaseFilePath } from '../db/client.ts';
import type { AutoCriteriaInput } from '../domain/automatic.ts';
import type { Preview, Result } from '../domain/types.ts';
import { err, ok } from '../domain/types.ts';
import { type AutoRunPreview, describeRun, previewAutoRun } from './auto-run.ts';
import type { AppDeps, AppError } from './deps.ts';

export type WorkerAnswer =
  | { readonly ok: true; readonly preview: Preview }
  | { readonly ok: false; readonly error: AppError };

export async function previewAutoRunOffThread(
  deps: AppDeps,
  input: AutoCriteriaInput,
): Promise<Result<AutoRunPreview, AppError>> {
  const path = databaseFilePath(deps.database);
  if (path === null) return previewAutoRun(deps, input);
  let answer: WorkerAnswer;
  try {
    answer = await previewInWorker(path, input, deps.now().getTime());
  } catch {
    return previewAutoRun(deps, input);
  }
  if (!answer.ok) return err(answer.error);
  return ok(describeRun(deps, answer.preview));
}

export function previewInWorker(
  path: string,
  input: AutoCriteriaInput,
  nowMs: number,
): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./auto-preview-worker.mjs', import.meta.url), {
      workerData: { path, input, nowMs },
    });
    let answered = false;
    worker.once('message', (message: WorkerAnswer) => {
      answered = true;
      resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`preview worker exited with code ${code} and no answer`));
    });
  });
}
