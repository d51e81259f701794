// Starts the post-ack thread (ADR 201) for the composition root and gives the Slack layer its
// dispatcher. Until the thread says it is ready, and after it failed, `ready()` is false and the
// listeners run on the main thread as before: nothing is lost, it is only slower.
import { Worker } from 'node:worker_threads';
import type { Logger } from '@slack/bolt';
import type { StoreLocation } from './db/store.ts';
import type { PostAckDispatcher } from './slack/post-ack.ts';
import type { Metrics } from './telemetry/metrics.ts';

export interface PostAckWorkerData {
  /** The database this thread opens itself: the file or the PostgreSQL server (ADR 300). */
  readonly location: StoreLocation;
  readonly botToken: string;
  readonly slackApiUrl: string;
  readonly approvalsChannel: string;
  readonly admins: readonly string[];
  readonly pretty: boolean;
}

/** Web API calls the thread made, by method and outcome (counted on /metrics here). */
export interface ApiCallCount {
  readonly method: string;
  readonly outcome: 'ok' | 'error';
  readonly n: number;
}

/** From the thread: it is ready, or the Web API calls it made since its last such message. */
export type PostAckMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'api-calls'; readonly counts: readonly ApiCallCount[] };

export interface RunningPostAck extends PostAckDispatcher {
  /** `dispatchedAtMs`: when the main thread acknowledged it (now, unless a test says otherwise). */
  dispatch(body: unknown, dispatchedAtMs?: number): void;
  stop(): Promise<void>;
}

export function startPostAckThread(
  data: PostAckWorkerData,
  hooks: { readonly logger: Logger; readonly metrics?: Metrics },
): RunningPostAck {
  const worker = new Worker(new URL('./post-ack-worker.mjs', import.meta.url), {
    workerData: data,
  });
  let state: 'starting' | 'ready' | 'gone' = 'starting';
  worker.on('message', (message: PostAckMessage) => {
    if (message.kind === 'ready') state = 'ready';
    else countApiCalls(message.counts, hooks.metrics);
  });
  worker.on('error', (error) => {
    state = 'gone';
    hooks.logger.error(
      'the post-ack thread failed; interactions run on the main thread now',
      error,
    );
  });
  worker.on('exit', () => {
    state = 'gone';
  });
  return {
    ready: () => state === 'ready',
    dispatch: (body, dispatchedAtMs = Date.now()) => worker.postMessage({ body, dispatchedAtMs }),
    stop: async () => {
      state = 'gone';
      await worker.terminate();
    },
  };
}

function countApiCalls(counts: readonly ApiCallCount[], metrics: Metrics | undefined): void {
  for (const { method, outcome, n } of counts) {
    for (let i = 0; i < n; i += 1) metrics?.countWebApiCall(method, outcome);
  }
}
