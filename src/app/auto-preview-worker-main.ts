// The preview worker thread (ADR 170): its own connection to the database file, one automatic
// preview with progress reports, the answer posted back (structured clone), connection closed.
// Reads only.
import { parentPort, workerData } from 'node:worker_threads';
import { openStoreAt } from '../db/store.ts';
import { computeJob, type WorkerJob, type WorkerMessage } from './auto-preview-off-thread.ts';

/** Progress is posted at once (the modal says how much there is to read), then at most this often. */
const PROGRESS_EVERY_MS = 250;

const job = workerData as WorkerJob;
const post = (message: WorkerMessage) => parentPort?.postMessage(message);
let lastPostedMs = Number.NEGATIVE_INFINITY;
const onProgress = (done: number, total: number) => {
  const nowMs = Date.now();
  if (nowMs - lastPostedMs < PROGRESS_EVERY_MS) return;
  lastPostedMs = nowMs;
  post({ kind: 'progress', done, total });
};
const store = openStoreAt(job.location);
try {
  const deps = { store, now: () => new Date(job.nowMs) };
  const result = computeJob(deps, job.kind, job.input, onProgress);
  post({ kind: 'answer', answer: result });
} finally {
  store.close();
}
