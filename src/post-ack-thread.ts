// Starts the post-ack thread (ADR 201) for the composition root and gives the Slack layer its
// dispatcher. Until the thread says it is ready, and after it failed, `ready()` is false and the
// listeners run on the main thread as before: nothing is lost, it is only slower.
import { Worker } from 'node:worker_threads';
import type { Logger } from '@slack/bolt';
import type { StoreLocation } from './db/store.ts';
import type { PostAckDispatcher } from './slack/post-ack.ts';
import type { ReachabilityChange } from './slack/reachability.ts';
import type { HandedOverRequest } from './slack/telemetry.ts';
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

/**
 * From the thread: it is ready, the Web API calls it made since its last such message, Slack
 * stopped or started answering its calls, or its log lines are written (asked before it stops).
 */
export type PostAckMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'reachability'; readonly change: ReachabilityChange }
  | { readonly kind: 'api-calls'; readonly counts: readonly ApiCallCount[] }
  | { readonly kind: 'flushed' };

/** To the thread: write the log lines you hold (pino batches them, telemetry/logger.ts). */
export interface FlushLog {
  readonly kind: 'flush';
}

/** How long a stop waits for the thread's last log lines before it ends the thread anyway. */
const FLUSH_BEFORE_STOP_MS = 1000;

/** What the main thread posts to the thread for each handed-over interaction. */
export interface HandedOver {
  readonly body: Record<string, unknown>;
  /** Absent when a test dispatches a body directly: the thread then gives it an id of its own. */
  readonly request?: HandedOverRequest;
  readonly dispatchedAtMs: number;
}

export interface RunningPostAck extends PostAckDispatcher {
  /** `dispatchedAtMs`: when the main thread acknowledged it (now, unless a test says otherwise). */
  dispatch(body: unknown, request?: HandedOverRequest, dispatchedAtMs?: number): void;
  stop(): Promise<void>;
}

export function startPostAckThread(
  data: PostAckWorkerData,
  hooks: {
    readonly logger: Logger;
    readonly metrics?: Metrics;
    /** The main thread's SlackReachability: it says an outage the thread met (once per process). */
    readonly reachability?: { heard(change: ReachabilityChange): void };
  },
): RunningPostAck {
  const worker = new Worker(new URL('./post-ack-worker.mjs', import.meta.url), {
    workerData: data,
  });
  let state: 'starting' | 'ready' | 'gone' = 'starting';
  let onFlushed = () => {};
  worker.on('message', (message: PostAckMessage) => {
    if (message.kind === 'ready') state = 'ready';
    else if (message.kind === 'flushed') onFlushed();
    else if (message.kind === 'reachability') hooks.reachability?.heard(message.change);
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
    dispatch: (body, request, dispatchedAtMs = Date.now()) =>
      worker.postMessage({ body, request, dispatchedAtMs }),
    stop: async () => {
      const running = state !== 'gone';
      state = 'gone';
      // The thread writes the log line of every request it worked on (ADR 330): those it still
      // holds in pino's batch are written before it ends.
      if (running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, FLUSH_BEFORE_STOP_MS);
          onFlushed = () => {
            clearTimeout(timer);
            resolve();
          };
          worker.postMessage({ kind: 'flush' } satisfies FlushLog);
        });
      }
      await worker.terminate();
    },
  };
}

function countApiCalls(counts: readonly ApiCallCount[], metrics: Metrics | undefined): void {
  for (const { method, outcome, n } of counts) {
    for (let i = 0; i < n; i += 1) metrics?.countWebApiCall(method, outcome);
  }
}
