// The preview worker thread (ADR 170): its own connection to the database file, one automatic
// preview, the result posted back (structured clone), connection closed. Reads only.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/client.ts';
import type { AutoCriteriaInput } from '../domain/automatic.ts';
import { previewAutomaticRun } from './preview-write-off.ts';

interface Job {
  readonly path: string;
  readonly input: AutoCriteriaInput;
  readonly nowMs: number;
}

const job = workerData as Job;
const database = openDatabase(job.path);
try {
  const result = previewAutomaticRun({ database, now: () => new Date(job.nowMs) }, job.input);
  parentPort?.postMessage(
    result.ok ? { ok: true, previewed: result.value } : { ok: false, error: result.error },
  );
} finally {
  database.close();
}
